"""A trial finding: "Ny samtale" starts a new chat and keeps the open one; deleting is its own confirmed action; a gone link is said."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from test_ui import APP, QUESTION, app, ask, click, ok  # noqa: E402
from test_ui import ui_env  # noqa: E402,F401 - the fixture is used by name
from test_ui_recent_chats import SECOND, chat_param, listed, new_session, open_listed  # noqa: E402

from streamlit.testing.v1 import AppTest  # noqa: E402


def open_link(chat_id: str, english: bool = False) -> AppTest:
    """A new session opening the conversation's address (/chat?chat=..., and &lang=en for English)."""
    import streamlit as st

    st.cache_resource.clear()
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.query_params["chat"] = chat_id
    if english:
        at.query_params["lang"] = "en"
    at.switch_page("views/chat.py").run()
    ok(at)
    return at


def main_warnings(at: AppTest) -> list[str]:
    return [w.value for w in at.main.warning]


def test_a_new_conversation_keeps_the_open_one_listed_and_its_link_working():
    chat_id = chat_param(ask(app()))
    at = ask(new_session(), SECOND)
    open_listed(at, QUESTION)  # the older conversation, opened from the list
    click(at, "Ny samtale")
    assert not at.chat_message and "chat" not in at.query_params  # a new, empty conversation
    assert listed(at) == [SECOND, QUESTION]  # the one that was open is still listed, and no longer marked open
    assert all(not b.disabled for b in at.sidebar.button if b.key.startswith("chat.recent."))
    ask(at, "Hvad skal ledelsen gøre for at støtte co-creation?")  # the new conversation is one more, not a replacement
    assert chat_param(at) != chat_id and len(listed(at)) == 3
    reopened = open_link(chat_id)
    assert [m.name for m in reopened.chat_message] == ["user", "assistant"]
    assert reopened.chat_message[0].get("text")[0].value == QUESTION and not main_warnings(reopened)


def test_a_link_to_a_conversation_that_is_gone_says_so(_isolated_env: Path):
    at = open_link("0" * 32)  # a well-formed id with nothing stored: deleted, or pruned after 30 days
    assert not at.chat_message and "chat" not in at.query_params
    assert any("Samtalen i adressen findes ikke længere" in w and "30 dage" in w for w in main_warnings(at))
    at.run()  # said once, not on every run
    assert not main_warnings(at)
    english = open_link("f" * 32, english=True)
    assert any("The conversation in the address no longer exists" in w for w in main_warnings(english))
    damaged = open_link("../../etc/passwd")  # a damaged link is as gone
    assert any("findes ikke længere" in w for w in main_warnings(damaged))


def test_a_link_while_the_database_is_away_says_so_and_keeps_the_address(monkeypatch: pytest.MonkeyPatch):
    from assistant import StoreError
    from assistant.planning import ConversationStore

    chat_id = chat_param(ask(app()))

    def away(self: ConversationStore, conversation_id: str) -> list[dict[str, object]]:
        raise StoreError("The database does not answer.")

    monkeypatch.setattr(ConversationStore, "load", away)
    at = open_link(chat_id)
    assert any("databasen svarer ikke" in w for w in main_warnings(at)) and chat_param(at) == chat_id  # a reload tries again


def test_deleting_a_conversation_is_its_own_confirmed_action():
    chat_id = chat_param(ask(app()))
    at = ask(new_session(), SECOND)
    assert any(p.proto.popover.label == "Slet" for p in at.sidebar.get("popover"))  # beside each listed conversation
    confirm = [b for b in at.sidebar.button if b.key == f"chat.delete.{chat_id}"]
    assert confirm and confirm[0].label.startswith("Ja, slet")
    confirm[0].click().run()
    ok(at)
    assert listed(at) == [SECOND] and len(at.chat_message) == 2  # the other one, and the open chat, untouched
    assert any("er slettet" in w.value for w in at.sidebar.warning)
    assert any("findes ikke længere" in w for w in main_warnings(open_link(chat_id)))  # gone for good, and said so
    open_chat = chat_param(at)
    [b for b in at.sidebar.button if b.key == f"chat.delete.{open_chat}"][0].click().run()  # the open one
    ok(at)
    assert not at.chat_message and "chat" not in at.query_params and not listed(at)
