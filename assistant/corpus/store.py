"""Loads the built corpus, its English renderings and glossary, and the documents a library ingested."""
from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any


from ..errors import CorpusError
from .models import Corpus, Figure, Paragraph, Quote, Recommendation, Section, Table
from ..yamlfile import load_yaml

log = logging.getLogger(__name__)


def packaged_corpus_dir() -> Path:
    """The corpus directory shipped with the package (the project's corpus/ in a checkout)."""
    return Path(str(resources.files("assistant.corpus_data")))


@dataclass(frozen=True)
class Translations:
    """English renderings written for the project, by the id of what they render."""

    texts: dict[str, str] = field(default_factory=dict)
    tables: dict[str, dict[str, Any]] = field(default_factory=dict)

    def get(self, item_id: str) -> str | None:
        return self.texts.get(item_id)


def load_corpus(corpus_dir: Path, ingest_dir: Path | None = None) -> Corpus:
    """The built report corpus, plus ingested documents from ``ingest_dir``."""
    try:
        sections = [Section(**s) for s in _json(corpus_dir / "sections.json")]
        paragraphs = [Paragraph(**p) for p in _jsonl(corpus_dir / "paragraphs.jsonl")]
        quotes = [Quote(**q) for q in _jsonl(corpus_dir / "quotes.jsonl")]
        recommendations = [Recommendation(**r) for r in _json(corpus_dir / "recommendations.json")]
        tables = [Table(**t) for t in _json(corpus_dir / "tables.json")]
        figures = [Figure(**f) for f in _json(corpus_dir / "figures.json")]
    except FileNotFoundError as exc:
        raise CorpusError(f"The corpus is not built ({exc.filename} is missing). Run: cocreate corpus build") from exc
    except (ValueError, TypeError) as exc:
        raise CorpusError(f"The corpus files in {corpus_dir} are damaged ({exc}). Run: cocreate corpus build") from exc
    if ingest_dir is not None and ingest_dir.is_dir():
        seen = {s.id for s in sections} | {p.id for p in paragraphs}
        for path in sorted(ingest_dir.glob("*.json")):
            try:
                doc_sections, doc_paragraphs = _ingested(path, seen)
            except (OSError, ValueError, TypeError, KeyError, AttributeError) as exc:
                reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc).splitlines()[0]
                log.warning("Skipped the ingested document %s: %s. Remove it with `cocreate ingest --remove %s`, or ingest the file again.", path, reason, path.stem)
                continue
            sections += doc_sections
            paragraphs += doc_paragraphs
            seen |= {s.id for s in doc_sections} | {p.id for p in doc_paragraphs}
    return Corpus(
        sections=sections,
        paragraphs=paragraphs,
        quotes=quotes,
        recommendations=recommendations,
        tables=tables,
        figures=figures,
    )


def load_translations(corpus_dir: Path) -> Translations:
    """English renderings of recommendations, tables and figures (corpus/en/*.yaml)."""
    texts: dict[str, str] = {}
    tables: dict[str, dict[str, Any]] = {}
    en_dir = corpus_dir / "en"
    for path in sorted(en_dir.glob("*.yaml")) if en_dir.is_dir() else []:
        data = load_yaml(path.read_text(encoding="utf-8")) or {}
        for entry in data.get("texts", []):
            texts[entry["id"]] = entry["en"]
        for entry in data.get("tables", []) + data.get("figures", []):
            tables[entry.get("source_id", entry["id"])] = entry
    return Translations(texts=texts, tables=tables)


def load_glossary(corpus_dir: Path) -> list[tuple[list[str], list[str]]]:
    """(Danish forms, English forms) pairs of the curated glossary."""
    path = corpus_dir / "glossary.yaml"
    if not path.exists():
        return []
    data = load_yaml(path.read_text(encoding="utf-8")) or {}
    return [([d.lower() for d in t["da"]], [e.lower() for e in t["en"]]) for t in data.get("terms", [])]


def reading_text(corpus: Corpus) -> str:
    """The report's text in reading order, repaired (no pull-quote boxes, no hyphenation): for verbatim checks."""
    return "\n".join(p.text for p in corpus.paragraphs if p.source == "report")


def is_verbatim(text: str, corpus: Corpus) -> bool:
    """Does ``text`` occur word for word in the report (blind to spacing, line breaks and hyphens)?"""
    from .text import comparable

    needle = comparable(text)
    return bool(needle) and needle in comparable(reading_text(corpus))


def _ingested(path: Path, taken: set[str]) -> tuple[list[Section], list[Paragraph]]:
    """One ingested document's sections and paragraphs; ValueError when it is not one."""
    doc = _json(path)
    if not isinstance(doc, dict) or not isinstance(doc.get("sections"), list) or not isinstance(doc.get("paragraphs"), list):
        raise ValueError("not an ingested document (no sections and paragraphs lists)")
    sections = [Section(**s) for s in doc["sections"]]
    paragraphs = [Paragraph(**p) for p in doc["paragraphs"]]
    if not sections or not paragraphs:
        raise ValueError("it holds no text")
    ids = {s.id for s in sections}
    if any(p.section_id not in ids for p in paragraphs):
        raise ValueError("a paragraph belongs to no section of the document")
    clash = sorted((ids | {p.id for p in paragraphs}) & taken)
    if clash:
        raise ValueError(f"its id {clash[0]} is already used")
    return sections, paragraphs


def _json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def _jsonl(path: Path) -> list[Any]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
