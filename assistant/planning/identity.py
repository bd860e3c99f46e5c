"""Tabel 4 self-assessment: professional identities, scoring, and how to frame co-creation for them."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..bilingual import Bilingual
from ..corpus.planning_content import planning_content
from ._scores import Statement, score
from .advice import Advice
from .content import advice_for, excerpt_advice, motive_advice
from .models import IDENTITY_TYPE_IDS, IdentityAnswers, IdentityProfile
from .sources import table_cell


@dataclass(frozen=True)
class TypeInfo:
    """One ideal type of Tabel 4, with the report's description and how to frame co-creation for it."""

    id: str
    names: Bilingual  # Danish as Tabel 4's column heading
    motive: str  # kvalitet / effektivitet / legitimitet
    value: Advice  # Tabel 4's cells
    potential: Advice
    aversion: Advice
    description: Advice
    framing: Advice
    quote: Advice  # a focus-group quote that speaks to this type

    @property
    def advice(self) -> tuple[Advice, ...]:
        """Every cited excerpt of the type: the three cells, description, framing and quote."""
        return (self.value, self.potential, self.aversion, self.description, self.framing, self.quote)

    @property
    def source_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(a.source_id for a in self.advice))

    def name(self, language: str = "da") -> str:
        return self.names.get(language)


@dataclass(frozen=True)
class TeamProfile:
    """The identities of a team: mean shares, spread, dominant counts, and how to present the motives.

    Each person is counted once: in ``dominant_counts`` under their one dominant identity, or, when no single identity
    dominates (a tie at the top, see _scores.TIE_POINTS), in ``mixed_count``; together they add up to ``n``.
    """

    n: int
    mean_shares: dict[str, float]
    spread: dict[str, tuple[float, float]]  # type -> (min share, max share)
    dominant_counts: dict[str, int]
    mixed_count: int
    advice: list[Advice]


def identity_statements() -> list[Statement]:
    """The self-assessment statements, each written from the passage it cites."""
    return list(_statements())


@lru_cache(maxsize=1)
def _statements() -> tuple[Statement, ...]:
    return tuple(Statement(s.id, s.type, s.text, s.source) for s in planning_content().identity.statements)


def score_identity(answers: IdentityAnswers) -> IdentityProfile:
    """The profile of one person's answers; missing ratings count as neutral (3).

    Raises:
        ValueError: for unknown statement ids or ratings outside 1..5.
    """
    result = score(identity_statements(), IDENTITY_TYPE_IDS, dict(answers.ratings), "identity")
    return IdentityProfile(shares=result.shares, dominant=result.dominant, mixed=len(result.dominant) > 1, means=result.means)


@lru_cache(maxsize=1)
def _type_infos() -> tuple[TypeInfo, ...]:
    table = planning_content().identity.table
    infos = []
    for type_id in IDENTITY_TYPE_IDS:
        record = planning_content().identity.types[type_id]
        value, potential, aversion = (
            advice_for(table.id, str(table_cell(table.id, row, record.name.da))) for row in (table.value, table.potential, table.aversion)
        )
        infos.append(TypeInfo(
            id=type_id, names=record.name, motive=record.motive, value=value, potential=potential, aversion=aversion,
            description=excerpt_advice(record.description), framing=excerpt_advice(record.framing), quote=excerpt_advice(record.quote),
        ))
    return tuple(infos)


def identity_types() -> list[TypeInfo]:
    """The three ideal types of Tabel 4: faglig ekspert, serviceorienteret hjælper, samarbejdende partner."""
    return list(_type_infos())


def identity_type(type_id: str) -> TypeInfo:
    for info in _type_infos():
        if info.id == type_id:
            return info
    raise ValueError(f"Unknown identity type {type_id!r}; choose from: {', '.join(IDENTITY_TYPE_IDS)}.")


def framing_for(profile: IdentityProfile) -> list[Advice]:
    """How to present co-creation to this profile: per dominant type its framing and motive; mixed: several."""
    team = planning_content().identity.team
    out: list[Advice] = []
    if profile.mixed:
        out += [excerpt_advice(team.composite), excerpt_advice(team.mixed_motives)]
    for type_id in profile.dominant:
        info = identity_type(type_id)
        out += [info.framing, motive_advice(info.motive), info.quote]
    return _dedupe(out)


def team_profile(profiles: list[IdentityProfile]) -> TeamProfile:
    """Aggregate several people's profiles and advise how to present the motives to the team."""
    if not profiles:
        raise ValueError("A team profile needs at least one profile (got none).")
    team = planning_content().identity.team
    n = len(profiles)
    mean = {t: sum(p.shares[t] for p in profiles) / n for t in IDENTITY_TYPE_IDS}
    spread = {t: (min(p.shares[t] for p in profiles), max(p.shares[t] for p in profiles)) for t in IDENTITY_TYPE_IDS}
    counts = {t: sum(p.dominant == [t] for p in profiles) for t in IDENTITY_TYPE_IDS}  # a mixed profile dominates nowhere
    at_top = {t: sum(t in p.dominant for p in profiles) for t in IDENTITY_TYPE_IDS}  # whose motives the team holds highest
    present = sorted((t for t in IDENTITY_TYPE_IDS if at_top[t]), key=lambda t: (-at_top[t], -mean[t]))
    advice = [excerpt_advice(team.diverse_team if len(present) > 1 else team.uniform_team)]
    if len(present) > 1:
        advice.append(excerpt_advice(team.composite))
    advice += [motive_advice(identity_type(t).motive) for t in present]
    advice.append(excerpt_advice(team.integrate))
    return TeamProfile(
        n=n, mean_shares=mean, spread=spread, dominant_counts=counts,
        mixed_count=sum(len(p.dominant) != 1 for p in profiles), advice=_dedupe(advice),
    )


def _dedupe(items: list[Advice]) -> list[Advice]:
    return list(dict.fromkeys(items))


def __getattr__(name: str) -> Any:
    """``IDENTITY_STATEMENTS``, read from corpus/planning/identity.yaml on first use."""
    if name == "IDENTITY_STATEMENTS":
        return identity_statements()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
