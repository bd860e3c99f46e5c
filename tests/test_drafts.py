"""Autosaved drafts in SQLite: partial saves, restarts, damaged files and concurrent threads."""
from __future__ import annotations

import json
import sqlite3
import threading
import uuid
from pathlib import Path

import pytest

from assistant import Settings
from assistant.planning import DraftStore, FourPPlan, load_model


@pytest.fixture
def store(tmp_path: Path) -> DraftStore:
    return DraftStore(tmp_path / "drafts" / "drafts.sqlite3")


def test_create_get_and_partial_save(store: DraftStore):
    draft = store.create("fourp", "Søgeguide", {"title": "Søgeguide"}, step="pointe")
    assert uuid.UUID(hex=draft.id).version == 4 and len(draft.id) == 32
    assert draft.created == draft.updated and draft.created.endswith("+00:00")
    saved = store.save(draft.id, step="partnere")
    assert saved.data == {"title": "Søgeguide"} and saved.title == "Søgeguide" and saved.step == "partnere"
    assert saved.updated > draft.updated and saved.created == draft.created
    saved = store.save(draft.id, data={"title": "Ny"}, title="Ny titel")
    assert store.get(draft.id) == saved and saved.step == "partnere"


def test_a_wizard_model_round_trips_through_a_draft(store: DraftStore):
    plan = FourPPlan(title="Plan", motives=["kvalitet"], hours_set_aside=12.5)
    draft = store.create("fourp", plan.title, plan.model_dump(mode="json"))
    assert load_model("fourp", store.get(draft.id).data) == plan


def test_drafts_survive_a_new_store_on_the_same_file(tmp_path: Path):
    path = tmp_path / "drafts.sqlite3"
    first = DraftStore(path)
    draft = first.create("evaluation", "Workshop", {"initiative": "Workshop"})
    again = DraftStore(path)
    assert again.get(draft.id) == draft
    assert [d.id for d in again.list()] == [draft.id]


def test_the_default_path_lives_in_the_data_dir(_isolated_env: Path):
    store = DraftStore(Settings().drafts_path())
    store.create("culture")
    assert (_isolated_env / "drafts.sqlite3").exists()


def test_list_is_newest_updated_first_and_filters_by_kind(store: DraftStore):
    a = store.create("fourp", "A")
    b = store.create("priorities", "B")
    c = store.create("fourp", "C")
    assert [d.title for d in store.list()] == ["C", "B", "A"]
    store.save(a.id, title="A2")
    assert [d.title for d in store.list()] == ["A2", "C", "B"]
    assert [d.id for d in store.list("fourp")] == [a.id, c.id]
    assert store.list("identity") == []
    assert b.id in {d.id for d in store.list()}


def test_duplicate_and_delete(store: DraftStore):
    draft = store.create("identity", "Team A", {"ratings": {"ekspert-1": 4}}, step="vurdering")
    copy = store.duplicate(draft.id)
    assert copy.id != draft.id and copy.title == "Team A (kopi)"
    assert copy.data == draft.data and copy.kind == "identity" and copy.step == "vurdering"
    store.delete(draft.id)
    with pytest.raises(KeyError):
        store.get(draft.id)
    store.delete(draft.id)  # deleting twice is fine
    assert [d.id for d in store.list()] == [copy.id]


def test_invalid_input_is_rejected(store: DraftStore):
    with pytest.raises(ValueError, match="Unknown draft kind"):
        store.create("memo")
    draft = store.create("fourp")
    with pytest.raises(KeyError):
        store.save("missing", title="x")
    with pytest.raises(KeyError):
        store.get("missing")
    for bad in ({"a": {1, 2}}, {"a": object()}, {"a": float("nan")}, ["not", "a", "dict"]):
        with pytest.raises(ValueError):
            store.save(draft.id, data=bad)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="1 MB"):
        store.save(draft.id, data={"text": "x" * (1024 * 1024)})
    with pytest.raises(ValueError):
        store.create("fourp", data={"when": object()})
    assert store.get(draft.id).data == {}
    assert len(store.list()) == 1


