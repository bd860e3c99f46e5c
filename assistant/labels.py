"""The label catalogue (corpus/planning/labels.yaml): display names of enumerated values, shared by every consumer."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from .bilingual import Bilingual
from .errors import CorpusError
from .yamlfile import load_yaml

GROUPS = ("kinds", "parts", "speakers", "attributions", "levels", "choices")
# Groups whose values are looked up without naming the group; "attributions" reuses the speakers' keys.
_PLAIN = ("kinds", "parts", "speakers", "levels", "choices")


class LabelCatalogue(BaseModel):
    """Every group of labels: value -> its Danish and English display name."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kinds: dict[str, Bilingual]
    parts: dict[str, Bilingual]
    speakers: dict[str, Bilingual]
    attributions: dict[str, Bilingual]
    levels: dict[str, Bilingual]
    choices: dict[str, Bilingual]

    def group(self, name: str) -> dict[str, Bilingual]:
        """One group by name; ValueError for an unknown group."""
        if name not in GROUPS:
            raise ValueError(f"Unknown label group {name!r}; choose from: {', '.join(GROUPS)}.")
        return dict(getattr(self, name))

    def find(self, value: str, group: str | None = None) -> Bilingual | None:
        """The label of ``value`` in ``group`` (or in any plain group); None when there is none."""
        for name in (group,) if group else _PLAIN:
            found = self.group(name).get(value)
            if found is not None:
                return found
        return None


def load_labels(text: str) -> LabelCatalogue:
    """A catalogue from the YAML text of labels.yaml; CorpusError when it is malformed."""
    try:
        return LabelCatalogue.model_validate(load_yaml(text) or {})
    except (yaml.YAMLError, ValidationError) as exc:
        raise CorpusError(f"corpus/planning/labels.yaml is not a valid label catalogue: {exc}") from exc


@lru_cache(maxsize=1)
def label_catalogue() -> LabelCatalogue:
    """The packaged catalogue, read once."""
    path = resources.files("assistant.corpus_data") / "planning" / "labels.yaml"
    return load_labels(path.read_text(encoding="utf-8"))


def label(value: str | None, language: str = "da", group: str | None = None) -> str:
    """The display label of an enumerated value ("begge" -> "Både formel og uformel"); the value itself when unknown."""
    if value is None:
        return ""
    found = label_catalogue().find(value, group)
    return value if found is None else found.get(language)


def labels(group: str) -> dict[str, Bilingual]:
    """Every label of one group ("choices", "speakers", ...), in catalogue order."""
    return label_catalogue().group(group)
