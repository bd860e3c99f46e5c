"""Autosaved wizard drafts in the database: owners, team workspaces, versions that catch a stale tab's save."""
from __future__ import annotations

import json
import threading
import uuid
from dataclasses import asdict, dataclass, replace
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, and_, delete, insert, or_, select, update

from ..db import Database
from ..db.schema import drafts as _drafts
from ..db.schema import members as _members
from ..errors import CocreateError, InputError
from ..bilingual import Bilingual
from .content import WIZARDS

MAX_DATA_BYTES = 1024 * 1024
MAX_TITLE = 500


@dataclass(frozen=True)
class Draft:
    id: str  # uuid4 hex
    kind: str  # a wizard id
    title: str
    data: dict[str, Any]
    step: str
    created: str  # ISO 8601, UTC
    updated: str
    owner: str = ""  # the signed-in author ("" when nobody signs in)
    workspace: str | None = None  # the team that shares it
    version: int = 1  # +1 on every save


class DraftConflict(CocreateError):
    """A save based on an older version than the stored one (another tab or person saved in between)."""

    def __init__(self, theirs: Draft, mine: dict[str, Any], expected: int) -> None:
        super().__init__(
            f"Kladden blev gemt et andet sted (version {theirs.version}) efter den version, du redigerer (version {expected}). / "
            f"The draft was saved elsewhere (version {theirs.version}) after the version you are editing (version {expected})."
        )
        self.theirs = theirs  # what is stored now
        self.mine = mine  # the fields this save tried to write
        self.expected = expected


