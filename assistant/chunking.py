"""Section-aware chunks of the corpus: paragraphs, recommendations, quotes, table rows and figures."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from typing import Callable, Iterable

from .corpus import Corpus, Figure, Paragraph, Table, Translations
from .corpus.text import split_sentences

KINDS = ("paragraph", "recommendation", "quote", "table", "figure")
PARTS = ("forord", "indledning", "del-1", "del-2", "del-3", "ingest")
TIKTOKEN_LIMIT = 300


@dataclass(frozen=True)
class Chunk:
    """One retrievable unit, with what a citation needs."""

    id: str
    text: str
    kind: str
    section_id: str
    section: str
    part: str
    heading: str
    speaker: str | None = None
    paragraph_id: str | None = None
    english: str | None = None
    source_ids: tuple[str, ...] = field(default_factory=tuple)

    @property
    def hash(self) -> str:
        payload = "\x1f".join([self.text, self.kind, self.section, self.heading, self.speaker or "", self.english or ""])
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:16]

    def embed_text(self, english: bool = False) -> str:
        """What the embedding model sees: the heading gives context to a short passage."""
        body = self.english if english and self.english else self.text
        who = f"{self.speaker}: " if self.speaker else ""
        return f"{self.heading}\n{who}{body}"


TokenCounter = Callable[[str], int]


def make_chunks(corpus: Corpus, translations: Translations | None = None, count: TokenCounter | None = None, limit: int = 256) -> list[Chunk]:
    """All chunks of the corpus; a paragraph over ``limit`` tokens (by ``count``) is split at sentences."""
    translations = translations or Translations()
    count = count or (lambda text: len(text.split()) * 2)
    sections = {s.id: s for s in corpus.sections}
    chunks: list[Chunk] = []
    for paragraph in corpus.paragraphs:
        chunks.extend(_paragraph_chunks(paragraph, sections[paragraph.section_id].title, translations, count, limit))
    for record in corpus.recommendations:
        for statement in record.statements:
            chunks.append(
                Chunk(
                    id=statement.id,
                    text=statement.text,
                    kind="recommendation",
                    section_id=record.section_id,
                    section=" > ".join(record.path),
                    part=_part(record.section_id),
                    heading=f"{record.title} ({statement.tier})",
                    paragraph_id=statement.paragraph_id,
                    english=translations.get(statement.id),
                    source_ids=(statement.id, statement.paragraph_id),
                )
            )
    for quote in corpus.quotes:
        chunks.append(
            Chunk(
                id=quote.id,
                text=quote.text,
                kind="quote",
                section_id=quote.section_id,
                section=" > ".join(quote.path),
                part=_part(quote.section_id),
                heading=f"{quote.path[-1]}: fokusgruppecitat",
                speaker=quote.speaker,
                paragraph_id=quote.paragraph_id,
                english=translations.get(quote.id),
                source_ids=(quote.id, quote.paragraph_id),
            )
        )
    for table in corpus.tables:
        chunks.extend(_table_chunks(table, translations))
    for figure in corpus.figures:
        chunks.append(_figure_chunk(figure, translations))
    return [part for c in chunks for part in _fit(c, count, limit)]


def _part(section_id: str) -> str:
    head = section_id.split(".")[0]
    return head if head in PARTS else "ingest"


def _paragraph_chunks(paragraph: Paragraph, title: str, translations: Translations, count: TokenCounter, limit: int) -> list[Chunk]:
    heading = " > ".join(paragraph.path) + (f" > {paragraph.label}" if paragraph.label else "")
    base = Chunk(
        id=paragraph.id,
        text=paragraph.text,
        kind="paragraph",
        section_id=paragraph.section_id,
        section=" > ".join(paragraph.path),
        part=_part(paragraph.section_id),
        heading=heading,
        paragraph_id=paragraph.id,
        english=translations.get(paragraph.id),
        source_ids=(paragraph.id,),
    )
    parts = _split(paragraph.text, heading, count, limit)
    if len(parts) == 1:
        return [base]
    english_parts = _spread(split_sentences(base.english), len(parts)) if base.english else [None] * len(parts)
    return [replace(base, id=f"{paragraph.id}#{n}", text=text, english=en) for n, (text, en) in enumerate(zip(parts, english_parts), start=1)]


def _split(text: str, heading: str, count: TokenCounter, limit: int) -> list[str]:
    """Greedy sentence packing so heading + part stays within ``limit`` tokens."""
    from .tokens import count_tokens

    if count(f"{heading}\n{text}") <= limit and count_tokens(text) <= TIKTOKEN_LIMIT:
        return [text]
    parts: list[str] = []
    current = ""
    for sentence in split_sentences(text):
        candidate = f"{current} {sentence}".strip()
        if current and (count(f"{heading}\n{candidate}") > limit or count_tokens(candidate) > TIKTOKEN_LIMIT):
            parts.append(current)
            current = sentence
        else:
            current = candidate
    if current:
        parts.append(current)
    return parts


def _spread(sentences: list[str], n: int) -> list[str | None]:
    if not sentences:
        return [None] * n
    size = -(-len(sentences) // n)
    groups = [" ".join(sentences[i : i + size]) for i in range(0, len(sentences), size)]
    return (groups + [groups[-1]] * n)[:n]


def _fit(chunk: Chunk, count: TokenCounter, limit: int) -> list[Chunk]:
    """Keep a chunk's embedded text within the model's limit: trim its heading, else split it at sentences."""
    if count(chunk.embed_text()) <= limit:
        return [chunk]
    short = replace(chunk, heading=chunk.section.split(" > ")[-1] or chunk.heading)
    if count(short.embed_text()) <= limit:
        return [short]
    who = f"{chunk.speaker}: " if chunk.speaker else ""
    parts = _split(chunk.text, f"{chunk.heading}\n{who}", count, limit)
    english = _spread(split_sentences(chunk.english), len(parts)) if chunk.english else [None] * len(parts)
    return [replace(chunk, id=f"{chunk.id}#{n}", text=text, english=en) for n, (text, en) in enumerate(zip(parts, english), start=1)]


def _cell(value: str | list[str]) -> str:
    return "; ".join(value) if isinstance(value, list) else value


def table_row_text(table: Table, row: list[str | list[str]], columns: list[str] | None = None) -> str:
    """One table row as a readable line: header: value pairs."""
    columns = columns if columns is not None else table.columns
    cells = [_cell(c) for c in row]
    if not columns:
        return " ".join(c for c in cells if c)
    if columns and columns[0] == "" and len(cells) > 1:
        # a row-header table (Tabel 4, Tabel 6): "Row header — Column: value; ..."
        pairs = [f"{col}: {val}" for col, val in zip(columns[1:], cells[1:]) if val]
        return f"{cells[0]} — " + "; ".join(pairs)
    pairs = [f"{col}: {val}" if col else val for col, val in zip(columns, cells) if val]
    return "; ".join(pairs)


def _table_chunks(table: Table, translations: Translations) -> Iterable[Chunk]:
    english = translations.tables.get(table.id)
    en_rows = english.get("rows", []) if english else []
    en_columns = english.get("columns", []) if english else []
    for n, row in enumerate(table.rows, start=1):
        en_text = None
        if n <= len(en_rows):
            en_table = table.model_copy(update={"columns": en_columns})
            en_sub = f" ({english['subtitle']})" if english.get("subtitle") else ""
            en_text = f"{english.get('caption', '')}{en_sub}: " + table_row_text(en_table, en_rows[n - 1], en_columns)
        subtitle = f" ({table.subtitle})" if table.subtitle else ""
        yield Chunk(
            id=f"{table.id}.r{n}",
            text=f"{table.caption}{subtitle}: " + table_row_text(table, row),
            kind="table",
            section_id=table.section_id,
            section=" > ".join(table.path),
            part=_part(table.section_id),
            heading=table.caption,
            english=en_text,
            source_ids=(table.id,),
        )


def _figure_chunk(figure: Figure, translations: Translations) -> Chunk:
    def describe(fig: dict) -> str:
        elements = "; ".join(
            f"{e.get('name')}: {e.get('description', '')}".rstrip(": ") for e in fig.get("elements", [])
        )
        return f"{fig.get('caption', '')}. {fig.get('description', '')} {elements}".strip()

    english = translations.tables.get(figure.id)
    return Chunk(
        id=figure.id,
        text=describe(figure.model_dump()),
        kind="figure",
        section_id=figure.section_id,
        section=" > ".join(figure.path),
        part=_part(figure.section_id),
        heading=figure.caption,
        english=describe(english) if english else None,
        source_ids=(figure.id,),
    )
