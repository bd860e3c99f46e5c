"""Feedback on chat answers: stored in the database, imported from the old JSON-lines file, safe across threads, exported."""
from __future__ import annotations

import csv
import io
import json
import threading
from pathlib import Path

import pytest

from assistant import Settings
from assistant.db import Database
from assistant.storage import open_database
from assistant.feedback import Feedback, FeedbackStore


@pytest.fixture
def store(tmp_path: Path) -> FeedbackStore:
    return FeedbackStore(Database(f"sqlite:///{tmp_path / 'sub' / 'cocreate.sqlite3'}"))


def test_add_and_read_back(store: FeedbackStore):
    assert store.all() == []
    entry = store.add("Hvad er co-creation?", "Et svar [1]", "up", "  Godt svar  ", ["del-3.indhold.p02"], "extractive")
    assert isinstance(entry, Feedback) and entry.comment == "Godt svar" and entry.created.endswith("+00:00")
    store.add("Q2", "A2", "down")
    entries = store.all()
    assert entries[0] == entry
    assert [e.rating for e in entries] == ["up", "down"]
    assert entries[1].citations == [] and entries[1].backend == ""


def test_the_default_database_lives_in_the_data_dir(_isolated_env: Path):
    FeedbackStore(open_database(Settings())).add("q", "a", "up")
    assert (_isolated_env / "drafts.sqlite3").exists() and not (_isolated_env / "feedback.jsonl").exists()
    assert [e.question for e in FeedbackStore(open_database(Settings())).all()] == ["q"]


def test_invalid_feedback_is_rejected(store: FeedbackStore):
    for rating in ("meh", "", "UP", None):
        with pytest.raises(ValueError, match="up"):
            store.add("q", "a", rating)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="5,000"):
        store.add("q", "a", "down", "x" * 5001)
    store.add("q", "a", "down", "x" * 5000)
    assert len(store.all()) == 1


def test_the_old_feedback_file_is_imported_once_and_damaged_lines_are_skipped(_isolated_env: Path):
    old = _isolated_env / "feedback.jsonl"
    old.parent.mkdir(parents=True, exist_ok=True)
    good = {"question": "q1", "answer": "a1", "rating": "up", "comment": "", "citations": ["x.p01"], "backend": "", "created": "2025-01-01T00:00:00+00:00"}
    with open(old, "w", encoding="utf-8") as handle:
        handle.write(json.dumps(good) + "\n")
        handle.write("{not json\n")
        handle.write(json.dumps({"question": "q", "answer": "a", "rating": "sideways"}) + "\n")
        handle.write(json.dumps(["a", "list"]) + "\n")
        handle.write('{"question": "half a line", "ans\n')
        handle.write(json.dumps(good | {"question": "q2", "rating": "down", "created": "2025-01-02T00:00:00+00:00"}) + "\n")
    store = FeedbackStore(open_database(Settings()))
    assert [(e.question, e.rating) for e in store.all()] == [("q1", "up"), ("q2", "down")] and store.all()[0].citations == ["x.p01"]
    assert not old.exists() and len(list(_isolated_env.glob("feedback.jsonl.imported-*"))) == 1  # kept, renamed: nothing lost
    store.add("q3", "a3", "up")
    assert [e.question for e in FeedbackStore(open_database(Settings())).all()] == ["q1", "q2", "q3"]  # imported once
    assert len(store.export_jsonl().splitlines()) == 3


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


def test_a_rating_is_stored_at_once_and_revised_in_place(store: FeedbackStore):
    first = store.add("Spørgsmål?", "Svar.", "up", citations=["del-3.p01"], backend="extractive")
    assert first.id and [e.rating for e in store.all()] == ["up"]
    revised = store.revise(first.id, "down", "Mangler noget om timing")
    assert (revised.id, revised.rating, revised.comment, revised.citations) == (first.id, "down", "Mangler noget om timing", ["del-3.p01"])
    assert len(store.all()) == 1
    with pytest.raises(KeyError):
        store.revise(first.id + 99, "up")
    alice, bob = store.for_user("alice"), store.for_user("bob")
    mine = alice.add("Q", "A", "up")
    with pytest.raises(KeyError):
        bob.revise(mine.id, "down")  # someone else's feedback cannot be changed
    with pytest.raises(ValueError):
        alice.revise(mine.id, "sideways")
