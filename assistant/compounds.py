"""Danish compound splitting for BM25: "forskningslitteraturen" also counts as "forskning" + "litteraturen"."""
from __future__ import annotations

import functools
from typing import Iterable

MIN_PART = 4


class Decompounder:
    """Splits a long word into two words that both occur in a known vocabulary (with a linking -s- or -e-)."""

    def __init__(self, vocabulary: Iterable[str]) -> None:
        self.vocabulary = frozenset(w for w in vocabulary if len(w) >= MIN_PART and w.isalpha())
        self.split = functools.lru_cache(maxsize=20_000)(self._split)

    def _split(self, word: str) -> tuple[str, ...]:
        if len(word) < 2 * MIN_PART + 1 or not word.isalpha():
            return ()
        best: tuple[str, ...] = ()
        for cut in range(MIN_PART, len(word) - MIN_PART + 1):
            head, tail = word[:cut], word[cut:]
            if tail not in self.vocabulary:
                continue
            for base in self._bases(head):
                if base in self.vocabulary:
                    parts = (base, *(self.split(tail) or (tail,)))
                    if not best or len(tail) > len(best[-1]) or len(parts) > len(best):
                        best = parts
                    break
        return best

    def parts_of_unknown(self, word: str) -> tuple[str, ...]:
        """For a query word the report never uses, its longest known head and tail ("tilfredshedsskemaer" -> tilfredshed).

        Lets a question's own compound reach the report's compounds with the same first or last part.
        """
        if word in self.vocabulary or len(word) < 2 * MIN_PART or not word.isalpha():
            return ()
        found: list[str] = []
        for cut in range(len(word) - 3, MIN_PART - 1, -1):
            bases = [b for b in self._bases(word[:cut]) if b in self.vocabulary]
            if bases:
                found.append(bases[0])
                break
        for cut in range(3, len(word) - MIN_PART + 1):
            if word[cut:] in self.vocabulary:
                found.append(word[cut:])
                break
        return tuple(found)

    @staticmethod
    def _bases(head: str) -> list[str]:
        """The word a compound's first part stands for: as is, without a linking -s/-e, or -s for -e."""
        bases = [head]
        if head.endswith(("s", "e")):
            bases.append(head[:-1])
        if head.endswith("s"):
            bases.append(head[:-1] + "e")
        return [b for b in bases if len(b) >= MIN_PART]
