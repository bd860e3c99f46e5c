"""The report's excerpts on one wizard page: each text shown once, and never a lone word without its sentence."""
from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Iterable

from assistant.planning import flat, longest, readable, unseen

if TYPE_CHECKING:
    from assistant.planning import Advice


class Evidence:
    """What one run of a page has shown of the report: excerpts pass through :meth:`take` and are shown only once.

    The rule is the core's (assistant/planning/repeats.py), which the documents follow too.
    """

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
        text = unseen(item.text, self._danish)
        if text is None:
            self._cite(item.source_id)  # said already: its passage still counts as quoted
            return None
        english = unseen(item.english, self._english) if item.english else None
        self.note(item)
        return replace(item, text=text, english=english)

    def note(self, item: "Advice") -> None:
        """Count ``item`` as shown whole (a step that must show it, like the report's interview question)."""
        self._cite(item.source_id)
        self._danish.append(flat(item.text))
        if item.english:
            self._english.append(flat(item.english))

    def select(self, items: Iterable["Advice"]) -> list["Advice"]:
        """:meth:`take` for a list: an excerpt that lies inside a longer one of the list gives way to it."""
        items = list(dict.fromkeys(items))
        whole = longest(items)
        for item in items:
            if item not in whole and readable(item):
                self._cite(item.source_id)  # said by the longer one
        return [kept for item in whole if (kept := self.take(item)) is not None]

    def _cite(self, source_id: str) -> None:
        if source_id not in self.source_ids:
            self.source_ids.append(source_id)
