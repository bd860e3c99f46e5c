"""BM25 over the chunks, with Danish tokenisation and stemming; in memory, built in milliseconds."""
from __future__ import annotations

import math
from collections import Counter
from typing import Sequence

from .compounds import Decompounder
from .language import tokenize, words


class BM25:
    """Okapi BM25 (k1, b) over pre-tokenised documents."""

    def __init__(self, documents: Sequence[str], k1: float = 1.2, b: float = 0.5, english: Sequence[str] | None = None) -> None:
        """``documents`` are Danish; ``english`` (same length) their English renderings, stemmed as English.

        b = 0.5 (less length normalisation than the usual 0.75) was measured best on the gold set: the
        report's long paragraphs hold the answers as often as its short quotes do.
        """
        self.k1 = k1
        self.b = b
        english = english or [""] * len(documents)
        self._compounds = Decompounder(w for d in documents for w in words(d))
        self._docs = [Counter(self.tokens(d) + tokenize(e, "en")) for d, e in zip(documents, english)]
        self._lengths = [sum(d.values()) for d in self._docs]
        self._avg = (sum(self._lengths) / len(self._lengths)) if self._lengths else 0.0
        df: Counter[str] = Counter()
        for doc in self._docs:
            df.update(doc.keys())
        n = len(self._docs)
        self._idf = {t: math.log(1 + (n - f + 0.5) / (f + 0.5)) for t, f in df.items()}
        self._postings: dict[str, list[int]] = {}
        for i, doc in enumerate(self._docs):
            for term in doc:
                self._postings.setdefault(term, []).append(i)

    def tokens(self, text: str, language: str = "da", query: bool = False) -> list[str]:
        """Stems of ``text``; Danish compounds also give the stems of their parts.

        For a query, a compound the report never uses also gives its known head and tail.
        """
        out = tokenize(text, language)
        if language == "da":
            for word in words(text):
                parts = self._compounds.split(word) or (self._compounds.parts_of_unknown(word) if query else ())
                if parts:
                    out += tokenize(" ".join(parts))
        return out

    @property
    def vocabulary(self) -> frozenset[str]:
        return frozenset(self._idf)

    def idf(self, term: str) -> float:
        return self._idf.get(term, 0.0)

    def scores(self, query_terms: Sequence[str], weights: dict[str, float] | None = None) -> dict[int, float]:
        """Score of every document that shares a term with the query."""
        out: dict[int, float] = {}
        for term in set(query_terms):
            idf = self._idf.get(term)
            if idf is None:
                continue
            weight = (weights or {}).get(term, 1.0)
            for i in self._postings[term]:
                tf = self._docs[i][term]
                norm = tf + self.k1 * (1 - self.b + self.b * self._lengths[i] / (self._avg or 1.0))
                out[i] = out.get(i, 0.0) + weight * idf * tf * (self.k1 + 1) / norm
        return out

    def search(
        self, query: str, k: int = 10, extra_terms: dict[str, float] | None = None, allowed: set[int] | None = None, language: str = "da"
    ) -> list[tuple[int, float]]:
        terms = self.tokens(query, language, query=True)
        weights = {t: 1.0 for t in terms}
        for term, weight in (extra_terms or {}).items():
            weights[term] = max(weights.get(term, 0.0), weight)
        scored = self.scores(list(weights), weights)
        ranked = sorted(((i, s) for i, s in scored.items() if allowed is None or i in allowed), key=lambda x: (-x[1], x[0]))
        return ranked[:k]
