"""Turns reading-order items into sections and paragraphs, then finds quotes and recommendations."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .layout import Item
from .models import Paragraph, Quote, Recommendation, Section, Statement
from .text import QUOTE, Dehyphenator, ends_sentence, normalize_whitespace, open_quote, quote_spans, split_sentences

_LIST_ITEM = re.compile(r"^(?:[a-d]\.|•|·)\s+")
_ROLE = re.compile(r"\b(projektdeltager|kollega|leder)(?:en|e|ne)?\b", re.IGNORECASE)
_SPEECH = re.compile(r"\b(siger|bemærker|nuancerer|udtrykker|formulerer)\b")

KIRKPATRICK_LEVELS = {
    "del-2.reaktioner": "umiddelbar reaktion",
    "del-2.laering": "faktisk læring",
    "del-2.adfaerd": "ændret adfærd",
    "del-2.forandringer": "organisatorisk forandring",
}
DIMENSIONS = {
    "del-3.indhold": "indhold",
    "del-3.interesse": "interesse og identitet",
    "del-3.strukturer": "organisatoriske strukturer",
    "del-3.kulturer": "organisatoriske kulturer og praksisser",
}


@dataclass
class _Draft:
    lines: list[str] = field(default_factory=list)
    items: list[list[str]] = field(default_factory=list)
    label: str | None = None
    tables: list[str] = field(default_factory=list)

    def empty(self) -> bool:
        return not self.lines and not self.items


def build_sections(items: list[Item], headings: dict[str, dict[str, Any]], raw: str) -> tuple[list[Section], list[Paragraph]]:
    """Assemble sections and clean paragraphs from the repaired item stream."""
    dehyphen = Dehyphenator(raw)
    sections: list[Section] = []
    paragraphs: list[Paragraph] = []
    stack: list[Section] = []
    counters: dict[str, int] = {}
    draft = _Draft()
    pending_tables: list[str] = []
    pending_label: str | None = None
    broken = False  # a blank line or frame break seen since the draft's last line

    def flush() -> None:
        nonlocal draft
        if draft.empty():
            draft.tables.extend(pending_tables)
            pending_tables.clear()
            if draft.tables and paragraphs:
                last = paragraphs[-1]
                paragraphs[-1] = last.model_copy(update={"tables": last.tables + draft.tables})
            draft = _Draft()
            return
        section = stack[-1]
        counters[section.id] = counters.get(section.id, 0) + 1
        items_text = [_join(dehyphen, item) for item in draft.items]
        body = _join(dehyphen, draft.lines)
        text = "\n".join(filter(None, [body] + items_text))
        paragraphs.append(
            Paragraph(
                id=f"{section.id}.p{counters[section.id]:02d}",
                section_id=section.id,
                path=section.path,
                text=text,
                label=draft.label,
                items=items_text,
                tables=draft.tables + pending_tables,
            )
        )
        pending_tables.clear()
        draft = _Draft()

    for item in items:
        if item.kind == "heading":
            flush()
            spec = headings[item.ref]
            while stack and stack[-1].level >= spec["level"]:
                stack.pop()
            parent = stack[-1] if stack else None
            section = Section(
                id=spec["id"],
                title=spec["title"],
                level=spec["level"],
                path=(parent.path if parent else []) + [spec["title"]],
                parent=parent.id if parent else None,
            )
            sections.append(section)
            stack.append(section)
            broken = False
            continue
        if item.kind in ("table", "figure"):
            pending_tables.append(item.ref)
            continue
        if item.kind == "label":
            flush()
            pending_label = item.text
            continue
        if item.kind == "blank":
            broken = True
            continue
        line = item.text
        frame_start = line.startswith(" ")
        current = _current_text(draft)
        if _LIST_ITEM.match(line.strip()):
            if draft.lines and not draft.items and not current.rstrip().endswith(":"):
                flush()
            draft.items.append([_LIST_ITEM.sub("", line.strip())])
            broken = False
            continue
        if draft.items and (frame_start or not broken) and not line.strip()[0].isupper():
            draft.items[-1].append(line)
            broken = False
            continue
        if not draft.empty() and (draft.items or broken or frame_start):
            if draft.items or not _continues(current, line, " ".join(draft.lines)):
                flush()
        if draft.empty() and pending_label:
            draft.label = pending_label
            pending_label = None
        draft.lines.append(line)
        broken = False
    flush()
    return sections, paragraphs


def _current_text(draft: _Draft) -> str:
    if draft.items:
        return draft.items[-1][-1]
    return draft.lines[-1] if draft.lines else ""


def _continues(previous: str, line: str, paragraph: str) -> bool:
    """Does ``line`` continue the paragraph ending in ``previous`` across a break?"""
    prev = previous.rstrip()
    nxt = line.strip()
    if open_quote(paragraph):
        return True
    if prev.endswith("-") and nxt[:1].islower():
        return True
    if not ends_sentence(prev):
        return nxt[:1].islower() or nxt.startswith("[…]")
    return False


def _join(dehyphen: Dehyphenator, lines: list[str]) -> str:
    text = ""
    for line in lines:
        text = dehyphen.join(text, line) if text else line.strip()
    return normalize_whitespace(text)


def find_quotes(paragraphs: list[Paragraph]) -> list[Quote]:
    """Every focus-group quotation, with the speaker role the report gives it."""
    quotes: list[Quote] = []
    counters: dict[str, int] = {}
    for paragraph in paragraphs:
        text = paragraph.text
        for start, end in quote_spans(text):
            speaker = _speaker(text, start, end)
            if speaker is None:
                continue
            section = paragraph.section_id
            counters[section] = counters.get(section, 0) + 1
            quotes.append(
                Quote(
                    id=f"{section}.q{counters[section]:02d}",
                    text=text[start + 1 : end - 1].strip(),
                    speaker=speaker,
                    paragraph_id=paragraph.id,
                    section_id=section,
                    path=paragraph.path,
                    level=KIRKPATRICK_LEVELS.get(section),
                    dimension=DIMENSIONS.get(section),
                )
            )
    return quotes


def _speaker(text: str, start: int, end: int) -> str | None:
    """The role of the speaker of the quotation at text[start:end], or None for a quoted term."""
    before = text[max(0, start - 160) : start]
    sentence = re.split(r"(?<=[.!?" + QUOTE + r"])\s+(?=[A-ZÆØÅ])", before)[-1]
    if before.rstrip().endswith(":") and _SPEECH.search(sentence):
        roles = _ROLE.findall(sentence)
        if roles:
            return roles[-1].lower()
    after = text[end : end + 60]
    match = re.match(r",\s*som en (projektdeltager|kollega|leder) (?:formulerer|siger|udtrykker)", after)
    return match.group(1) if match else None


def find_recommendations(paragraphs: list[Paragraph], sections: list[Section]) -> list[Recommendation]:
    """The recommendations of Del 3, one record per section, each statement with its tier."""
    by_id = {s.id: s for s in sections}
    records: list[Recommendation] = []
    for section_id, dimension in DIMENSIONS.items():
        statements: list[Statement] = []
        for paragraph in (p for p in paragraphs if p.section_id == section_id):
            for sentence in split_sentences(paragraph.text):
                if not re.search(r"\banbefal(es|er|ingen)\b|\bDet anbefales\b", sentence):
                    continue
                if "harmonerer med anbefalingen" in sentence or "der anbefales her" in sentence:
                    continue
                tier = "generel"
                if sentence.startswith("Mere specifikt"):
                    tier = "mere specifikt"
                elif sentence.startswith("Helt konkret"):
                    tier = "helt konkret"
                statements.append(
                    Statement(id=f"anbefaling.{section_id.split('.')[-1]}.{len(statements) + 1}", tier=tier, text=sentence, paragraph_id=paragraph.id)
                )
        section = by_id[section_id]
        general = next((s.text for s in statements if s.tier == "generel"), statements[0].text if statements else "")
        records.append(
            Recommendation(
                id=f"anbefaling.{section_id.split('.')[-1]}",
                section_id=section_id,
                path=section.path,
                dimension=dimension,
                title=section.title,
                recommendation=general,
                statements=statements,
            )
        )
    return records
