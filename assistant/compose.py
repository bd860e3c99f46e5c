"""The extractive composer: picks, de-duplicates and orders report sentences into a cited answer, no model needed."""
from __future__ import annotations

from dataclasses import dataclass

from .bilingual import Bilingual
from .chunking import Chunk
from .coherence import depends_on_previous
from .corpus.text import QUOTE, split_sentences
from .labels import label, labels
from .language import tokenize
from .lexical import BM25
from .retrieval import Hit

PART_ORDER = ("recommendation", "finding", "quote", "table")
CAPS = {"recommendation": 3, "finding": 2, "quote": 2, "table": 2}
MAX_UNITS = 5
LAMBDA = 0.7

# The heading of each part of a composed answer.
HEADINGS: dict[str, Bilingual] = {
    "recommendation": Bilingual(da="Rapportens anbefalinger", en="What the report recommends"),
    "finding": Bilingual(da="Det viser evalueringen", en="What the evaluation found"),
    "quote": Bilingual(da="Det siger fokusgrupperne", en="What the focus groups said"),
    "table": Bilingual(da="Fra rapportens tabeller og figurer", en="From the report's tables and figures"),
}
TRANSLATION_NOTE = "_English rendering of the Danish report, written for cocreate; the cited sources are the report's own Danish text._"


@dataclass(frozen=True)
class Unit:
    """A candidate sentence of the answer, from one retrieved passage."""

    part: str
    text: str
    chunk: Chunk
    score: float
    stems: frozenset[str]
    english: str | None = None


def candidate_units(
    hits: list[Hit],
    terms: set[str],
    bm25: BM25,
    quotes_by_paragraph: dict[str, list[Chunk]],
    statements: dict[str, Chunk],
    sentence_english: dict[str, str],
) -> list[Unit]:
    """Every sentence-sized unit of the hits, scored by query-term coverage and the hit's rank.

    A paragraph sentence that is one of the report's recommendation statements becomes that statement
    (so it is cited once, with its English rendering); a quotation becomes its quote record.
    """
    weight = {t: bm25.idf(t) or 3.0 for t in terms}
    total = sum(weight.values()) or 1.0
    top = max((h.score for h in hits), default=1.0) or 1.0
    units: list[Unit] = []
    seen_quotes: set[str] = set()
    seen: set[tuple[str, str]] = set()

    def add(part: str, text: str, chunk: Chunk, prior: float, english: str | None = None) -> None:
        if (chunk.id, text) in seen:
            return
        seen.add((chunk.id, text))
        stems = frozenset(tokenize(text + " " + (english or "")))
        overlap = sum(w for t, w in weight.items() if t in stems) / total
        units.append(Unit(part, text, chunk, 0.6 * overlap + 0.4 * prior, stems, english))

    for hit in hits:
        chunk = hit.chunk
        prior = hit.score / top
        if chunk.kind == "recommendation":
            add("recommendation", chunk.text, chunk, prior, chunk.english)
        elif chunk.kind == "quote":
            if chunk.id not in seen_quotes:
                seen_quotes.add(chunk.id)
                add("quote", chunk.text, chunk, prior, chunk.english)
        elif chunk.kind in ("table", "figure"):
            add("table", chunk.text, chunk, prior, chunk.english)
        else:
            for sentence in split_sentences(chunk.text):
                en = sentence_english.get(sentence)
                if QUOTE in sentence or len(sentence.split()) < 5:
                    continue
                statement = statements.get(sentence)
                if statement is not None:
                    add("recommendation", statement.text, statement, prior, statement.english)
                else:
                    add("finding", sentence, chunk, prior, en)
            for quote in quotes_by_paragraph.get(chunk.paragraph_id or "", []):
                if quote.id not in seen_quotes and quote.text in chunk.text:
                    seen_quotes.add(quote.id)
                    add("quote", quote.text, quote, prior * 0.9, quote.english)
    return units


def align_sentences(danish: str, english: str | None) -> dict[str, str]:
    """Danish sentence -> its English rendering, where a paragraph and its rendering have as many sentences."""
    if not english:
        return {}
    da, en = split_sentences(danish), split_sentences(english)
    return dict(zip(da, en)) if len(da) == len(en) else {}


def select_units(units: list[Unit], language: str = "da") -> list[Unit]:
    """Maximal marginal relevance under per-part caps; weak, redundant and context-dependent sentences are left out.

    An English answer takes only sentences with an English rendering, so it never switches to Danish.
    """
    lang = "en" if language == "en" else "da"
    units = [
        u for u in units
        if (lang == "da" or u.english) and not depends_on_previous(u.text, "da") and not (u.english and depends_on_previous(u.english, "en"))
    ]
    if not units:
        return []
    best = max(u.score for u in units)
    pool = [u for u in units if u.score >= 0.65 * best]  # measured: sharper citations, same key-point coverage
    chosen: list[Unit] = []
    counts = {p: 0 for p in PART_ORDER}
    while pool and len(chosen) < MAX_UNITS:
        def mmr(unit: Unit) -> float:
            redundancy = max((_jaccard(unit.stems, c.stems) for c in chosen), default=0.0)
            return LAMBDA * unit.score - (1 - LAMBDA) * redundancy

        candidate = max(pool, key=lambda u: (mmr(u), -len(u.text)))
        pool.remove(candidate)
        if counts[candidate.part] >= CAPS[candidate.part]:
            continue
        if any(_jaccard(candidate.stems, c.stems) > 0.6 for c in chosen):
            continue
        chosen.append(candidate)
        counts[candidate.part] += 1
    return sorted(chosen, key=lambda u: (PART_ORDER.index(u.part), -u.score))


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / (len(a | b) or 1)


def render_units(units: list[Unit], language: str, number: dict[str, int]) -> str:
    """The answer text: a short lead-in per part, one cited sentence per line."""
    lang = "en" if language == "en" else "da"
    lines: list[str] = []
    for part in PART_ORDER:
        members = [u for u in units if u.part == part]
        if not members:
            continue
        lines.append(f"**{HEADINGS[part].get(lang)}**")
        for unit in members:
            lines.append(f"- {with_marker(_one_line(unit, lang), f'[{number[unit.chunk.id]}]')}")
        lines.append("")
    if lang == "en" and any(u.english for u in units):
        lines.append(TRANSLATION_NOTE)  # last, so the first line answers the question
    return "\n".join(lines).strip()


def with_marker(text: str, marker: str) -> str:
    """``text`` cited with ``marker``; a text of several lines (a table's rows, a list's items) keeps them as a nested list."""
    first, _, rest = text.strip().partition("\n")
    nested = "".join(f"\n  - {line.strip()}" for line in rest.split("\n") if line.strip())
    return f"{first} {marker}{nested}"


def _one_line(unit: Unit, lang: str) -> str:
    if unit.part == "quote":
        speaker = unit.chunk.speaker if unit.chunk.speaker in labels("attributions") else "deltager"
        if lang == "en" and unit.english:
            return f"{label(speaker, 'en', 'attributions')} (translated): \u201c{unit.english}\u201d"
        return f"{label(speaker, 'da', 'attributions')}: {QUOTE}{unit.text}{QUOTE}"
    if lang == "en" and unit.english:
        return unit.english
    return unit.text
