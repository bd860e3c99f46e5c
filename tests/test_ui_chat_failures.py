"""A question the core fails to answer (the language model, the search) stays in the chat and its saved conversation, with
what failed and what to do, in the UI's language, and is never context for a follow-up."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from test_ui import QUESTION, app, ask, click, ok, ui_env  # noqa: E402,F401 - the fixture is used by name
from test_ui_chat_history import asked, bubbles, chat_id, reload  # noqa: E402,F401 - the fixture is used by name

KEPT_DA = "Dit spørgsmål er gemt i samtalen."
FOLLOW_UP = "Og hvad med ledelsen?"


@pytest.fixture
def model_without_room(monkeypatch: pytest.MonkeyPatch):
    """A language model configured with a context window too small for any passage: the core raises a BackendError."""
    from fakellm import FakeLLMServer, Reply, use_as_backend

    with FakeLLMServer() as server:
        server.script(Reply("Involvér kollegerne gennem workshops [1]."))
        use_as_backend(monkeypatch, server)
        monkeypatch.setenv("COCREATE_LLM_CONTEXT_TOKENS", "512")
        monkeypatch.setenv("COCREATE_LLM_ANSWER_TOKENS", "400")
        yield server


@pytest.fixture
def search_down(monkeypatch: pytest.MonkeyPatch, asked: list[dict[str, Any]]) -> list[str]:
    """The search fails (a StoreError, in both languages as the core writes them) for each question put in the list."""
    from assistant import Bilingual, StoreError
    from assistant.app import Assistant

    failing: list[str] = []
    answering = Assistant.ask  # the spy that records each answered call (and its history)

    def ask_or_fail(self: Assistant, question: str, history: Any = None, **filters: Any) -> Any:
        if question in failing:
            asked.append({"question": question, "history": list(history or []), "answer": None})
            raise StoreError(Bilingual(da="Chroma-serveren svarede ikke inden for 15 s; tjek den, eller hæv COCREATE_CHROMA_TIMEOUT.",
                                       en="The Chroma server did not answer within 15 s; check it, or raise COCREATE_CHROMA_TIMEOUT."))
        return answering(self, question, history, **filters)

    monkeypatch.setattr(Assistant, "ask", ask_or_fail)
    return failing


def failed_bubble(at: Any, n: int = 1) -> str:
    who, text = bubbles(at)[n]
    assert who == "assistant", bubbles(at)
    return text


def test_a_failing_language_model_keeps_the_question_with_what_failed(model_without_room: Any):
    at = ask(app(), QUESTION)
    assert bubbles(at)[0] == ("user", QUESTION)
    shown = failed_bubble(at)
    assert shown.startswith("Sprogmodellen kunne ikke svare: COCREATE_LLM_CONTEXT_TOKENS=512 leaves no room for passages; raise it.")
    assert KEPT_DA in shown
    assert not model_without_room.chat_requests  # it failed before the model was asked
    at.run()  # the next run still shows the turn (it used to vanish with the run that failed)
    ok(at)
    assert len(at.chat_message) == 2 and bubbles(at)[0] == ("user", QUESTION) and KEPT_DA in failed_bubble(at)
    reloaded = reload(chat_id(at))  # and it was saved with the conversation
    assert bubbles(reloaded)[0] == ("user", QUESTION)
    assert "COCREATE_LLM_CONTEXT_TOKENS=512" in failed_bubble(reloaded) and KEPT_DA in failed_bubble(reloaded)


def test_a_failed_search_is_said_in_the_ui_language_and_is_no_context(search_down: list[str], asked: list[dict[str, Any]]):
    search_down.append(QUESTION)
    at = ask(app(), QUESTION)
    assert failed_bubble(at) == ("Søgningen i rapporten mislykkedes: Chroma-serveren svarede ikke inden for 15 s; tjek den, eller hæv "
                                 "COCREATE_CHROMA_TIMEOUT. " + KEPT_DA + " Ret det, beskeden nævner, eller vent lidt – og stil spørgsmålet igen.")
    at.toggle[0].set_value(True).run()
    ok(at)
    shown = failed_bubble(at)
    assert shown.startswith("The search in the report failed: The Chroma server did not answer within 15 s") and "Your question is kept" in shown
    ask(at, FOLLOW_UP)
    assert len(at.chat_message) == 4 and bubbles(at)[0] == ("user", QUESTION) and bubbles(at)[2] == ("user", FOLLOW_UP)
    assert asked[-1]["question"] == FOLLOW_UP and asked[-1]["history"] == []  # the failed question is not the follow-up's context
    assert "kollegerne" not in asked[-1]["answer"].retrieval_query
    reloaded = reload(chat_id(at))
    assert len(reloaded.chat_message) == 4 and "Søgningen i rapporten mislykkedes" in failed_bubble(reloaded)


def test_a_failed_question_can_be_asked_again_once_the_fault_is_gone(search_down: list[str], asked: list[dict[str, Any]]):
    search_down.append(QUESTION)
    at = ask(app(), QUESTION)
    search_down.clear()  # the server is back
    click(at, "Stil spørgsmålet igen")
    assert len(at.chat_message) == 4 and bubbles(at)[2] == ("user", QUESTION)
    assert asked[-1]["question"] == QUESTION and asked[-1]["answer"] is not None and asked[-1]["history"] == []
    assert "[1]" in bubbles(at)[3][1] and KEPT_DA in failed_bubble(at)  # answered now; the failed turn stays as it was
    ask(at, FOLLOW_UP)
    assert [turn["content"] for turn in asked[-1]["history"] if turn["role"] == "user"] == [QUESTION]  # only the answered one


def test_a_failure_is_stored_with_its_part_and_message_and_read_back():
    from assistant import BackendError, Bilingual, CorpusError, StoreError
    from ui.turns import Refusal, Turn, failure, is_context, turn_from_json, turn_to_json
    from ui.i18n import STRINGS

    model = failure(BackendError("COCREATE_LLM=openai needs COCREATE_LLM_MODEL."))
    assert model == Refusal("failed", part="model", detail_da="COCREATE_LLM=openai needs COCREATE_LLM_MODEL.",
                            detail_en="COCREATE_LLM=openai needs COCREATE_LLM_MODEL.")
    search = failure(StoreError(Bilingual(da="Indekset kan ikke læses.", en="The index cannot be read.")))
    assert (search.part, search.detail("da"), search.detail("en")) == ("search", "Indekset kan ikke læses.", "The index cannot be read.")
    assert failure(CorpusError("broken")).part == "answer"
    assert all(f"chat.failed.{part}" in STRINGS for part in ("model", "search", "answer"))
    turn = Turn(QUESTION, None, refusal=search)
    assert turn_from_json(turn_to_json(turn)) == turn and not is_context(turn)
    for damaged in ({"question": "x", "refusal": {"reason": "failed"}}, {"question": "x", "refusal": {"reason": "failed", "part": "disk"}},
                    {"question": "x", "refusal": {"reason": "too_long", "part": "model"}}):
        assert turn_from_json(damaged) is None, damaged
