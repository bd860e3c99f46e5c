"""``Advice``: one excerpt of the report the wizards show, with the passage id to cite."""
from __future__ import annotations

from dataclasses import dataclass


def normalize_language(language: str) -> str:
    """"da" or "en" (accepts e.g. "en-GB", "DA"); ValueError for anything else."""
    value = (language or "").strip().lower()
    for code in ("da", "en"):
        if value == code or value.startswith(code + "-") or value.startswith(code + "_"):
            return code
    raise ValueError(f"Unknown language {language!r}; use 'da' or 'en'.")


@dataclass(frozen=True)
class Advice:
    """One excerpt of the report, verbatim, with the passage id to cite."""

    text: str  # Danish, verbatim from the report (a sentence or table cell)
    source_id: str  # passage id to cite
    english: str | None = None  # English rendering, from corpus/en, if one exists

    @property
    def fragment(self) -> bool:
        """True for a label that is no sentence on its own (a figure's "hvem der deltage"): not shown as advice."""
        return not self.text[:1].isupper()

    def get(self, language: str = "da") -> str:
        """The English rendering for "en" (Danish when there is none), else the Danish text."""
        return (self.english or self.text) if normalize_language(language) == "en" else self.text
