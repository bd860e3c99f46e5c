"""The report as the eval's reference: passage texts by id, paragraph parents, and verbatim checks."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from assistant import Corpus, comparable, is_verbatim, load_corpus, load_translations, packaged_corpus_dir, table_row_text


@dataclass
class Reference:
    corpus_dir: Path

    @classmethod
    def default(cls) -> "Reference":
        return cls(packaged_corpus_dir())

    @cached_property
    def corpus(self) -> Corpus:
        return load_corpus(self.corpus_dir)

    @cached_property
    def parents(self) -> dict[str, str]:
        """Quote and statement id -> the paragraph id that holds it."""
        out = {q.id: q.paragraph_id for q in self.corpus.quotes}
        out |= {s.id: s.paragraph_id for r in self.corpus.recommendations for s in r.statements}
        return out

    @cached_property
    def texts(self) -> dict[str, str]:
        """Passage id -> Danish text (paragraphs, quotes, statements, whole tables, figures)."""
        c = self.corpus
        out = {p.id: p.text for p in c.paragraphs}
        out |= {q.id: q.text for q in c.quotes}
        out |= {s.id: s.text for r in c.recommendations for s in r.statements}
        out |= {t.id: " ".join(table_row_text(t, row) for row in t.rows) for t in c.tables}
        out |= {f.id: f"{f.caption}. {f.description} " + "; ".join(f"{e.name}: {e.description}" for e in f.elements) for f in c.figures}
        return out

    @cached_property
    def english(self) -> dict[str, str]:
        return dict(load_translations(self.corpus_dir).texts)

    @cached_property
    def _flat(self) -> str:
        from assistant import reading_text

        return comparable(reading_text(self.corpus))

    def is_verbatim(self, text: str) -> bool:
        needle = comparable(text)
        return bool(needle) and needle in self._flat


__all__ = ["Reference", "is_verbatim"]
