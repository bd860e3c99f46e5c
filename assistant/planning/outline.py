"""A document outline with numbered citations, rendered to Markdown or to .docx bytes."""
from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from typing import Literal

from ..bilingual import Bilingual
from ..labels import label
from ..corpus.planning_content import planning_content
from .advice import Advice
from .repeats import flat, longest, readable, unseen
from .sources import source_kind, source_label, source_number, source_speaker

BlockKind = Literal["heading", "paragraph", "field", "bullets", "table"]


def document_text(key: str) -> Bilingual:
    """One of the documents' own words by name (corpus/planning/documents.yaml); KeyError naming it when unknown."""
    texts = planning_content().document_texts
    if key not in texts:
        raise KeyError(f"Unknown document text {key!r}: no such name in corpus/planning/documents.yaml.")
    return texts[key]


@dataclass
class Block:
    kind: BlockKind
    text: str = ""
    level: int = 2
    label: str = ""
    items: list[str] = field(default_factory=list)
    header: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)


@dataclass
class SourceEntry:
    number: int
    source_id: str
    label: str
    excerpts: list[str]


class Outline:
    """Headings, fields, bullets and tables; ``cite`` numbers each cited passage once, in order, and ``advice`` says each
    report text once (the wizard pages' rule, assistant/planning/repeats.py)."""

    def __init__(self, title: str, language: str) -> None:
        self.title = title
        self.language = language
        self.blocks: list[Block] = []
        self._sources: dict[str, SourceEntry] = {}
        self._shown: list[str] = []  # the report's texts cited so far, in the document's language

    def t(self, key: str, **values: object) -> str:
        """The document text ``key`` in the document's language, with ``values`` filled in."""
        text = document_text(key).get(self.language)
        return text.format(**values) if values else text

    def heading(self, text: str, level: int = 2) -> None:
        self.blocks.append(Block("heading", text=text, level=level))

    def paragraph(self, text: str) -> None:
        self.blocks.append(Block("paragraph", text=text))

    def field(self, label: str, value: str) -> None:
        self.blocks.append(Block("field", label=label, text=value or self.t("not_filled_in")))

    def bullets(self, items: list[str]) -> None:
        if items:
            self.blocks.append(Block("bullets", items=list(items)))

    def table(self, header: list[str], rows: list[list[str]]) -> None:
        self.blocks.append(Block("table", header=header, rows=rows))

    def ref(self, advice: Advice) -> int:
        """The citation number of the advice's passage (numbered on first use); records the excerpt."""
        entry = self._sources.get(advice.source_id)
        if entry is None:
            entry = SourceEntry(len(self._sources) + 1, advice.source_id, source_label(advice.source_id, self.language), [])
            self._sources[advice.source_id] = entry
        text = flat(advice.text)
        if not any(text in flat(listed) for listed in entry.excerpts):  # a sentence inside a listed paragraph is listed
            entry.excerpts = [listed for listed in entry.excerpts if flat(listed) not in text] + [advice.text]
        return entry.number

    def cite(self, advice: Advice, shown: str | None = None) -> str:
        """The advice in the document's language (or the part ``shown`` of it), marked for quotes and tables, numbered."""
        number = self.ref(advice)
        text = shown or advice.get(self.language)
        if readable(advice):
            self._shown.append(flat(advice.get(self.language)))
        speaker = source_speaker(advice.source_id)
        if speaker:
            who = label(speaker, self.language, "speakers").lower()
            text = f"”{text}” ({who})" if self.language == "da" else f"“{text}” ({who})"
        elif source_kind(advice.source_id) in ("table", "figure"):
            kind = label(source_kind(advice.source_id), self.language, "kinds").lower()
            text = f"{text} ({kind} {source_number(advice.source_id)})"
        return f"{text} [{number}]"

    def advice(self, items: list[Advice]) -> None:
        """Cited bullets, each report text once in the document, as on the wizard pages: an excerpt inside a longer one of
        the list gives way to it, one cited before is left out, and a longer one that holds it keeps the rest, with …
        where it stood. Fragments (a figure's labels) are left out, as they read as broken sentences."""
        bullets = []
        for item in longest([a for a in items if not a.fragment], self.language):
            rest = unseen(item.get(self.language), self._shown) if readable(item) else item.get(self.language)
            if rest is not None:
                bullets.append(self.cite(item, rest))
        self.bullets(bullets)

    @property
    def sources(self) -> list[SourceEntry]:
        return list(self._sources.values())

    def to_markdown(self) -> str:
        out = [f"# {_md(self.title.replace(chr(10), ' '), inline=True)}", ""]
        for block in [*self.blocks, *self._source_blocks()]:
            out += _markdown_block(block)
        return "\n".join(out).rstrip() + "\n"

    def to_docx(self) -> bytes:
        from docx import Document

        doc = Document()
        doc.core_properties.title = self.title
        doc.core_properties.author = doc.core_properties.last_modified_by = "cocreate"  # not python-docx's template author
        doc.core_properties.comments = ""
        doc.core_properties.language = "en-GB" if self.language == "en" else "da-DK"
        doc.add_heading(self.title, 0)
        for block in [*self.blocks, *self._source_blocks()]:
            if block.kind == "heading":
                doc.add_heading(block.text, min(block.level - 1, 9) or 1)
            elif block.kind == "paragraph":
                doc.add_paragraph(block.text)
            elif block.kind == "field":
                para = doc.add_paragraph()
                para.add_run(f"{block.label}: ").bold = True
                para.add_run(block.text)
            elif block.kind == "bullets":
                for item in block.items:
                    doc.add_paragraph(item, style="List Bullet")
            elif block.kind == "table":
                table = doc.add_table(rows=1, cols=len(block.header))
                table.style = "Table Grid"
                for cell, text in zip(table.rows[0].cells, block.header):
                    cell.text = ""
                    cell.paragraphs[0].add_run(text).bold = True
                for row in block.rows:
                    for cell, text in zip(table.add_row().cells, row):
                        cell.text = text
        buffer = io.BytesIO()
        doc.save(buffer)
        return buffer.getvalue()

    def _source_blocks(self) -> list[Block]:
        if not self._sources:
            return []
        items = [
            f"[{e.number}] {e.source_id} — {e.label}: " + " … ".join(f"»{x}«" for x in e.excerpts)
            for e in self._sources.values()
        ]
        return [Block("heading", text=self.t("sources"), level=2), Block("bullets", items=items)]


