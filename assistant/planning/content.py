"""The wizards and their steps: titles, queries, and the report's advice and risks, named in corpus/planning."""
from __future__ import annotations

from functools import lru_cache
from typing import Any

from ..corpus.planning_content import Focus, Step, planning_content
from .advice import Advice, normalize_language
from .sources import english_for


@lru_cache(maxsize=None)
def excerpt_advice(name: str) -> Advice:
    """The excerpt ``name`` of corpus/planning/excerpts.yaml as Advice; KeyError for an unknown name."""
    excerpt = planning_content().excerpt(name)
    return Advice(text=excerpt.da, source_id=excerpt.source, english=excerpt.en or english_for(excerpt.source, excerpt.da))


def advice_for(source_id: str, text: str) -> Advice:
    """Advice for a whole passage, list item or table cell of the report, with its English rendering."""
    return Advice(text=text, source_id=source_id, english=english_for(source_id, text))


def wizard_steps() -> dict[str, list[str]]:
    """Each wizard's step ids, in order."""
    return {w: list(wizard.steps) for w, wizard in planning_content().wizards.items()}


def step_advice(wizard: str, step: str) -> list[Advice]:
    """The report's advice for one wizard step (2-6 items), each citing its passage."""
    return [excerpt_advice(name) for name in _step(wizard, step).advice]


def step_risks(wizard: str, step: str) -> list[Advice]:
    """The risks and reservations the report names for one step (may be empty)."""
    return [excerpt_advice(name) for name in _step(wizard, step).risks]


def step_title(wizard: str, step: str, language: str = "da") -> str:
    return _step(wizard, step).title.get(normalize_language(language))


def wizard_title(wizard: str, language: str = "da") -> str:
    _check(wizard)
    return planning_content().wizards[wizard].title.get(normalize_language(language))


def step_query(wizard: str, step: str, language: str = "da") -> str:
    """A query the UI can pass to ``Assistant.search`` to show more cited passages for this step."""
    return _step(wizard, step).query.get(normalize_language(language))


def motive_advice(motive: str) -> Advice:
    """What the report says about one motive: "kvalitet", "effektivitet" or "legitimitet"."""
    motives = planning_content().motives
    if motive not in motives:
        raise ValueError(f"Unknown motive {motive!r}; choose from: {', '.join(motives)}.")
    return excerpt_advice(motives[motive])


def focus_excerpts(focus: str) -> Focus:
    """The named excerpts of a development focus: definition, hallmark, facilitation, hindrance, remedy."""
    table = planning_content().focus
    if focus not in table:
        raise ValueError(f"Unknown development focus {focus!r}; choose from: {', '.join(table)}.")
    return table[focus]


def focus_advice(focus: str) -> list[Advice]:
    """Definition, hallmark (Tabel 2) and process competence for a development focus."""
    named = focus_excerpts(focus)
    return [excerpt_advice(n) for n in (named.definition, named.hallmark, named.facilitation)]


def focus_risks(focus: str) -> list[Advice]:
    """The hindrance to handle for a development focus: gruppetænkning, silotænkning or nulfejlskultur."""
    named = focus_excerpts(focus)
    return [excerpt_advice(n) for n in (named.hindrance, named.remedy)]


def signal_advice(signal: str) -> Advice:
    """The passage behind a management signal: "tydelig prioritering", "grønt lys" or "lov til at fejle"."""
    signals = planning_content().signals
    if signal not in signals:
        raise ValueError(f"Unknown signal {signal!r}; choose from: {', '.join(signals)}.")
    return excerpt_advice(signals[signal])


def coherence_advice() -> Advice:
    """The 4P model's point: coherence between Pointe, Partnere, Processer and Produkt (figur 1)."""
    return excerpt_advice(planning_content().coherence)


def evaluation_question(level: str) -> Advice:
    """The report's interview question for one Kirkpatrick level (del-1.data.p05)."""
    questions = planning_content().evaluation_questions
    if level not in questions:
        raise ValueError(f"Unknown evaluation level {level!r}; choose from: {', '.join(questions)}.")
    return excerpt_advice(questions[level])


def _step(wizard: str, step: str) -> Step:
    _check(wizard, step)
    return planning_content().wizards[wizard].steps[step]


def _check(wizard: str, step: str | None = None) -> None:
    wizards = planning_content().wizards
    if wizard not in wizards:
        raise ValueError(f"Unknown wizard {wizard!r}; choose from: {', '.join(wizards)}.")
    if step is not None and step not in wizards[wizard].steps:
        raise ValueError(f"Unknown step {step!r} for wizard {wizard!r}; choose from: {', '.join(wizards[wizard].steps)}.")


def __getattr__(name: str) -> Any:
    """Read-only views kept for callers that index titles directly: WIZARDS, WIZARD_TITLES_EN, STEPS, STEP_TITLES."""
    if name not in ("WIZARDS", "WIZARD_TITLES_EN", "STEPS", "STEP_TITLES"):
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    wizards = planning_content().wizards
    if name == "WIZARDS":
        return {w: wizard.title.da for w, wizard in wizards.items()}
    if name == "WIZARD_TITLES_EN":
        return {w: wizard.title.en for w, wizard in wizards.items()}
    if name == "STEPS":
        return wizard_steps()
    return {(w, s): (step.title.da, step.title.en) for w, wizard in wizards.items() for s, step in wizard.steps.items()}
