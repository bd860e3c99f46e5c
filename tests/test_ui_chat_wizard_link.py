"""An answer built for a planning need links to the wizard that plans it, in the page's language, also when read back."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from test_ui import APP, QUESTION, app, ask, ok, ui_env  # noqa: E402,F401 - the fixture is used by name

from streamlit.testing.v1 import AppTest  # noqa: E402

KOHA = "How do I configure the Koha integrated library system?"  # outside the report: declined, no need, no wizard


def wizard_links(at: AppTest) -> list[Any]:
    """The page links inside the chat's answers (the navigation is not drawn by AppTest)."""
    return [link for message in at.chat_message for link in message.get("page_link")]


def test_a_planning_answer_links_to_its_wizard_and_keeps_the_language():
    at = ask(app())
    links = wizard_links(at)
    assert len(links) == 1, links
    link = links[0]
    assert link.value == "Åbn guiden «Professionelle identiteter»" and "«Professionelle identiteter»" in at.chat_message[1].markdown[0].value
    assert link.proto.page.endswith("identity") and not link.proto.query_string  # the Danish page: no ?lang
    english = ask(app(english=True), "How do we get colleagues on board with co-creation?")
    link = wizard_links(english)[0]
    assert link.value == "Open the «Professional identities» wizard" and link.proto.query_string == "lang=en"
    support = ask(app(), "Hvordan organiserer vi støtte og sparring?")
    assert [x.value for x in wizard_links(support)] == ["Åbn guiden «Ledelsens prioritering»"]


def test_an_english_question_on_a_danish_page_links_in_its_own_words_to_the_danish_page():
    at = ask(app(), "How do we get colleagues on board with co-creation?")
    link = wizard_links(at)[0]
    assert link.value == "Open the «Professional identities» wizard"  # like the answer's closing line
    assert not link.proto.query_string  # the page stays Danish


def test_a_declined_question_links_to_no_wizard():
    at = ask(app(), KOHA)
    assert at.chat_message[1].markdown and not wizard_links(at)


def test_the_wizard_link_is_shown_again_when_the_conversation_is_read_back():
    import streamlit as st

    at = ask(ask(app()), KOHA)
    chat = at.query_params["chat"]
    st.cache_resource.clear()
    reloaded = AppTest.from_file(str(APP), default_timeout=120)
    reloaded.query_params["chat"] = chat[0] if isinstance(chat, list) else chat
    reloaded.run()
    ok(reloaded)
    assert len(reloaded.chat_message) == 4
    assert [x.value for x in wizard_links(reloaded)] == ["Åbn guiden «Professionelle identiteter»"]
    assert not reloaded.chat_message[3].get("page_link")  # the declined one still has none
