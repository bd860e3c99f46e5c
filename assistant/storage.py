"""Opening the drafts and feedback database for the settings; files from before it (drafts.sqlite3, feedback.jsonl) imported once."""
from __future__ import annotations

import json
import logging
import sqlite3
from datetime import datetime, timezone
from pathlib import Path

from typing import TYPE_CHECKING

from filelock import FileLock
from sqlalchemy import insert

from .db import Database
from .db.schema import feedback as _feedback
from .feedback import parse_line, row_values
from .planning.drafts import Draft, write_newer

if TYPE_CHECKING:
    from .config import Settings

_log = logging.getLogger(__name__)
DRAFTS_FILE = "drafts.sqlite3"
FEEDBACK_FILE = "feedback.jsonl"


def open_database(settings: "Settings") -> Database:
    """The database the settings name, migrated, with the data dir's older files imported into it."""
    db = Database(settings.database())
    import_legacy(db, settings.data_dir)
    return db


def import_legacy(db: Database, data_dir: Path) -> dict[str, int]:
    """Move the data dir's old drafts file (unless it is the database itself) and feedback lines into ``db``.

    Each imported file is renamed ``*.imported-<UTC time>`` afterwards and kept, so an import runs once and can be
    checked by hand. Returns how many drafts and feedback entries were written.
    """
    data_dir = Path(data_dir)
    counts = {"drafts": 0, "feedback": 0}
    drafts_file, feedback_file = data_dir / DRAFTS_FILE, data_dir / FEEDBACK_FILE
    own_file = db.path is not None and drafts_file.exists() and db.path.exists() and db.path.resolve() == drafts_file.resolve()
    if not feedback_file.exists() and (own_file or not drafts_file.exists()):
        return counts
    data_dir.mkdir(parents=True, exist_ok=True)
    with FileLock(str(data_dir / ".import.lock"), timeout=60):
        if drafts_file.exists() and not own_file:
            counts["drafts"] = _import_drafts(db, drafts_file)
        if feedback_file.exists():
            counts["feedback"] = _import_feedback(db, feedback_file)
    return counts


def _import_drafts(db: Database, path: Path) -> int:
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10) as conn:
            conn.row_factory = sqlite3.Row
            rows = [dict(r) for r in conn.execute("SELECT * FROM drafts")]
    except sqlite3.DatabaseError as exc:
        _log.warning("The old drafts file %s cannot be read (%s); it is left where it is, nothing imported.", path, exc)
        return 0
    drafts = []
    for row in rows:
        try:
            data = json.loads(row["data"])
        except ValueError:
            data = {}
        drafts.append(Draft(row["id"], row["kind"], row["title"], data if isinstance(data, dict) else {}, row["step"], row["created"],
                            row["updated"], row.get("owner") or "", row.get("workspace"), int(row.get("version") or 1)))
    written = db.run(lambda conn: write_newer(conn, drafts))
    _mark_imported(path)
    _log.warning("Imported %d of %d drafts from %s into %s.", written, len(drafts), path, db.describe())
    return written


def _import_feedback(db: Database, path: Path) -> int:
    lines = path.read_bytes().decode("utf-8", errors="replace").splitlines()
    entries = [entry for entry in (parse_line(line) for line in lines if line.strip()) if entry is not None]
    damaged = sum(1 for line in lines if line.strip()) - len(entries)
    if entries:
        db.run(lambda conn: conn.execute(insert(_feedback), [row_values(e) for e in entries]))
    _mark_imported(path)
    if damaged:
        _log.warning("Skipped %d damaged lines of %s (kept in the renamed file).", damaged, path)
    return len(entries)


def _mark_imported(path: Path) -> None:
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    for suffix in ("", "-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            side.replace(path.with_name(f"{path.name}.imported-{stamp}{suffix}"))