def test_wal_mode_is_on(store: DraftStore):
    with sqlite3.connect(store.path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_corrupt_file_is_moved_aside_at_open(tmp_path: Path):
    path = tmp_path / "drafts.sqlite3"
    path.write_bytes(b"this is not a database, just some damaged bytes" * 100)
    store = DraftStore(path)
    damaged = list(tmp_path.glob("drafts.sqlite3.damaged-*"))
    assert len(damaged) == 1 and store.recovered_from == damaged[0]
    assert damaged[0].read_bytes().startswith(b"this is not a database")
    draft = store.create("fourp", "Efter genopretning")
    assert store.get(draft.id).title == "Efter genopretning"


def test_a_file_damaged_while_in_use_is_moved_aside_too(tmp_path: Path):
    path = tmp_path / "drafts.sqlite3"
    store = DraftStore(path)
    store.create("fourp", "Tabt")
    for side in ("-wal", "-shm"):
        path.with_name(path.name + side).unlink(missing_ok=True)
    path.write_bytes(b"\x00garbage" * 1000)
    assert store.list() == []
    assert list(tmp_path.glob("drafts.sqlite3.damaged-*"))
    assert store.create("priorities").kind == "priorities"


def test_concurrent_saves_from_threads_lose_nothing(store: DraftStore):
    shared = store.create("fourp", "Delt", {"n": 0})
    own = [store.create("evaluation", f"Tråd {i}") for i in range(6)]
    errors: list[BaseException] = []

    def work(index: int) -> None:
        try:
            for n in range(20):
                store.save(own[index].id, data={"n": n, "thread": index}, step=f"s{n}")
                if index % 2:
                    store.save(shared.id, title=f"titel {index}-{n}")
                else:
                    store.save(shared.id, data={"n": n, "thread": index})
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    for index, draft in enumerate(own):
        final = store.get(draft.id)
        assert final.data == {"n": 19, "thread": index} and final.step == "s19"
    final = store.get(shared.id)
    assert final.title.startswith("titel ") and final.data["n"] == 19 and final.data["thread"] % 2 == 0
    assert len(store.list()) == 7


def test_concurrent_creates_from_two_stores_on_one_file(tmp_path: Path):
    path = tmp_path / "drafts.sqlite3"
    stores = [DraftStore(path), DraftStore(path)]
    threads = [threading.Thread(target=lambda s=s: [s.create("culture") for _ in range(15)]) for s in stores]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(DraftStore(path).list()) == 30


def test_export_and_import_json(store: DraftStore, tmp_path: Path):
    a = store.create("fourp", "A", {"title": "A"})
    b = store.create("priorities", "B", {"library": "KB"})
    backup = store.export_json()
    doc = json.loads(backup)
    assert doc["format"] == "cocreate-drafts" and {d["id"] for d in doc["drafts"]} == {a.id, b.id}
    fresh = DraftStore(tmp_path / "restore.sqlite3")
    assert fresh.import_json(backup) == 2
    assert fresh.get(a.id) == store.get(a.id)
    assert fresh.import_json(backup) == 0  # nothing newer
    with pytest.raises(ValueError):
        fresh.import_json("{}")
    with pytest.raises(ValueError):
        fresh.import_json("not json")


def test_conversation_store_keeps_loads_and_forgets(tmp_path):
    import os
    import time

    import pytest as _pytest

    from assistant import InputError
    from assistant.planning import ConversationStore
    from assistant.planning import conversations as module

    store = ConversationStore(tmp_path / "conversations")
    chat_id = store.new_id()
    store.save(chat_id, [{"question": "Hvordan?", "answer": {"answer": "Sådan [1]."}}])
    assert ConversationStore(tmp_path / "conversations").load(chat_id) == [{"question": "Hvordan?", "answer": {"answer": "Sådan [1]."}}]
    store.save(chat_id, [{"n": n} for n in range(module.MAX_TURNS + 5)])
    assert store.load(chat_id)[0] == {"n": 5} and len(store.load(chat_id)) == module.MAX_TURNS  # the newest turns kept
    assert store.load("../" + chat_id) == [] and store.load(store.new_id()) == []
    with _pytest.raises(InputError):
        store.save("../../etc/x", [])
    (tmp_path / "conversations" / f"{chat_id}.json").write_text("[not json", encoding="utf-8")
    assert store.load(chat_id) == []  # damaged: an empty chat, never an exception
    store.delete(chat_id)
    assert not (tmp_path / "conversations" / f"{chat_id}.json").exists()
    old = store.new_id()
    store.save(old, [{"n": 1}])
    stale = time.time() - (module.MAX_AGE_DAYS + 1) * 86400
    os.utime(tmp_path / "conversations" / f"{old}.json", (stale, stale))
    assert ConversationStore(tmp_path / "conversations").load(old) == []  # pruned when the store opens


def test_conversation_store_leaves_out_only_a_turn_too_large_to_store(tmp_path):
    from assistant.planning import ConversationStore
    from assistant.planning import conversations as module

    store = ConversationStore(tmp_path / "conversations")
    chat_id = store.new_id()
    earlier = [{"question": f"Spørgsmål {n}?", "answer": {"answer": "Svar."}} for n in range(3)]
    huge = {"question": "x" * (module.MAX_BYTES + 10), "refusal": {"reason": "too_long"}}
    store.save(chat_id, [*earlier, huge])
    assert store.load(chat_id) == earlier  # the paste is left out, the conversation is not emptied
    half = {"question": "y" * (module.MAX_BYTES // 2), "answer": {"answer": "Svar."}}
    store.save(chat_id, [*earlier, half, half, {"question": "Sidst?"}])
    kept = store.load(chat_id)
    assert kept[-1] == {"question": "Sidst?"} and kept[-2] == half and len(kept) == 2  # then the oldest go first
    assert len((tmp_path / "conversations" / f"{chat_id}.json").read_bytes()) <= module.MAX_BYTES
