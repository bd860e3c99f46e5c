"""The app's heavy shared objects (assistant, database-backed stores), from one cached factory keyed on the settings."""
from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import streamlit as st

from assistant import Settings

_log = logging.getLogger("cocreate")

if TYPE_CHECKING:
    from assistant import Assistant
    from assistant.chats import DatabaseConversationStore
    from assistant.feedback import FeedbackStore
    from assistant.planning import ConversationStore, DraftStore
    from assistant.workspaces import WorkspaceStore


@dataclass(frozen=True)
class Resources:
    """Shared by every session of the app: each part is thread-safe."""

    settings: Settings
    assistant: "Assistant"
    drafts: "DraftStore"
    feedback: "FeedbackStore"
    conversations: "ConversationStore | DatabaseConversationStore"
    workspaces: "WorkspaceStore"


def settings_key(settings: Settings) -> str:
    """What makes two settings different, without the API key or the database password in clear text."""
    secret = (settings.api_key() or "") + "\n" + settings.database()
    return settings.model_dump_json(exclude={"llm_api_key", "database_url"}) + hashlib.sha256(secret.encode()).hexdigest()[:16]


@st.cache_resource(show_spinner=False, max_entries=4)
def _build(key: str, _settings: Settings) -> Resources:  # noqa: ARG001 - key is the cache key
    from assistant import Assistant
    from assistant.storage import open_database
    from assistant.feedback import FeedbackStore
    from assistant.chats import DatabaseConversationStore
    from assistant.planning import ConversationStore, DraftStore
    from assistant.workspaces import WorkspaceStore

    _settings.data_dir.mkdir(parents=True, exist_ok=True)
    db = open_database(_settings)  # migrated on start; the data dir's older files imported once
    assistant = Assistant(_settings)
    if _settings.chroma_url and not db.is_sqlite:  # many instances, one Chroma server: one of them builds the index
        with db.lock("index-build"):
            report = assistant.ensure_index()
        _log.warning("cocreate: the search index on %s %s.", _settings.chroma_url,
                     "was current (built by another instance)" if report is None else f"was built here ({report.added} passages added)")
    shared = _settings.database_url is not None or _settings.auth == "oidc"  # chats in the database: any instance, their owner
    conversations = DatabaseConversationStore(db) if shared else ConversationStore(_settings.data_dir / "conversations")
    return Resources(_settings, assistant, DraftStore(db), FeedbackStore(db), conversations, WorkspaceStore(db))


def resources() -> Resources:
    """The shared objects for the current settings (COCREATE_* environment variables), seen as this session's user.

    With sign-in on (COCREATE_AUTH=oidc) the drafts are the signed-in user's own and their teams'; a session that is
    not signed in sees none. Without it (the single-user default) every draft is visible, as on one person's machine.
    """
    from ui import auth

    settings = Settings()
    shared = _build(settings_key(settings), settings)
    if not auth.enabled(settings):
        return shared
    user = auth.current_user(settings)
    conversations = shared.conversations.for_user(user) if hasattr(shared.conversations, "for_user") else shared.conversations
    return replace(shared, drafts=shared.drafts.for_user(user), feedback=shared.feedback.for_user(user), conversations=conversations)
