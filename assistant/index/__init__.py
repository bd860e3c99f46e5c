"""The search index: chunk vectors in Chroma, synced by content hash, guarded against hangs, races and damage."""
from .guards import LOCK_WAIT_SECONDS, check_sqlite, with_deadline
from .records import Progress, SyncReport, vector_records
from .store import COLLECTION, EMBED_TOKENS_PER_SECOND, SCHEMA, VectorStore

__all__ = [
    "COLLECTION",
    "EMBED_TOKENS_PER_SECOND",
    "LOCK_WAIT_SECONDS",
    "SCHEMA",
    "Progress",
    "SyncReport",
    "VectorStore",
    "check_sqlite",
    "vector_records",
    "with_deadline",
]
