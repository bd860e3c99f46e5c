"""cocreate: plan co-creation with students in academic libraries, grounded in the DEFF evaluation report."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .config import Settings
from .errors import BackendError, CocreateError, CorpusError, InputError, StoreError

if TYPE_CHECKING:
    from .answers import Answer, AnswerEvent, Citation
    from .engine import Assistant
    from .retrieval import Filters, Hit

__all__ = [
    "Answer",
    "AnswerEvent",
    "Assistant",
    "BackendError",
    "Citation",
    "CocreateError",
    "CorpusError",
    "Filters",
    "Hit",
    "InputError",
    "Settings",
    "StoreError",
]

_LAZY = {
    "Assistant": "engine",
    "Filters": "retrieval",
    "Hit": "retrieval",
    "Answer": "answers",
    "AnswerEvent": "answers",
    "Citation": "answers",
}


def __getattr__(name: str) -> Any:
    """Heavy parts load on first use, so `import assistant` stays fast."""
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
