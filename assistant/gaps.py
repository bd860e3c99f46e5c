"""Details the report does not give (corpus/source/gaps.yaml): a question asking for one is declined, saying which."""
from __future__ import annotations

import re
from functools import cached_property
from pathlib import Path
from typing import Iterable, Sequence

import yaml
from pydantic import BaseModel, ConfigDict, Field

from .bilingual import Bilingual
from .errors import CorpusError
from .yamlfile import load_yaml


class Gap(BaseModel):
    """One kind of detail the report leaves out: how a question asks for it, and how the report would show it."""

    model_config = ConfigDict(frozen=True, extra="forbid", ignored_types=(cached_property,))

    id: str
    asks: tuple[str, ...] = Field(min_length=1)
    absent: tuple[str, ...] = Field(min_length=1)
    examples: tuple[str, ...] = Field(min_length=1)
    says: Bilingual
    decline: bool = True  # False: answered from what the report says on the topic, after ``says``

    @cached_property
    def _asks(self) -> list[re.Pattern[str]]:
        return [re.compile(p, re.IGNORECASE) for p in self.asks]

    def asked_by(self, question: str) -> bool:
        """Whether ``question`` asks for this detail (either language)."""
        return any(p.search(question) for p in self._asks)


def load_gaps(corpus_dir: Path) -> tuple[Gap, ...]:
    """The gaps in ``corpus_dir/source/gaps.yaml`` (none when the file is missing)."""
    path = corpus_dir / "source" / "gaps.yaml"
    try:
        data = load_yaml(path.read_text(encoding="utf-8")) or {}
        return tuple(Gap.model_validate(g) for g in data.get("gaps", []))
    except FileNotFoundError:
        return ()
    except (yaml.YAMLError, ValueError) as exc:
        raise CorpusError(f"The list of details the report does not give ({path}) is malformed: {exc}") from exc


def check_gaps(gaps: Sequence[Gap], report_texts: Iterable[str]) -> list[str]:
    """Problems with the gaps: a bad pattern, an example no pattern catches, or report text an ``absent`` pattern finds."""
    problems: list[str] = []
    texts = list(report_texts)
    ids = [g.id for g in gaps]
    problems += [f"{i}: listed twice" for i in sorted({i for i in ids if ids.count(i) > 1})]
    for gap in gaps:
        try:
            absent = [re.compile(p, re.IGNORECASE) for p in gap.absent]
            gap.asked_by("")
        except re.error as exc:
            problems.append(f"{gap.id}: a pattern is not a valid regular expression ({exc})")
            continue
        problems += [f"{gap.id}: no pattern in asks catches the example {e!r}" for e in gap.examples if not gap.asked_by(e)]
        for pattern in absent:
            found = next((m for t in texts if (m := pattern.search(t))), None)
            if found is not None:
                problems.append(f"{gap.id}: the report gives this detail after all ({found.group(0)!r} matches {pattern.pattern!r})")
    return problems


def gap_asked(gaps: Sequence[Gap], question: str) -> Gap | None:
    """The first gap ``question`` asks for, if any."""
    return next((g for g in gaps if g.asked_by(question)), None)


__all__ = ["Gap", "check_gaps", "gap_asked", "load_gaps"]
