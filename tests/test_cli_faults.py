"""The command line under faults: batches line for line, bad bytes, bad settings, and the chat's final answer."""
from __future__ import annotations

import io
import json
import os
import re
import select
import subprocess
import sys
from pathlib import Path

import pytest
from fakellm import FakeLLMServer, Reply

from assistant.cli import main

ROOT = Path(__file__).resolve().parent.parent
MARKER = re.compile(r"\[(\d+)\]")


class _BytesStdin(io.TextIOWrapper):
    """A stdin with raw bytes behind it (as a pipe gives them)."""

    def __init__(self, data: bytes) -> None:
        super().__init__(io.BytesIO(data), encoding="utf-8")


@pytest.fixture(autouse=True)
def _shared_index(cli_data: Path) -> Path:
    """Every command here reads the session's one built index (hash embeddings); none rebuilds it."""
    return cli_data


# -- batches -----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("command", ["search", "ask"])
def test_jsonl_answers_every_line_in_order(monkeypatch, capsys, command: str):
    lines = [b"tid og timing", b"", b"st\xf8tte", b"   ", b"Hvad siger lederne om at fejle?", b"x" * 3000, b"\x00\x01"]
    monkeypatch.setattr("sys.stdin", _BytesStdin(b"\n".join(lines)))  # the last line has no newline
    assert main([command, "--jsonl"]) == 0  # the batch ran; failing lines are answered as errors
    captured = capsys.readouterr()
    assert "Building the search index" not in captured.err  # the shared index was current: nothing rebuilt
    out = [json.loads(line) for line in captured.out.splitlines()]
    key = "query" if command == "search" else "question"
    assert len(out) == len(lines)
    assert [("error" in row) for row in out] == [False, True, True, True, False, True, True]
    assert out[0][key] == "tid og timing" and out[4][key] == "Hvad siger lederne om at fejle?"
    assert "empty" in out[1]["error"] and "UTF-8" in out[2]["error"] and "0xf8" in out[2]["error"]
    assert "limit" in out[5]["error"]


def test_jsonl_answers_each_line_as_it_arrives(cli_data: Path):
    env = {**os.environ, "COCREATE_DATA_DIR": str(cli_data), "COCREATE_EMBED_MODEL": "hash-256"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "assistant", "search", "--jsonl", "-k", "1"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, cwd=ROOT,
    )
    try:
        for question in (b"tid og timing\n", b"\n", b"kolleger\n"):
            proc.stdin.write(question)
            proc.stdin.flush()  # stdin stays open: the answer must come anyway
            ready, _, _ = select.select([proc.stdout], [], [], 90)
            assert ready, f"no answer to {question!r} while stdin was open"
            row = json.loads(proc.stdout.readline())
            assert row["query"] == question.decode().strip()
    finally:
        proc.stdin.close()
        assert proc.wait(timeout=60) == 0


def test_invalid_utf8_argument_gets_the_bad_question_message(capsys):
    question = b"st\xf8tte".decode("utf-8", errors="surrogateescape")  # how Python hands over such an argument
    for command in (["search", question], ["search", question, "--mode", "bm25"], ["ask", question, "--json"]):
        assert main(command) == 1
        err = capsys.readouterr().err
        assert err.startswith("error: The question is not valid UTF-8") and "unexpected" not in err


def test_a_batch_that_cannot_run_exits_nonzero(monkeypatch, capsys):
    monkeypatch.setenv("COCREATE_CHROMA_URL", "not a url")
    monkeypatch.setattr("sys.stdin", _BytesStdin(b"tid\n"))
    assert main(["search", "--jsonl"]) == 1
    assert "COCREATE_CHROMA_URL" in capsys.readouterr().err


