"""The errors cocreate raises for users: each carries a message fit to show as it is."""
from __future__ import annotations


class CocreateError(Exception):
    """Base class: the message is meant for the user."""


class InputError(CocreateError, ValueError):
    """A question, file or value the user gave cannot be used (also a ValueError, for callers that catch those)."""


class CorpusError(CocreateError):
    """The corpus cannot be built or read."""


class StoreError(CocreateError):
    """The search index cannot be built or opened."""


class BackendError(CocreateError):
    """A language-model backend failed; the message names the setting to fix."""


class SettingsError(CocreateError, ValueError):
    """A setting (argument or COCREATE_* variable) has a value outside its allowed range; the message names it."""
