"""The index under faults: concurrent first use, read-only stores, mid-file damage, locks and silent servers."""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from assistant import Assistant, Settings, StoreError

ROOT = Path(__file__).resolve().parent.parent
SETPRIV = shutil.which("setpriv")
# Root ignores file modes; without these capabilities it is held to them like any user.
NO_OVERRIDE = [SETPRIV or "setpriv", "--bounding-set", "-dac_override,-dac_read_search,-fowner"]


def _env(data: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("COCREATE_")}
    env.update(COCREATE_DATA_DIR=str(data), COCREATE_EMBED_MODEL="hash-256", HF_HUB_OFFLINE="1", **extra)
    return env


def _cocreate(*args: str, data: Path, prefix: list[str] | None = None, timeout: float = 120, **extra: str) -> subprocess.CompletedProcess:
    command = [*(prefix or []), sys.executable, "-m", "assistant", *args]
    return subprocess.run(command, env=_env(data, **extra), capture_output=True, text=True, timeout=timeout, cwd=ROOT)


def _damage(db: Path, page: int = 300) -> None:
    with db.open("r+b") as handle:
        handle.seek(page * 4096)
        handle.write(os.urandom(4096))


def _digest(folder: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        h.update(path.name.encode() + path.read_bytes())
    return h.hexdigest()


# -- concurrency: real processes -----------------------------------------------------------------------------
@pytest.mark.parametrize("command", [["index"], ["search", "Hvordan organiserer vi støtte og sparring?", "--mode", "dense", "-k", "3", "--json"]])
def test_four_processes_on_an_empty_data_dir_build_once(tmp_path: Path, command: list[str]):
    data = tmp_path / "data"
    procs = [
        subprocess.Popen([sys.executable, "-m", "assistant", *command], env=_env(data), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
        for _ in range(4)
    ]
    results = [p.communicate(timeout=180) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0, 0], [err for _, err in results]
    assert not any("Traceback" in err or "damaged" in err for _, err in results)
    assert not list((data / "index").glob("chroma.damaged-*"))
    if command == ["index"]:
        added = sorted(int(out.split(": ")[1].split(" added")[0]) for out, _ in results)
        assert added[:3] == [0, 0, 0] and added[3] > 0  # one process embedded, three waited and found it done
    else:
        hits = [[h["id"] for h in json.loads(out)["hits"]] for out, _ in results]
        assert len(hits[0]) == 3 and all(h == hits[0] for h in hits)
        assert sum("waiting for it" in err for _, err in results) >= 1


def test_threads_of_one_process_share_one_build(tmp_path: Path):
    assistant = Assistant(Settings(data_dir=tmp_path, embed_model="hash-64"))
    errors: list[BaseException] = []

    def search() -> None:
        try:
            assert assistant.search("tid og timing", mode="dense")
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=search) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors


# -- read-only ---------------------------------------------------------------------------------------------
needs_setpriv = pytest.mark.skipif(SETPRIV is None or os.geteuid() != 0, reason="needs root and setpriv to drop CAP_DAC_OVERRIDE")


@needs_setpriv
def test_a_read_only_store_is_searched_and_never_moved(cli_data_copy: Path):
    data = cli_data_copy
    store = data / "index" / "chroma"
    before = _digest(store)
    subprocess.run(["chmod", "-R", "a-w", str(data)], check=True)
    try:
        done = _cocreate("search", "støtte og sparring", "-k", "2", "--json", data=data, prefix=NO_OVERRIDE)
    finally:
        subprocess.run(["chmod", "-R", "u+w", str(data)], check=True)
    assert done.returncode == 0, done.stderr
    assert len(json.loads(done.stdout)["hits"]) == 2
    assert "read-only" in done.stderr and "Traceback" not in done.stderr
    assert _digest(store) == before and not list((data / "index").glob("chroma.damaged-*"))


@needs_setpriv
def test_a_read_only_sqlite_file_is_not_damage(cli_data_copy: Path):
    data = cli_data_copy
    db = data / "index" / "chroma" / "chroma.sqlite3"
    db.chmod(0o444)
    done = _cocreate("search", "tid og timing", "--json", data=data, prefix=NO_OVERRIDE)
    assert done.returncode == 0, done.stderr
    assert "read-only" in done.stderr and not list((data / "index").glob("chroma.damaged-*"))


@needs_setpriv
def test_a_read_only_data_dir_without_an_index_names_the_cause(tmp_path: Path):
    data = tmp_path / "data"
    data.mkdir()
    data.chmod(0o555)
    try:
        done = _cocreate("search", "tid og timing", "--json", data=data, prefix=NO_OVERRIDE)
    finally:
        data.chmod(0o755)
    assert done.returncode == 0, done.stderr
    assert "not writable" in done.stderr and "COCREATE_DATA_DIR" in done.stderr
    assert "PermissionError" not in done.stderr and not (data / "index").exists()


# -- damage ------------------------------------------------------------------------------------------------
def test_mid_file_damage_is_found_and_repaired_keeping_one_copy(cli_data_copy: Path):
    tmp_path = cli_data_copy  # a built index of its own, to damage
    settings = Settings(data_dir=tmp_path, embed_model="hash-256")
    db = tmp_path / "index" / "chroma" / "chroma.sqlite3"
    for round_ in range(2):
        _damage(db)
        messages: list[str] = []
        assistant = Assistant(settings, notify=messages.append)
        assert assistant.search("støtte og sparring", mode="dense"), round_
        assert assistant.ask("Hvordan organiserer vi støtte og sparring?").citations
        assert any("damaged" in m for m in messages), messages  # random bytes: sqlite names the damage in its own words
        assert len(list((tmp_path / "index").glob("chroma.damaged-*"))) == 1
        assert sqlite3.connect(db).execute("PRAGMA quick_check").fetchone()[0] == "ok"


def test_damage_found_while_running_is_repaired_and_the_search_answered(cli_data_copy: Path):
    tmp_path = cli_data_copy  # a built index of its own, to damage
    settings = Settings(data_dir=tmp_path, embed_model="hash-256")
    messages: list[str] = []
    assistant = Assistant(settings, notify=messages.append)
    expected = [h.similarity for h in assistant.search("tid og timing", k=10, mode="dense")]
    _damage(tmp_path / "index" / "chroma" / "chroma.sqlite3", page=200)
    _damage(tmp_path / "index" / "chroma" / "chroma.sqlite3", page=400)
    assert assistant.search("kolleger og ledelse", mode="dense")
    # the same matches (hash embeddings tie often; a rebuilt index may order ties differently)
    assert [h.similarity for h in assistant.search("tid og timing", k=10, mode="dense")] == pytest.approx(expected, abs=1e-6)
    assert any("damaged" in m for m in messages)
    assert len(list((tmp_path / "index").glob("chroma.damaged-*"))) == 1


def test_a_locked_database_is_named_not_moved(cli_data_copy: Path):
    tmp_path = cli_data_copy  # a built index of its own, to lock
    settings = Settings(data_dir=tmp_path, embed_model="hash-256", chroma_timeout=2)
    db = tmp_path / "index" / "chroma" / "chroma.sqlite3"
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        started = time.monotonic()
        with pytest.raises(StoreError, match="locked"):
            Assistant(settings).search("tid og timing", mode="dense")
        assert time.monotonic() - started < 30
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert not list((tmp_path / "index").glob("chroma.damaged-*"))
    assert Assistant(settings).search("tid og timing", mode="dense")


# -- deadlines ---------------------------------------------------------------------------------------------
def test_a_chroma_server_that_never_answers_cannot_hang_a_search(tmp_path: Path):
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(16)  # accepts connections (the kernel does) and never answers
    port = silent.getsockname()[1]
    try:
        started = time.monotonic()
        done = _cocreate("search", "tid og timing", data=tmp_path, timeout=90, COCREATE_CHROMA_URL=f"http://127.0.0.1:{port}", COCREATE_CHROMA_TIMEOUT="2")
        elapsed = time.monotonic() - started
    finally:
        silent.close()
    assert done.returncode == 1 and "did not answer within 2 s" in done.stderr and "COCREATE_CHROMA" in done.stderr
    assert "Traceback" not in done.stderr and elapsed < 45
