"""Decides whether the report covers a question: task patterns, vocabulary coverage and semantic closeness."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .language import detect_language, tokenize
from .retrieval import SearchEngine

# Requests the report can never answer, whatever words they contain.
_TASKS = re.compile(
    r"\b(poem|poems|digt|digte|haiku|limerick|sonnet|sonet|song lyrics|sangtekst|joke|jokes|vittighed|vits|"
    r"recipe|opskrift|python|javascript|typescript|sql|regex|write (?:me )?(?:some |a )?code|skriv (?:en |noget )?kode|"
    r"capital of|hovedstad|weather|vejret|stock price|aktiekurs|horoscope|horoskop)\b",
    re.IGNORECASE,
)
# Question words and fillers that say nothing about the topic.
_GENERIC_WORDS = (
    "hvad hvordan hvorfor hvornår hvilken hvilke hvem kan skal bør gøre får give giver siger sige fortæl forklar "
    "what how why when which who whom tell explain give make get do does should could would can says said say "
    "rapporten rapport report anbefaler recommend recommendation eksempel example mere more om about"
)
_GENERIC = frozenset(tokenize(_GENERIC_WORDS)) | frozenset(tokenize(_GENERIC_WORDS, "en"))


@dataclass(frozen=True)
class ScopeCheck:
    in_scope: bool
    reason: str
    coverage: float
    similarity: float


@dataclass(frozen=True)
class ScopeThresholds:
    """Calibrated on the gold set's in- and out-of-scope questions (see eval/)."""

    min_coverage: float = 0.6
    min_similarity: float = 0.0
    strong_coverage: float = 0.75


@dataclass(frozen=True)
class Topic:
    name: str
    why: str
    pattern: re.Pattern[str]


def load_topics(path: Path) -> list[Topic]:
    """The curated topics the report does not cover (corpus/source/out_of_scope.yaml)."""
    if not path.exists():
        return []
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return [
        Topic(t["name"], t.get("why", ""), re.compile(r"\b(?:" + "|".join(t["patterns"]) + r")\b", re.IGNORECASE))
        for t in data.get("topics", [])
    ]


def check_scope(
    question: str, engine: SearchEngine, topics: list[Topic] | None = None, thresholds: ScopeThresholds = ScopeThresholds()
) -> ScopeCheck:
    """Whether ``question`` is about what the report covers."""
    if _TASKS.search(question):
        return ScopeCheck(False, "task outside the report", 0.0, 0.0)
    for topic in topics or []:
        if topic.pattern.search(question):
            return ScopeCheck(False, f"not covered: {topic.name}", 0.0, 0.0)
    language = detect_language(question, engine.glossary.english_vocabulary)
    terms = [t for t in tokenize(question, "en" if language == "en" else "da") if t not in _GENERIC]
    if not terms:
        return ScopeCheck(False, "no topic words", 0.0, 0.0)
    vocabulary = engine.vocabulary | engine.glossary.english_stems
    coverage = sum(1 for t in terms if t in vocabulary) / len(terms)
    similarity = engine.max_similarity(question)
    if coverage < thresholds.min_coverage:
        return ScopeCheck(False, "words the report does not use", coverage, similarity)
    if similarity < thresholds.min_similarity and coverage < thresholds.strong_coverage:
        return ScopeCheck(False, "far from every passage", coverage, similarity)
    return ScopeCheck(True, "covered", coverage, similarity)
