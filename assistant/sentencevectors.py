"""Embeddings of the report's sentences (Danish and their English rendering), and a question's closeness to each."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Sequence

from .vectorcache import Embed, cached_matrix, unit_rows

if TYPE_CHECKING:
    import numpy as np


class SentenceVectors:
    """Unit vectors of each sentence (keyed by its Danish text) in Danish and, where rendered, in English."""

    def __init__(self, sentences: Iterable[tuple[str, str | None]], embed: Embed, model_name: str, cache_dir: Path | None) -> None:
        pairs = dict(sentences)  # Danish text -> English rendering (or None)
        self._row: dict[str, dict[str, int]] = {"da": {}, "en": {}}
        texts: list[str] = []
        for danish, english in sorted(pairs.items()):
            self._row["da"][danish] = len(texts)
            texts.append(danish)
            if english:
                self._row["en"][danish] = len(texts)
                texts.append(english)
        self._matrix: "np.ndarray" = unit_rows(cached_matrix(texts, embed, model_name, cache_dir, "report-sentences"))

    def scorer(self, vector: Sequence[float], language: str) -> Callable[[str], float]:
        """A sentence (by Danish text) -> the cosine of ``vector`` with it in the question's language (English falls
        back to the Danish where no rendering exists); 0 for a sentence never embedded or a zero vector."""
        import numpy as np

        q = np.asarray(vector, dtype=np.float32)
        norm = float(np.linalg.norm(q))
        lang = "en" if language == "en" else "da"
        rows = self._row[lang]
        danish = self._row["da"]

        def near(text: str) -> float:
            row = rows.get(text, danish.get(text))
            return max(float(self._matrix[row] @ q) / norm, 0.0) if row is not None and norm else 0.0

        return near


__all__ = ["SentenceVectors"]
