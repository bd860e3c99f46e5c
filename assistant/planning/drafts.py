"""Autosaved wizard drafts in SQLite: thread-safe, survive restarts, and a damaged file never crashes the app."""
from __future__ import annotations

import json
import logging
import sqlite3
import threading
import uuid
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Callable, Iterator, TypeVar

from ..errors import InputError, StoreError
from .content import WIZARDS

MAX_DATA_BYTES = 1024 * 1024
MAX_TITLE = 500
_T = TypeVar("_T")
_log = logging.getLogger(__name__)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS drafts (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    data TEXT NOT NULL,
    step TEXT NOT NULL,
    created TEXT NOT NULL,
    updated TEXT NOT NULL
)
"""
_CORRUPT = ("file is not a database", "malformed", "disk image", "database corrupt", "unsupported file format")


@dataclass(frozen=True)
class Draft:
    id: str  # uuid4 hex
    kind: str  # a wizard id
    title: str
    data: dict[str, Any]
    step: str
    created: str  # ISO 8601, UTC
    updated: str


class DraftStore:
    """Drafts of every wizard in one SQLite file (WAL mode; one connection per call, behind a lock)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.recovered_from: Path | None = None  # where a damaged file was moved, if one was
        self._lock = threading.RLock()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._lock:
            try:
                self._init_db()
            except sqlite3.DatabaseError as exc:
                self._move_aside(exc)
                self._init_db()

    # -- public API ------------------------------------------------------------------------------------
    def create(self, kind: str, title: str = "", data: dict[str, Any] | None = None, step: str = "") -> Draft:
        """A new draft of a wizard; ValueError for an unknown kind or unusable data."""
        if kind not in WIZARDS:
            raise InputError(f"Unknown draft kind {kind!r}; choose from: {', '.join(WIZARDS)}.")
        payload = _encode({} if data is None else data)
        now = _now()
        draft = Draft(uuid.uuid4().hex, kind, _title(title), json.loads(payload), str(step or ""), now, now)

        def run(conn: sqlite3.Connection) -> None:
            conn.execute(
                "INSERT INTO drafts (id, kind, title, data, step, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (draft.id, draft.kind, draft.title, payload, draft.step, draft.created, draft.updated),
            )

        self._run(run)
        return draft

    def save(self, draft_id: str, *, data: dict[str, Any] | None = None, title: str | None = None, step: str | None = None) -> Draft:
        """Autosave: update only the given fields. KeyError for an unknown id; ValueError for unusable data."""
        payload = _encode(data) if data is not None else None
        new_title = _title(title) if title is not None else None

        def run(conn: sqlite3.Connection) -> Draft:
            conn.execute("BEGIN IMMEDIATE")
            current = self._fetch(conn, draft_id)
            updated = Draft(
                id=current.id,
                kind=current.kind,
                title=new_title if new_title is not None else current.title,
                data=json.loads(payload) if payload is not None else current.data,
                step=str(step) if step is not None else current.step,
                created=current.created,
                updated=_now(after=current.updated),
            )
            conn.execute(
                "UPDATE drafts SET title = ?, data = ?, step = ?, updated = ? WHERE id = ?",
                (updated.title, payload if payload is not None else _encode(current.data), updated.step, updated.updated, draft_id),
            )
            return updated

        return self._run(run)

    def get(self, draft_id: str) -> Draft:
        """One draft; KeyError if there is none with this id."""
        return self._run(lambda conn: self._fetch(conn, draft_id))

    def list(self, kind: str | None = None) -> list[Draft]:
        """All drafts (or those of one wizard), most recently updated first."""
        query = "SELECT * FROM drafts" + (" WHERE kind = ?" if kind else "") + " ORDER BY updated DESC, created DESC, id"
        return self._run(lambda conn: [_row(r) for r in conn.execute(query, (kind,) if kind else ())])

    def duplicate(self, draft_id: str, suffix: str = "(kopi)") -> Draft:
        """A copy of a draft, titled "<title> (kopi)" (``suffix`` in the user's language)."""
        source = self.get(draft_id)
        title = f"{source.title} {suffix}" if source.title else suffix
        return self.create(source.kind, title[:MAX_TITLE], source.data, source.step)

    def delete(self, draft_id: str) -> None:
        """Remove a draft; deleting one that does not exist is not an error."""
        self._run(lambda conn: conn.execute("DELETE FROM drafts WHERE id = ?", (draft_id,)))

    def export_json(self) -> str:
        """All drafts as JSON, for backup (read back with :meth:`import_json`)."""
        drafts = [asdict(d) for d in self.list()]
        return json.dumps({"format": "cocreate-drafts", "version": 1, "exported": _now(), "drafts": drafts}, ensure_ascii=False, indent=1)

    def import_json(self, text: str) -> int:
        """Restore drafts from :meth:`export_json` output; a draft replaces a stored one only if newer.

        Returns:
            The number of drafts written. Raises ValueError when the text is not such a backup.
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

        def run(conn: sqlite3.Connection) -> int:
            conn.execute("BEGIN IMMEDIATE")
            written = 0
            for d in drafts:
                row = conn.execute("SELECT updated FROM drafts WHERE id = ?", (d.id,)).fetchone()
                if row is None or row[0] < d.updated:
                    conn.execute(
                        "INSERT OR REPLACE INTO drafts (id, kind, title, data, step, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?)",
                        (d.id, d.kind, _title(d.title), _encode(d.data), d.step, d.created, d.updated),
                    )
                    written += 1
            return written

        return self._run(run)

    # -- internals -------------------------------------------------------------------------------------
    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        conn = sqlite3.connect(self.path, timeout=10, isolation_level=None, check_same_thread=False)
        try:
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA busy_timeout = 10000")
            yield conn
        finally:
            conn.close()

    def _init_db(self) -> None:
        with self._connect() as conn:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute(_SCHEMA)
            conn.execute("CREATE INDEX IF NOT EXISTS drafts_updated ON drafts (updated)")
            result = conn.execute("PRAGMA quick_check").fetchone()
            if result is None or result[0] != "ok":
                raise sqlite3.DatabaseError(f"database disk image is malformed ({result[0] if result else 'no result'})")

    def _run(self, fn: Callable[[sqlite3.Connection], _T]) -> _T:
        with self._lock:
            for attempt in (1, 2):
                try:
                    with self._connect() as conn:
                        try:
                            result = fn(conn)
                            if conn.in_transaction:
                                conn.execute("COMMIT")
                            return result
                        except BaseException:
                            if conn.in_transaction:
                                conn.execute("ROLLBACK")
                            raise
                except sqlite3.DatabaseError as exc:
                    if attempt == 1 and any(marker in str(exc).lower() for marker in _CORRUPT):
                        self._move_aside(exc)
                        self._init_db()
                        continue
                    raise StoreError(f"The drafts database {self.path} cannot be used: {exc}") from exc
        raise AssertionError("unreachable")

    def _move_aside(self, exc: Exception) -> None:
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
        target = self.path.with_name(f"{self.path.name}.damaged-{stamp}")
        if self.path.exists():
            self.path.replace(target)
            self.recovered_from = target
        for suffix in ("-wal", "-shm"):
            side = self.path.with_name(self.path.name + suffix)
            if side.exists():
                side.replace(target.with_name(target.name + suffix))
        _log.warning("Drafts database %s was damaged (%s); moved it to %s and started a new one.", self.path, exc, target)

    @staticmethod
    def _fetch(conn: sqlite3.Connection, draft_id: str) -> Draft:
        row = conn.execute("SELECT * FROM drafts WHERE id = ?", (draft_id,)).fetchone()
        if row is None:
            raise KeyError(f"No draft with id {draft_id!r}.")
        return _row(row)


def backup_size(text: str) -> int:
    """How many drafts a backup made by :meth:`DraftStore.export_json` holds (0 when it is not one)."""
    try:
        drafts = json.loads(text).get("drafts")
    except (ValueError, AttributeError):
        return 0
    return len(drafts) if isinstance(drafts, list) else 0


def _row(row: sqlite3.Row) -> Draft:
    try:
        data = json.loads(row["data"])
    except ValueError:
        data = {}
    return Draft(row["id"], row["kind"], row["title"], data if isinstance(data, dict) else {}, row["step"], row["created"], row["updated"])


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
        raise InputError(f"Titlen er {len(title)} tegn lang; grænsen er {MAX_TITLE}. / The title is {len(title)} characters long; the limit is {MAX_TITLE}.")
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
