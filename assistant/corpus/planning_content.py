"""The wizards' content as data (corpus/planning/*.yaml): frozen typed records, loaded once and checked by id."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from ..bilingual import Bilingual
from ..coherence import depends_on_previous
from ..errors import CorpusError
from ..sentences import split_sentences
from .store import packaged_corpus_dir
from ..yamlfile import load_yaml

FILES = ("excerpts.yaml", "wizards.yaml", "identity.yaml", "culture.yaml", "documents.yaml")
_SECTIONS = {"identity.yaml": "identity", "culture.yaml": "culture"}  # files read as one section; the others' keys are top-level


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Excerpt(_Record):
    """A piece of the report: the passage it is cut from, its Danish text verbatim, and English where not the passage's own."""

    source: str
    da: str
    en: str | None = None


class Step(_Record):
    """One wizard step: its title, a search query, and the excerpt ids shown as advice and as risks, in order."""

    title: Bilingual
    query: Bilingual
    advice: tuple[str, ...] = ()
    risks: tuple[str, ...] = ()


class Wizard(_Record):
    title: Bilingual
    steps: dict[str, Step]


class Focus(_Record):
    """A development focus (Tabel 2): what it is, its hallmark, the facilitation it needs, its hindrance and remedy."""

    definition: str
    hallmark: str
    facilitation: str
    hindrance: str
    remedy: str


class StatementRecord(_Record):
    """A self-assessment statement written for cocreate from the passage it cites."""

    id: str
    type: str
    text: Bilingual
    source: str


class IdentityTable(_Record):
    """Tabel 4's rows, by the label each has in the table."""

    id: str
    value: str
    potential: str
    aversion: str


class IdentityType(_Record):
    name: Bilingual  # Danish as Tabel 4's column heading
    motive: str
    description: str
    framing: str
    quote: str


class IdentityTeam(_Record):
    composite: str
    mixed_motives: str
    diverse_team: str
    uniform_team: str
    integrate: str


class IdentityContent(_Record):
    table: IdentityTable
    statements: tuple[StatementRecord, ...]
    types: dict[str, IdentityType]
    team: IdentityTeam


class CultureTable(_Record):
    """Tabel 6's rows, by the label each has in the table."""

    id: str
    ideal: str
    values: str
    aversions: str


class CultureType(_Record):
    name: str  # its column heading in Tabel 6, the same in both languages
    description: str
    cocreation: str


class QuestionRecord(_Record):
    """A question for discussion, written for cocreate, grounded in the excerpt ``source`` names."""

    text: Bilingual
    source: str


class CultureContent(_Record):
    table: CultureTable
    statements: tuple[StatementRecord, ...]
    types: dict[str, CultureType]
    questions: dict[str, QuestionRecord]


class CompetenceTables(_Record):
    """Tabel 3 and Tabel 5 as the prioritisation memo cites them: each level's row label, and the columns."""

    rows: dict[str, str]
    characteristics: str
    examples: str
    spread: str


class PlanningContent(_Record):
    """Everything the wizards show and cite, by name."""

    excerpts: dict[str, Excerpt]
    wizards: dict[str, Wizard]
    motives: dict[str, str]
    focus: dict[str, Focus]
    coherence: str
    signals: dict[str, str]
    evaluation_questions: dict[str, str]
    competence_tables: CompetenceTables
    identity: IdentityContent
    culture: CultureContent
    document_texts: dict[str, Bilingual]  # the documents' own headings and notes, by name
    problems: dict[str, Bilingual]  # what a wizard's answers still lack, by name; {fields} are filled in

    def excerpt(self, name: str) -> Excerpt:
        """An excerpt by id; KeyError naming the id when there is none."""
        try:
            return self.excerpts[name]
        except KeyError:
            raise KeyError(f"Unknown excerpt {name!r}: no such id in corpus/planning/excerpts.yaml.") from None

    def references(self) -> list[tuple[str, str]]:
        """Every (where, excerpt id) the content refers to."""
        refs = [(f"wizards.{w}.{s}", e) for w, wiz in self.wizards.items() for s, step in wiz.steps.items() for e in step.advice + step.risks]
        refs += [(f"motives.{k}", v) for k, v in self.motives.items()]
        refs += [(f"focus.{k}.{f}", v) for k, focus in self.focus.items() for f, v in focus.model_dump().items()]
        refs += [("coherence", self.coherence)]
        refs += [(f"signals.{k}", v) for k, v in self.signals.items()]
        refs += [(f"evaluation_questions.{k}", v) for k, v in self.evaluation_questions.items()]
        for k, t in self.identity.types.items():
            refs += [(f"identity.types.{k}", v) for v in (t.description, t.framing, t.quote)]
        refs += [(f"identity.team.{k}", v) for k, v in self.identity.team.model_dump().items()]
        for k, c in self.culture.types.items():
            refs += [(f"culture.types.{k}", v) for v in (c.description, c.cocreation)]
        refs += [(f"culture.questions.{k}", q.source) for k, q in self.culture.questions.items()]
        return refs


