"""Fault injection: run the CLI as a user would while things break, and count what was lost, what crashed, what hung.

    python tools/faults.py            # all faults; exit 1 on any loss, traceback, hang or failed check
    python tools/faults.py --only damage,race

Each fault runs real processes (the `cocreate` CLI, a real `chroma run` server, a loopback model server) under a hard
wall-clock limit. It ends with one line: "N faults, 0 data lost, 0 tracebacks, 0 hangs".
"""
from __future__ import annotations

import argparse
import json
import os
import select
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the scripted model server (tests/fakellm.py)

QUESTIONS = [
    "Hvordan får vi kollegerne med?",
    "Hvordan organiserer vi støtte og sparring?",
    "Hvad siger lederne om at fejle?",
    "tid og timing",
    "How should management signal that co-creation matters?",
    "Hvad er 4P-modellen?",
]


@dataclass
class Outcome:
    name: str
    lost: int = 0
    tracebacks: int = 0
    hangs: int = 0
    failures: list[str] = field(default_factory=list)
    skipped: str | None = None
    seconds: float = 0.0

    def check(self, condition: bool, message: str) -> None:
        if not condition:
            self.failures.append(message)

    @property
    def ok(self) -> bool:
        return not (self.lost or self.tracebacks or self.hangs or self.failures)


