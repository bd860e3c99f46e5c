"""The planning-topic map (corpus/source/topics.yaml): the needs users bring and where the report answers each."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import yaml
from pydantic import BaseModel, ConfigDict, Field

from .bilingual import Bilingual
from .errors import CorpusError
from .language import tokenize
from .yamlfile import load_yaml

if TYPE_CHECKING:  # only a type here: the corpus build checks the map, so a runtime import would be a cycle
    from .corpus.models import Corpus

WIZARD_IDS = ("fourp", "identity", "culture", "priorities", "evaluation")


class Phrasings(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    da: tuple[str, ...] = ()
    en: tuple[str, ...] = ()


class Partial(Bilingual):
    """What a need's answer covers only in part, and the passages that hold what the report does say on it."""

    shows: tuple[str, ...] = ()  # shown as the answer's evidence, so the note's summary is there to read, cited


class Need(BaseModel):
    """One planning need and the report's answer to it, by id."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    title: Bilingual
    lead: tuple[str, ...] = Field(min_length=1)
    do: tuple[str, ...] = ()
    explains: tuple[str, ...] = ()
    why: tuple[str, ...] = ()
    findings: tuple[str, ...] = ()
    tables: tuple[str, ...] = ()
    quotes: tuple[str, ...] = ()
    wizard: str
    partial: Partial | None = None
    phrasings: Phrasings

    def items(self) -> tuple[str, ...]:
        """Every corpus id the need refers to."""
        return self.lead + self.do + self.explains + self.why + self.findings + self.tables + self.quotes + (self.partial.shows if self.partial else ())


class Definition(BaseModel):
    """Where "what is co-creation?" is answered: a question of only these words is about that need's definitions."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    need: str
    terms: tuple[str, ...] = Field(min_length=1)  # the concept itself, in its names ("co-creation", "samskabelse")
    words: tuple[str, ...] = ()  # the words that ask what it is ("betyder", "mean"), beside the question words


class SpelledOut(BaseModel):
    """A passage that names a list the report spells out elsewhere ("de motiver …"), and the sentence that spells it out."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    item: str  # the statement or paragraph that names the list
    passage: str  # where the list is spelled out
    sentence: str  # the sentence of ``passage`` that spells it out, verbatim

    def spells(self, ids: set[str]) -> bool:
        return self.item in ids


class TopicMap(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    needs: tuple[Need, ...]
    definition: Definition | None = None
    spelled_out: tuple[SpelledOut, ...] = ()  # an answer that shows ``item`` also shows ``sentence``

    def defines(self, question: str) -> Need | None:
        """The need that defines the concept when ``question`` asks only what the concept is ("Hvad er co-creation?")."""
        if self.definition is None:
            return None
        asked = _stems(question)
        concept = _stems(" ".join(self.definition.terms))
        if not asked & concept or asked - concept - _stems(" ".join(self.definition.words)):
            return None
        return self.need(self.definition.need)

    def need(self, need_id: str) -> Need:
        for need in self.needs:
            if need.id == need_id:
                return need
        raise KeyError(need_id)


@lru_cache(maxsize=64)
def _stems(text: str) -> frozenset[str]:
    return frozenset(tokenize(text, "da")) | frozenset(tokenize(text, "en"))


def load_topic_map(corpus_dir: Path) -> TopicMap:
    """The topic map of ``corpus_dir``; CorpusError when it is missing or malformed."""
    path = corpus_dir / "source" / "topics.yaml"
    try:
        return TopicMap.model_validate(load_yaml(path.read_text(encoding="utf-8")))
    except FileNotFoundError as exc:
        raise CorpusError(f"The planning-topic map {path} is missing.") from exc
    except (yaml.YAMLError, ValueError) as exc:
        raise CorpusError(f"The planning-topic map {path} is malformed: {exc}") from exc


def corpus_ids(corpus: Corpus) -> dict[str, str]:
    """Every citable id of the corpus -> its kind (statement, paragraph, quote, table row, figure)."""
    ids: dict[str, str] = {p.id: "paragraph" for p in corpus.paragraphs}
    ids.update({q.id: "quote" for q in corpus.quotes})
    ids.update({s.id: "statement" for r in corpus.recommendations for s in r.statements})
    for table in corpus.tables:
        ids[table.id] = "table"
        ids.update({f"{table.id}.r{n}": "table row" for n in range(1, len(table.rows) + 1)})
    ids.update({f.id: "figure" for f in corpus.figures})
    return ids


_ALLOWED = {
    "lead": {"statement", "paragraph"},
    "do": {"statement", "paragraph"},
    "explains": {"paragraph"},
    "why": {"paragraph"},
    "findings": {"paragraph"},
    "tables": {"table row", "figure", "table"},
    "quotes": {"quote"},
    "partial.shows": {"quote", "paragraph"},
}


def check_topic_map(topic_map: TopicMap, corpus: Corpus) -> list[str]:
    """Problems with the map: unknown ids, ids of the wrong kind, unknown wizards, duplicate needs."""
    ids = corpus_ids(corpus)
    problems: list[str] = []
    texts = {p.id: " ".join(p.text.split()) for p in corpus.paragraphs}
    for entry in topic_map.spelled_out:
        if entry.item not in ids:
            problems.append(f"spelled_out: {entry.item!r} is not in the corpus")
        if " ".join(entry.sentence.split()) not in texts.get(entry.passage, ""):
            problems.append(f"spelled_out: the sentence for {entry.item!r} is not in paragraph {entry.passage!r}")
    seen: set[str] = set()
    definition = topic_map.definition
    if definition is not None and not any(n.id == definition.need and n.explains for n in topic_map.needs):
        problems.append(f"definition: {definition.need!r} is not a need with passages that explain")
    for need in topic_map.needs:
        if need.id in seen:
            problems.append(f"need {need.id!r} is listed twice")
        seen.add(need.id)
        if need.wizard not in WIZARD_IDS:
            problems.append(f"need {need.id!r}: unknown wizard {need.wizard!r} (choose from {', '.join(WIZARD_IDS)})")
        if not need.phrasings.da or not need.phrasings.en:
            problems.append(f"need {need.id!r}: phrasings need both Danish and English")
        for field, allowed in _ALLOWED.items():
            for item in need.partial.shows if field == "partial.shows" and need.partial else getattr(need, field, ()):
                kind = ids.get(item)
                if kind is None:
                    problems.append(f"need {need.id!r}: {field} cites {item!r}, which is not in the corpus")
                elif kind not in allowed:
                    problems.append(f"need {need.id!r}: {field} cites {item!r}, a {kind} (allowed: {', '.join(sorted(allowed))})")
    return problems
