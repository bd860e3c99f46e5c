"""The report's excerpts on one wizard page: each text shown once, and never a lone word without its sentence."""
from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING, Iterable

if TYPE_CHECKING:
    from assistant.planning import Advice

MIN_WORDS = 3  # fewer words than this ("Passivisering", a table cell) is no evidence a reader can follow
GAP = "…"  # stands where a part already shown on the page is left out
_WORD = re.compile(r"\w+")


def _flat(text: str) -> str:
    return " ".join(text.split())


def _words(text: str) -> int:
    return len(_WORD.findall(text))


def _tidy(text: str) -> str:
    """One gap where several meet, a space on each side of it, no punctuation stranded after it."""
    text = re.sub(rf"\s*{GAP}(\s*{GAP})*\s*", f" {GAP} ", text)
    text = re.sub(rf"{GAP} ([,;:.])(?=\s|$)", rf"{GAP}\1", text)  # "… ," reads "…,"
    return text.strip()


def readable(item: "Advice") -> bool:
    """True when the excerpt is a sentence a reader can follow on its own (not a figure's label or a one-word cell)."""
    return not item.fragment and _words(item.text) >= MIN_WORDS


def _rest(text: str | None, shown: Iterable[str]) -> str | None:
    """``text`` without the parts already shown (each replaced by …); None when what is left says nothing."""
    if not text:
        return None
    rest = _flat(text)
    for seen in sorted(shown, key=len, reverse=True):  # the longest first, so a shorter one inside it is not cut twice
        if seen and seen in rest:
            rest = rest.replace(seen, f" {GAP} ")
    rest = _tidy(rest)
    return rest if _words(rest) >= MIN_WORDS else None


class Evidence:
    """What one run of a page has shown of the report: excerpts pass through :meth:`take` and are shown only once."""

    def __init__(self) -> None:
        self._danish: list[str] = []
        self._english: list[str] = []
        self.source_ids: list[str] = []  # every passage quoted on the page, so "more passages" do not offer them again

    def take(self, item: "Advice") -> "Advice | None":
        """The part of ``item`` not shown yet on this page (None when nothing readable is left); it counts as shown now.

        A text shown before (or inside one shown before) is left out; a longer text that holds one shown before keeps
        the rest, with … where the shown part stood. The English rendering is trimmed the same way.
        """
        if not readable(item):
            return None
        text = _rest(item.text, self._danish)
        if text is None:
            self._cite(item.source_id)  # said already: its passage still counts as quoted
            return None
        english = _rest(item.english, self._english) if item.english else None
        self.note(item)
        return replace(item, text=text, english=english)

    def note(self, item: "Advice") -> None:
        """Count ``item`` as shown whole (a step that must show it, like the report's interview question)."""
        self._cite(item.source_id)
        self._danish.append(_flat(item.text))
        if item.english:
            self._english.append(_flat(item.english))

    def select(self, items: Iterable["Advice"]) -> list["Advice"]:
        """:meth:`take` for a list: an excerpt that lies inside a longer one of the list gives way to it."""
        items = list(dict.fromkeys(items))
        whole = [item for item in items if not any(within(item, other) for other in items)]
        for item in items:
            if item not in whole and readable(item):
                self._cite(item.source_id)  # said by the longer one
        return [kept for item in whole if (kept := self.take(item)) is not None]

    def _cite(self, source_id: str) -> None:
        if source_id not in self.source_ids:
            self.source_ids.append(source_id)


def within(inner: "Advice", outer: "Advice") -> bool:
    """True when ``inner``'s text is a part of ``outer``'s longer text (the report's sentence inside its paragraph)."""
    small, large = _flat(inner.text), _flat(outer.text)
    return small != large and small in large
