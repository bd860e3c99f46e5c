"""The command line's output and shared plumbing: JSON lines, stderr messages, progress, logging, the Assistant."""
from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from typing import TYPE_CHECKING, Any, Callable

from ..config import Settings

if TYPE_CHECKING:
    from ..app import Assistant


def print_json(obj: Any) -> None:
    """One JSON object on its own line, flushed (a client may be waiting for it)."""
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def stderr(message: str) -> None:
    """A message for the user on stderr, flushed."""
    print(message, file=sys.stderr, flush=True)


def open_assistant(args: argparse.Namespace) -> "Assistant":
    """The Assistant for a command, with its --backend, telling the user what it does on stderr."""
    from ..app import Assistant

    overrides = {}
    if getattr(args, "backend", None):
        overrides["llm"] = args.backend
    settings = Settings(**overrides)
    return Assistant(settings, notify=stderr)


def progress_bar(label: str) -> Callable[[int, int], None]:
    """A bar on a terminal; plain lines (every 10 % or 15 s, with the time left) when stderr is a file or pipe."""
    started = time.monotonic()
    last = {"shown": -1.0, "at": started}

    def show(done: int, total: int) -> None:
        if total == 0:
            return
        if sys.stderr.isatty():
            width = 30
            filled = int(width * done / total) if total else width
            sys.stderr.write(f"\r{label} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
            if done >= total:
                sys.stderr.write("\n")
            sys.stderr.flush()
            return
        now = time.monotonic()
        share = done / total if total else 1.0
        if done not in (0, total) and share - last["shown"] < 0.1 and now - last["at"] < 15:
            return
        last["shown"], last["at"] = share, now
        left = ""
        if 0 < done < total:
            from ..corpus.ingest import format_duration

            left = f", about {format_duration((now - started) / done * (total - done))} left"
        stderr(f"{label}: {done:,}/{total:,} passages ({share:.0%}){left}")

    return show


def setup_logging() -> None:
    """Warnings of the core (e.g. a skipped ingested file) reach stderr as one plain line; library chatter does not."""
    core = logging.getLogger("assistant")
    if not any(isinstance(h, StderrHandler) for h in core.handlers):
        core.addHandler(StderrHandler())
        core.setLevel(logging.WARNING)
        core.propagate = False
    logging.getLogger("pypdf").setLevel(logging.ERROR)


class StderrHandler(logging.Handler):
    """Writes to whatever sys.stderr is at the time (it may be replaced after setup)."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            stderr(f"warning: {record.getMessage()}")
        except Exception:  # noqa: BLE001 - logging never breaks a command
            self.handleError(record)
