"""What the index holds: one record per vector (a chunk's Danish text and its English rendering), and a sync's report."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from ..chunking import Chunk

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class SyncReport:
    """What one sync did: vectors added, updated, removed and kept, and how long it took."""

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