def load_planning(corpus_dir: Path) -> PlanningContent:
    """The planning content under ``corpus_dir/planning``; CorpusError when a file is missing or malformed,
    or when the content names an excerpt or a type it lacks."""
    data: dict[str, Any] = {}
    for name in FILES:
        path = corpus_dir / "planning" / name
        try:
            loaded = load_yaml(path.read_text(encoding="utf-8")) or {}
        except FileNotFoundError as exc:
            raise CorpusError(f"Missing planning content file: {path}") from exc
        except yaml.YAMLError as exc:
            raise CorpusError(f"{path} is not valid YAML: {exc}") from exc
        data.update({_SECTIONS[name]: loaded} if name in _SECTIONS else loaded)
    try:
        content = PlanningContent.model_validate(data)
    except ValidationError as exc:
        raise CorpusError(f"corpus/planning is malformed: {exc}") from exc
    missing = [f"{where} -> {name}" for where, name in content.references() if name not in content.excerpts]
    for part in (content.identity, content.culture):
        missing += [f"statement {s.id} -> type {s.type}" for s in part.statements if s.type not in part.types]
    if missing:
        raise CorpusError("corpus/planning names records it lacks: " + "; ".join(missing))
    return content


def check_planning(content: PlanningContent, passages: dict[str, list[str]]) -> list[str]:
    """Problems with the content against the report: ``passages`` maps each passage id to its Danish texts.

    Every excerpt and statement must cite a passage that exists, every excerpt's Danish text must occur
    verbatim in it, and every table row and column the content names must be in that table.
    """
    problems = []
    for name, excerpt in content.excerpts.items():
        if excerpt.source not in passages:
            problems.append(f"excerpt {name}: unknown source id {excerpt.source!r}")
        elif not any(excerpt.da in text for text in passages[excerpt.source]):
            problems.append(f"excerpt {name}: its Danish text does not occur in {excerpt.source}")
        if _leans(excerpt.da, "da") or (excerpt.en and _leans(excerpt.en, "en")):
            problems.append(f"excerpt {name}: it opens leaning on a sentence it leaves out; start it with that sentence")
    for statement in content.identity.statements + content.culture.statements:
        if statement.source not in passages:
            problems.append(f"statement {statement.id}: unknown source id {statement.source!r}")
    labels = [(content.identity.table.id, t.name.da) for t in content.identity.types.values()]
    labels += [(content.culture.table.id, t.name) for t in content.culture.types.values()]
    for table, fields in ((content.identity.table, ("value", "potential", "aversion")), (content.culture.table, ("ideal", "values", "aversions"))):
        labels += [(table.id, getattr(table, f)) for f in fields]
    tables = content.competence_tables
    labels += [(t, row) for row in tables.rows.values() for t in ("tabel-3", "tabel-5")]
    labels += [("tabel-3", tables.characteristics), ("tabel-5", tables.examples), ("tabel-5", tables.spread)]
    for table_id, text in labels:
        if text not in passages.get(table_id, []):
            problems.append(f"{table_id} has no row or column {text!r}")
    return problems


def _leans(text: str, language: str) -> bool:
    """Whether the text's first sentence leans on one before it (the rest may lean on the first)."""
    first = (split_sentences(text) or [text])[0]
    return depends_on_previous(first, language)


@lru_cache(maxsize=1)
def planning_content() -> PlanningContent:
    """The packaged planning content, read once."""
    return load_planning(packaged_corpus_dir())
