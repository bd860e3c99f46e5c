"""The concept thesaurus (corpus/source/thesaurus.yaml): everyday words and paraphrases -> the report's terms."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

import yaml
from pydantic import BaseModel, ConfigDict

from .errors import CorpusError
from .language import tokenize
from .topics import Phrasings
from .yamlfile import load_yaml

Tokens = Callable[[str, str], list[str]]


class Concept(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    report: Phrasings
    everyday: Phrasings
    anchor: bool = False  # the concept is about co-creation itself (keeps a question with an unknown subject in scope)


class Thesaurus:
    """Matches a question's everyday words to concepts and expands it with the report's terms (both languages)."""

    def __init__(self, concepts: list[Concept], tokens: Tokens | None = None) -> None:
        self.concepts = concepts
        self._tokens: Tokens = tokens or (lambda text, language: tokenize(text, language))
        self._triggers: list[tuple[str, str, tuple[str, ...], bool]] = []  # (concept, stemmer language, stems in order, everyday?)
        self._terms: dict[str, set[str]] = {}
        for concept in concepts:
            phrases = [(p, True) for p in (*concept.everyday.da, *concept.everyday.en)]
            phrases += [(p, False) for p in (*concept.report.da, *concept.report.en)]
            danish = {*concept.everyday.da, *concept.report.da}
            for phrase, everyday in phrases:
                for language in ("da", "en"):
                    stems = tuple(tokenize(phrase, language))
                    if stems and not (len(phrase.split()) > 1 and len(stems) == 1):  # "siger ikke noget" is not "siger"
                        self._triggers.append((concept.id, language, stems, everyday))
                for stem in _inflected_stems(phrase) if phrase in danish else ():
                    self._triggers.append((concept.id, "da", (stem,), everyday))
            terms = {s for p in concept.report.da for s in self._tokens(p, "da")}
            terms |= {s for p in concept.report.en for s in tokenize(p, "en")}
            self._terms[concept.id] = terms
        # triggers by language and first stem: a question tries only those that can match it
        self._by_first: dict[tuple[str, str], list[tuple[str, str, tuple[str, ...], bool]]] = {}
        for trigger in self._triggers:
            self._by_first.setdefault((trigger[1], trigger[2][0]), []).append(trigger)

    def concepts_in(self, question: str, everyday_only: bool = False) -> set[str]:
        """Ids of the concepts whose everyday (or report) words all occur in ``question``."""
        found: set[str] = set()
        for language in ("da", "en"):
            stems = self._tokens(question, language)
            present = set(stems)
            for first in present:
                for c, _, trigger, everyday in self._by_first.get((language, first), ()):
                    if (everyday or not everyday_only) and set(trigger) <= present and _in_order(trigger, stems):
                        found.add(c)
        return found

    def expand(self, question: str, weight: float) -> dict[str, float]:
        """Report-term stems for the concepts the question names in everyday words, each with ``weight``.

        Only stems the question lacks are added: a question already in the report's words is left as it is.
        """
        own = set(self._tokens(question, "da")) | set(self._tokens(question, "en"))
        out: dict[str, float] = {}
        for concept in sorted(self.concepts_in(question, everyday_only=True)):
            if self._terms[concept] & own:
                continue
            for stem in self._terms[concept]:
                out[stem] = max(out.get(stem, 0.0), weight)
        return out

    def anchored(self, question: str) -> bool:
        """Whether the question names a concept marked as an anchor (co-creation itself): it keeps an unknown name in scope."""
        anchors = {c.id for c in self.concepts if c.anchor}
        return bool(self.concepts_in(question) & anchors)

    @property
    def vocabulary(self) -> frozenset[str]:
        """Every stem the thesaurus knows (everyday and report words, both stemmers)."""
        return frozenset(s for _, _, stems, _ in self._triggers for s in stems)


def _inflected_stems(word: str) -> set[str]:
    """Danish stems of a one-word trigger's inflected forms that the stemmer cuts differently ("kvaliteten", not "kvalit")."""
    if " " in word or len(word) < 5 or not word.isalpha():
        return set()
    base = tokenize(word, "da")
    # only longer cuts of the same word: "grundigheden" cut to "grund" would match every "grund-"
    return {s for ending in _ENDINGS for s in tokenize(word + ending, "da") if base and s != base[0] and s.startswith(base[0])}


_ENDINGS = ("en", "et", "er", "erne", "ene", "e")


def _in_order(phrase: tuple[str, ...], question: list[str]) -> bool:
    """A multi-word phrase matches only as a phrase: its stems in order, at most one other word between them."""
    if len(phrase) == 1:
        return True
    for start, stem in enumerate(question):
        if stem != phrase[0]:
            continue
        at, ok = start, True
        for wanted in phrase[1:]:
            window = question[at + 1 : at + 3]
            if wanted not in window:
                ok = False
                break
            at = at + 1 + window.index(wanted)
        if ok:
            return True
    return False


def load_concepts(corpus_dir: Path, section: str = "concepts") -> list[Concept]:
    """The thesaurus's concepts (``section="outside"``: the kinds of thing the report does not cover)."""
    path = corpus_dir / "source" / "thesaurus.yaml"
    try:
        data = load_yaml(path.read_text(encoding="utf-8")) or {}
        return [Concept.model_validate(c) for c in data.get(section, [])]
    except FileNotFoundError:
        return []
    except (yaml.YAMLError, ValueError) as exc:
        raise CorpusError(f"The thesaurus {path} is malformed: {exc}") from exc
