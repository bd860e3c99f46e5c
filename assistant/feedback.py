"""Feedback on chat answers (thumbs up/down and a comment), kept in the drafts and feedback database."""
from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import insert, select, update

from .db import Database
from .db.schema import feedback as _feedback
from .errors import InputError

Rating = Literal["up", "down"]
RATINGS: tuple[str, ...] = ("up", "down")
MAX_COMMENT = 5000
MAX_TEXT = 100_000  # question and answer are stored, cut at this length
CSV_FIELDS = ("created", "rating", "question", "answer", "comment", "citations", "backend")


@dataclass(frozen=True)
class Feedback:
    question: str
    answer: str
    rating: Rating
    comment: str
    citations: list[str] = field(default_factory=list)
    backend: str = ""
    created: str = ""  # ISO 8601, UTC
    id: int = 0  # the row's id once stored (0 before)


class FeedbackStore:
    """Feedback rows in the database; safe to share between threads and app instances."""

    def __init__(self, db: Database | Path | str, user: str | None = None) -> None:
        self.db = db if isinstance(db, Database) else Database(f"sqlite:///{db}" if isinstance(db, Path) or "://" not in str(db) else str(db))
        self.user = user

    def for_user(self, user: str | None) -> "FeedbackStore":
        """The same store, recording ``user`` as the author of new feedback."""
        return FeedbackStore(self.db, user)

    def add(
        self,
        question: str,
        answer: str,
        rating: str,
        comment: str = "",
        citations: list[str] | None = None,
        backend: str = "",
    ) -> Feedback:
        """Store one piece of feedback; InputError for a rating other than "up"/"down" or a comment over 5000 chars."""
        entry = make_entry(question, answer, rating, comment, citations, backend)
        row_id = self.db.run(lambda conn: conn.execute(insert(_feedback).values(**row_values(entry, self.user or ""))).inserted_primary_key[0])
        return replace(entry, id=int(row_id))

    def revise(self, entry_id: int, rating: str, comment: str = "") -> Feedback:
        """Change the rating or add a comment to stored feedback (only the author's own); KeyError when it is not there."""
        checked = make_entry("", "", rating, comment)
        query = update(_feedback).where(_feedback.c.id == entry_id)
        if self.user is not None:
            query = query.where(_feedback.c.owner == self.user)
        found = self.db.run(lambda conn: conn.execute(query.values(rating=checked.rating, comment=checked.comment)).rowcount)
        if not found:
            raise KeyError(entry_id)
        return next(e for e in self.all() if e.id == entry_id)

    def all(self) -> list[Feedback]:
        """Every stored entry, oldest first (a signed-in user's view: only their own)."""
        query = select(_feedback).order_by(_feedback.c.created, _feedback.c.id)
        if self.user is not None:
            query = query.where(_feedback.c.owner == self.user)
        return self.db.run(lambda conn: [e for e in (_from_row(r) for r in conn.execute(query).mappings()) if e is not None])

    def export_csv(self) -> str:
        """All entries as CSV (citations joined by "; "); cells that a spreadsheet would run as formulas are quoted."""
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=CSV_FIELDS, lineterminator="\n")
        writer.writeheader()
        for entry in self.all():
            row = asdict(entry)
            row["citations"] = "; ".join(entry.citations)
            writer.writerow({k: _safe_cell(str(row[k])) for k in CSV_FIELDS})
        return buffer.getvalue()

    def export_jsonl(self) -> str:
        """All valid entries as JSON lines."""
        return "".join(json.dumps(asdict(e), ensure_ascii=False) + "\n" for e in self.all())


def make_entry(question: str, answer: str, rating: str, comment: str = "", citations: list[str] | None = None, backend: str = "",
               created: str | None = None) -> Feedback:
    """A checked entry; InputError for a rating other than "up"/"down" or a comment over 5000 characters."""
    if rating not in RATINGS:
        raise InputError(f"Rating must be 'up' or 'down' (got {rating!r}).")
    comment = str(comment or "").strip()
    if len(comment) > MAX_COMMENT:
        raise InputError(f"The comment is {len(comment):,} characters long; the limit is {MAX_COMMENT:,}.")
    return Feedback(
        question=str(question or "")[:MAX_TEXT],
        answer=str(answer or "")[:MAX_TEXT],
        rating=rating,  # type: ignore[arg-type]
        comment=comment,
        citations=[str(c) for c in citations or []],
        backend=str(backend or ""),
        created=created or datetime.now(timezone.utc).isoformat(timespec="microseconds"),
    )


def row_values(entry: Feedback, owner: str = "") -> dict[str, Any]:
    """The database row of an entry."""
    return {"created": entry.created, "rating": entry.rating, "question": entry.question, "answer": entry.answer, "comment": entry.comment,
            "citations": json.dumps(entry.citations, ensure_ascii=False), "backend": entry.backend, "owner": owner}


def _from_row(row: Any) -> Feedback | None:
    try:
        citations = json.loads(row["citations"] or "[]")
    except ValueError:
        citations = []
    if row["rating"] not in RATINGS:
        return None
    return Feedback(str(row["question"]), str(row["answer"]), row["rating"], str(row["comment"] or ""),
                    [str(c) for c in citations] if isinstance(citations, list) else [], str(row["backend"] or ""), str(row["created"]),
                    int(row["id"] or 0))


def parse_line(line: str) -> Feedback | None:
    """One line of the JSON-lines file that held feedback before the database (None when damaged)."""
    try:
        data: Any = json.loads(line)
        if not isinstance(data, dict) or data.get("rating") not in RATINGS:
            return None
        citations = data.get("citations") or []
        if not isinstance(citations, list):
            return None
        return Feedback(
            question=str(data["question"]),
            answer=str(data["answer"]),
            rating=data["rating"],
            comment=str(data.get("comment") or ""),
            citations=[str(c) for c in citations],
            backend=str(data.get("backend") or ""),
            created=str(data.get("created") or ""),
        )
    except (ValueError, KeyError, TypeError):
        return None


def _safe_cell(text: str) -> str:
    """Prefix a quote so Excel or LibreOffice shows a cell starting with = + - @ as text (OWASP CSV injection)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
