"""Calibrates the sentence-support thresholds on eval/support_labels.yaml and prints them with their accuracy.

Run: python -m eval.calibrate   (uses the configured embedding model; the default works offline)
"""
from __future__ import annotations

import itertools
import sys
from pathlib import Path

import yaml

from .metrics import SupportThresholds, cosine, lexical_support

LABELS = Path(__file__).resolve().parent / "support_labels.yaml"


def signals(embeddings) -> list[tuple[float, float, bool]]:  # noqa: ANN001 - an Embeddings
    examples = yaml.safe_load(LABELS.read_text(encoding="utf-8"))["examples"]
    sentences = embeddings.embed_documents([e["sentence"] for e in examples])
    passages = embeddings.embed_documents([e["passage"] for e in examples])
    return [
        (lexical_support(e["sentence"], [e["passage"]], e["language"]), cosine(s, p), bool(e["supported"]))
        for e, s, p in zip(examples, sentences, passages)
    ]


def accuracy(rows: list[tuple[float, float, bool]], thresholds: SupportThresholds) -> float:
    return sum(thresholds.supported(lex, emb) == label for lex, emb, label in rows) / len(rows)


def calibrate(rows: list[tuple[float, float, bool]]) -> tuple[SupportThresholds, float]:
    grid = [round(x * 0.05, 2) for x in range(4, 21)]
    best = (SupportThresholds(), -1.0)
    for high, low, emb in itertools.product(grid, grid, grid):
        if low > high:
            continue
        candidate = SupportThresholds(lexical=high, lexical_low=low, embedding=emb)
        score = accuracy(rows, candidate)
        if score > best[1] + 1e-9:
            best = (candidate, score)
    return best


def main() -> int:
    from assistant import Assistant, Settings

    rows = signals(Assistant(Settings()).embeddings)
    thresholds, score = calibrate(rows)
    current = accuracy(rows, SupportThresholds())
    print(f"{len(rows)} labelled examples ({sum(r[2] for r in rows)} supported)")
    print(f"best: lexical >= {thresholds.lexical}, or lexical >= {thresholds.lexical_low} and embedding >= {thresholds.embedding}: accuracy {score:.3f}")
    print(f"in use (eval/metrics.py SupportThresholds defaults): accuracy {current:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
