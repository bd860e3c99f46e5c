"""Turns 1-5 ratings of typed statements into shares per type and the dominant type (or the types tied at the top)."""
from __future__ import annotations

from dataclasses import dataclass

from ..bilingual import Bilingual

NEUTRAL = 3
# The rule for "dominant", the same on screen and in the documents: the type with the highest share dominates. A type
# whose share, in whole per cent as shown, is at most TIE_POINTS below the highest ties with it; then no single type
# dominates and the profile is mixed (composite identity, hybrid culture), naming the tied types. 37/33/30 % has one
# dominant type; 35/33/32 % is mixed between the first two; a team counts each person once, a mixed one as mixed.
TIE_POINTS = 2


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
    return Scores(shares=shares, means=means, dominant=top_types(shares, types))


def top_types(shares: dict[str, float], types: tuple[str, ...]) -> list[str]:
    """The dominant type, or the types tied at the top (see TIE_POINTS), highest share first."""
    shown = {t: round(100 * shares[t]) for t in types}  # the per cents a reader sees
    top = max(shown.values())
    return sorted((t for t in types if shown[t] >= top - TIE_POINTS), key=lambda t: (-shares[t], types.index(t)))
