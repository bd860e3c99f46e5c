"""Feedback on chat answers (thumbs up/down and a comment), appended as JSON lines."""
from __future__ import annotations

import csv
import io
import json
import logging
import os
import threading
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Literal
from .errors import InputError

Rating = Literal["up", "down"]
RATINGS: tuple[str, ...] = ("up", "down")
MAX_COMMENT = 5000
MAX_TEXT = 100_000  # question and answer are stored, cut at this length
CSV_FIELDS = ("created", "rating", "question", "answer", "comment", "citations", "backend")
_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Feedback:
    question: str
    answer: str
    rating: Rating
    comment: str
    citations: list[str] = field(default_factory=list)
    backend: str = ""
    created: str = ""  # ISO 8601, UTC


class FeedbackStore:
    """Append-only feedback file; safe to share between threads (one lock, flush and fsync per entry)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()

    def add(
        self,
        question: str,
        answer: str,
        rating: str,
        comment: str = "",
        citations: list[str] | None = None,
        backend: str = "",
    ) -> Feedback:
        """Store one piece of feedback; ValueError for a rating other than "up"/"down" or a comment over 5000 chars."""
        if rating not in RATINGS:
            raise InputError(f"Rating must be 'up' or 'down' (got {rating!r}).")
        comment = str(comment or "").strip()
        if len(comment) > MAX_COMMENT:
            raise InputError(f"The comment is {len(comment):,} characters long; the limit is {MAX_COMMENT:,}.")
        entry = Feedback(
            question=str(question or "")[:MAX_TEXT],
            answer=str(answer or "")[:MAX_TEXT],
            rating=rating,  # type: ignore[arg-type]
            comment=comment,
            citations=[str(c) for c in citations or []],
            backend=str(backend or ""),
            created=datetime.now(timezone.utc).isoformat(timespec="microseconds"),
        )
        line = json.dumps(asdict(entry), ensure_ascii=False) + "\n"
        with self._lock:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with open(self.path, "a+b") as handle:
                if handle.tell() > 0:  # a torn last line (a crash mid-write) must not swallow this entry
                    handle.seek(-1, os.SEEK_END)
                    if handle.read(1) != b"\n":
                        line = "\n" + line
                handle.write(line.encode("utf-8"))
                handle.flush()
                os.fsync(handle.fileno())
        return entry

    def all(self) -> list[Feedback]:
        """Every stored entry, oldest first; damaged lines are skipped."""
        with self._lock:
            try:
                raw = self.path.read_bytes()
            except FileNotFoundError:
                return []
        entries: list[Feedback] = []
        for number, line in enumerate(raw.decode("utf-8", errors="replace").splitlines(), start=1):
            if not line.strip():
                continue
            entry = _parse(line)
            if entry is None:
                _log.warning("Skipping damaged line %d of %s.", number, self.path)
            else:
                entries.append(entry)
        return entries

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


def _parse(line: str) -> Feedback | None:
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
