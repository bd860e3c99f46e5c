"""Retrieval and answer benchmark: build time, latency, memory and hit@k/MRR beside the LangChain tutorial peer.

Run: python -m eval.benchmark [--data-dir DIR] [--runs N]. Prints figures; asserts nothing.
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import yaml

from .metrics import matched_gold
from .peer import TutorialPeer, text_matches
from .reference import Reference

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "eval" / "gold.yaml"


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    language: str
    passages: tuple[str, ...]


def load_questions(path: Path = GOLD, split: str = "test") -> list[Question]:
    """In-scope, single-turn gold questions of a split ("test", "dev" or "all"); follow-ups need their history."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [
        Question(q["id"], q["question"], q["language"], tuple(q["passages"]))
        for q in data["questions"]
        if q["in_scope"] and not q.get("history") and q.get("passages") and split in ("all", q.get("split", "dev"))
    ]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def score(questions: list[Question], search: Callable[[str], list[Any]], relevant: Callable[[Any, Question], bool], text: Callable[[Any], str]) -> dict[str, Any]:
    rows: dict[str, list[int | None]] = {"da": [], "en": []}
    chars: list[int] = []
    for q in questions:
        hits = search(q.text)
        rank = next((n for n, h in enumerate(hits, start=1) if relevant(h, q)), None)
        rows[q.language].append(rank)
        chars.append(sum(len(text(h)) for h in hits))
    out: dict[str, Any] = {"chars_top5": statistics.mean(chars)}
    for lang, ranks in rows.items():
        n = len(ranks) or 1
        for k in (1, 3, 5):
            out[f"{lang}_hit@{k}"] = sum(1 for r in ranks if r and r <= k) / n
        out[f"{lang}_mrr"] = sum(1 / r for r in ranks if r) / n
        out[f"{lang}_n"] = len(ranks)
    return out


# `cocreate search --json` as the command line runs it (python -m assistant), printing its own peak RSS on the way out.
_COLD = (
    "import atexit, runpy, sys\n"
    "hwm = lambda: [l for l in open('/proc/self/status') if l.startswith('VmHWM:')][0].split()[1]\n"
    "atexit.register(lambda: print(hwm(), file=sys.stderr))\n"
    "sys.argv = ['cocreate', 'search', 'Hvordan får vi kollegerne med?', '--json']\n"
    "runpy.run_module('assistant', run_name='__main__')\n"
)


def cold_search(data_dir: Path, runs: int) -> tuple[list[float], float]:
    """Wall time of a `cocreate search --json` process from start to output, and its own peak RSS (MB).

    The peak is the process's VmHWM: getrusage's ru_maxrss would also count the parent's pages from before exec.
    """
    env = {**os.environ, "COCREATE_DATA_DIR": str(data_dir)}
    times, rss = [], 0.0
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", _COLD], env=env, check=True, capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        rss = max(rss, int(done.stderr.strip().splitlines()[-1]) / 1024)
    return times, rss


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, help="data directory (default: a fresh temporary one, so the build is timed)")
    parser.add_argument("--runs", type=int, default=3, help="cold-start runs")
    parser.add_argument("--split", choices=["test", "dev", "all"], default="test", help="gold questions to score (default: the blind test split)")
    args = parser.parse_args(argv)

    from assistant import Assistant, Settings

    tmp = None
    if args.data_dir is None:
        tmp = tempfile.TemporaryDirectory()
        args.data_dir = Path(tmp.name)
    questions = load_questions(split=args.split)
    reference = Reference.default()
    parents, texts = reference.parents, reference.texts

    assistant = Assistant(Settings(data_dir=args.data_dir))
    start = time.perf_counter()
    report = assistant.build_index()
    build = time.perf_counter() - start
    build_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    export_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # the one-time ONNX export, if it ran
    print(f"index build: {build:.1f} s ({report.added} vectors added, {report.unchanged} unchanged; model load included)")
    print(f"index build peak RSS: {build_rss:.0f} MB" + (f"; one-time ONNX export process {export_rss:.0f} MB" if export_rss else ""))

    relevant = lambda hit, q: bool(matched_gold(hit.chunk.id, hit.chunk.source_ids, q.passages, parents))  # noqa: E731
    text = lambda hit: hit.chunk.text  # noqa: E731
    configs: dict[str, dict[str, Any]] = {}
    for mode in ("hybrid", "bm25", "dense"):
        configs[mode] = score(questions, lambda q, m=mode: assistant.search(q, 5, mode=m), relevant, text)
    peer = TutorialPeer(assistant.embeddings, (assistant.corpus_dir / "raw" / "report.txt").read_text(encoding="utf-8"))
    configs["tutorial peer"] = score(questions, peer.search, lambda chunk, q: bool(text_matches(chunk, q.passages, texts)), lambda chunk: chunk)

    latencies = []
    for q in questions:
        assistant.forget_query_vectors()  # every query embedded afresh
        t = time.perf_counter()
        assistant.search(q.text, 5)
        latencies.append((time.perf_counter() - t) * 1000)
    ask = []
    for q in questions:
        assistant.forget_query_vectors()
        t = time.perf_counter()
        assistant.ask(q.text)
        ask.append((time.perf_counter() - t) * 1000)
    cold, child_rss = cold_search(args.data_dir, args.runs)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print(f"\n{len(questions)} {args.split}-split questions ({configs['hybrid']['da_n']} Danish, {configs['hybrid']['en_n']} English), k=5\n")
    header = f"{'configuration':<15} {'da hit@1':>8} {'da hit@5':>8} {'da MRR':>7} {'en hit@1':>8} {'en hit@5':>8} {'en MRR':>7} {'chars in top 5':>15}"
    print(header)
    print("-" * len(header))
    for name, c in configs.items():
        print(f"{name:<15} {c['da_hit@1']:>8.3f} {c['da_hit@5']:>8.3f} {c['da_mrr']:>7.3f} {c['en_hit@1']:>8.3f} {c['en_hit@5']:>8.3f} {c['en_mrr']:>7.3f} {c['chars_top5']:>15.0f}")
    print(f"\nwarm search latency: p50 {percentile(latencies, 0.5):.1f} ms, p95 {percentile(latencies, 0.95):.1f} ms")
    print(f"warm extractive ask latency: p50 {percentile(ask, 0.5):.1f} ms, p95 {percentile(ask, 0.95):.1f} ms")
    print(f"cold `cocreate search` (process start to output, index built): {', '.join(f'{t:.2f}' for t in cold)} s; median {statistics.median(cold):.2f} s")
    print(f"peak RSS: benchmark process {peak:.0f} MB (model, index and peer loaded); cold search process {child_rss:.0f} MB")
    if tmp is not None:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
