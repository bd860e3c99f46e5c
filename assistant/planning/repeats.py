"""Each report text once: the part of an excerpt not shown yet, with … where a part already shown stood."""
from __future__ import annotations

import re
from typing import Iterable, Sequence

from .advice import Advice

MIN_WORDS = 3  # fewer words than this ("Passivisering", a table cell) is no evidence a reader can follow
GAP = "…"  # stands where a part already shown is left out
_WORD = re.compile(r"\w+")


def flat(text: str) -> str:
    """The text with its runs of whitespace as single spaces, as texts are compared."""
    return " ".join(text.split())


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def readable(item: Advice) -> bool:
    """True when the excerpt is a sentence a reader can follow on its own (not a figure's label or a one-word cell)."""
    return not item.fragment and word_count(item.text) >= MIN_WORDS


def within(inner: Advice, outer: Advice, language: str = "da") -> bool:
    """True when ``inner``'s text is a part of ``outer``'s longer text (the report's sentence inside its paragraph)."""
    small, large = flat(inner.get(language)), flat(outer.get(language))
    return small != large and small in large


def unseen(text: str | None, shown: Sequence[str]) -> str | None:
    """``text`` without the parts already shown (each replaced by …); None when it lies inside one shown or what is
    left says nothing."""
    if not text:
        return None
    rest = flat(text)
    if any(rest in seen for seen in shown):
        return None
    for seen in sorted(shown, key=len, reverse=True):  # the longest first, so a shorter one inside it is not cut twice
        if seen and seen in rest:
            rest = rest.replace(seen, f" {GAP} ")
    rest = _tidy(rest)
    return rest if word_count(rest) >= MIN_WORDS else None


def longest(items: Iterable[Advice], language: str = "da") -> list[Advice]:
    """The items once each, without those that lie inside a longer one of them (which says them already)."""
    items = list(dict.fromkeys(items))
    return [item for item in items if not any(within(item, other, language) for other in items)]


def _tidy(text: str) -> str:
    """One gap where several meet, a space on each side of it, no punctuation stranded after it."""
    text = re.sub(rf"\s*{GAP}(\s*{GAP})*\s*", f" {GAP} ", text)
    text = re.sub(rf"{GAP} ([,;:.])(?=\s|$)", rf"{GAP}\1", text)  # "… ," reads "…,"
    return text.strip()
