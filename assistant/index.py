"""The Chroma vector store of chunk embeddings: embedded or server, synced by content hash, rebuilt on model change."""
from __future__ import annotations

import shutil
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable
from urllib.parse import urlparse

from langchain_core.embeddings import Embeddings

from .chunking import Chunk
from .config import Settings
from .errors import StoreError

COLLECTION = "cocreate-chunks"
SCHEMA = "2"
BATCH = 32

Progress = Callable[[int, int], None]
Notify = Callable[[str], None]


@dataclass(frozen=True)
class SyncReport:
    added: int
    updated: int
    removed: int
    unchanged: int
    rebuilt: str | None = None  # why the whole index was rebuilt, if it was
    seconds: float = 0.0


def vector_records(chunks: list[Chunk]) -> dict[str, tuple[str, dict[str, Any]]]:
    """Vector id -> (text to embed, metadata): one Danish vector per chunk, one more for its English rendering."""
    records: dict[str, tuple[str, dict[str, Any]]] = {}
    for chunk in chunks:
        meta = {"chunk_id": chunk.id, "kind": chunk.kind, "part": chunk.part, "speaker": chunk.speaker or "", "hash": chunk.hash}
        records[chunk.id] = (chunk.embed_text(), {**meta, "lang": "da"})
        if chunk.english:
            records[f"{chunk.id}@en"] = (chunk.embed_text(english=True), {**meta, "lang": "en"})
    return records


class VectorStore:
    """Chunk vectors in Chroma (telemetry off); thread-safe for queries, one sync at a time."""

    def __init__(self, settings: Settings, embeddings: Embeddings, notify: Notify | None = None) -> None:
        self.settings = settings
        self.embeddings = embeddings
        self.model_name = getattr(embeddings, "model_name", embeddings.__class__.__name__)
        self._notify = notify or (lambda message: None)
        self._lock = threading.Lock()
        self._collection = None

    # -- opening -----------------------------------------------------------------------------------------
    def _client(self):  # noqa: ANN202 - chromadb client, imported lazily
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        chroma_settings = ChromaSettings(anonymized_telemetry=False)
        if self.settings.chroma_url:
            url = urlparse(self.settings.chroma_url)
            if url.scheme not in ("http", "https") or not url.hostname:
                raise StoreError(f"COCREATE_CHROMA_URL must look like http://host:port, got {self.settings.chroma_url!r}.")
            try:
                client = chromadb.HttpClient(
                    host=url.hostname, port=url.port or (443 if url.scheme == "https" else 8000), ssl=url.scheme == "https", settings=chroma_settings
                )
                client.heartbeat()
            except Exception as exc:  # noqa: BLE001 - any failure to reach the server
                raise StoreError(f"Cannot reach the Chroma server at {self.settings.chroma_url} ({exc.__class__.__name__}). Check COCREATE_CHROMA_URL or start the server.") from exc
            return client
        path = self.settings.index_dir() / "chroma"
        path.mkdir(parents=True, exist_ok=True)
        return chromadb.PersistentClient(path=str(path), settings=chroma_settings)

    def collection(self):  # noqa: ANN201 - chromadb Collection
        with self._lock:
            if self._collection is None:
                self._collection = self._open()
            return self._collection

    def _open(self):  # noqa: ANN202
        try:
            return self._get_or_create(self._client())
        except StoreError:
            raise
        except Exception as exc:  # noqa: BLE001 - a damaged embedded store: move it aside and start again
            if self.settings.chroma_url:
                raise StoreError(f"The Chroma server at {self.settings.chroma_url} failed: {exc}") from exc
            from chromadb.api.client import SharedSystemClient

            SharedSystemClient.clear_system_cache()  # chroma caches one client per path in-process
            moved = self._quarantine()
            self._notify(f"The search index was damaged ({exc.__class__.__name__}); moved it to {moved} and rebuilding it.")
            return self._get_or_create(self._client())

    def _quarantine(self) -> Path:
        path = self.settings.index_dir() / "chroma"
        target = path.with_name(f"chroma.damaged-{time.strftime('%Y%m%d-%H%M%S')}")
        shutil.move(str(path), str(target))
        return target

    def _get_or_create(self, client):  # noqa: ANN001, ANN202
        wanted = {"hnsw:space": "cosine", "embed_model": self.model_name, "schema": SCHEMA}
        names = {c if isinstance(c, str) else c.name for c in client.list_collections()}
        if COLLECTION in names:
            collection = client.get_collection(COLLECTION, embedding_function=None)
            meta = collection.metadata or {}
            if meta.get("embed_model") == self.model_name and meta.get("schema") == SCHEMA:
                return collection
            self._notify(
                f"The index was built with {meta.get('embed_model', 'another model')!r}; rebuilding it for {self.model_name!r} "
                "(vectors from two models never mix)."
            )
            client.delete_collection(COLLECTION)
        return client.create_collection(COLLECTION, metadata=wanted, embedding_function=None)

    # -- syncing -----------------------------------------------------------------------------------------
    def sync(self, chunks: list[Chunk], progress: Progress | None = None) -> SyncReport:
        """Embed what is new or changed, delete what is gone; unchanged vectors are kept."""
        started = time.perf_counter()
        collection = self.collection()
        with self._lock:
            records = vector_records(chunks)
            existing = collection.get(include=["metadatas"])
            have = {i: (m or {}).get("hash") for i, m in zip(existing["ids"], existing["metadatas"] or [])}
            todo = [i for i, (_, meta) in records.items() if have.get(i) != meta["hash"]]
            gone = [i for i in have if i not in records]
            if gone:
                collection.delete(ids=gone)
            total = len(todo)
            if progress:
                progress(0, total)
            for start in range(0, total, BATCH):
                ids = todo[start : start + BATCH]
                texts = [records[i][0] for i in ids]
                vectors = self.embeddings.embed_documents(texts)
                collection.upsert(ids=ids, embeddings=vectors, documents=texts, metadatas=[records[i][1] for i in ids])
                if progress:
                    progress(min(start + BATCH, total), total)
        added = sum(1 for i in todo if i not in have)
        return SyncReport(
            added=added,
            updated=len(todo) - added,
            removed=len(gone),
            unchanged=len(records) - len(todo),
            seconds=time.perf_counter() - started,
        )

    def is_current(self, chunks: list[Chunk]) -> bool:
        records = vector_records(chunks)
        existing = self.collection().get(include=["metadatas"])
        have = {i: (m or {}).get("hash") for i, m in zip(existing["ids"], existing["metadatas"] or [])}
        return have == {i: meta["hash"] for i, (_, meta) in records.items()}

    # -- querying ----------------------------------------------------------------------------------------
    def query(self, vector: list[float], n: int, where: dict[str, Any] | None = None) -> list[tuple[str, float]]:
        """(chunk id, cosine similarity) best first; a chunk's Danish and English vectors count once."""
        collection = self.collection()
        result = collection.query(query_embeddings=[vector], n_results=n, where=where or None, include=["metadatas", "distances"])
        seen: dict[str, float] = {}
        for meta, distance in zip(result["metadatas"][0], result["distances"][0]):
            chunk_id = meta["chunk_id"]
            if chunk_id not in seen:
                seen[chunk_id] = 1.0 - float(distance)
        return list(seen.items())
