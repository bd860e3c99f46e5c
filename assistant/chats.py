"""Chat conversations in the database, for a shared deployment: any instance reopens them, and only for their owner."""
from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from typing import Any

from sqlalchemy import and_, delete, insert, select, update

from .db import Database
from .db.schema import conversations as _conversations
from .errors import InputError
from .bilingual import Bilingual
from .planning.conversations import MAX_AGE_DAYS, ConversationStore, stored_text


class DatabaseConversationStore:
    """The file store's API (new_id, valid_id, load, save, delete) over the database; ``for_user`` scopes it to one user."""

    new_id = staticmethod(ConversationStore.new_id)
    valid_id = staticmethod(ConversationStore.valid_id)

    def __init__(self, db: Database, user: str | None = None) -> None:
        self.db = db
        self.user = user
        cutoff = (datetime.now(timezone.utc) - timedelta(days=MAX_AGE_DAYS)).isoformat(timespec="microseconds")
        db.run(lambda conn: conn.execute(delete(_conversations).where(_conversations.c.updated < cutoff)))

    def for_user(self, user: str | None) -> "DatabaseConversationStore":
        view = DatabaseConversationStore.__new__(DatabaseConversationStore)
        view.db, view.user = self.db, user
        return view

    def load(self, conversation_id: str) -> list[dict[str, Any]]:
        """The stored turns; [] for an unknown or malformed id, someone else's conversation, or damaged data."""
        if not self.valid_id(conversation_id):
            return []
        query = select(_conversations.c.turns).where(and_(_conversations.c.id == conversation_id, _conversations.c.owner == (self.user or "")))
        text = self.db.run(lambda conn: conn.execute(query).scalar())
        try:
            turns = json.loads(text) if text else []
        except ValueError:
            return []
        return [t for t in turns if isinstance(t, dict)] if isinstance(turns, list) else []

    def save(self, conversation_id: str, turns: list[dict[str, Any]]) -> None:
        """Replace the stored turns (the newest that fit); InputError for a malformed id, data that is not JSON, or another's id."""
        if not self.valid_id(conversation_id):
            raise InputError(f"Not a conversation id: {conversation_id!r}.")
        text = stored_text(turns)
        owner, now = self.user or "", datetime.now(timezone.utc).isoformat(timespec="microseconds")

        def run(conn: Any) -> None:
            stored = conn.execute(select(_conversations.c.owner).where(_conversations.c.id == conversation_id)).first()
            if stored is None:
                conn.execute(insert(_conversations).values(id=conversation_id, owner=owner, updated=now, turns=text))
            elif stored.owner == owner:
                conn.execute(update(_conversations).where(_conversations.c.id == conversation_id).values(updated=now, turns=text))
            else:
                raise InputError(Bilingual(da="Samtalen tilhører en anden.", en="The conversation belongs to someone else."))

        self.db.run(run)

    def delete(self, conversation_id: str) -> None:
        if self.valid_id(conversation_id):
            self.db.run(lambda conn: conn.execute(delete(_conversations).where(
                and_(_conversations.c.id == conversation_id, _conversations.c.owner == (self.user or "")))))
