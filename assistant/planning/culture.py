"""Tabel 6: organisational perspectives, scoring an organisation's values, and questions for discussion."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..bilingual import Bilingual
from ..corpus.planning_content import planning_content
from ._scores import Statement, score
from .advice import Advice
from .content import advice_for, excerpt_advice
from .models import CULTURE_TYPE_IDS, CultureAnswers, CultureProfile
from .sources import table_cell


@dataclass(frozen=True)
class CultureType:
    """One perspective of Tabel 6, with the report's description and its view of co-creation."""

    id: str
    name: str  # the same in Danish and English, e.g. "New Public Governance"
    ideal: Advice  # Tabel 6's cells
    values: tuple[Advice, ...]
    aversions: tuple[Advice, ...]
    description: Advice
    cocreation: Advice  # how co-creation gains value in this perspective (del-3.kulturer.p07)

    @property
    def advice(self) -> tuple[Advice, ...]:
        """Every cited excerpt: ideal, values, aversions, description, view of co-creation."""
        return (self.ideal, *self.values, *self.aversions, self.description, self.cocreation)

    @property
    def source_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(a.source_id for a in self.advice))


@dataclass(frozen=True)
class Question:
    """A question for discussion, written for cocreate, grounded in the passage ``source`` cites."""

    wording: Bilingual
    source: Advice

    def text(self, language: str = "da") -> str:
        return self.wording.get(language)


def culture_statements() -> list[Statement]:
    """The statements for assessing an organisation's values, each written from the passage it cites."""
    return list(_statements())


@lru_cache(maxsize=1)
def _statements() -> tuple[Statement, ...]:
    return tuple(Statement(s.id, s.type, s.text, s.source) for s in planning_content().culture.statements)


def score_culture(answers: CultureAnswers) -> CultureProfile:
    """The profile of an organisation's answers; missing ratings count as neutral (3).

    Raises:
        ValueError: for unknown statement ids or ratings outside 1..5.
    """
    result = score(culture_statements(), CULTURE_TYPE_IDS, dict(answers.ratings), "culture")
    return CultureProfile(shares=result.shares, dominant=result.dominant, hybrid=len(result.dominant) > 1, means=result.means)


@lru_cache(maxsize=1)
def _culture_types() -> tuple[CultureType, ...]:
    table = planning_content().culture.table
    out = []
    for type_id in CULTURE_TYPE_IDS:
        record = planning_content().culture.types[type_id]
        ideal, values, aversions = (
            tuple(advice_for(table.id, v) for v in _items(table_cell(table.id, row, record.name))) for row in (table.ideal, table.values, table.aversions)
        )
        out.append(CultureType(
            id=type_id, name=record.name, ideal=ideal[0], values=values, aversions=aversions,
            description=excerpt_advice(record.description), cocreation=excerpt_advice(record.cocreation),
        ))
    return tuple(out)


def culture_types() -> list[CultureType]:
    """The three perspectives of Tabel 6: Public Administration, New Public Management, New Public Governance."""
    return list(_culture_types())


def culture_type(type_id: str) -> CultureType:
    for info in _culture_types():
        if info.id == type_id:
            return info
    raise ValueError(f"Unknown culture type {type_id!r}; choose from: {', '.join(CULTURE_TYPE_IDS)}.")


def discussion_items(profile: CultureProfile | None) -> list[Question]:
    """Questions for discussing whether the organisation's values fit co-creation, with their sources."""
    profile = profile or CultureProfile()
    order = sorted(CULTURE_TYPE_IDS, key=lambda t: (-profile.shares[t], CULTURE_TYPE_IDS.index(t)))
    names = ["opening"]
    for type_id in order:
        names += [f"{type_id}.perspective", f"{type_id}.aversion"] if type_id in profile.dominant else [f"{type_id}.perspective"]
    items = [_question(n) for n in names]
    if profile.hybrid:
        first, second = culture_type(order[0]).values[0], culture_type(order[1]).values[0]
        template = _question("hybrid_conflict")
        wording = Bilingual(
            da=template.wording.da.format(first=first.text.lower(), second=second.text.lower()),
            en=template.wording.en.format(first=first.get("en").lower(), second=second.get("en").lower()),
        )
        items.append(Question(wording, template.source))
    else:
        items.append(_question("single_perspective"))
    return items + [_question(n) for n in ("subcultures", "value_collaboration", "users_as_resources", "dare_to_try")]


def discussion_questions(profile: CultureProfile | None, language: str = "da") -> list[str]:
    """Questions for discussion (hybrids are the norm): the profile's own perspectives first."""
    return [q.text(language) for q in discussion_items(profile)]


def _question(name: str) -> Question:
    record = planning_content().culture.questions[name]
    return Question(record.text, excerpt_advice(record.source))


def _items(cell: str | list[str]) -> list[str]:
    return list(cell) if isinstance(cell, list) else [cell]


def __getattr__(name: str) -> Any:
    """``CULTURE_STATEMENTS``, read from corpus/planning/culture.yaml on first use."""
    if name == "CULTURE_STATEMENTS":
        return culture_statements()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
