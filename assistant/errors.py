"""The errors cocreate raises for users: each carries a message fit to show as it is."""
from __future__ import annotations


from .bilingual import Bilingual


class CocreateError(Exception):
    """Base class: the message is meant for the user.

    The core gives a message in both languages as a ``Bilingual``; ``message_in`` picks the user's. Its plain text
    (``str``, for logs and the command line) holds both.
    """

    def __init__(self, message: object = "", *args: object) -> None:
        self.message: Bilingual | None = message if isinstance(message, Bilingual) else None
        super().__init__(f"{message.da} / {message.en}" if isinstance(message, Bilingual) else message, *args)


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


def message_in(error: BaseException, language: str) -> str:
    """What ``error`` says, in ``language`` when it carries both (a CocreateError or a model's InvalidValue)."""
    message = getattr(error, "message", None)
    return message.get(language) if isinstance(message, Bilingual) else str(error)
