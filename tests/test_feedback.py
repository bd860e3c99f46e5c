"""Feedback on chat answers: JSON lines that survive damage, threads and export."""
from __future__ import annotations

import csv
import io
import json
import threading
from pathlib import Path

import pytest

from assistant import Settings
from assistant.feedback import Feedback, FeedbackStore


@pytest.fixture
def store(tmp_path: Path) -> FeedbackStore:
    return FeedbackStore(tmp_path / "sub" / "feedback.jsonl")


def test_add_and_read_back(store: FeedbackStore):
    assert store.all() == []
    entry = store.add("Hvad er co-creation?", "Et svar [1]", "up", "  Godt svar  ", ["del-3.indhold.p02"], "extractive")
    assert isinstance(entry, Feedback) and entry.comment == "Godt svar" and entry.created.endswith("+00:00")
    store.add("Q2", "A2", "down")
    entries = store.all()
    assert entries[0] == entry
    assert [e.rating for e in entries] == ["up", "down"]
    assert entries[1].citations == [] and entries[1].backend == ""


def test_the_default_path_lives_in_the_data_dir(_isolated_env: Path):
    FeedbackStore(Settings().feedback_path()).add("q", "a", "up")
    assert (_isolated_env / "feedback.jsonl").exists()


def test_invalid_feedback_is_rejected(store: FeedbackStore):
    for rating in ("meh", "", "UP", None):
        with pytest.raises(ValueError, match="up"):
            store.add("q", "a", rating)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="5,000"):
        store.add("q", "a", "down", "x" * 5001)
    store.add("q", "a", "down", "x" * 5000)
    assert len(store.all()) == 1


def test_damaged_lines_are_skipped(store: FeedbackStore):
    store.add("q1", "a1", "up")
    with open(store.path, "a", encoding="utf-8") as handle:
        handle.write("{not json\n")
        handle.write(json.dumps({"question": "q", "answer": "a", "rating": "sideways"}) + "\n")
        handle.write(json.dumps(["a", "list"]) + "\n")
        handle.write('{"question": "half a line", "ans')
    store.add("q2", "a2", "down")
    assert [e.question for e in store.all()] == ["q1", "q2"]
    assert len(store.export_jsonl().splitlines()) == 2


def test_export_csv_and_jsonl(store: FeedbackStore):
    store.add("Hvad med æøå?", 'Svar med "citat", komma', "up", "ok", ["a.p01", "b.p02"], "openai")
    store.add("=HYPERLINK(\"http://x\")", "a", "down", "-2 dårligt", [], "")
    rows = list(csv.DictReader(io.StringIO(store.export_csv())))
    assert rows[0]["question"] == "Hvad med æøå?" and rows[0]["answer"] == 'Svar med "citat", komma'
    assert rows[0]["citations"] == "a.p01; b.p02" and rows[0]["backend"] == "openai"
    assert rows[1]["question"].startswith("'=") and rows[1]["comment"] == "'-2 dårligt"
    lines = [json.loads(line) for line in store.export_jsonl().splitlines()]
    assert lines[1]["question"] == '=HYPERLINK("http://x")' and lines[0]["citations"] == ["a.p01", "b.p02"]


def test_concurrent_adds_from_threads_are_all_kept(store: FeedbackStore):
    def work(index: int) -> None:
        for n in range(25):
            store.add(f"q{index}-{n}", "svar " * 200, "up" if n % 2 else "down")

    threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    entries = store.all()
    assert len(entries) == 200
    assert len({e.question for e in entries}) == 200