class Run:
    """Runs `cocreate` in a data directory with the fast hash embeddings, counting tracebacks and hangs."""

    def __init__(self, outcome: Outcome, data: Path, **env: str) -> None:
        self.outcome = outcome
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("COCREATE_")}
        self.env.update(COCREATE_DATA_DIR=str(data), COCREATE_EMBED_MODEL="hash-256", HF_HUB_OFFLINE="1", **env)

    def __call__(self, *args: str, stdin: bytes | None = None, limit: float = 120, prefix: list[str] | None = None) -> subprocess.CompletedProcess | None:
        command = [*(prefix or []), sys.executable, "-m", "assistant", *args]
        try:
            done = subprocess.run(command, input=stdin, env=self.env, capture_output=True, timeout=limit, cwd=ROOT)
        except subprocess.TimeoutExpired:
            self.outcome.hangs += 1
            self.outcome.failures.append(f"`cocreate {' '.join(args)[:60]}` still running after {limit:g} s")
            return None
        self.seen(done.stderr)
        return done

    def popen(self, *args: str, stdin: int = subprocess.PIPE) -> subprocess.Popen:
        return subprocess.Popen([sys.executable, "-m", "assistant", *args], env=self.env, cwd=ROOT, stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    def seen(self, stderr: bytes | str) -> None:
        text = stderr.decode("utf-8", "replace") if isinstance(stderr, bytes) else stderr
        self.outcome.tracebacks += text.count("Traceback")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_http(url: str, limit: float) -> bool:
    end = time.monotonic() + limit
    while time.monotonic() < end:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return True
        except OSError:
            time.sleep(0.3)
    return False


def _hits(done: subprocess.CompletedProcess | None) -> list[str]:
    if done is None or done.returncode != 0:
        return []
    return [h["id"] for h in json.loads(done.stdout)["hits"]]


# -- the faults --------------------------------------------------------------------------------------------
def fault_chroma_dies_mid_batch(o: Outcome, work: Path) -> None:
    """Kill -9 the Chroma server after 5 of 20 questions of `ask --jsonl`: every line still gets its own line."""
    if shutil.which("chroma") is None:
        o.skipped = "no `chroma` command"
        return
    port = _free_port()
    server = subprocess.Popen(["chroma", "run", "--path", str(work / "server"), "--host", "127.0.0.1", "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        if not _wait_http(f"http://127.0.0.1:{port}/api/v2/heartbeat", 60):
            o.failures.append("the Chroma server did not start")
            return
        run = Run(o, work / "data", COCREATE_CHROMA_URL=f"http://127.0.0.1:{port}", COCREATE_CHROMA_TIMEOUT="5")
        built = run("index")
        o.check(built is not None and built.returncode == 0, "index on the server failed")
        questions = [QUESTIONS[i % len(QUESTIONS)] for i in range(20)]
        proc = run.popen("ask", "--jsonl")
        rows: list[dict] = []
        for n, question in enumerate(questions):
            if n == 5:
                server.kill()
                server.wait(10)
            proc.stdin.write(question.encode() + b"\n")
            proc.stdin.flush()
            ready, _, _ = select.select([proc.stdout], [], [], 60)
            if not ready:
                o.hangs += 1
                o.failures.append(f"no answer to line {n + 1} within 60 s")
                break
            line = proc.stdout.readline()
            if line:
                rows.append(json.loads(line))
        proc.stdin.close()
        try:
            code = proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
            o.hangs += 1
            code = None
        run.seen(proc.stderr.read())
        o.lost += len(questions) - len(rows)
        o.check(code == 0, f"the batch exited {code} (a dying server is a per-line error, not an abort)")
        o.check(all("error" not in r for r in rows[:5]), "lines before the kill failed")
        o.check(all("error" in r and "Chroma server" in r["error"] for r in rows[5:]), "lines after the kill do not name the server")
        o.check([r.get("question") for r in rows] == questions[: len(rows)], "output lines are out of order")
    finally:
        if server.poll() is None:
            server.kill()
            server.wait(10)


def fault_silent_chroma_server(o: Outcome, work: Path) -> None:
    """A Chroma URL that accepts connections and never answers: search ends within the deadline, naming it."""
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(16)
    try:
        run = Run(o, work / "data", COCREATE_CHROMA_URL=f"http://127.0.0.1:{silent.getsockname()[1]}", COCREATE_CHROMA_TIMEOUT="2")
        done = run("search", "tid og timing", limit=60)
        o.check(done is not None and done.returncode == 1 and b"did not answer" in done.stderr, "no clear deadline message")
    finally:
        silent.close()


def fault_trickling_model(o: Outcome, work: Path) -> None:
    """A model server sending a word every 2 s with COCREATE_LLM_TIMEOUT=3: the answer ends in bounded time, with a notice."""
    from fakellm import FakeLLMServer, Reply

    words = " ".join(["Støtte [1] er vigtig."] * 40)  # 120 words: about 4 minutes if nothing stops it
    with FakeLLMServer() as server:
        server.script(Reply(words, chunk_delay=2.0))
        run = Run(o, work / "data", COCREATE_LLM="openai", COCREATE_LLM_BASE_URL=server.base_url, COCREATE_LLM_MODEL="m", COCREATE_LLM_TIMEOUT="3")
        assert run("index") is not None
        started = time.monotonic()
        done = run("ask", "Hvordan organiserer vi støtte og sparring?", limit=45)
        o.seconds = time.monotonic() - started
        if done is not None:
            text = (done.stdout + done.stderr).decode("utf-8", "replace")
            o.check(done.returncode == 0 and "Kilder:" in done.stdout.decode(), "no answer after the model was cut off")
            o.check("(!)" in text and "COCREATE_LLM_TIMEOUT" in text, "no notice naming COCREATE_LLM_TIMEOUT")


def fault_read_only_store(o: Outcome, work: Path) -> None:
    """A built index whose files and folders are read-only (root without CAP_DAC_OVERRIDE): searched, never moved."""
    if shutil.which("setpriv") is None or os.geteuid() != 0:
        o.skipped = "needs root and setpriv"
        return
    run = Run(o, work / "data")
    assert run("index") is not None
    before = _hits(run("search", "støtte og sparring", "--json"))
    store = work / "data" / "index"
    subprocess.run(["chmod", "-R", "a-w", str(work / "data")], check=True)
    try:
        done = run("search", "støtte og sparring", "--json", prefix=["setpriv", "--bounding-set", "-dac_override,-dac_read_search,-fowner"])
    finally:
        subprocess.run(["chmod", "-R", "u+w", str(work / "data")], check=True)
    after = _hits(done)
    o.lost += len(set(before) - set(after))
    o.check(done is not None and b"read-only" in done.stderr, "the read-only store was not named")
    o.check(not list(store.glob("chroma.damaged-*")), "a healthy read-only store was moved aside")


def fault_mid_file_damage(o: Outcome, work: Path) -> None:
    """Random bytes at page 300 of chroma.sqlite3, twice: found, repaired, the same results, one damaged copy kept."""
    run = Run(o, work / "data")
    assert run("index") is not None
    before = _hits(run("search", "Hvordan får vi kollegerne med?", "--mode", "dense", "--json"))
    db = work / "data" / "index" / "chroma" / "chroma.sqlite3"
    for _ in range(2):
        with db.open("r+b") as handle:
            handle.seek(300 * 4096)
            handle.write(os.urandom(4096))
        done = run("search", "Hvordan får vi kollegerne med?", "--mode", "dense", "--json")
        o.lost += len(set(before) - set(_hits(done)))
        o.check(done is not None and b"damaged" in done.stderr, "the damage was not reported")
    o.check(len(list(db.parent.parent.glob("chroma.damaged-*"))) == 1, "not exactly one chroma.damaged-* copy")


def fault_four_first_searches(o: Outcome, work: Path) -> None:
    """Four processes search an empty data dir at the same instant: one builds, three wait, all answer alike."""
    run = Run(o, work / "data")
    question = "Hvordan organiserer vi støtte og sparring?"
    procs = [run.popen("search", question, "--mode", "dense", "-k", "3", "--json", stdin=subprocess.DEVNULL) for _ in range(4)]
    results = []
    for proc in procs:
        try:
            out, err = proc.communicate(timeout=180)
        except subprocess.TimeoutExpired:
            proc.kill()
            o.hangs += 1
            continue
        run.seen(err)
        results.append((proc.returncode, out, err))
    hits = [json.loads(out)["hits"] if code == 0 else [] for code, out, _ in results]
    o.lost += sum(1 for h in hits if len(h) != 3)
    o.check(len({json.dumps([x["id"] for x in h]) for h in hits}) == 1, "the four processes got different results")
    builders = sum(b"passages (100%)" in err for _, _, err in results)
    o.check(builders == 1, f"{builders} processes built the index (want 1)")
    moved = [line for _, _, err in results for line in err.decode("utf-8", "replace").splitlines() if "damaged" in line]
    o.check(not moved, f"a concurrent open moved the index aside: {moved[:1]}")


def fault_duplicate_names(o: Outcome, work: Path) -> None:
    """Same names in two folders and names with no Latin letters: every document stays, re-ingest changes nothing."""
    docs = {
        "a/notes.txt": "Workshoppen om kildekritik samlede tolv studerende.",
        "b/notes.txt": "Skrivecaféen blev drevet af frivillige vejledere.",
        "日本語.txt": "Makerspacet fik nye studentermedhjælpere.",
        "Ωμέγα.md": "Podcasten om informationssøgning fik mange lyttere.",
        "🙂.txt": "Escape-rummet lærte førsteårsstuderende at søge.",
    }
    paths = []
    for name, text in docs.items():
        path = work / "in" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    run = Run(o, work / "data")
    done = run("ingest", *paths)
    o.check(done is not None and done.returncode == 0, "ingest failed")
    again = run("ingest", paths[0])
    o.check(again is not None and b"Already ingested" in again.stdout, "re-ingesting the same content did not say so")
    listed = run("ingest", "--list")
    o.check(listed is not None and len(listed.stdout.decode().splitlines()) == len(docs), "ingest --list does not show every document")
    queries = "\n".join(text.split()[0].lower() for text in docs.values()) + "\n"
    found = run("search", "--jsonl", "--mode", "bm25", "--part", "ingest", "-k", "1", stdin=queries.encode())
    rows = [json.loads(line) for line in found.stdout.splitlines()] if found else []
    for text, row in zip(docs.values(), rows + [{}] * len(docs)):
        if not any(text[:20] in h["text"] for h in row.get("hits", [])):
            o.lost += 1


def fault_bad_input_batch(o: Outcome, work: Path) -> None:
    """Blank lines, bytes that are not UTF-8 and a bad file in ingested/: one line out per line in, named skips."""
    (work / "data" / "ingested").mkdir(parents=True)
    (work / "data" / "ingested" / "doc-broken.json").write_text("{not json", encoding="utf-8")
    lines = [b"tid og timing", b"", b"st\xf8tte", b"Hvad er 4P-modellen?"]
    run = Run(o, work / "data")
    done = run("search", "--jsonl", "--mode", "bm25", stdin=b"\n".join(lines) + b"\n")
    rows = [json.loads(line) for line in done.stdout.splitlines()] if done else []
    o.lost += max(0, len(lines) - len(rows))
    o.check(done is not None and done.returncode == 0, "the batch did not exit 0")
    o.check([("error" in r) for r in rows] == [False, True, True, False], "the wrong lines were answered as errors")
    o.check(done is not None and b"doc-broken.json" in done.stderr, "the bad ingested file was not named")


FAULTS: dict[str, Callable[[Outcome, Path], None]] = {
    "chroma-dies": fault_chroma_dies_mid_batch,
    "silent-chroma": fault_silent_chroma_server,
    "trickle": fault_trickling_model,
    "read-only": fault_read_only_store,
    "damage": fault_mid_file_damage,
    "race": fault_four_first_searches,
    "names": fault_duplicate_names,
    "bad-input": fault_bad_input_batch,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="comma-separated fault names: " + ", ".join(FAULTS))
    args = parser.parse_args(argv)
    names = args.only.split(",") if args.only else list(FAULTS)
    outcomes: list[Outcome] = []
    for name in names:
        outcome = Outcome(name)
        started = time.monotonic()
        with tempfile.TemporaryDirectory(prefix=f"cocreate-fault-{name}-") as work:
            try:
                FAULTS[name](outcome, Path(work))
            except Exception as exc:  # noqa: BLE001 - a broken check is a failure, reported like the others
                outcome.failures.append(f"the check itself failed: {exc.__class__.__name__}: {exc}")
        outcome.seconds = outcome.seconds or time.monotonic() - started
        outcomes.append(outcome)
        status = f"skipped ({outcome.skipped})" if outcome.skipped else ("ok" if outcome.ok else "FAILED")
        print(f"{name:14} {status:10} lost={outcome.lost} tracebacks={outcome.tracebacks} hangs={outcome.hangs} {outcome.seconds:5.1f} s", flush=True)
        for failure in outcome.failures:
            print(f"    - {failure}", flush=True)
    ran = [o for o in outcomes if not o.skipped]
    lost, tracebacks, hangs = (sum(getattr(o, a) for o in ran) for a in ("lost", "tracebacks", "hangs"))
    failed = sum(1 for o in ran if not o.ok)
    print(f"{len(ran)} faults, {lost} data lost, {tracebacks} tracebacks, {hangs} hangs" + (f"; {failed} failed" if failed else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
