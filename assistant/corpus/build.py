"""Builds the structured corpus from the raw report text and writes it, deterministically, under corpus/."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..errors import CorpusError
from .layout import Dropped, apply_layout
from .models import Corpus, Figure, Paragraph, Table
from .parse import build_sections, find_quotes, find_recommendations
from .render import render_markdown
from .text import comparable
from ..yamlfile import load_yaml

BUILT_FILES = (
    "sections.json",
    "paragraphs.jsonl",
    "quotes.jsonl",
    "recommendations.json",
    "tables.json",
    "figures.json",
    "report.md",
)


@dataclass(frozen=True)
class BuildResult:
    corpus: Corpus
    dropped: list[Dropped]
    files: dict[str, str]


def build_corpus(corpus_dir: Path) -> BuildResult:
    """Parse ``corpus_dir/raw/report.txt`` with the repairs in ``corpus_dir/source``; nothing is written."""
    raw = _read(corpus_dir / "raw" / "report.txt")
    layout = _yaml(corpus_dir / "source" / "layout.yaml")
    items, dropped, headings = apply_layout(raw, layout)
    sections, paragraphs = build_sections(items, headings, raw)
    quotes = find_quotes(paragraphs)
    recommendations = find_recommendations(paragraphs, sections)
    placed = _placements(paragraphs)
    tables = [_place(Table(**t), placed) for t in _yaml(corpus_dir / "source" / "tables.yaml").get("tables", [])]
    figures = [_place(Figure(**f), placed) for f in _yaml(corpus_dir / "source" / "figures.yaml").get("figures", [])]
    _check_cells(tables, raw)
    corpus = Corpus(
        sections=sections,
        paragraphs=paragraphs,
        quotes=quotes,
        recommendations=recommendations,
        tables=tables,
        figures=figures,
    )
    _check_topic_map(corpus_dir, corpus)
    _check_gaps(corpus_dir, corpus)
    _check_planning(corpus_dir, corpus)
    return BuildResult(corpus=corpus, dropped=dropped, files=_serialise(corpus))


def write_corpus(corpus_dir: Path) -> BuildResult:
    """Build and write the corpus files; returns what was built."""
    result = build_corpus(corpus_dir)
    for name, content in result.files.items():
        (corpus_dir / name).write_text(content, encoding="utf-8")
    return result


def stale_files(corpus_dir: Path) -> list[str]:
    """Names of committed corpus files that differ from a fresh build."""
    result = build_corpus(corpus_dir)
    stale = []
    for name, content in result.files.items():
        path = corpus_dir / name
        if not path.exists() or path.read_text(encoding="utf-8") != content:
            stale.append(name)
    return stale


def _serialise(corpus: Corpus) -> dict[str, str]:
    def dump(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True) + "\n"

    def lines(models: list[Any]) -> str:
        return "".join(json.dumps(m.model_dump(), ensure_ascii=False, sort_keys=True) + "\n" for m in models)

    return {
        "sections.json": dump([s.model_dump() for s in corpus.sections]),
        "paragraphs.jsonl": lines(corpus.paragraphs),
        "quotes.jsonl": lines(corpus.quotes),
        "recommendations.json": dump([r.model_dump() for r in corpus.recommendations]),
        "tables.json": dump([t.model_dump() for t in corpus.tables]),
        "figures.json": dump([f.model_dump() for f in corpus.figures]),
        "report.md": render_markdown(corpus),
    }


def _placements(paragraphs: list[Paragraph]) -> dict[str, Paragraph]:
    return {ref: p for p in paragraphs for ref in p.tables}


def _place(obj: Table | Figure, placed: dict[str, Paragraph]) -> Any:
    paragraph = placed.get(obj.id)
    if paragraph is None:
        raise CorpusError(f"{obj.id} is not placed by any 'table' or 'figure' op in layout.yaml.")
    return obj.model_copy(update={"section_id": paragraph.section_id, "path": paragraph.path})


def _check_cells(tables: list[Table], raw: str) -> None:
    flat = comparable(raw)
    for table in tables:
        cells = [table.caption, *table.columns] + [c for row in table.rows for c in row]
        for cell in cells:
            for text in [cell] if isinstance(cell, str) else cell:
                if text and comparable(text) not in flat:
                    raise CorpusError(f"{table.id}: cell {text!r} does not occur in the raw report.")


def _check_topic_map(corpus_dir: Path, corpus: Corpus) -> None:
    """The planning-topic map may cite only what the corpus holds (the build fails otherwise)."""
    from ..topics import check_topic_map, load_topic_map

    if not (corpus_dir / "source" / "topics.yaml").exists():
        return
    problems = check_topic_map(load_topic_map(corpus_dir), corpus)
    if problems:
        raise CorpusError("corpus/source/topics.yaml: " + "; ".join(problems))


def _check_gaps(corpus_dir: Path, corpus: Corpus) -> None:
    """Each detail listed as missing must be missing: no ``absent`` pattern may find it in the report."""
    from ..gaps import check_gaps, load_gaps
    from .store import reading_text

    cells = (c if isinstance(c, str) else " ".join(c) for t in corpus.tables for row in t.rows for c in row)
    texts = [reading_text(corpus), *(t.caption for t in corpus.tables), *(t.note or "" for t in corpus.tables), " ".join(cells)]
    problems = check_gaps(load_gaps(corpus_dir), texts)
    if problems:
        raise CorpusError("corpus/source/gaps.yaml: " + "; ".join(problems))


def _check_planning(corpus_dir: Path, corpus: Corpus) -> None:
    """The wizards' content (corpus/planning) may cite only passages the corpus holds, verbatim (the build fails otherwise)."""
    from ..labels import load_labels
    from .passages import passage_texts
    from .planning_content import check_planning, load_planning

    if not (corpus_dir / "planning").is_dir():
        return
    load_labels(_read(corpus_dir / "planning" / "labels.yaml"))
    problems = check_planning(load_planning(corpus_dir), passage_texts(corpus))
    if problems:
        raise CorpusError("corpus/planning: " + "; ".join(problems))


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise CorpusError(f"Missing corpus source file: {path}") from exc


def _yaml(path: Path) -> dict[str, Any]:
    try:
        data = load_yaml(_read(path)) or {}
    except yaml.YAMLError as exc:
        raise CorpusError(f"{path} is not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise CorpusError(f"{path} must hold a mapping.")
    return data