# -- settings ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("variable", "value", "expected"),
    [
        ("COCREATE_SEARCH_K", "0", "COCREATE_SEARCH_K='0' is not allowed: it must be a whole number from 1 to 50."),
        ("COCREATE_LLM", "gpt", "COCREATE_LLM='gpt' is not allowed: it must be one of extractive, openai, ollama."),
        ("COCREATE_LLM_TIMEOUT", "soon", "COCREATE_LLM_TIMEOUT='soon' is not allowed: it must be a number above 0"),
        ("COCREATE_CHROMA_TIMEOUT", "0", "must be a number above 0 and at most 600"),
    ],
)
def test_a_bad_setting_names_the_variable_and_the_range(monkeypatch, capsys, variable: str, value: str, expected: str):
    monkeypatch.setenv(variable, value)
    assert main(["search", "tid og timing"]) == 1
    err = capsys.readouterr().err
    assert expected in err and "ValidationError" not in err and "unexpected" not in err


# -- chat --------------------------------------------------------------------------------------------------
def _chat(monkeypatch, capsys, base_url: str, text: str) -> str:
    monkeypatch.setenv("COCREATE_LLM", "openai")
    monkeypatch.setenv("COCREATE_LLM_BASE_URL", base_url)
    monkeypatch.setenv("COCREATE_LLM_MODEL", "m")
    monkeypatch.setenv("COCREATE_LLM_TIMEOUT", "1")
    monkeypatch.setattr("sys.stdin", io.StringIO(text))
    assert main(["chat"]) == 0
    return capsys.readouterr().out


def test_chat_shows_the_checked_answer_numbered_like_its_sources(monkeypatch, capsys):
    with FakeLLMServer() as server:
        server.script(Reply("Støtte skal organiseres lokalt [3]. Ledelsen skal signalere retning [5]. Og tid [3]."))
        out = _chat(monkeypatch, capsys, server.base_url, "Hvordan organiserer vi støtte og sparring?\n\n")
    body, sources = out.split("Kilder:")
    assert MARKER.findall(body) == ["1", "2", "1"]  # the model's [3] and [5], renumbered as in the Sources list
    assert [int(n) for n in re.findall(r"^\[(\d+)\]", sources, re.MULTILINE)] == [1, 2]


def test_chat_shows_the_fallback_answer_when_the_model_fails_mid_stream(monkeypatch, capsys):
    with FakeLLMServer() as server:
        server.script(Reply("Halvt svar om støtte [1] der aldrig bliver færdigt og fortsætter længe", chunk_delay=3))
        out = _chat(monkeypatch, capsys, server.base_url, "Hvordan organiserer vi støtte og sparring?\n\n")
    body, sources = out.split("Kilder:")
    assert "Halvt svar" not in out  # the broken partial text is not shown as the answer
    numbers = {int(n) for n in re.findall(r"^\[(\d+)\]", sources, re.MULTILINE)}
    assert numbers and {int(n) for n in MARKER.findall(body)} <= numbers  # the fallback's own text, cited
    assert "(!)" in sources  # and a notice of what happened


def test_chat_survives_a_line_that_is_not_utf8(monkeypatch, capsys):
    stdin = _BytesStdin(b"st\xf8tte\nHvad siger lederne om at fejle?\n\n")
    monkeypatch.setattr("sys.stdin", stdin)
    assert main(["chat"]) == 0
    captured = capsys.readouterr()
    assert "not valid UTF-8" in captured.err and "Kilder:" in captured.out
    assert "unexpected" not in captured.err


def test_progress_is_plain_text_when_stderr_is_not_a_terminal(tmp_path: Path):
    # An empty data dir of its own: this test is about the build's progress.
    env = {**os.environ, "COCREATE_DATA_DIR": str(tmp_path), "COCREATE_EMBED_MODEL": "hash-256"}
    done = subprocess.run([sys.executable, "-m", "assistant", "index"], env=env, capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert done.returncode == 0
    lines = [line for line in done.stderr.splitlines() if "passages (" in line]
    assert len(lines) >= 3 and "\r" not in done.stderr
    assert lines[-1].endswith("passages (100%)") and "left" in lines[1]
