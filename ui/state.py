"""Per-user state: the one module that knows the keys of st.session_state and the URL's query params."""
from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Callable, TypeVar

import streamlit as st

from assistant.errors import CocreateError
from ui import voice
from ui.autosave import LANG_COOKIE  # this browser's last choice of language
from ui.turns import Refusal, Turn, is_context, turn_from_json, turn_to_json

if TYPE_CHECKING:
    from assistant import Answer
    from assistant.chats import DatabaseConversationStore
    from assistant.planning import ConversationStore

T = TypeVar("T")

ENGLISH = "ui.english"  # the sidebar toggle's widget key
_TURNS = "chat.turns"
_PENDING = "chat.pending"
_CHAT_ID = "chat.id"
_CHAT_RESTORED = "chat.restored"
_CHAT_MISSING = "chat.missing"
_CHOICE = "choice.{name}"
_DRAFT = "wizard.draft.{kind}"
_STEP = "wizard.step.{draft_id}"
_SAVED = "wizard.saved.{draft_id}"
_VERSION = "wizard.version.{draft_id}"
_LOADED = "wizard.loaded.{draft_id}"
_UNSAVED = "wizard.unsaved.{draft_id}"
_CONFLICT = "wizard.conflict.{draft_id}"
_OUTAGE = "db.outage"
_MEMO = "memo"
_FLASH = "flash"
_PENDING_VALUE = "pending.{key}"
_DRAFT_PARAM = "draft"
_LANG_PARAM = "lang"
_CHAT_PARAM = "chat"


# -- language ------------------------------------------------------------------------------------------
def language() -> str:
    """'da' (the default) or 'en' when the English switch is on; inside ``voice.speaking(...)``, that language."""
    return voice.current() or ("en" if st.session_state.get(ENGLISH, False) else "da")


def init_language() -> None:
    """Start in the language the URL names (a reload or a link keeps it), else this browser's last choice, else Danish."""
    if ENGLISH not in st.session_state:
        st.session_state[ENGLISH] = (st.query_params.get(_LANG_PARAM) or st.context.cookies.get(LANG_COOKIE)) == "en"


def sync_language_url() -> None:
    """Name the language in the URL (?lang=en), like the draft id, so a reload or a shared link keeps it."""
    if language() == "en":
        if st.query_params.get(_LANG_PARAM) != "en":
            st.query_params[_LANG_PARAM] = "en"
    elif _LANG_PARAM in st.query_params:
        del st.query_params[_LANG_PARAM]


def go_to(page: Any, draft_id: str | None = None) -> None:
    """Switch page, keeping the language in the URL, and naming ``draft_id`` there if given."""
    params = {_DRAFT_PARAM: draft_id} if draft_id else {}
    st.switch_page(page, query_params={**params, **page_params()})


def page_params() -> dict[str, str]:
    """What a link to another page puts in its URL: the page's language (?lang=en), never an answer's own (``voice``)."""
    return {_LANG_PARAM: "en"} if st.session_state.get(ENGLISH, False) else {}


# -- chat ----------------------------------------------------------------------------------------------
def turns() -> list[Turn]:
    return st.session_state.setdefault(_TURNS, [])


def add_turn(question: str, answer: "Answer") -> Turn:
    turn = Turn(question, answer)
    turns().append(turn)
    return turn


def add_refused(question: str, refusal: Refusal) -> Turn:
    """A question with no answer (too long, not usable, or the core failed): kept in the chat with why, like any other turn."""
    turn = Turn(question, None, refusal=refusal)
    turns().append(turn)
    return turn


def clear_chat() -> None:
    """Start a new, empty conversation: the old one stays stored (and listed), only the URL no longer names it."""
    st.session_state.pop(_CHAT_ID, None)
    st.session_state[_TURNS] = []
    st.query_params.pop(_CHAT_PARAM, None)


def restore_chat(store: "ConversationStore | DatabaseConversationStore") -> None:
    """Once per session: reload the conversation the URL names (?chat=...); one that cannot be opened is said (`missing_chat`)."""
    if st.session_state.get(_CHAT_RESTORED):
        return
    st.session_state[_CHAT_RESTORED] = True
    chat_id = st.query_params.get(_CHAT_PARAM)
    if chat_id is None or turns():
        return
    if (outcome := _load_chat(store, chat_id)) != "opened":
        st.session_state[_CHAT_MISSING] = outcome
    if outcome == "gone":  # deleted, pruned, damaged or someone else's; "unavailable" stays in the URL, so a reload tries again
        st.query_params.pop(_CHAT_PARAM, None)


def missing_chat() -> str | None:
    """Once: "gone" or "unavailable" when the URL named a conversation that could not be opened this session."""
    return st.session_state.pop(_CHAT_MISSING, None)


def open_chat(store: "ConversationStore | DatabaseConversationStore", chat_id: str) -> bool:
    """Show a stored conversation instead of this session's, named in the URL as a reload names it (?chat=...);
    False (and the chat unchanged) when it is gone or the database is away."""
    if _load_chat(store, chat_id) != "opened":
        return False
    st.session_state[_CHAT_RESTORED] = True
    st.query_params[_CHAT_PARAM] = chat_id
    return True


