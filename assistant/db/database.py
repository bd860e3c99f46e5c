"""The database behind drafts and feedback: an engine for COCREATE_DATABASE_URL, migrations on start, clear errors."""
from __future__ import annotations

import hashlib
import logging
import sqlite3
import threading
from contextlib import contextmanager, nullcontext
from datetime import datetime, timezone
from importlib.resources import files
from pathlib import Path
from typing import Any, Callable, Iterator, TypeVar

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError
from sqlalchemy.pool import NullPool

from ..errors import SettingsError, StoreError

_T = TypeVar("_T")
_log = logging.getLogger(__name__)
_CORRUPT = ("file is not a database", "malformed", "disk image", "database corrupt", "unsupported file format")
_MIGRATE_LOCK = 715_051_001  # pg_advisory_lock key: one instance migrates, the others wait for it
_ALEMBIC = threading.Lock()  # alembic's `context` is one global per process: one migration at a time


class DatabaseUnavailable(StoreError):
    """The database cannot be reached or refused the operation; nothing was written, try again later."""


class Database:
    """One database (SQLite file or PostgreSQL server), migrated to the newest schema when opened; thread-safe."""

    def __init__(self, url: str | URL, *, connect_timeout: float = 5.0) -> None:
        try:
            self.url = make_url(url)
        except ArgumentError as exc:
            raise SettingsError(f"COCREATE_DATABASE_URL is not a database URL ({exc}); e.g. postgresql+psycopg://user:pw@host/db.") from None
        if self.url.drivername in ("postgresql", "postgres"):  # a plain postgresql:// URL means the driver cocreate ships
            self.url = self.url.set(drivername="postgresql+psycopg")
        self.recovered_from: Path | None = None  # where a damaged SQLite file was moved, if one was
        self.path: Path | None = Path(self.url.database) if self.is_sqlite and self.url.database not in (None, "", ":memory:") else None
        self._lock = threading.RLock()
        self._connect_timeout = connect_timeout
        self.engine = self._engine()
        with self._lock:
            for attempt in (1, 2):
                try:
                    if self.path is not None:
                        self.path.parent.mkdir(parents=True, exist_ok=True)
                    self.migrate()
                    break
                except (DBAPIError, sqlite3.DatabaseError, OSError) as exc:  # OSError: a folder that cannot be written
                    if attempt == 2 or not self._corrupt(exc):
                        raise self._unavailable(exc) from exc
                    self._move_aside(exc)

    @property
    def is_sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"

    def describe(self) -> str:
        """The URL without its password, for messages and logs."""
        return self.url.render_as_string(hide_password=True)

    def run(self, fn: Callable[[Connection], _T]) -> _T:
        """Run ``fn`` in one transaction (committed when it returns); database failures become DatabaseUnavailable."""
        for attempt in (1, 2):
            try:
                with self.engine.begin() as conn:
                    return fn(conn)
            except (DBAPIError, sqlite3.DatabaseError) as exc:
                if attempt == 1 and self._corrupt(exc):
                    with self._lock:
                        self._move_aside(exc)
                        self.migrate()
                    continue
                raise self._unavailable(exc) from exc
        raise AssertionError("unreachable")

    def migrate(self) -> None:
        """Apply every migration not yet applied (alembic, scripts shipped in the package); safe from many processes."""
        from alembic import command
        from alembic.config import Config

        from filelock import FileLock

        config = Config()
        config.set_main_option("script_location", str(files("assistant.db") / "migrations"))
        file_lock = FileLock(str(self.path) + ".migrate.lock", timeout=120) if self.path is not None else nullcontext()
        with _ALEMBIC, file_lock:  # a SQLite file is checked and switched to WAL by one process at a time, too
            self._check_sqlite()
            if self._applied() == _head(config):  # the usual start: nothing to do, no alembic run
                return
            with self.engine.begin() as conn:
                if conn.dialect.name == "postgresql":
                    conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATE_LOCK})
                config.attributes["connection"] = conn
                command.upgrade(config, "head")

    def _applied(self) -> str | None:
        """The applied migration, or None when there is none yet (a new or pre-SQLAlchemy database)."""
        try:
            with self.engine.connect() as conn:
                return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        except DBAPIError:
            return None

    @contextmanager
    def lock(self, name: str, timeout: float = 600.0) -> Iterator[None]:
        """Hold a lock shared by every process on this database (PostgreSQL advisory lock; a file lock beside SQLite)."""
        if self.path is not None or not self.url.get_backend_name() == "postgresql":
            from filelock import FileLock

            with FileLock(str(self.path or Path(".")) + f".{name}.lock", timeout=timeout):
                yield
            return
        key = int.from_bytes(hashlib.sha256(name.encode()).digest()[:7], "big")
        try:
            conn = self.engine.connect()
            conn.execute(text("SELECT set_config('lock_timeout', :ms, false)"), {"ms": f"{int(timeout * 1000)}ms"})
            conn.execute(text("SELECT pg_advisory_lock(:key)"), {"key": key})
        except DBAPIError as exc:
            raise self._unavailable(exc) from exc
        try:
            yield
        finally:
            try:
                conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": key})
                conn.execute(text("RESET lock_timeout"))
            except DBAPIError:
                pass  # the session ended with the connection: the lock went with it
            conn.close()

    def ping(self) -> None:
        """Return when the database answers; DatabaseUnavailable when it does not."""
        self.run(lambda conn: conn.execute(text("SELECT 1")).scalar())

    def revision(self) -> str | None:
        """The applied migration (alembic_version), or None before the first."""
        return self.run(lambda conn: conn.execute(text("SELECT version_num FROM alembic_version")).scalar())

    def close(self) -> None:
        self.engine.dispose()

    # -- internals -------------------------------------------------------------------------------------
    def _engine(self) -> Engine:
        try:
            if self.is_sqlite:
                engine = create_engine(self.url, poolclass=NullPool, connect_args={"timeout": 10, "check_same_thread": False})
                event.listen(engine, "connect", _sqlite_pragmas)
                return engine
            args: dict[str, Any] = {"connect_timeout": max(1, int(self._connect_timeout))} if self.url.get_backend_name() == "postgresql" else {}
            return create_engine(self.url, pool_pre_ping=True, pool_size=5, max_overflow=5, pool_timeout=10, connect_args=args)
        except (NoSuchModuleError, ImportError, ArgumentError) as exc:
            raise SettingsError(
                f"COCREATE_DATABASE_URL={self.describe()} cannot be used ({exc}); use sqlite:///path or postgresql+psycopg://user:pw@host/db."
            ) from None

    def _check_sqlite(self) -> None:
        if self.path is None:
            return
        with self.engine.connect() as conn:
            result = conn.exec_driver_sql("PRAGMA quick_check").scalar()
            conn.exec_driver_sql("PRAGMA journal_mode = WAL")  # kept in the file: readers never wait for a writer
        if result != "ok":
            raise sqlite3.DatabaseError(f"database disk image is malformed ({result})")

    def _corrupt(self, exc: BaseException) -> bool:
        return self.path is not None and any(marker in str(exc).lower() for marker in _CORRUPT)

    def _move_aside(self, exc: BaseException) -> None:
        assert self.path is not None
        self.engine.dispose()
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
        target = self.path.with_name(f"{self.path.name}.damaged-{stamp}")
        if self.path.exists():
            self.path.replace(target)
            self.recovered_from = target
        for suffix in ("-wal", "-shm"):
            side = self.path.with_name(self.path.name + suffix)
            if side.exists():
                side.replace(target.with_name(target.name + suffix))
        _log.warning("Database %s was damaged (%s); moved it to %s and started a new one.", self.path, exc, target)

    def _unavailable(self, exc: BaseException) -> DatabaseUnavailable:
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return DatabaseUnavailable(f"The drafts database ({self.describe()}) cannot be used right now: {reason.rstrip('.')}.")


_HEADS: dict[str, str | None] = {}


def _head(config: Any) -> str | None:
    """The newest migration shipped in the package (read once per process)."""
    location = config.get_main_option("script_location")
    if location not in _HEADS:
        from alembic.script import ScriptDirectory

        _HEADS[location] = ScriptDirectory.from_config(config).get_current_head()
    return _HEADS[location]


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA busy_timeout = 10000")
        cursor.execute("PRAGMA foreign_keys = ON")
    finally:
        cursor.close()

