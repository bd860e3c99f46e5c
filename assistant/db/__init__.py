"""The drafts and feedback database: SQLite by default, PostgreSQL for a shared deployment, migrated on start."""
from __future__ import annotations

from .database import Database, DatabaseUnavailable

__all__ = ["Database", "DatabaseUnavailable"]
