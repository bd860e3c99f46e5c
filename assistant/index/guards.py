"""The index's guards: a deadline per Chroma call, SQLite damage checks, the cross-process build lock, file probes."""
from __future__ import annotations

import sqlite3
import tempfile
import threading
from pathlib import Path
from typing import Any, Callable, TypeVar

from ..errors import StoreError

# How long a process waits for another one's build or repair before giving up (a build within the ingest budget
# takes a few minutes at most).
LOCK_WAIT_SECONDS = 900.0

Notify = Callable[[str], None]
T = TypeVar("T")


class Deadline(Exception):
    """A Chroma call outlived its deadline."""


class Damage(Exception):
    """The embedded store is damaged (the message says how)."""


def check_sqlite(path: Path, timeout: float = 10.0) -> str | None:
    """What is wrong with the SQLite file at ``path`` (PRAGMA quick_check), or None when it is sound or missing.

    Raises StoreError when the file is locked or unreadable: that is no damage.
    """
    if not path.exists():
        return None
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=timeout) as con:
            rows = con.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as exc:
        message = str(exc)
        if "locked" in message or "busy" in message:
            raise StoreError(f"The search index {path} is locked by another program ({message}); try again when it is done.") from exc
        if "unable to open" in message and not path.is_file():
            return None
        if "unable to open" in message:
            raise StoreError(f"The search index {path} cannot be opened ({message}); check its permissions.") from exc
        return message
    except OSError as exc:
        raise StoreError(f"The search index {path} cannot be read ({exc.strerror or exc}); check its permissions.") from exc
    problems = [str(r[0]) for r in rows if r and r[0] != "ok"]
    return "; ".join(problems[:3]) if problems else None


def with_deadline(call: Callable[[], T], seconds: float) -> T:
    """``call()``, or Deadline after ``seconds`` (the call is left to finish in a daemon thread)."""
    box: dict[str, Any] = {}

    def run() -> None:
        try:
            box["value"] = call()
        except BaseException as exc:  # noqa: BLE001 - handed back to the caller
            box["error"] = exc

    worker = threading.Thread(target=run, name="cocreate-chroma-call", daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        raise Deadline()
    if "error" in box:
        raise box["error"]
    return box["value"]


class BuildLock:
    """A cross-process lock (filelock) around building and repairing; says so when it has to wait."""

    def __init__(self, path: Path, notify: Notify, enabled: bool = True) -> None:
        self.path = path
        self.notify = notify
        self.enabled = enabled
        self.waited = False  # did the last acquire wait for another holder?
        self._lock = None
        self._held: list[bool] = []

    def __enter__(self) -> "BuildLock":
        self._held.append(self.enabled)
        if not self.enabled:
            return self
        from filelock import FileLock, Timeout

        try:
            if self._lock is None:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self._lock = FileLock(str(self.path))
            try:
                self._lock.acquire(timeout=0)
                self.waited = False
            except Timeout:
                self.notify("Another cocreate process is building or repairing the search index; waiting for it…")
                self._lock.acquire(timeout=LOCK_WAIT_SECONDS)
                self.waited = True
        except Timeout as exc:
            self._held.pop()
            raise StoreError(f"Another process held the index lock {self.path} for {LOCK_WAIT_SECONDS / 60:.0f} minutes; try again later.") from exc
        except OSError as exc:
            self._held.pop()
            raise StoreError(f"Cannot take the index lock {self.path} ({exc.strerror or exc}); check that the data directory is writable.") from exc
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._held.pop() and self._lock is not None:
            self._lock.release()


def writable(path: Path) -> bool:
    """Can we write the store at ``path`` (or create it)? Tried for real: root may lack the right even where mode bits allow it."""
    probe_dir = path if path.is_dir() else path.parent
    while not probe_dir.exists():
        probe_dir = probe_dir.parent
    try:
        with tempfile.TemporaryFile(dir=probe_dir):
            pass
        for file in (path / "chroma.sqlite3",) if (path / "chroma.sqlite3").exists() else ():
            with open(file, "r+b"):
                pass
        for sub in path.iterdir() if path.is_dir() else ():
            if sub.is_dir():
                with tempfile.TemporaryFile(dir=sub):
                    pass
    except OSError:
        return False
    return True


def file_stamp(path: Path) -> tuple[int, int, int] | None:
    """(inode, size, mtime) of ``path``: a change means someone wrote it; None when it is missing."""
    try:
        info = path.stat()
    except OSError:
        return None
    return (info.st_ino, info.st_size, info.st_mtime_ns)


def looks_damaged(message: str) -> bool:
    """Does a Chroma or SQLite error message describe a damaged store (rather than a busy or unreadable one)?"""
    return any(word in message for word in ("malformed", "not a database", "corrupt", "failed to pull logs", "no such table", "hnsw", "segment"))


def bound_http(client: Any, seconds: float) -> None:
    """Give the chromadb HTTP session a socket timeout (it is created with none); the thread deadline is the guard."""
    try:
        import httpx

        client._server._session.timeout = httpx.Timeout(seconds)  # noqa: SLF001 - no public setting exists (chroma #5805)
    except Exception:  # noqa: BLE001 - best effort; with_deadline bounds every call anyway
        pass
