"""Teams (workspaces) for a shared deployment: who belongs, and the identity profiles members chose to share."""
from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import Connection, and_, delete, insert, select, update

from .db import Database
from .db.schema import drafts as _drafts
from .db.schema import members as _members
from .db.schema import workspaces as _workspaces
from .bilingual import Bilingual
from .errors import InputError

MAX_NAME = 200


@dataclass(frozen=True)
class Workspace:
    id: str  # also the invitation code: whoever has it may join
    name: str
    created_by: str


@dataclass(frozen=True)
class Member:
    user: str
    name: str
    profile_draft: str | None  # the identity draft shared with the team, None when the member shares none


@dataclass(frozen=True)
class SharedProfile:
    user: str
    name: str
    ratings: dict[str, int]  # the member's saved self-assessment, statement id -> 1..5


class WorkspaceStore:
    """Workspaces and members in the drafts database."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def create(self, name: str, user: str, display_name: str = "") -> Workspace:
        """A new team with ``user`` as its first member; InputError for an empty or overlong name."""
        name = " ".join(str(name or "").split())
        if not name or len(name) > MAX_NAME:
            raise InputError(Bilingual(da=f"Giv teamet et navn på 1–{MAX_NAME} tegn.", en=f"Give the team a name of 1–{MAX_NAME} characters."))
        workspace = Workspace(secrets.token_urlsafe(12), name, _user(user))

        def run(conn: Connection) -> None:
            conn.execute(insert(_workspaces).values(id=workspace.id, name=name, created_by=workspace.created_by, created=_now()))
            conn.execute(insert(_members).values(workspace=workspace.id, user=workspace.created_by, name=_name(display_name), joined=_now(),
                                                 shares_profile=False))

        self.db.run(run)
        return workspace

    def join(self, code: str, user: str, display_name: str = "") -> Workspace:
        """Join the team whose invitation code this is (joining twice changes nothing); InputError for an unknown code."""
        code, user = str(code or "").strip(), _user(user)

        def run(conn: Connection) -> Workspace:
            row = conn.execute(select(_workspaces).where(_workspaces.c.id == code)).mappings().first()
            if row is None:
                raise InputError(Bilingual(da="Ingen team har den invitationskode.", en="No team has that invitation code."))
            known = conn.execute(select(_members.c.user).where(and_(_members.c.workspace == code, _members.c.user == user))).first()
            if known is None:
                conn.execute(insert(_members).values(workspace=code, user=user, name=_name(display_name), joined=_now(), shares_profile=False))
            return Workspace(row["id"], row["name"], row["created_by"])

        return self.db.run(run)

    def leave(self, workspace: str, user: str) -> None:
        """Leave a team; the drafts shared with it stay with their authors."""
        self.db.run(lambda conn: conn.execute(delete(_members).where(and_(_members.c.workspace == workspace, _members.c.user == user))))

    def of_user(self, user: str) -> list[Workspace]:
        """The teams ``user`` belongs to, by name."""
        query = (select(_workspaces).join(_members, _members.c.workspace == _workspaces.c.id)
                 .where(_members.c.user == user).order_by(_workspaces.c.name, _workspaces.c.id))
        return self.db.run(lambda conn: [Workspace(r["id"], r["name"], r["created_by"]) for r in conn.execute(query).mappings()])

    def members(self, workspace: str, user: str) -> list[Member]:
        """The team's members, for one of them; InputError for anyone else."""

        def run(conn: Connection) -> list[Member]:
            _require_member(conn, workspace, user)
            rows = conn.execute(select(_members).where(_members.c.workspace == workspace).order_by(_members.c.joined)).mappings()
            return [Member(r["user"], r["name"] or r["user"], r["profile_draft"] if r["shares_profile"] else None) for r in rows]

        return self.db.run(run)

    def share_profile(self, workspace: str, user: str, draft_id: str | None) -> None:
        """Consent: share one of the user's own identity drafts with the team (None withdraws it)."""

        def run(conn: Connection) -> None:
            _require_member(conn, workspace, user)
            if draft_id is not None:
                owned = conn.execute(select(_drafts.c.kind).where(and_(_drafts.c.id == draft_id, _drafts.c.owner == user))).scalar()
                if owned != "identity":
                    raise InputError(Bilingual(da="Kun din egen profil kan deles.", en="Only your own identity profile can be shared."))
            conn.execute(update(_members).where(and_(_members.c.workspace == workspace, _members.c.user == user))
                         .values(profile_draft=draft_id, shares_profile=draft_id is not None))

        self.db.run(run)

    def shared_profiles(self, workspace: str, user: str) -> list[SharedProfile]:
        """The saved self-assessments of the members who share one, read now (a member's later edits count)."""

        def run(conn: Connection) -> list[SharedProfile]:
            _require_member(conn, workspace, user)
            query = (select(_members.c.user, _members.c.name, _drafts.c.data)
                     .join(_drafts, and_(_drafts.c.id == _members.c.profile_draft, _drafts.c.owner == _members.c.user))
                     .where(and_(_members.c.workspace == workspace, _members.c.shares_profile.is_(True))).order_by(_members.c.joined))
            out = []
            for row in conn.execute(query).mappings():
                try:
                    data: Any = json.loads(row["data"])
                except ValueError:
                    continue
                ratings = data.get("ratings") if isinstance(data, dict) else None
                if isinstance(ratings, dict):
                    clean = {str(k): int(v) for k, v in ratings.items() if isinstance(v, int) and 1 <= v <= 5}
                    out.append(SharedProfile(row["user"], row["name"] or row["user"], clean))
            return out

        return self.db.run(run)


def _require_member(conn: Connection, workspace: str, user: str) -> None:
    found = conn.execute(select(_members.c.user).where(and_(_members.c.workspace == workspace, _members.c.user == user))).first()
    if found is None:
        raise InputError(Bilingual(da="Du er ikke medlem af det team.", en="You are not a member of that team."))


def _user(user: str) -> str:
    user = str(user or "").strip()
    if not user:
        raise InputError(Bilingual(da="Log ind for at bruge teams.", en="Sign in to use teams."))
    return user


def _name(name: str) -> str:
    return " ".join(str(name or "").split())[:MAX_NAME]


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")
