"""The chat page lists this user's saved conversations, newest first; each opens its chat, as a reload of its address would."""
from __future__ import annotations

import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from test_ui import APP, QUESTION, app, ask, click, ok, ui_env  # noqa: E402,F401 - the fixture is used by name

from streamlit.testing.v1 import AppTest  # noqa: E402

SECOND = "Hvordan organiserer vi støtte og sparring?"


def new_session() -> AppTest:
    """The tab was closed: a new session, after a restart, with no ?chat in the address."""
    import streamlit as st

    st.cache_resource.clear()
    return app()


def listed(at: AppTest) -> list[str]:
    """The titles of the listed conversations, top first."""
    return [b.label for b in at.sidebar.button if b.key and b.key.startswith("chat.recent.")]


def open_listed(at: AppTest, title: str) -> AppTest:
    """Click a listed conversation (the empty chat's suggestions may carry the same words)."""
    buttons = [b for b in at.sidebar.button if b.key and b.key.startswith("chat.recent.") and b.label == title]
    assert buttons, listed(at)
    buttons[0].click().run()
    ok(at)
    return at


def chat_param(at: AppTest) -> str:
    value = at.query_params["chat"]
    return value[0] if isinstance(value, list) else value


def test_a_new_session_lists_the_conversation_and_opening_it_restores_the_turns():
    first = ask(app())
    chat_id, answer = chat_param(first), first.chat_message[1].markdown[0].value
    assert listed(first) == [QUESTION]  # listed in the run that saved it
    at = new_session()
    assert not at.chat_message and "chat" not in at.query_params
    assert listed(at) == [QUESTION]
    assert any(c.value[:2].isdigit() and "." in c.value for c in at.sidebar.caption)  # its date
    open_listed(at, QUESTION)
    assert [m.name for m in at.chat_message] == ["user", "assistant"]
    assert at.chat_message[0].get("text")[0].value == QUESTION and at.chat_message[1].markdown[0].value == answer
    assert chat_param(at) == chat_id  # named in the URL as a reload reads it
    ask(at, SECOND)  # goes on in the same conversation, which stays one entry
    assert len(at.chat_message) == 4 and chat_param(at) == chat_id and listed(at) == [QUESTION]


def test_newest_first_and_a_new_conversation_keeps_the_open_one_on_the_list():
    ask(app())
    at = ask(new_session(), SECOND)  # another tab, another conversation
    assert listed(at) == [SECOND, QUESTION]
    assert [b.disabled for b in at.sidebar.button if b.key.startswith("chat.recent.")] == [True, False]  # the open one
    open_listed(at, QUESTION)  # switch to the older conversation in the same session
    assert at.chat_message[0].get("text")[0].value == QUESTION and len(at.chat_message) == 2
    click(at, "Ny samtale")  # a new, empty conversation; the one that was open is kept (deleting it is its own action)
    assert not at.chat_message and listed(at) == [SECOND, QUESTION]
    assert listed(new_session()) == [SECOND, QUESTION]


def test_the_list_is_in_english_and_says_when_it_is_empty():
    at = app(english=True)
    assert any(e.label == "Your recent conversations" for e in at.sidebar.expander)
    assert any(c.value == "No saved conversations yet." for c in at.sidebar.caption) and not listed(at)


def test_a_conversation_gone_from_the_store_is_explained_and_dropped(_isolated_env: Path):
    ask(app())
    at = new_session()
    for path in (_isolated_env / "conversations").glob("*.json"):
        if QUESTION in path.read_text(encoding="utf-8") and '"answer"' in path.read_text(encoding="utf-8"):
            path.unlink()  # deleted by another tab
    open_listed(at, QUESTION)
    assert not at.chat_message and "chat" not in at.query_params and not listed(at)
    assert any("kunne ikke åbnes" in w.value for w in at.sidebar.warning)


def test_each_signed_in_user_lists_only_their_own_conversations(monkeypatch: pytest.MonkeyPatch):
    from assistant import Settings
    from assistant.chats import DatabaseConversationStore
    from assistant.storage import open_database
    from ui import auth, recent, state

    store = DatabaseConversationStore(open_database(Settings()))
    views = {user: SimpleNamespace(settings=None, conversations=store.for_user(user)) for user in ("anna", "bo")}
    user = {"now": "anna"}
    monkeypatch.setattr(auth, "current_user", lambda settings: user["now"])
    monkeypatch.setattr(state, "chat_id", lambda: "a" * 32)
    monkeypatch.setattr(state, "turns", lambda: [SimpleNamespace(question="Annas  spørgsmål\n")])
    recent.note(views["anna"])  # type: ignore[arg-type]
    assert [(e.id, e.title) for e in recent.recent(views["anna"])] == [("a" * 32, "Annas spørgsmål")]  # type: ignore[arg-type]
    user["now"] = "bo"
    assert recent.recent(views["bo"]) == []  # type: ignore[arg-type]
    assert recent.list_id("anna") != recent.list_id("bo") and store.for_user("bo").load(recent.list_id("anna")) == []


def test_a_shared_database_without_sign_in_lists_nothing(monkeypatch: pytest.MonkeyPatch):
    """No user to keep lists apart by: nobody sees anyone's conversations; a chat's address stays its only key."""
    from assistant import Settings
    from assistant.chats import DatabaseConversationStore
    from assistant.storage import open_database
    from ui import auth, recent, state

    store = DatabaseConversationStore(open_database(Settings()))
    shared = Settings(database_url="postgresql+psycopg://cocreate@127.0.0.1:1/cocreate")  # only read, never opened
    view = SimpleNamespace(settings=shared, conversations=store.for_user(None))
    monkeypatch.setattr(auth, "current_user", lambda settings: None)
    monkeypatch.setattr(state, "chat_id", lambda: "b" * 32)
    monkeypatch.setattr(state, "turns", lambda: [SimpleNamespace(question="Et spørgsmål")])
    assert not recent.private(view)  # type: ignore[arg-type]
    recent.note(view)  # type: ignore[arg-type]
    assert recent.recent(view) == [] and store.for_user(None).load(recent.list_id(None)) == []  # type: ignore[arg-type]
    local = SimpleNamespace(settings=Settings(), conversations=store.for_user(None))
    assert recent.private(local)  # type: ignore[arg-type]  # the single-user default keeps its list
