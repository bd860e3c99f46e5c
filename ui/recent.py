"""This user's saved chat conversations: a recent list kept in the conversation store itself (newest first, each opening or
deleting its chat), a new one, and a link to one that is gone."""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any

import streamlit as st

from assistant.errors import CocreateError
from assistant.planning import ConversationStore
from assistant.planning.conversations import MAX_AGE_DAYS
from ui import auth, state
from ui.i18n import t
from ui.safe import md_inline
from ui.wizard import when

if TYPE_CHECKING:
    from ui.resources import Resources

MAX_LISTED = 20
TITLE_CHARS = 80
# The list is stored as a "conversation" of its own, under an id made from the user: the store then keeps it apart per
# user exactly as it keeps their chats (the database store only reads and writes its owner's rows). Its items are no
# turns, so opening its id as a chat shows an empty one.
_NAMESPACE = uuid.UUID("5d0c3f4e-2a8b-4c61-9e57-0b6a1d7c3e92")


@dataclass(frozen=True)
class Recent:
    """One listed conversation: its id, its first question (shortened) and when it was last saved (ISO, UTC)."""

    id: str
    title: str
    updated: str


def list_id(user: str | None) -> str:
    """The id the store keeps ``user``'s list under (one list in the single-user default, where ``user`` is None)."""
    return uuid.uuid5(_NAMESPACE, f"cocreate.recent-chats:{user or ''}").hex


def private(res: "Resources") -> bool:
    """Whether a list is this user's alone: signed in, or the single-user default (no shared database). A shared
    database without sign-in has no user to keep lists apart by, so there is no list (a chat's address stays its key)."""
    user = auth.current_user(res.settings)
    if user is None:
        return res.settings.database_url is None
    return user != auth.SIGNED_OUT


def recent(res: "Resources") -> list[Recent]:
    """This user's conversations, newest first, at most MAX_LISTED; [] while the database is away or with no private list."""
    if not private(res):
        return []
    try:
        stored = res.conversations.load(_list_id(res))
    except CocreateError:
        return []
    cutoff = (datetime.now(timezone.utc) - timedelta(days=MAX_AGE_DAYS)).isoformat()  # older ones the store has pruned
    entries = [entry for entry in (_entry(item) for item in stored) if entry is not None and entry.updated >= cutoff]
    return sorted(entries, key=lambda entry: entry.updated, reverse=True)[:MAX_LISTED]


def note(res: "Resources") -> None:
    """Put this session's conversation (just saved) at the top of the list; a failed write only loses the entry."""
    chat_id, turns = state.chat_id(), state.turns()
    if not chat_id or not turns or not private(res):
        return
    title = " ".join(turns[0].question.split())
    title = title if len(title) <= TITLE_CHARS else title[: TITLE_CHARS - 1].rstrip() + "…"
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    _store(res, [Recent(chat_id, title, now), *(entry for entry in recent(res) if entry.id != chat_id)])


def forget(res: "Resources", chat_id: str | None) -> None:
    """Take a conversation off the list (deleted, or gone when opened)."""
    listed = recent(res)
    if chat_id and any(entry.id == chat_id for entry in listed):
        _store(res, [entry for entry in listed if entry.id != chat_id])


def new_conversation() -> None:
    """Start a new, empty conversation; the open one stays stored, listed and reachable by its link (deleting it is `_delete`)."""
    state.clear_chat()


def missing(res: "Resources") -> None:
    """Say, once, that the conversation the address named could not be opened: gone, or the database away for now."""
    reason = state.missing_chat()
    if reason == "unavailable":
        st.warning(t("chat.unavailable"), icon=":material/cloud_off:")
    elif reason is not None:  # signed in, someone else's conversation looks gone too: the answer tells nothing about others'
        st.warning(t("chat.gone_auth" if auth.enabled(res.settings) else "chat.gone", days=MAX_AGE_DAYS), icon=":material/history:")


def show(res: "Resources") -> None:
    """The list in an expander (open while the chat is empty): each conversation's first question and date, a button each."""
    if not private(res):
        return
    listed, current = recent(res), state.chat_id()
    with st.expander(t("chat.recent"), icon=":material/history:", expanded=not state.turns()):
        if message := state.flash():
            st.warning(md_inline(message), icon=":material/info:")
        if not listed:
            st.caption(t("chat.recent.none"))
        for entry in listed:
            is_open = entry.id == current
            st.button(md_inline(entry.title) or "–", key=f"chat.recent.{entry.id}", on_click=_open, args=(res, entry.id), disabled=is_open,
                      icon=":material/chat:" if is_open else ":material/history:", width="stretch")
            row = st.container(horizontal=True, vertical_alignment="center")  # the date, and beside it deleting (confirmed)
            row.caption(f"{when(entry.updated)} · {t('chat.recent.current')}" if is_open else when(entry.updated))
            with row.popover(t("chat.recent.delete"), icon=":material/delete:", type="tertiary", key=f"chat.delete_menu.{entry.id}"):
                st.caption(t("chat.recent.delete_note"))
                st.button(t("chat.recent.confirm_delete", title=md_inline(entry.title) or "–"), key=f"chat.delete.{entry.id}",
                          type="primary", on_click=_delete, args=(res, entry))


def _open(res: "Resources", chat_id: str) -> None:
    if not state.open_chat(res.conversations, chat_id):
        forget(res, chat_id)
        state.flash(t("chat.recent.gone"))


def _delete(res: "Resources", entry: Recent) -> None:
    """Delete a conversation the user chose to delete (and confirmed): from the store, the list and, when open, the page."""
    try:
        res.conversations.delete(entry.id)
    except CocreateError:  # the database is away: it stays listed, to delete later
        state.flash(t("chat.recent.delete_failed"))
        return
    forget(res, entry.id)
    if entry.id == state.chat_id():
        state.clear_chat()
    state.flash(t("chat.recent.deleted", title=entry.title))


def _list_id(res: "Resources") -> str:
    return list_id(auth.current_user(res.settings))


def _entry(item: dict[str, Any]) -> Recent | None:
    chat_id, title, updated = item.get("id"), item.get("title"), item.get("updated")
    if not ConversationStore.valid_id(chat_id) or not isinstance(title, str) or not isinstance(updated, str):
        return None
    return Recent(str(chat_id), title, updated)


def _store(res: "Resources", entries: list[Recent]) -> None:
    try:
        res.conversations.save(_list_id(res), [{"id": e.id, "title": e.title, "updated": e.updated} for e in entries[:MAX_LISTED]])
    except (OSError, ValueError, CocreateError):  # a full disk, or the database away: the chat itself is saved
        pass
