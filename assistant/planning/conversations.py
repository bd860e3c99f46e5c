"""Chat conversations kept across a reload: one JSON file per conversation id, written atomically, old ones pruned."""
from __future__ import annotations

import json
import logging
import os
import re
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from ..errors import InputError

MAX_TURNS = 100  # the oldest turns go first beyond this
MAX_BYTES = 2 * 1024 * 1024
MAX_AGE_DAYS = 30  # a conversation untouched this long is deleted when the store opens
_ID = re.compile(r"[0-9a-f]{32}")
_log = logging.getLogger(__name__)


def stored_text(turns: list[dict[str, Any]]) -> str:
    """The JSON a store keeps: the newest MAX_TURNS turns within MAX_BYTES. A turn too large to store on its own is
    left out, never the turns around it (one huge paste must not empty the conversation); InputError for data that is
    not JSON."""
    try:
        sizes = [(turn, len(json.dumps(turn, ensure_ascii=False, allow_nan=False).encode("utf-8"))) for turn in list(turns)[-MAX_TURNS:]]
    except (TypeError, ValueError) as exc:
        raise InputError(f"The conversation cannot be stored: {exc}") from exc
    kept = [(turn, size) for turn, size in sizes if size <= MAX_BYTES - 2]
    if len(kept) < len(sizes):
        _log.warning("left %d turn(s) over %d bytes out of a stored conversation", len(sizes) - len(kept), MAX_BYTES)
    while kept and sum(size + 2 for _, size in kept) > MAX_BYTES:  # then the oldest go first ("[", "]" and ", " between)
        kept = kept[1:]
    return json.dumps([turn for turn, _ in kept], ensure_ascii=False, allow_nan=False)


class ConversationStore:
    """Each conversation is a list of JSON-ready turns; ids are random, so one session never reads another's by accident."""

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        self._prune()

    @staticmethod
    def new_id() -> str:
        return uuid.uuid4().hex

    @staticmethod
    def valid_id(conversation_id: object) -> bool:
        return isinstance(conversation_id, str) and _ID.fullmatch(conversation_id) is not None

    def load(self, conversation_id: str) -> list[dict[str, Any]]:
        """The stored turns; [] for an unknown or malformed id, or a damaged file (logged, never raised)."""
        if not self.valid_id(conversation_id):
            return []
        path = self._path(conversation_id)
        try:
            turns = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return []
        except (OSError, ValueError) as exc:
            _log.warning("Conversation %s cannot be read (%s); starting afresh.", path, exc)
            return []
        return [t for t in turns if isinstance(t, dict)] if isinstance(turns, list) else []

    def save(self, conversation_id: str, turns: list[dict[str, Any]]) -> None:
        """Replace the stored turns (the last MAX_TURNS); InputError for a malformed id or data that is not JSON."""
        if not self.valid_id(conversation_id):
            raise InputError(f"Not a conversation id: {conversation_id!r}.")
        text = stored_text(turns)
        fd, tmp = tempfile.mkstemp(dir=self.directory, prefix=".tmp-", suffix=".json")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
            os.replace(tmp, self._path(conversation_id))
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def delete(self, conversation_id: str) -> None:
        if self.valid_id(conversation_id):
            self._path(conversation_id).unlink(missing_ok=True)

    def _path(self, conversation_id: str) -> Path:
        return self.directory / f"{conversation_id}.json"

    def _prune(self) -> None:
        cutoff = time.time() - MAX_AGE_DAYS * 86400
        for path in self.directory.glob("*.json"):
            try:
                if path.stat().st_mtime < cutoff:
                    path.unlink()
            except OSError:
                pass
