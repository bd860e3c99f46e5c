"""The chat keeps every turn a user typed: declined and rejected questions stay in the history, never in the follow-up's context."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from test_ui import APP, QUESTION, app, ask, asked, ok, texts, ui_env, widget  # noqa: E402,F401 - the fixture is used by name

from streamlit.testing.v1 import AppTest  # noqa: E402

KOHA = "How do I configure the Koha integrated library system?"  # outside the report: declined by the core
SYMBOLS = "?!? ... ###"  # no words: rejected by the core (InputError)
LONG = "Hvordan får vi kollegerne med? " * 90  # about 2,800 characters: rejected by the page, over the 2,000 allowed
EXPLAINED = {KOHA: "The report does not cover this question", SYMBOLS: "Spørgsmålet kunne ikke bruges", LONG: "Spørgsmålet er for langt"}


def bubbles(at: AppTest) -> list[tuple[str, str]]:
    """Each chat message as (who, what a reader sees in it), in order."""
    out = []
    for message in at.chat_message:
        parts = [x.value for x in message.get("text")] + [x.value for x in message.markdown] + [x.value for x in message.error]
        parts += [x.value for x in message.code]
        out.append((message.name, "\n".join(str(p) for p in parts).replace("\\", "")))
    return out


def assert_kept(at: AppTest, question: str, first: int = 0, explained: str | None = None) -> None:
    """``question`` and its explanation are the turn at bubble ``first`` (the question shown, perhaps shortened)."""
    shown = bubbles(at)
    assert shown[first][0] == "user" and shown[first + 1][0] == "assistant", shown
    assert question.strip()[:200] in shown[first][1].replace("\n", " ") + shown[first + 1][1], shown[first]
    assert (explained or EXPLAINED[question]) in shown[first + 1][1], shown[first + 1]


def chat_id(at: AppTest) -> str:
    value = at.query_params["chat"]
    return value[0] if isinstance(value, list) else value


def reload(chat: str) -> AppTest:
    import streamlit as st

    st.cache_resource.clear()  # a reload after a restart: a new session with the same URL
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.query_params["chat"] = chat
    at.run()
    ok(at)
    return at


@pytest.mark.parametrize("question", [KOHA, SYMBOLS, LONG], ids=["declined", "rejected-by-core", "too-long"])
def test_a_declined_or_rejected_question_stays_after_the_next_turn_and_a_rerun(question: str, asked: list[dict[str, Any]]):
    at = ask(app(), question)
    assert_kept(at, question)
    ask(at, QUESTION)
    assert len(at.chat_message) == 4
    assert_kept(at, question)  # the next turn keeps it, with its explanation
    assert bubbles(at)[2] == ("user", QUESTION)
    at.run()
    ok(at)
    assert len(at.chat_message) == 4
    assert_kept(at, question)
    # rejected before an answer, or declined by the assistant: never shown to the assistant as context
    assert all(question.strip() not in str(turn["content"]) for call in asked for turn in call["history"])


def test_a_declined_turn_is_no_context_for_a_follow_up(asked: list[dict[str, Any]]):
    at = ask(app(), KOHA)
    ask(at, SYMBOLS)
    ask(at, "Og hvad med ledelsen?")
    follow_up = asked[-1]
    assert follow_up["question"] == "Og hvad med ledelsen?"
    assert "koha" not in follow_up["answer"].retrieval_query.lower()  # the declined question did not become the context
    assert [turn["content"] for turn in follow_up["history"] if turn["role"] == "user"] == []  # neither the declined nor the rejected one is sent
    assert len(at.chat_message) == 6


def test_a_turn_a_filter_left_without_passages_is_context_for_a_follow_up(asked: list[dict[str, Any]]):
    at = app()
    widget(at.selectbox, "Vis").set_value("quote")
    widget(at.selectbox, "Del af rapporten").set_value("forord")
    ask(at, QUESTION)
    assert asked[-1]["answer"].abstained and asked[-1]["answer"].declined_because == "no-passages"
    widget(at.selectbox, "Vis").select_index(0)  # the filters off again
    widget(at.selectbox, "Del af rapporten").select_index(0)
    ask(at, "Og uden filteret?")
    follow_up = asked[-1]
    assert [turn["content"] for turn in follow_up["history"] if turn["role"] == "user"] == [QUESTION]  # the question was in scope
    assert "kollegerne" in follow_up["answer"].retrieval_query.lower() and follow_up["answer"].citations  # asked again, answered
    ask(at, KOHA)  # declined: still no context for the next one
    ask(at, "Og hvad med ledelsen?")
    assert [turn["content"] for turn in asked[-1]["history"] if turn["role"] == "user"] == [QUESTION, "Og uden filteret?"]


def test_only_answered_and_filter_emptied_turns_are_context():
    from assistant import Answer
    from ui.turns import Refusal, Turn, is_context

    def turn(abstained: bool, because: str = "") -> Turn:
        return Turn(QUESTION, Answer(QUESTION, "…", "da", [], abstained, "extractive", declined_because=because))

    assert is_context(turn(False)) and is_context(turn(True, "no-passages"))
    for because in ("gap", "outside", "creative", "unsupported", "other-language", ""):
        assert not is_context(turn(True, because)), because
    assert not is_context(Turn(QUESTION, None, refusal=Refusal("bad_question")))


def test_declined_and_rejected_turns_survive_a_reload_in_order(asked: list[dict[str, Any]]):
    at = app()
    for question in (KOHA, SYMBOLS, LONG, QUESTION):
        ask(at, question)
    assert len(at.chat_message) == 8
    reloaded = reload(chat_id(at))
    assert len(reloaded.chat_message) == 8, bubbles(reloaded)
    for n, question in enumerate((KOHA, SYMBOLS, LONG)):
        assert_kept(reloaded, question, first=2 * n)
    assert bubbles(reloaded)[6] == ("user", QUESTION)
    assert LONG in [c.value for c in reloaded.code]  # the long text is still there to copy and shorten
    ask(reloaded, "Hvordan organiserer vi støtte og sparring?")  # the conversation goes on, the rejected turns left out of its context
    assert len(reloaded.chat_message) == 10
    users = [turn["content"] for turn in asked[-1]["history"] if turn["role"] == "user"]
    assert users == [QUESTION]  # the declined and refused turns are shown, not passed on
    again = reload(chat_id(reloaded))
    assert len(again.chat_message) == 10 and bubbles(again)[2][1] == SYMBOLS


def test_a_rejected_turn_is_explained_in_the_language_switched_to():
    at = ask(app(), SYMBOLS)
    at.toggle[0].set_value(True).run()
    ok(at)
    assert bubbles(at)[0] == ("user", SYMBOLS)
    assert "The question could not be used" in bubbles(at)[1][1] and "Spørgsmålet" not in texts(at)


def test_an_empty_submission_leaves_the_chat_as_it_was():
    at = ask(app(), KOHA)
    ask(at, "   \n\t ")
    assert at.error and at.error[0].value == "Skriv et spørgsmål – feltet var tomt."
    assert len(at.chat_message) == 2 and bubbles(at)[0] == ("user", KOHA)  # nothing typed, no empty bubble; nothing lost
    ask(at, QUESTION)
    assert len(at.chat_message) == 4 and not at.error


def test_a_rejected_question_streaming_with_an_llm_backend_stays_too(monkeypatch: pytest.MonkeyPatch):
    from fakellm import FakeLLMServer, Reply, use_as_backend

    with FakeLLMServer() as server:
        server.script(Reply("Involvér kollegerne gennem workshops [1]."))
        use_as_backend(monkeypatch, server)
        at = ask(app(), SYMBOLS)
        assert_kept(at, SYMBOLS)
        ask(at, QUESTION)
    assert len(at.chat_message) == 4
    assert_kept(at, SYMBOLS)
    assert "workshops" in bubbles(at)[3][1]


def test_a_huge_paste_is_kept_without_pushing_the_conversation_out_of_the_store():
    from ui.turns import STORED_CHARS

    huge = "Hvordan får vi kollegerne med? " * 80_000  # about 2.5 million characters, more than a saved conversation holds
    at = ask(app())
    ask(at, huge)
    assert [c.value for c in at.code if len(c.value) > STORED_CHARS] == [huge]  # whole in this session, to copy
    reloaded = reload(chat_id(at))
    assert len(reloaded.chat_message) == 4 and bubbles(reloaded)[0] == ("user", QUESTION)  # the answered turn is still stored
    assert_kept(reloaded, huge, first=2, explained="Spørgsmålet er for langt: 2.479.999 tegn")
    assert max(len(c.value) for c in reloaded.code) == STORED_CHARS  # the saved copy keeps the start of the paste, and says so
    assert "Samtalen gemte kun de første 20.000 tegn af teksten." in texts(reloaded)
    assert "gemte kun" not in texts(at)  # (the session itself keeps the whole paste)


def test_a_stored_turn_is_read_back_only_when_it_is_an_answer_or_a_refusal():
    from ui.turns import Refusal, Turn, turn_from_json, turn_to_json

    refused = Turn("x" * 30, None, refusal=Refusal("too_long", 30, 20))
    assert turn_from_json(turn_to_json(refused)) == refused
    read = turn_from_json({"question": "?!?", "refusal": {"reason": "bad_question"}})  # written without the optional fields
    assert read is not None and read.answer is None and read.refusal == Refusal("bad_question") and read.id
    for damaged in ({"question": "x"}, {"question": "x", "refusal": {"reason": "unknown"}}, {"question": "x", "refusal": "too_long"},
                    {"refusal": {"reason": "bad_question"}}):
        assert turn_from_json(damaged) is None, damaged
