"""The model path's guarantees over real HTTP (the scripted fake server): a total deadline, a reply cap, whole
markers while streaming, and only grounded statements kept from a model's reply."""
from __future__ import annotations

import re
import time

import httpx
import pytest
from fakellm import FakeLLMServer, Reply

from assistant import Assistant, Settings
from assistant.llm import BoundedChatModel, ModelTimeout, describe_failure, get_chat_model

QUESTION = "Hvordan organiserer vi støtte og sparring?"
MARKER = re.compile(r"\[(\d+)\]")


@pytest.fixture()
def server():
    with FakeLLMServer() as fake:
        yield fake


def _openai(base: Assistant, url: str, **extra) -> Assistant:
    """An assistant sharing ``base``'s index, answering with the model at ``url``."""
    settings = Settings(data_dir=base.settings.data_dir, embed_model=base.settings.embed_model, llm="openai", llm_base_url=url, llm_model="m", **extra)
    other = Assistant(settings, embeddings=base.embeddings)
    other.__dict__["store"] = base.store
    other.__dict__["chunks"] = base.chunks
    return other


# -- deadline and cap ------------------------------------------------------------------------------------------
def test_the_timeout_bounds_the_whole_answer_not_each_piece(fake_assistant, server):
    """A server trickling a piece every 0.4 s never trips a per-read timeout; the total deadline still holds."""
    server.script(Reply("Støtte og sparring skal planlægges i god tid " * 10 + "[1].", chunk_delay=0.4))
    started = time.monotonic()
    answer = _openai(fake_assistant, server.base_url, llm_timeout=2.0).ask(QUESTION)
    assert time.monotonic() - started < 8
    assert answer.backend == "extractive" and answer.citations
    assert "COCREATE_LLM_TIMEOUT" in answer.notices[-1] and "2 s" in answer.notices[-1]


def test_a_huge_reply_is_cut_on_the_client(fake_assistant, server):
    server.script(Reply("Planlæg støtten til projektdeltagerne tidligt [1]. " * 20_000))  # about 1 MB
    answer = _openai(fake_assistant, server.base_url, llm_answer_tokens=64).ask(QUESTION)
    assert answer.backend == "openai" and answer.citations
    assert len(answer.answer) <= 64 * 6


def test_invoke_is_bounded_too(server):
    """Condensing and the eval's judge call invoke(); it streams underneath, so the same bounds apply."""
    server.script(Reply("x " * 5000), Reply("slow " * 20, chunk_delay=0.3))
    model = get_chat_model(Settings(llm="openai", llm_base_url=server.base_url, llm_model="m", llm_answer_tokens=64, llm_timeout=1.5))
    assert isinstance(model, BoundedChatModel)
    assert len(model.invoke("hi").content) <= 64 * 6
    with pytest.raises(ModelTimeout):
        model.invoke("hi")


def test_connect_and_total_timeouts_are_separate_settings(monkeypatch):
    monkeypatch.setenv("COCREATE_LLM_CONNECT_TIMEOUT", "3")
    monkeypatch.setenv("COCREATE_LLM_TIMEOUT", "240")
    settings = Settings(llm="openai", llm_base_url="http://127.0.0.1:9/v1", llm_model="m")
    model = get_chat_model(settings)
    timeout = model.inner.request_timeout
    assert isinstance(timeout, httpx.Timeout) and timeout.connect == 3 and timeout.read == 240
    assert model.timeout == 240
    for language in ("da", "en"):
        assert "COCREATE_LLM_TIMEOUT" in describe_failure(settings, ModelTimeout("no reply")).get(language)
        assert "COCREATE_LLM_CONNECT_TIMEOUT" in describe_failure(settings, httpx.ConnectTimeout("connect timed out")).get(language)
    assert describe_failure(settings, ModelTimeout("no reply")).da.startswith("Sprogmodellen (openai)")


