"""The Chroma vector store of chunk embeddings: embedded or server, synced by content hash, repaired only when damaged."""
from __future__ import annotations

import atexit
import errno
import shutil
import tempfile
import threading
import time
from pathlib import Path
from typing import Any, Callable, TypeVar
from urllib.parse import urlparse

from langchain_core.embeddings import Embeddings

from ..chunking import Chunk
from ..config import Settings
from ..errors import StoreError
from .guards import BuildLock, Damage, Deadline, Notify, bound_http, check_sqlite, file_stamp, looks_damaged, with_deadline, writable
from .records import Progress, SyncReport, vector_records

COLLECTION = "cocreate-chunks"
SCHEMA = "3"
# cosine; a search explores 400 neighbours: the corpus holds under a thousand vectors, so the approximate search finds what an
# exact one would (an embedded store and a Chroma server then rank alike), at well under a millisecond
HNSW: dict[str, Any] = {"hnsw": {"space": "cosine", "ef_search": 400, "ef_construction": 200}}
BATCH = 32
# How long a damage check waits for another program's lock on the SQLite file (at most the Chroma deadline).
SQLITE_LOCK_WAIT = 10.0
# Measured build rate of the default model on the reference machine (2 shared cores): word pieces per second.
EMBED_TOKENS_PER_SECOND = 1300.0

T = TypeVar("T")


