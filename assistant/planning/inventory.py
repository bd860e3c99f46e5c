"""Every excerpt the wizards can show, gathered for checks and for the eval suite."""
from __future__ import annotations

from ..corpus.planning_content import planning_content
from .advice import Advice
from .content import excerpt_advice
from .culture import culture_types, discussion_items
from .identity import identity_types


def all_advice() -> list[Advice]:
    """Every curated excerpt (corpus/planning/excerpts.yaml) and every table cell the type descriptions cite."""
    items = [excerpt_advice(name) for name in planning_content().excerpts]
    for info in identity_types():
        items += list(info.advice)
    for culture in culture_types():
        items += list(culture.advice)
    items += [item.source for item in discussion_items(None)]
    return items
