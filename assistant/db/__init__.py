"""The drafts and feedback database: SQLite by default, PostgreSQL for a shared deployment, migrated on start."""
from __future__ import annotations

from typing import TYPE_CHECKING

from .database import Database, DatabaseUnavailable
from .legacy import import_legacy

if TYPE_CHECKING:
    from ..config import Settings

__all__ = ["Database", "DatabaseUnavailable", "import_legacy", "open_database"]


def open_database(settings: "Settings") -> Database:
    """The database the settings name, migrated, with the data dir's older files imported into it."""
    db = Database(settings.database())
    import_legacy(db, settings.data_dir)
    return db