class VectorStore:
    """Chunk vectors in Chroma (telemetry off); thread-safe for queries, one sync at a time across processes.

    Every Chroma call has a deadline (``COCREATE_CHROMA_TIMEOUT``). Building and repairing the embedded store happen
    under a cross-process file lock, so processes that start together wait for one build. Only real damage moves the
    store aside (one ``chroma.damaged-*`` copy is kept); a read-only store is searched through a temporary copy, and a
    locked or full disk is named as the cause.
    """

    def __init__(self, settings: Settings, embeddings: Embeddings, notify: Notify | None = None) -> None:
        self.settings = settings
        self.embeddings = embeddings
        self.model_name = getattr(embeddings, "model_name", embeddings.__class__.__name__)
        self._notify = notify or (lambda message: None)
        self._lock = threading.RLock()
        self._collection = None
        self._chunks: list[Chunk] | None = None  # what the index should hold, to rebuild it after a repair
        self._path = settings.index_dir() / "chroma"
        self._readonly = False
        self._build_lock: BuildLock | None = None
        self._stamp: tuple[int, int, int] | None = None  # chroma.sqlite3 as we last opened or wrote it
        self._rebuild = False  # set when damage moved the store aside

    # -- calls with a deadline ---------------------------------------------------------------------------
    def _call(self, what: str, call: Callable[[], T]) -> T:
        """One Chroma call under the deadline; server failures become StoreError naming the server."""
        seconds = self.settings.chroma_timeout
        try:
            return with_deadline(call, seconds)
        except Deadline:
            where = f"The Chroma server at {self.settings.chroma_url}" if self.settings.chroma_url else f"The search index at {self._path}"
            raise StoreError(f"{where} did not answer within {seconds:g} s ({what}); check it, or raise COCREATE_CHROMA_TIMEOUT.") from None
        except StoreError:
            raise
        except Exception as exc:
            if self.settings.chroma_url:
                detail = str(exc).splitlines()[0][:200] if str(exc) else ""
                raise StoreError(
                    f"The Chroma server at {self.settings.chroma_url} failed ({what}: {exc.__class__.__name__}{': ' + detail if detail else ''}). "
                    "Check that it is running, or unset COCREATE_CHROMA_URL to use the embedded index."
                ) from exc
            raise

    # -- opening -----------------------------------------------------------------------------------------
    def collection(self):  # noqa: ANN201 - chromadb Collection
        with self._lock:
            if self._collection is None:
                self._collection = self._open_server() if self.settings.chroma_url else self._open_embedded()
                if self._rebuild and self._chunks is not None:  # a repair emptied it: fill it again before use
                    self._rebuild = False
                    self.sync(self._chunks)
                self._remember()
            return self._collection

    def _open_server(self):  # noqa: ANN202
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        url = urlparse(self.settings.chroma_url or "")
        if url.scheme not in ("http", "https") or not url.hostname:
            raise StoreError(f"COCREATE_CHROMA_URL must look like http://host:port, got {self.settings.chroma_url!r}.")

        def connect():  # noqa: ANN202
            client = chromadb.HttpClient(
                host=url.hostname,
                port=url.port or (443 if url.scheme == "https" else 8000),
                ssl=url.scheme == "https",
                settings=ChromaSettings(anonymized_telemetry=False),
            )
            bound_http(client, self.settings.chroma_timeout)
            client.heartbeat()
            return client

        try:
            client = self._call("connecting", connect)
        except StoreError as exc:
            if "COCREATE_CHROMA_URL" in str(exc):
                raise
            raise StoreError(f"{exc} (COCREATE_CHROMA_URL={self.settings.chroma_url})") from exc.__cause__
        return self._call("opening the collection", lambda: self._get_or_create(client))

    def _open_embedded(self):  # noqa: ANN202
        if not writable(self._path):
            return self._open_copy(self._path)
        with self._file_lock():
            problem = self._check_sqlite(self._path)
            if problem:
                self._quarantine(problem)
            try:
                return self._open_at(self._path)
            except Damage as exc:
                self._quarantine(str(exc))
                return self._open_at(self._path)

    def _open_at(self, path: Path):  # noqa: ANN202
        """The collection in the embedded store at ``path``; Damage when it cannot be opened for a reason other
        than permissions, locks or a full disk (StoreError names those)."""
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        def open_it():  # noqa: ANN202
            path.mkdir(parents=True, exist_ok=True)
            client = chromadb.PersistentClient(path=str(path), settings=ChromaSettings(anonymized_telemetry=False))
            collection = self._get_or_create(client)
            collection.count()
            return collection

        try:
            return self._call("opening", open_it)
        except StoreError:
            raise
        except Exception as exc:  # noqa: BLE001 - sorted into damage and everything else below
            raise self._sorted(exc, path) from exc

    def _sorted(self, exc: BaseException, path: Path) -> Exception:
        """StoreError for permission, lock and disk-full failures (no damage); Damage for the rest."""
        message = str(exc)
        low = message.lower()
        code = getattr(exc, "errno", None)
        if isinstance(exc, PermissionError) or code in (errno.EACCES, errno.EPERM, errno.EROFS) or "readonly" in low or "read-only" in low:
            return StoreError(f"The search index {path} is read-only ({message[:200]}); make it writable or set COCREATE_DATA_DIR to a writable directory.")
        if "locked" in low or "busy" in low:
            return StoreError(f"The search index {path} is locked by another program ({message[:200]}); try again when it is done.")
        if code == errno.ENOSPC or "disk is full" in low or "no space" in low:
            return StoreError(f"The disk holding the search index {path} is full; free some space and try again.")
        if self._check_sqlite(path) is None and not looks_damaged(low):
            return StoreError(f"The search index {path} cannot be opened ({exc.__class__.__name__}: {message[:200]}).")
        return Damage(f"{exc.__class__.__name__}: {message[:200]}")

    def _open_copy(self, path: Path):  # noqa: ANN202
        """Search a temporary copy of a store we may not write to; nothing of it is kept."""
        copy = Path(tempfile.mkdtemp(prefix="cocreate-index-")) / "chroma"
        atexit.register(shutil.rmtree, copy.parent, True)
        if (path / "chroma.sqlite3").exists():
            shutil.copytree(path, copy, copy_function=shutil.copyfile)
            for item in [copy, *copy.rglob("*")]:
                item.chmod(0o700 if item.is_dir() else 0o600)  # the copy is ours to write
            self._notify(f"The search index {path} is read-only; searching a temporary copy (updates to it are not kept).")
        else:
            self._notify(f"{path.parent} is not writable; the search index is built in a temporary directory and not kept. Set COCREATE_DATA_DIR to a writable directory.")
        self._readonly = True
        self._path = copy
        problem = self._check_sqlite(copy)
        try:
            if problem:
                raise Damage(problem)
            return self._open_at(copy)
        except Damage as exc:
            self._notify(f"The read-only search index {path} is damaged ({exc}); rebuilding it in a temporary directory.")
            shutil.rmtree(copy, ignore_errors=True)
            return self._open_at(copy)

    def _check_sqlite(self, path: Path) -> str | None:
        """quick_check of the store at ``path``, waiting for a lock no longer than a Chroma call may take."""
        return check_sqlite(path / "chroma.sqlite3", timeout=min(SQLITE_LOCK_WAIT, self.settings.chroma_timeout))

    def _quarantine(self, reason: str) -> None:
        """Move the damaged store aside (replacing an older copy) and start an empty one."""
        from chromadb.api.client import SharedSystemClient

        SharedSystemClient.clear_system_cache()  # chroma caches one client per path in-process
        self._collection = None
        if not self._path.exists():
            return
        for old in self._path.parent.glob("chroma.damaged-*"):
            shutil.rmtree(old, ignore_errors=True)
        target = self._path.with_name(f"chroma.damaged-{time.strftime('%Y%m%d-%H%M%S')}")
        shutil.move(str(self._path), str(target))
        self._rebuild = True
        self._notify(f"The search index was damaged ({reason}); moved it to {target} and rebuilding it.")

    def _file_lock(self) -> "BuildLock":
        """The one cross-process lock of this store (re-entrant in a thread, exclusive between threads and processes)."""
        if self._build_lock is None:
            self._build_lock = BuildLock(self._path.parent / "build.lock", self._notify)
        self._build_lock.enabled = not self._readonly
        return self._build_lock

    def _reopen(self):  # noqa: ANN202
        """A fresh client: another process changed the store since ours was opened (its view may be stale)."""
        from chromadb.api.client import SharedSystemClient

        with self._lock:
            SharedSystemClient.clear_system_cache()  # only forgets the cached clients; open ones keep working
            self._collection = None
            return self.collection()

    def _get_or_create(self, client):  # noqa: ANN001, ANN202
        wanted = {"embed_model": self.model_name, "schema": SCHEMA}
        names = {c if isinstance(c, str) else c.name for c in client.list_collections()}
        if COLLECTION in names:
            collection = client.get_collection(COLLECTION, embedding_function=None)
            meta = collection.metadata or {}
            if meta.get("embed_model") == self.model_name and meta.get("schema") == SCHEMA:
                return collection
            if meta.get("embed_model") != self.model_name:
                self._notify(
                    f"The index was built with {meta.get('embed_model', 'another model')!r}; rebuilding it for {self.model_name!r} "
                    "(vectors from two models never mix)."
                )
            else:
                self._notify("The index was built by an older version of cocreate; rebuilding it.")
            client.delete_collection(COLLECTION)
        try:
            return client.create_collection(COLLECTION, metadata=wanted, configuration=HNSW, embedding_function=None)
        except Exception:  # noqa: BLE001 - another client created it in the meantime (a shared server)
            if COLLECTION in {c if isinstance(c, str) else c.name for c in client.list_collections()}:
                return client.get_collection(COLLECTION, embedding_function=None)
            raise

    # -- syncing -----------------------------------------------------------------------------------------
    def sync(self, chunks: list[Chunk], progress: Progress | None = None) -> SyncReport:
        """Embed what is new or changed, delete what is gone; unchanged vectors are kept.

        Under the build lock: a process that waited for another's build finds the work done.
        """
        started = time.perf_counter()
        self._chunks = chunks
        records = vector_records(chunks)
        with self._lock:
            collection = self.collection()
            with self._file_lock() as lock:
                if lock.waited and not self.settings.chroma_url:
                    collection = self._reopen()
                have = self._hashes(collection)
                todo = [i for i, (_, meta) in records.items() if have.get(i) != meta["hash"]]
                gone = [i for i in have if i not in records]
                if gone:
                    self._call("deleting", lambda: collection.delete(ids=gone))
                total = len(todo)
                if total >= 100 and not self.model_name.startswith("hash-"):
                    self._notify(f"Embedding {total:,} passages; at the measured rate this takes about {_duration(self.estimate_seconds([records[i][0] for i in todo]))}.")
                if progress:
                    progress(0, total)
                for start in range(0, total, BATCH):
                    ids = todo[start : start + BATCH]
                    texts = [records[i][0] for i in ids]
                    vectors = self.embeddings.embed_documents(texts)
                    metadatas = [records[i][1] for i in ids]
                    self._call("adding vectors", lambda: collection.upsert(ids=ids, embeddings=vectors, documents=texts, metadatas=metadatas))
                    if progress:
                        progress(min(start + BATCH, total), total)
                self._remember()
        added = sum(1 for i in todo if i not in have)
        return SyncReport(
            added=added,
            updated=len(todo) - added,
            removed=len(gone),
            unchanged=len(records) - len(todo),
            seconds=time.perf_counter() - started,
        )

    def estimate_seconds(self, texts: list[str]) -> float:
        """How long embedding ``texts`` takes at the measured rate (word pieces per second)."""
        count = getattr(self.embeddings, "count_tokens", None)
        tokens = sum(count(t) for t in texts) if count else sum(len(t.split()) * 2 for t in texts)
        return tokens / EMBED_TOKENS_PER_SECOND

    def is_current(self, chunks: list[Chunk]) -> bool:
        self._chunks = chunks
        records = vector_records(chunks)
        have = self._repairing(lambda collection: self._hashes(collection))
        return have == {i: meta["hash"] for i, (_, meta) in records.items()}

    def _hashes(self, collection: Any) -> dict[str, str | None]:
        existing = self._call("reading", lambda: collection.get(include=["metadatas"]))
        return {i: (m or {}).get("hash") for i, m in zip(existing["ids"], existing["metadatas"] or [])}

    # -- querying ----------------------------------------------------------------------------------------
    def query(self, vector: list[float], n: int, where: dict[str, Any] | None = None) -> list[tuple[str, float]]:
        """(chunk id, cosine similarity) best first; a chunk's Danish and English vectors count once."""

        def run(collection: Any) -> dict[str, Any]:
            return self._call("searching", lambda: collection.query(query_embeddings=[vector], n_results=n, where=where or None, include=["metadatas", "distances"]))

        if not self.settings.chroma_url:
            self._check_changed()
        result = self._repairing(run)
        seen: dict[str, float] = {}
        for meta, distance in zip(result["metadatas"][0], result["distances"][0]):
            chunk_id = meta["chunk_id"]
            if chunk_id not in seen:
                seen[chunk_id] = 1.0 - float(distance)
        # equal similarities in the chunk's id order, whichever order the store's HNSW met them in (so an embedded
        # store and a Chroma server rank alike)
        return sorted(seen.items(), key=lambda x: (-round(x[1], 6), x[0]))

    def _check_changed(self) -> None:
        """Someone else wrote the store since we last did (another process's build, or damage): check it with
        quick_check, then repair it or take a fresh view. A stat per query; the check only on a change."""
        with self._lock:
            self.collection()
            stamp = file_stamp(self._path / "chroma.sqlite3")
            if stamp == self._stamp:
                return
            problem = self._check_sqlite(self._path)
            if problem:
                self._repair(problem)
            else:
                self._reopen()
            self._remember()

    def _remember(self) -> None:
        self._stamp = file_stamp(self._path / "chroma.sqlite3")

    def _repairing(self, action: Callable[[Any], T]) -> T:
        """``action(collection)``; when the embedded store turns out damaged, repair and rebuild it, then retry once."""
        collection = self.collection()
        try:
            return action(collection)
        except StoreError:
            raise
        except Exception:  # noqa: BLE001 - first try a fresh view: another process may have rebuilt the store
            if self.settings.chroma_url:
                raise
        try:
            return action(self._reopen())
        except StoreError:
            raise
        except Exception as exc:  # noqa: BLE001 - sorted below
            problem = self._sorted(exc, self._path)
            if not isinstance(problem, Damage):
                raise problem from exc
        return action(self._repair(str(problem)))

    def _repair(self, reason: str):  # noqa: ANN202
        """Move the damaged store aside, reopen an empty one and rebuild it from the chunks it should hold."""
        with self._lock:
            with self._file_lock():
                self._quarantine(reason)
            return self.collection()


def _duration(seconds: float) -> str:
    from ..corpus.ingest import format_duration

    return format_duration(seconds)
