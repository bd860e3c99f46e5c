"""Typed records of the eval: gold questions and scored samples (in the spirit of ragas' SingleTurnSample)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

GOLD = Path(__file__).resolve().parent / "gold.yaml"


@dataclass(frozen=True)
class GoldQuestion:
    id: str
    question: str
    language: str
    in_scope: bool
    category: str
    passages: tuple[str, ...]
    key_points: tuple[str, ...]
    history: tuple[dict[str, str], ...] = ()
    split: str = "dev"  # dev: may be tuned on; test: written blind, never tuned on
    kind: str = ""  # planning | draft | premise | fact | oos (blind splits)
    recommendations: tuple[str, ...] = ()  # Del 3 statements that answer the need


@dataclass
class Sample:
    """One scored row: the question, what was retrieved and answered, and the reference."""

    question: GoldQuestion
    retrieved: list[dict[str, Any]] = field(default_factory=list)  # {"id", "text", "kind", "source_ids", "english"}
    answer: str = ""
    citations: list[dict[str, Any]] = field(default_factory=list)  # {"id", "text", "kind", "english"}
    abstained: bool = False
    backend: str = ""
    scores: dict[str, float | None] = field(default_factory=dict)
    sentences: list[dict[str, Any]] = field(default_factory=list)  # per answer sentence: text, support, source
    latency_ms: dict[str, float] = field(default_factory=dict)


def load_gold(path: Path = GOLD) -> list[GoldQuestion]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [
        GoldQuestion(
            id=q["id"],
            question=q["question"],
            language=q["language"],
            in_scope=bool(q["in_scope"]),
            category=q.get("category", ""),
            passages=tuple(q.get("passages") or ()),
            key_points=tuple(q.get("key_points") or ()),
            history=tuple(q.get("history") or ()),
            split=q.get("split", "dev"),
            kind=q.get("kind", ""),
            recommendations=tuple(q.get("recommendations") or ()),
        )
        for q in data["questions"]
    ]
