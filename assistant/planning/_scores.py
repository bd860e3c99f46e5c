"""Turns 1-5 ratings of typed statements into shares per type, dominant types and a mixed flag."""
from __future__ import annotations

from dataclasses import dataclass

from ..bilingual import Bilingual

NEUTRAL = 3
# A type counts as dominant when its share reaches this fraction of the largest share.
DOMINANT_RATIO = 0.8


@dataclass(frozen=True)
class Statement:
    """A self-assessment statement in Danish and English, mapped to one ideal type."""

    id: str
    type: str
    wording: Bilingual
    source_id: str = ""  # the passage the statement is written from

    def text(self, language: str = "da") -> str:
        return self.wording.get(language)


@dataclass(frozen=True)
class Scores:
    shares: dict[str, float]
    means: dict[str, float]
    dominant: list[str]


def valid_ratings(statements: list[Statement], ratings: object) -> dict[str, int]:
    """Only the ratings of known statements with a whole 1-5 value (a restored backup may hold others)."""
    known = {s.id for s in statements}
    raw = ratings if isinstance(ratings, dict) else {}
    return {k: v for k, v in raw.items() if k in known and type(v) is int and 1 <= v <= 5}


def interleaved(statements: list[Statement]) -> list[Statement]:
    """The statements with their types mixed, so a form does not give the typology away."""
    from itertools import chain, zip_longest

    groups: dict[str, list[Statement]] = {}
    for s in statements:
        groups.setdefault(s.type, []).append(s)
    return [s for s in chain.from_iterable(zip_longest(*groups.values())) if s is not None]


def score(statements: list[Statement], types: tuple[str, ...], ratings: dict[str, int], what: str) -> Scores:
    """Mean rating per type (missing = neutral 3), rescaled to shares that sum to 1."""
    known = {s.id: s for s in statements}
    unknown = sorted(set(ratings) - set(known))
    if unknown:
        raise ValueError(f"Unknown {what} statement id(s): {', '.join(unknown)}.")
    for sid, value in ratings.items():
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
            raise ValueError(f"The rating of {sid!r} must be a whole number from 1 to 5 (got {value!r}).")
    means: dict[str, float] = {}
    for t in types:
        values = [ratings.get(s.id, NEUTRAL) for s in statements if s.type == t]
        means[t] = sum(values) / len(values)
    weights = {t: means[t] - 1 for t in types}  # 0 (all "disagree") .. 4 (all "agree")
    total = sum(weights.values())
    shares = {t: (weights[t] / total if total else 1 / len(types)) for t in types}
    top = max(shares.values())
    dominant = sorted((t for t in types if shares[t] >= DOMINANT_RATIO * top), key=lambda t: (-shares[t], types.index(t)))
    return Scores(shares=shares, means=means, dominant=dominant)
