"""Looks up the passages the wizards cite: their Danish text, English rendering and section path."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..config import Settings
from ..corpus import Corpus, Figure, Paragraph, Quote, Recommendation, Table, Translations
from ..corpus import load_corpus, load_translations, packaged_corpus_dir
from ..corpus.passages import Passage, flatten_texts, index_passages, texts_of


@dataclass(frozen=True)
class _Index:
    corpus: Corpus
    translations: Translations
    passages: dict[str, tuple[Passage, str]]  # id -> (passage, section id)


def _index() -> _Index:
    """The passages of the configured corpus (``COCREATE_CORPUS_DIR``; by default the one shipped with the package)."""
    return _index_of(Settings().corpus_dir or packaged_corpus_dir())


@lru_cache(maxsize=2)
def _index_of(corpus_dir: Path) -> _Index:
    corpus = load_corpus(corpus_dir)
    return _Index(corpus, load_translations(corpus_dir), index_passages(corpus))


def get_table(table_id: str) -> Table:
    """A table of the report by id ("tabel-4"); KeyError if there is none."""
    passage, _ = _lookup(table_id)
    if not isinstance(passage, Table):
        raise KeyError(f"{table_id!r} is not a table.")
    return passage


def table_cell(table_id: str, row: str, column: str) -> str | list[str]:
    """The cell of a table in the row labelled ``row`` (its first cell) and the column headed ``column``.

    Raises:
        KeyError: naming the table, row or column that does not exist.
    """
    table = get_table(table_id)
    if column not in table.columns:
        raise KeyError(f"{table_id} has no column {column!r}; its columns: {', '.join(map(repr, table.columns))}.")
    for cells in table.rows:
        if cells[0] == row:
            return cells[table.columns.index(column)]
    raise KeyError(f"{table_id} has no row {row!r}; its rows: {', '.join(repr(r[0]) for r in table.rows)}.")


def source_exists(source_id: str) -> bool:
    """True when ``source_id`` names a passage, statement, quote, table or figure of the report."""
    return source_id in _index().passages


def source_kind(source_id: str) -> str:
    """paragraph, quote, statement, recommendation, table or figure; KeyError for an unknown id."""
    passage, _ = _lookup(source_id)
    return type(passage).__name__.lower()


def source_texts(source_id: str) -> list[str]:
    """The Danish texts of a passage in which a cited excerpt must occur verbatim."""
    return texts_of(_lookup(source_id)[0])


def english_texts(source_id: str) -> list[str]:
    """The English renderings of a passage (corpus/en), in the same shape as :func:`source_texts`."""
    passage, _ = _lookup(source_id)
    translations = _index().translations
    if isinstance(passage, (Table, Figure)):
        entry = translations.tables.get(source_id)
        return [text for text in flatten_texts(entry, passage) if text] if entry else []
    english = translations.get(source_id)
    return [english] if english else []


def english_for(source_id: str, text: str) -> str | None:
    """The English rendering of a whole passage, list item or table cell whose Danish text is ``text``."""
    passage, _ = _lookup(source_id)
    translations = _index().translations
    if isinstance(passage, (Table, Figure)):
        entry = translations.tables.get(source_id)
        if not entry:
            return None
        danish, english = flatten_texts(passage.model_dump(), passage), flatten_texts(entry, passage)
        if len(danish) == len(english) and text in danish:
            return english[danish.index(text)] or None
        return None
    english = translations.get(source_id)
    if english is None:
        return None
    whole = passage.title if isinstance(passage, Recommendation) else passage.text
    if text == whole:
        return english
    if isinstance(passage, Paragraph) and text in passage.items:
        lines = english.split("\n")
        if len(lines) == len(passage.items) + 1:
            return lines[passage.items.index(text) + 1]
    return None


def source_speaker(source_id: str) -> str | None:
    """The speaker role of a quote (projektdeltager, kollega, leder); None for other passages."""
    passage, _ = _lookup(source_id)
    return passage.speaker if isinstance(passage, Quote) else None


def source_number(source_id: str) -> int | None:
    """The printed number of a table or figure; None for other passages."""
    passage, _ = _lookup(source_id)
    return passage.number if isinstance(passage, (Table, Figure)) else None


def source_path(source_id: str, language: str = "da") -> list[str]:
    """Section titles from the top-level part down to the passage's section."""
    _, section_id = _lookup(source_id)
    corpus = _index().corpus
    section = corpus.section(section_id)
    if language != "en":
        return list(section.path)
    chain = []
    current: str | None = section_id
    while current:
        node = corpus.section(current)
        chain.append(_index().translations.get(node.id) or node.title)
        current = node.parent
    return list(reversed(chain))


def source_label(source_id: str, language: str = "da") -> str:
    """A short human label: the table or figure caption, or the section path."""
    passage, _ = _lookup(source_id)
    if isinstance(passage, (Table, Figure)):
        if language == "en":
            entry = _index().translations.tables.get(passage.id)
            if entry and entry.get("caption"):
                return str(entry["caption"])
        return passage.caption
    return " › ".join(source_path(source_id, language))


def _lookup(source_id: str) -> tuple[Passage, str]:
    """A passage by id; a search chunk's id ("del-2.adfaerd.p03#2", "tabel-4.r1") finds the passage it was cut from."""
    passages = _index().passages
    try:
        return passages[source_id]
    except KeyError:
        whole = re.sub(r"(#\d+|\.r\d+)$", "", source_id)
        if whole != source_id and whole in passages:
            return passages[whole]
        raise KeyError(f"Unknown source id {source_id!r}: no such passage in the report.") from None
