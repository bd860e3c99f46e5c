"""Embeddings of each planning need's everyday phrasings, cached on disk, and a question's closeness to each need."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from .vectorcache import Embed, cached_matrix, unit_rows

if TYPE_CHECKING:
    import numpy as np

    from .topics import TopicMap


class NeedVectors:
    """Per need and language, the unit vectors of its title and phrasings; ``closeness`` is the best cosine per need."""

    def __init__(self, topic_map: "TopicMap", embed: Embed, model_name: str, cache_dir: Path | None) -> None:
        import numpy as np

        texts: list[str] = []
        self._owner: dict[str, list[int]] = {"da": [], "en": []}
        self._rows: dict[str, list[int]] = {"da": [], "en": []}
        for i, need in enumerate(topic_map.needs):
            for lang in ("da", "en"):
                for text in (getattr(need.title, lang), *getattr(need.phrasings, lang)):
                    self._owner[lang].append(i)
                    self._rows[lang].append(len(texts))
                    texts.append(text)
        self.needs = len(topic_map.needs)
        matrix = unit_rows(cached_matrix(texts, embed, model_name, cache_dir, "need-phrasings"))
        self._matrix = {lang: matrix[self._rows[lang]] for lang in ("da", "en")}
        self._owners = {lang: np.array(self._owner[lang]) for lang in ("da", "en")}

    def closeness(self, vector: Sequence[float], language: str) -> list[float]:
        """For each need, the cosine of ``vector`` with its closest phrasing in ``language`` (0 for a need without any)."""
        import numpy as np

        lang = "en" if language == "en" else "da"
        q = np.asarray(vector, dtype=np.float32)
        norm = float(np.linalg.norm(q))
        if norm == 0 or not len(self._owners[lang]):
            return [0.0] * self.needs
        sims = self._matrix[lang] @ (q / norm)
        best = np.full(self.needs, -1.0, dtype=np.float32)
        np.maximum.at(best, self._owners[lang], sims)
        return [float(max(b, 0.0)) for b in best]


__all__ = ["NeedVectors"]