class DraftStore:
    """Drafts of every wizard; ``for_user`` gives the view one signed-in person may see and change."""

    def __init__(self, db: Database | Path | str, user: str | None = None) -> None:
        self.db = db if isinstance(db, Database) else Database(f"sqlite:///{db}" if isinstance(db, Path) or "://" not in str(db) else str(db))
        self.user = user  # None: single-user mode, every draft is visible (as on one person's machine)

    @property
    def path(self) -> Path | None:
        return self.db.path

    @property
    def recovered_from(self) -> Path | None:
        return self.db.recovered_from

    def for_user(self, user: str | None) -> "DraftStore":
        """The same drafts as seen by ``user``: their own and their teams' (None: all, the single-user default)."""
        view = DraftStore.__new__(DraftStore)
        view.db, view.user = self.db, user
        return view

    # -- public API ------------------------------------------------------------------------------------
    def create(self, kind: str, title: str = "", data: dict[str, Any] | None = None, step: str = "", workspace: str | None = None) -> Draft:
        """A new draft of a wizard, owned by this view's user; InputError for an unknown kind or unusable data."""
        if kind not in WIZARDS:
            raise InputError(f"Unknown draft kind {kind!r}; choose from: {', '.join(WIZARDS)}.")
        payload = _encode({} if data is None else data)
        now = _now()
        draft = Draft(uuid.uuid4().hex, kind, _title(title), json.loads(payload), str(step or ""), now, now, self.user or "", workspace or None, 1)

        def run(conn: Connection) -> None:
            if workspace:
                self._require_member(conn, workspace)
            conn.execute(insert(_drafts).values(**_values(draft, payload)))

        self.db.run(run)
        return draft

    def save(
        self,
        draft_id: str,
        *,
        data: dict[str, Any] | None = None,
        title: str | None = None,
        step: str | None = None,
        expected_version: int | None = None,
    ) -> Draft:
        """Update only the given fields.

        Args:
            expected_version: the version the caller edited; a newer stored one raises DraftConflict instead of
                being overwritten. Without it, the fields are merged into whatever is stored.

        Raises KeyError for an id this user cannot see, InputError for unusable data, DatabaseUnavailable.
        """
        payload = _encode(data) if data is not None else None
        new_title = _title(title) if title is not None else None
        mine = {k: v for k, v in (("data", data), ("title", new_title), ("step", step)) if v is not None}

        def run(conn: Connection) -> Draft | None:
            current = self._fetch(conn, draft_id)
            if expected_version is not None and current.version != expected_version:
                raise DraftConflict(current, mine, expected_version)
            saved = replace(
                current,
                title=new_title if new_title is not None else current.title,
                data=json.loads(payload) if payload is not None else current.data,
                step=str(step) if step is not None else current.step,
                updated=_now(after=current.updated),
                version=current.version + 1,
            )
            result = conn.execute(
                update(_drafts)
                .where(and_(_drafts.c.id == draft_id, _drafts.c.version == current.version))
                .values(title=saved.title, data=payload if payload is not None else _encode(current.data), step=saved.step,
                        updated=saved.updated, version=saved.version)
            )
            return saved if result.rowcount == 1 else None  # another writer got in between: read again

        for _ in range(50):
            saved = self.db.run(run)
            if saved is not None:
                return saved
        raise DraftConflict(self.get(draft_id), mine, expected_version or 0)

    def get(self, draft_id: str) -> Draft:
        """One draft; KeyError if there is none with this id that this user may see."""
        return self.db.run(lambda conn: self._fetch(conn, draft_id))

    def list(self, kind: str | None = None) -> list[Draft]:
        """The drafts this user may see (or those of one wizard), most recently updated first."""
        query = select(_drafts).where(self._visible())
        if kind:
            query = query.where(_drafts.c.kind == kind)
        query = query.order_by(_drafts.c.updated.desc(), _drafts.c.created.desc(), _drafts.c.id)
        return self.db.run(lambda conn: [_row(r) for r in conn.execute(query).mappings()])

    def duplicate(self, draft_id: str, suffix: str = "(kopi)") -> Draft:
        """A copy of a draft, titled "<title> (kopi)" (``suffix`` in the user's language), owned by this user."""
        source = self.get(draft_id)
        title = f"{source.title} {suffix}" if source.title else suffix
        workspace = source.workspace if self.user is None or source.owner == self.user else None
        return self.create(source.kind, title[:MAX_TITLE], source.data, source.step, workspace=workspace)

    def is_author(self, draft: Draft) -> bool:
        """Whether this store's user may delete or share ``draft`` (anyone may when nobody signs in)."""
        return self.user is None or draft.owner in ("", self.user)

    def delete(self, draft_id: str) -> None:
        """Remove a draft; deleting one that does not exist is not an error; only its author may delete a team's draft."""

        def run(conn: Connection) -> None:
            try:
                current = self._fetch(conn, draft_id)
            except KeyError:
                return
            if self.user is not None and current.owner not in ("", self.user):
                raise InputError(Bilingual(da="Kun forfatteren kan slette en teamkladde.", en="Only its author can delete a team's draft."))
            conn.execute(delete(_drafts).where(_drafts.c.id == draft_id))

        self.db.run(run)

    def share(self, draft_id: str, workspace: str | None) -> Draft:
        """Share a draft with a team this user belongs to (None: private again); only its author may."""

        def run(conn: Connection) -> Draft:
            current = self._fetch(conn, draft_id)
            if self.user is not None and current.owner not in ("", self.user):
                raise InputError(Bilingual(da="Kun forfatteren kan dele kladden.", en="Only its author can share the draft."))
            if workspace:
                self._require_member(conn, workspace)
            conn.execute(update(_drafts).where(_drafts.c.id == draft_id).values(workspace=workspace or None))
            return replace(current, workspace=workspace or None)

        return self.db.run(run)

    def export_json(self) -> str:
        """The drafts this user may see, as JSON, for backup (read back with :meth:`import_json`)."""
        drafts = [asdict(d) for d in self.list()]
        return json.dumps({"format": "cocreate-drafts", "version": 1, "exported": _now(), "drafts": drafts}, ensure_ascii=False, indent=1)

    def import_json(self, text: str) -> int:
        """Restore drafts from :meth:`export_json` output; a draft replaces a stored one only if newer.

        Returns:
            The number of drafts written. Raises InputError when the text is not such a backup.
        """
        try:
            doc = json.loads(text)
            drafts = [Draft(**d) for d in doc["drafts"]] if doc.get("format") == "cocreate-drafts" else None
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            raise InputError(f"Not a cocreate drafts backup: {exc}") from exc
        if drafts is None:
            raise InputError("Not a cocreate drafts backup (missing format marker).")
        for d in drafts:
            if d.kind not in WIZARDS or not isinstance(d.data, dict):
                raise InputError(f"Draft {d.id!r} in the backup has an unknown kind or invalid data.")
        return self.db.run(lambda conn: write_newer(conn, drafts, self.user))

    # -- internals -------------------------------------------------------------------------------------
    def _visible(self) -> Any:
        if self.user is None:
            return _drafts.c.id.is_not(None)
        teams = select(_members.c.workspace).where(_members.c.user == self.user)
        return or_(_drafts.c.owner == self.user, _drafts.c.workspace.in_(teams))

    def _fetch(self, conn: Connection, draft_id: str) -> Draft:
        row = conn.execute(select(_drafts).where(and_(_drafts.c.id == str(draft_id), self._visible()))).mappings().first()
        if row is None:
            raise KeyError(f"No draft with id {draft_id!r}.")
        return _row(row)

    def _require_member(self, conn: Connection, workspace: str) -> None:
        if self.user is None:
            return
        found = conn.execute(select(_members.c.user).where(and_(_members.c.workspace == workspace, _members.c.user == self.user))).first()
        if found is None:
            raise InputError(Bilingual(da="Du er ikke medlem af det team.", en="You are not a member of that team."))