_BLOCK_START = re.compile(r"^(\s*)([#>+=-]|\d+[.)]\s)")
_INLINE = re.compile(r"([\\`*_<>\[\]|~!$])")  # code, emphasis, HTML, links, images, tables, strikethrough, math
_MARKER = re.compile(r"\\\[(\d{1,3})\\\]")  # our own citation markers stay readable: [3]


def _md(text: str, inline: bool = False) -> str:
    """Text safe to put in Markdown: no accidental code, emphasis, HTML, link, table or (unless inline) block markers."""
    lines = [_inline(line) for line in text.split("\n")]
    if not inline:
        lines = [_BLOCK_START.sub(lambda m: m.group(1) + "\\" + m.group(2), line) for line in lines]
    return "  \n".join(lines)


def _inline(line: str) -> str:
    escaped = _MARKER.sub(r"[\1]", _INLINE.sub(r"\\\1", line))
    # a kept "[3]" must not become a link or a link definition: "[3](x)" and "[3]: x" keep their "(" and ":" escaped
    return escaped.replace("](", "]\\(").replace("]:", "]\\:")


def _cell(text: str) -> str:
    return _md(text.replace("\n", " ")).replace("|", "\\|")


def _markdown_block(block: Block) -> list[str]:
    if block.kind == "heading":
        return [f"{'#' * block.level} {_md(block.text.replace(chr(10), ' '), inline=True)}", ""]
    if block.kind == "paragraph":
        return [_md(block.text), ""]
    if block.kind == "field":
        first, _, rest = block.text.partition("\n")
        value = _md(first, inline=True) + ("  \n" + _md(rest) if rest else "")
        return [f"**{_md(block.label, inline=True)}:** {value}", ""]
    if block.kind == "bullets":
        return [f"- {_md(item)}".replace("\n", "\n  ") for item in block.items] + [""]
    header = "| " + " | ".join(_cell(h) for h in block.header) + " |"
    rule = "|" + "---|" * len(block.header)
    rows = ["| " + " | ".join(_cell(c) for c in row) + " |" for row in block.rows]
    return [header, rule, *rows, ""]
