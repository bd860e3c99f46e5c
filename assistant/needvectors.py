"""Embeddings of each planning need's everyday phrasings, cached on disk, and a question's closeness to each need."""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Sequence

if TYPE_CHECKING:
    import numpy as np

    from .topics import TopicMap

Embed = Callable[[list[str]], list[list[float]]]


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
        matrix = _cached(texts, embed, model_name, cache_dir)
        norms = np.linalg.norm(matrix, axis=1, keepdims=True)
        matrix = matrix / np.where(norms == 0, 1.0, norms)
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


def _cached(texts: list[str], embed: Embed, model_name: str, cache_dir: Path | None) -> "np.ndarray":
    """The texts' embeddings, read from ``cache_dir`` when the same model embedded the same texts before."""
    import numpy as np

    key = hashlib.sha256(json.dumps([model_name, texts], ensure_ascii=False).encode("utf-8")).hexdigest()[:16]
    path = cache_dir / f"need-phrasings-{key}.npy" if cache_dir is not None else None
    if path is not None and path.exists():
        try:
            matrix = np.load(path, allow_pickle=False)
            if matrix.ndim == 2 and matrix.shape[0] == len(texts):
                return matrix
        except (OSError, ValueError):
            pass  # a damaged cache is rebuilt below
    matrix = np.asarray(embed(texts), dtype=np.float32)
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".npy", delete=False) as handle:
                np.save(handle, matrix, allow_pickle=False)
            os.replace(handle.name, path)  # whole or not at all, when two processes build it at once
            for old in path.parent.glob("need-phrasings-*.npy"):  # an earlier map's or model's
                if old != path:
                    old.unlink(missing_ok=True)
        except OSError:
            pass  # a read-only data dir: embed again next time
    return matrix


__all__ = ["NeedVectors"]