def write_newer(conn: Connection, drafts: list[Draft], owner: str | None = None) -> int:
    """Insert each draft, or replace a stored one with the same id when this one is newer; the number written."""
    written = 0
    for d in drafts:
        stored = conn.execute(select(_drafts.c.updated, _drafts.c.owner, _drafts.c.version).where(_drafts.c.id == d.id)).first()
        if stored is not None:
            if owner is not None and stored.owner not in ("", owner):
                continue  # someone else's draft is never replaced from a backup
            claiming = bool(owner) and stored.owner == ""  # a draft from before sign-in, restored by a signed-in user
            if stored.updated >= d.updated and not claiming:
                continue
        draft = replace(d, title=_title(d.title), owner=owner if owner is not None else d.owner,
                        version=max(d.version, stored.version + 1 if stored is not None else 1))
        values = _values(draft, _encode(d.data))
        if stored is None:
            conn.execute(insert(_drafts).values(**values))
        else:
            conn.execute(update(_drafts).where(_drafts.c.id == d.id).values(**values))
        written += 1
    return written


def backup_size(text: str) -> int:
    """How many drafts a backup made by :meth:`DraftStore.export_json` holds (0 when it is not one)."""
    try:
        drafts = json.loads(text).get("drafts")
    except (ValueError, AttributeError):
        return 0
    return len(drafts) if isinstance(drafts, list) else 0


def _values(draft: Draft, payload: str) -> dict[str, Any]:
    return {"id": draft.id, "kind": draft.kind, "title": draft.title, "data": payload, "step": draft.step, "created": draft.created,
            "updated": draft.updated, "owner": draft.owner, "workspace": draft.workspace, "version": draft.version}


def _row(row: Any) -> Draft:
    try:
        data = json.loads(row["data"])
    except ValueError:
        data = {}
    return Draft(row["id"], row["kind"], row["title"], data if isinstance(data, dict) else {}, row["step"], row["created"], row["updated"],
                 row["owner"] or "", row["workspace"], int(row["version"] or 1))


def _encode(data: Any) -> str:
    if not isinstance(data, dict):
        raise InputError(f"Draft data must be a dict, not {type(data).__name__}.")
    try:
        text = json.dumps(data, ensure_ascii=False, allow_nan=False, sort_keys=True)
    except (TypeError, ValueError) as exc:
        raise InputError(f"Draft data must be JSON-serialisable: {exc}") from exc
    size = len(text.encode("utf-8"))
    if size > MAX_DATA_BYTES:
        raise InputError(
            f"Kladden fylder {size:,} bytes; grænsen er {MAX_DATA_BYTES:,} bytes (1 MB). / "
            f"Draft data is {size:,} bytes; the limit is {MAX_DATA_BYTES:,} bytes (1 MB)."
        )
    return text


def _title(title: str) -> str:
    title = str(title or "").strip()
    if len(title) > MAX_TITLE:
        raise InputError(Bilingual(da=f"Titlen er {len(title)} tegn lang; grænsen er {MAX_TITLE}.", en=f"The title is {len(title)} characters long; the limit is {MAX_TITLE}."))
    return title


_clock_lock = threading.Lock()
_last_time = datetime.min.replace(tzinfo=timezone.utc)


def _now(after: str | None = None) -> str:
    """ISO UTC with microseconds, strictly increasing in this process and later than ``after``."""
    global _last_time
    with _clock_lock:
        now = max(datetime.now(timezone.utc), _last_time + timedelta(microseconds=1))
        if after:
            try:
                now = max(now, datetime.fromisoformat(after) + timedelta(microseconds=1))
            except ValueError:
                pass
        _last_time = now
    return now.isoformat(timespec="microseconds")
