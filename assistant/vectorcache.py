"""Embeddings of a fixed list of texts, cached on disk per model and texts (need phrasings, report sentences)."""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    import numpy as np

Embed = Callable[[list[str]], list[list[float]]]


def cached_matrix(texts: list[str], embed: Embed, model_name: str, cache_dir: Path | None, stem: str) -> "np.ndarray":
    """The texts' embeddings (one row each), read from ``cache_dir``/``stem``-<hash>.npy when the same model embedded
    the same texts before; an older file of the same stem is removed when a new one is written."""
    import numpy as np

    key = hashlib.sha256(json.dumps([model_name, texts], ensure_ascii=False).encode("utf-8")).hexdigest()[:16]
    path = cache_dir / f"{stem}-{key}.npy" if cache_dir is not None else None
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
            for old in path.parent.glob(f"{stem}-*.npy"):  # an earlier model's or text's
                if old != path:
                    old.unlink(missing_ok=True)
        except OSError:
            pass  # a read-only data dir: embed again next time
    return matrix


def unit_rows(matrix: "np.ndarray") -> "np.ndarray":
    """Each row scaled to length 1 (a zero row stays zero)."""
    import numpy as np

    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms == 0, 1.0, norms)