def test_cpu_friendly_defaults():
    settings = Settings()
    assert settings.llm_timeout >= 60 and settings.llm_connect_timeout <= 30


# -- streaming -------------------------------------------------------------------------------------------------
def _split_markers(text: str) -> list[str]:
    """Pieces that cut every marker in two: 'støtte [', '1', '] og'."""
    return re.split(r"(?<=\[)|(?=\d\])", text)


def test_streamed_markers_are_never_split_and_match_the_final_numbering(fake_assistant, server):
    reply = "Find en balance mellem formel og uformel støtte [3]. Ledelsen skal bakke op om sparring [1][3]. Det koster [12]."
    server.script(Reply(reply, split=_split_markers))
    events = list(_openai(fake_assistant, server.base_url).stream(QUESTION))
    tokens = [e.text for e in events if e.kind == "token"]
    assert len(tokens) >= 4
    for token in tokens:
        assert not re.search(r"\[\d*$", token) and not re.match(r"^\d*\]", token), tokens
    answer = events[-1].answer
    assert answer.backend == "openai"
    streamed = "".join(tokens)
    assert MARKER.findall(streamed) == ["1", "2", "1"]
    assert MARKER.findall(answer.answer) == ["1", "2", "1"]
    assert "koster" not in answer.answer  # its only marker named a passage that does not exist


# -- what is kept of a reply -----------------------------------------------------------------------------------
def test_a_claim_whose_only_marker_is_invalid_is_dropped(fake_assistant, server):
    server.script(Reply("Find en balance mellem formel og uformel støtte [1]. Biblioteket skal købe robotter til alle [19]. Ledelsen bakker op [2]."))
    answer = _openai(fake_assistant, server.base_url).ask(QUESTION)
    assert answer.backend == "openai" and len(answer.citations) == 2
    assert "robotter" not in answer.answer
    assert any("der ikke findes" in n for n in answer.notices)


def test_an_invented_quotation_is_dropped(fake_assistant, server):
    server.script(Reply('Find en balance mellem formel og uformel støtte [1]. En leder siger: "Vi har aldrig haft brug for støtte overhovedet" [2].'))
    answer = _openai(fake_assistant, server.base_url).ask(QUESTION)
    assert answer.backend == "openai"
    assert "aldrig haft brug" not in answer.answer
    assert any("citerede ord" in n for n in answer.notices)


def test_only_invalid_markers_fall_back_with_a_notice(fake_assistant, server):
    server.script(Reply("Støtte er vigtigt for alle projektdeltagere [17]. Sparring hjælper altid [18]."))
    answer = _openai(fake_assistant, server.base_url).ask(QUESTION)
    assert answer.backend == "extractive" and answer.citations
    assert ", der findes" in answer.notices[-1]


def test_a_mostly_uncited_reply_falls_back(fake_assistant, server):
    server.script(Reply("Støtte er vigtigt [1]. Man skal altid lave en plan for det hele. Det er godt at tale sammen om tingene. Husk at holde pauser i løbet af dagen."))
    answer = _openai(fake_assistant, server.base_url).ask(QUESTION)
    assert answer.backend == "extractive" and "uden kilde" in answer.notices[-1]


def test_a_reply_in_the_wrong_language_falls_back(fake_assistant, server):
    server.script(Reply("The libraries should find a balance between formal and informal support for the project participants [1]. The managers should back it [2]."))
    answer = _openai(fake_assistant, server.base_url).ask(QUESTION)
    assert answer.backend == "extractive" and answer.language == "da"
    assert "dansk" in answer.notices[-1]


def test_a_reply_that_claims_nothing_falls_back(fake_assistant, server):
    server.script(Reply("The answer is: [1]."))  # what SmolLM2-135M wrote for a planning question
    answer = _openai(fake_assistant, server.base_url).ask(QUESTION)
    assert answer.backend == "extractive" and "citerede ingen passage" in answer.notices[-1]