def _load_chat(store: "ConversationStore | DatabaseConversationStore", chat_id: Any) -> str:
    """"opened", "gone" (no such conversation, or nothing in it to show) or "unavailable" (the database is away)."""
    try:
        stored = store.load(chat_id) if store.valid_id(chat_id) else []
    except CocreateError:  # the database is away: an empty chat now, the conversation is still stored
        return "unavailable"
    restored = [turn for turn in (turn_from_json(item) for item in stored) if turn is not None]
    if not restored:
        return "gone"
    st.session_state[_TURNS] = restored
    st.session_state[_CHAT_ID] = chat_id
    return "opened"


def chat_id() -> str | None:
    """The id this session's conversation is stored under, once it was saved."""
    return st.session_state.get(_CHAT_ID)


def save_chat(store: "ConversationStore | DatabaseConversationStore") -> bool:
    """Store this session's conversation under its id and name the id in the URL; a failed write only loses the backup
    (False)."""
    if not turns():
        return False
    chat_id = st.session_state.setdefault(_CHAT_ID, store.new_id())
    try:
        store.save(chat_id, [turn_to_json(turn) for turn in turns()])
    except (OSError, ValueError, CocreateError):  # a full disk, or the database away: the chat stays in this session
        return False
    sync_chat_url()
    return True


def sync_chat_url() -> None:
    """Name this session's conversation in the URL (?chat=...), like a draft's id, so a reload finds it."""
    chat_id = st.session_state.get(_CHAT_ID)
    if chat_id and turns() and st.query_params.get(_CHAT_PARAM) != chat_id:
        st.query_params[_CHAT_PARAM] = chat_id


def history() -> list[dict[str, str]]:
    """The chat so far in the shape `Assistant.ask` takes: refused, failed and declined questions are left out, by what
    the answer says it was (the core also drops a declined reply it recognises by its wording); a question only a filter
    left without passages stays, for a follow-up such as "and without the filter?"."""
    out: list[dict[str, str]] = []
    for turn in turns():
        if turn.answer is None or not is_context(turn):
            continue
        out.append({"role": "user", "content": turn.question})
        out.append({"role": "assistant", "content": turn.answer.answer})
    return out


def mark_feedback_sent(turn_id: str) -> None:
    for turn in turns():
        if turn.id == turn_id:
            turn.feedback_sent = True


def set_pending_question(question: str) -> None:
    """A question chosen by a button, asked on the next run."""
    st.session_state[_PENDING] = question


def pop_pending_question() -> str | None:
    return st.session_state.pop(_PENDING, None)


def remembered(name: str) -> Any:
    """A choice kept apart from its widget (e.g. the chat's filters), so a language switch, which redraws the widget, keeps it."""
    return st.session_state.get(_CHOICE.format(name=name))


def remember(name: str, value: Any) -> None:
    st.session_state[_CHOICE.format(name=name)] = value


def language_key(name: str) -> str:
    """The key of a widget that shows labels: one per language, so a switch draws it afresh in the new language."""
    return f"{name}.{language()}"


def feedback_key(turn_id: str, name: str) -> str:
    return f"chat.feedback.{name}.{turn_id}"


# -- wizards and drafts --------------------------------------------------------------------------------
def draft_id(kind: str) -> str | None:
    """The draft open in a wizard: this session's choice, else the one named in the URL."""
    current = st.session_state.get(_DRAFT.format(kind=kind))
    return current or None


def url_draft_id() -> str | None:
    value = st.query_params.get(_DRAFT_PARAM)
    return value or None


def open_draft(kind: str, draft_id: str, step: str | None = None, data: dict[str, Any] | None = None) -> None:
    """Make a draft the open one of its wizard, at ``step``, and name it in the URL so a reload reopens it."""
    st.session_state[_DRAFT.format(kind=kind)] = draft_id
    if step is not None:
        st.session_state[_STEP.format(draft_id=draft_id)] = step
    if data is not None:
        mark_saved(draft_id, data)
    sync_url(draft_id)


def sync_url(draft_id: str | None) -> None:
    if draft_id is None:
        if _DRAFT_PARAM in st.query_params:
            del st.query_params[_DRAFT_PARAM]
    elif st.query_params.get(_DRAFT_PARAM) != draft_id:
        st.query_params[_DRAFT_PARAM] = draft_id


def close_draft(kind: str) -> None:
    st.session_state.pop(_DRAFT.format(kind=kind), None)
    sync_url(None)


def forget_draft(draft_id: str) -> None:
    """Drop every reference to a deleted draft."""
    for key in [k for k, v in st.session_state.items() if isinstance(k, str) and k.startswith("wizard.draft.") and v == draft_id]:
        del st.session_state[key]
    st.session_state.pop(_STEP.format(draft_id=draft_id), None)
    st.session_state.pop(_SAVED.format(draft_id=draft_id), None)
    for key in (_VERSION, _LOADED, _UNSAVED, _CONFLICT):
        st.session_state.pop(key.format(draft_id=draft_id), None)
    if url_draft_id() == draft_id:
        sync_url(None)


