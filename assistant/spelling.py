"""Everyday misspellings read as the report's words ("kolegaerne" -> "kollegerne") before a question is searched."""
from __future__ import annotations

import difflib
import re
from typing import Callable, Iterable

MIN_LENGTH = 7  # shorter words have too many near neighbours to correct safely ("glider" is not "gider")
CUTOFF = 0.9  # how alike (difflib's ratio) a misspelling and the known word must be: "organisationskultur" is not "-struktur" (dev-checked)
_WORD = re.compile(r"[A-Za-zÆØÅæøåéü]+(?:-[A-Za-zÆØÅæøåéü]+)*")


class Speller:
    """Replaces a word no known text uses by the known word it most resembles, when one resembles it closely."""

    def __init__(self, words: Iterable[str], understood: Callable[[str], bool] = lambda word: False) -> None:
        self.known = frozenset(w.lower() for w in words)
        self.understood = understood  # a word whose stem is known ("skrive", "rapporten") is an inflection, not a misspelling
        self._by_first: dict[str, list[str]] = {}
        for word in self.known:
            if len(word) >= MIN_LENGTH - 2:
                self._by_first.setdefault(word[0], []).append(word)

    @classmethod
    def from_texts(cls, texts: Iterable[str], understood: Callable[[str], bool] = lambda word: False) -> "Speller":
        return cls((w for text in texts for w in _WORD.findall(text.lower())), understood)

    def correct(self, text: str) -> str:
        """``text`` with each unknown, lower-case word of MIN_LENGTH letters or more replaced by its closest known word
        (names, words in capitals and words with digits are left alone: "Odense", "LibGuides", "MARC21")."""
        return _WORD.sub(lambda m: self._fix(m.group(0), m.start() == 0 or text[: m.start()].rstrip().endswith((".", "?", "!", ":"))), text)

    def _fix(self, word: str, opens: bool) -> str:
        low = word.lower()
        if len(low) < MIN_LENGTH or low in self.known or (word != low and not (opens and word[1:] == low[1:])) or self.understood(low):
            return word
        candidates = [w for w in self._by_first.get(low[0], ()) if abs(len(w) - len(low)) <= 2]
        best = difflib.get_close_matches(low, candidates, n=1, cutoff=CUTOFF)
        if not best:
            return word
        return best[0][0].upper() + best[0][1:] if word[0].isupper() else best[0]


__all__ = ["Speller"]
