"""The report as the answer composer reads it: sentences with their English rendering and the sentence before each."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from .chunking import Chunk
from .corpus.text import split_sentences


@dataclass(frozen=True)
class Sentence:
    """One sentence of the report, with its English rendering and the chunk that cites it."""

    text: str
    english: str | None
    chunk: Chunk
    previous: "Sentence | None" = None

    def get(self, language: str) -> str | None:
        return self.english if language == "en" else self.text


@dataclass(frozen=True)
class Piece:
    """A line of the answer: one or two consecutive sentences from one chunk, or a quote or table row."""

    part: str  # lead | do | finding | quote | table
    sentences: tuple[Sentence, ...]

    @property
    def chunk(self) -> Chunk:
        return self.sentences[-1].chunk


class Report:
    """The report as the composer reads it: sentences of paragraphs and statements, quotes and rows by id."""

    def __init__(self, chunks: Sequence[Chunk], sentence_english: dict[str, str]) -> None:
        self.by_id = {c.id: c for c in chunks}
        self.paragraph: dict[str, list[Sentence]] = {}
        last: dict[str, Sentence] = {}  # a section's sentence read last: a paragraph's first sentence follows it
        for chunk in chunks:
            if chunk.kind != "paragraph" or not chunk.paragraph_id:
                continue
            sentences = self.paragraph.setdefault(chunk.paragraph_id, [])
            for text in split_sentences(chunk.text):
                before = sentences[-1] if sentences else last.get(chunk.section_id)
                sentences.append(Sentence(text, sentence_english.get(text), chunk, before))
            if sentences:
                last[chunk.section_id] = sentences[-1]

    def sentences_of(self, item: str) -> list[Sentence]:
        """The sentences an id stands for: a statement (with its paragraph neighbour), a paragraph's, a row or quote."""
        chunk = self.by_id.get(item)
        if chunk is not None and chunk.kind == "recommendation":
            home = next((s for s in self.paragraph.get(chunk.paragraph_id or "", []) if s.text == chunk.text), None)
            return [Sentence(chunk.text, chunk.english, chunk, home.previous if home else None)]
        if item in self.paragraph:
            return self.paragraph[item]
        if chunk is not None:
            return [Sentence(chunk.text, chunk.english, chunk)]
        return []


__all__ = ["Piece", "Report", "Sentence"]