def step(draft_id: str, default: str) -> str:
    return st.session_state.get(_STEP.format(draft_id=draft_id), default)


def set_step(draft_id: str, step_id: str) -> None:
    st.session_state[_STEP.format(draft_id=draft_id)] = step_id


def widget_key(draft_id: str, name: str) -> str:
    """A widget key owned by one draft, so reopening another draft starts from its own values."""
    return f"wizard.field.{draft_id}.{name}"


def needs_save(draft_id: str, data: dict[str, Any]) -> bool:
    """True when ``data`` differs from what was last saved for this draft."""
    return st.session_state.get(_SAVED.format(draft_id=draft_id)) != _fingerprint(data)


def mark_saved(draft_id: str, data: dict[str, Any]) -> None:
    st.session_state[_SAVED.format(draft_id=draft_id)] = _fingerprint(data)


def draft_version(draft_id: str) -> int | None:
    """The version of the draft this session edits (what its next save is based on), or None before it was loaded."""
    return st.session_state.get(_VERSION.format(draft_id=draft_id))


def set_draft_version(draft_id: str, version: int) -> None:
    st.session_state[_VERSION.format(draft_id=draft_id)] = version


def keep_loaded(draft: Any) -> None:
    """The draft as last read from the database, to keep the page open while the database is away."""
    st.session_state[_LOADED.format(draft_id=draft.id)] = draft


def loaded(draft_id: str) -> Any:
    return st.session_state.get(_LOADED.format(draft_id=draft_id))


def keep_unsaved(draft_id: str, snapshot: dict[str, Any]) -> None:
    """What the user entered but the database did not take yet (down, or a conflict): kept until it is saved."""
    st.session_state[_UNSAVED.format(draft_id=draft_id)] = snapshot


def unsaved(draft_id: str) -> dict[str, Any] | None:
    return st.session_state.get(_UNSAVED.format(draft_id=draft_id))


def clear_unsaved(draft_id: str) -> None:
    st.session_state.pop(_UNSAVED.format(draft_id=draft_id), None)


def set_conflict(draft_id: str, conflict: Any | None) -> None:
    """A save this session made that hit a newer stored version (a DraftConflict), or None once resolved."""
    if conflict is None:
        st.session_state.pop(_CONFLICT.format(draft_id=draft_id), None)
    else:
        st.session_state[_CONFLICT.format(draft_id=draft_id)] = conflict


def conflict(draft_id: str) -> Any:
    return st.session_state.get(_CONFLICT.format(draft_id=draft_id))


def set_outage(message: str | None) -> None:
    """The database's last failure message while it is away, or None once it answers again."""
    if message is None:
        st.session_state.pop(_OUTAGE, None)
    else:
        st.session_state[_OUTAGE] = message


def outage() -> str | None:
    return st.session_state.get(_OUTAGE)


def has_fields(draft_id: str) -> bool:
    """Whether this session holds widget values of a draft (its form was on the page in the last run)."""
    prefix = widget_key(draft_id, "")
    return any(isinstance(k, str) and k.startswith(prefix) for k in st.session_state)


def forget_fields(draft_id: str) -> None:
    """Drop this session's widget values of a draft, so its form is drawn afresh from the stored draft."""
    prefix = widget_key(draft_id, "")
    for key in [k for k in st.session_state if isinstance(k, str) and k.startswith(prefix)]:
        del st.session_state[key]
    st.session_state.pop(_SAVED.format(draft_id=draft_id), None)
    clear_unsaved(draft_id)


def _fingerprint(data: dict[str, Any]) -> str:
    return json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)


# -- small helpers ---------------------------------------------------------------------------------------
def memo(key: str, factory: Callable[[], T]) -> T:
    """A value computed once per session (e.g. passages fetched for a wizard step)."""
    store: dict[str, Any] = st.session_state.setdefault(_MEMO, {})
    if key not in store:
        store[key] = factory()
    return store[key]


def flash(message: str | None = None) -> str | None:
    """Set a one-time message for the next run, or (without an argument) take it."""
    if message is not None:
        st.session_state[_FLASH] = message
        return None
    return st.session_state.pop(_FLASH, None)


def set_widget(key: str, value: Any) -> None:
    """Give a widget a new value that the browser shows too (call it in a callback, before the widget is drawn)."""
    st.session_state[key] = value


def init_widget(key: str, value: Any) -> None:
    """Give a widget its start value through its key (only when it has none), instead of ``value=``, so a callback may set it too."""
    if key not in st.session_state:
        st.session_state[key] = value


def set_pending(key: str, value: Any) -> None:
    """Hand a value from a widget's callback to the run that follows it."""
    st.session_state[_PENDING_VALUE.format(key=key)] = value


def pop_pending(key: str) -> Any:
    return st.session_state.pop(_PENDING_VALUE.format(key=key), None)


def widget_value(key: str) -> Any:
    """A widget's current value, or None before it was first shown."""
    return st.session_state.get(key)
