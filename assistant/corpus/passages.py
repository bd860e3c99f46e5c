"""Every citable passage of a corpus by id, and the Danish texts a cited excerpt must occur in verbatim."""
from __future__ import annotations

from typing import Any

from .models import Corpus, Figure, Paragraph, Quote, Recommendation, Statement, Table

Passage = Paragraph | Quote | Statement | Recommendation | Table | Figure


def index_passages(corpus: Corpus) -> dict[str, tuple[Passage, str]]:
    """Every citable passage of ``corpus`` by id, with the id of its section."""
    passages: dict[str, tuple[Passage, str]] = {}
    for p in corpus.paragraphs:
        passages[p.id] = (p, p.section_id)
    for q in corpus.quotes:
        passages[q.id] = (q, q.section_id)
    for r in corpus.recommendations:
        passages[r.id] = (r, r.section_id)
        for s in r.statements:
            passages[s.id] = (s, r.section_id)
    for t in corpus.tables:
        passages[t.id] = (t, t.section_id)
    for f in corpus.figures:
        passages[f.id] = (f, f.section_id)
    return passages


def passage_texts(corpus: Corpus) -> dict[str, list[str]]:
    """The Danish texts of every passage of ``corpus``, in which a cited excerpt must occur verbatim."""
    return {source_id: texts_of(passage) for source_id, (passage, _) in index_passages(corpus).items()}


def texts_of(passage: Passage) -> list[str]:
    """A passage's Danish texts: its text, a recommendation's title and body, a table's or figure's every cell."""
    if isinstance(passage, Paragraph):
        return [passage.text]
    if isinstance(passage, (Quote, Statement)):
        return [passage.text]
    if isinstance(passage, Recommendation):
        return [passage.title, passage.recommendation]
    return [text for text in flatten_texts(passage.model_dump(), passage) if text]


def flatten_texts(data: dict[str, Any], passage: Table | Figure) -> list[str]:
    """Caption, titles and cells (tables) or elements (figures), in an order both languages share."""
    out: list[str] = [str(data.get("caption") or ""), str(data.get("title") or "")]
    if isinstance(passage, Table):
        if passage.subtitle:
            out.append(str(data.get("subtitle") or ""))
        out.extend(str(c) for c in data.get("columns") or [])
        for row in data.get("rows") or []:
            for cell in row:
                out.extend(cell if isinstance(cell, list) else [cell])
    else:
        out.append(str(data.get("description") or ""))
        for element in data.get("elements") or []:
            out.extend([str(element.get("name") or ""), str(element.get("description") or "")])
    return out
