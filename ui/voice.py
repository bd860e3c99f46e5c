"""The language one part of a page speaks when it differs from the page's: an answer follows its question."""
from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from typing import Iterator

_SPEAKING: ContextVar[str | None] = ContextVar("speaking", default=None)


def current() -> str | None:
    """The language set by ``speaking``, or None outside it."""
    return _SPEAKING.get()


@contextmanager
def speaking(language: str) -> Iterator[None]:
    """Render in ``language``: an answer's own labels (sources, engine, copy, feedback) follow the question's language."""
    token = _SPEAKING.set("en" if language == "en" else "da")
    try:
        yield
    finally:
        _SPEAKING.reset(token)
