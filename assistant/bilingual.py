"""One shape for text in two languages: ``Bilingual(da, en)`` with ``.get(language)``."""
from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Bilingual(BaseModel):
    """A text in Danish and English; ``get`` falls back to Danish for any other language."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    da: str
    en: str

    def get(self, language: str) -> str:
        return self.en if language == "en" else self.da
