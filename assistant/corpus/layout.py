"""Applies the documented layout repairs (source/layout.yaml) to the raw lines: a stream of reading-order items."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any, Literal

from ..errors import CorpusError
from .text import normalize_whitespace

ItemKind = Literal["line", "blank", "heading", "table", "figure", "label"]


@dataclass(frozen=True)
class Item:
    kind: ItemKind
    text: str = ""
    ref: str = ""  # heading/table/figure id
    line: int = 0  # 1-based raw line number (0 for none)


@dataclass(frozen=True)
class Dropped:
    kind: str
    text: str
    lines: tuple[int, int]


def check_raw(raw: str, layout: dict[str, Any]) -> None:
    digest = hashlib.sha256(raw.encode("utf-8")).hexdigest()
    if digest != layout.get("raw_sha256"):
        raise CorpusError(
            f"corpus/raw/report.txt does not match the text the layout repairs were written for "
            f"(sha256 {digest[:12]}…, expected {str(layout.get('raw_sha256'))[:12]}…)."
        )


def apply_layout(raw: str, layout: dict[str, Any]) -> tuple[list[Item], list[Dropped], dict[str, dict[str, Any]]]:
    """Return the reading-order items, the dropped blocks, and the headings by id."""
    check_raw(raw, layout)
    lines = raw.split("\n")
    ops = layout.get("ops", [])
    for op in ops:
        _check_anchor(lines, op)

    # Each raw line becomes an item; ops then replace, drop or move spans of them.
    slots: list[list[Item]] = [[_line_item(text, n + 1)] for n, text in enumerate(lines)]
    headings: dict[str, dict[str, Any]] = {}
    dropped: list[Dropped] = []
    moves: list[dict[str, Any]] = []
    for op in ops:
        kind = op["op"]
        if kind == "heading":
            headings[op["id"]] = op
            if "at" in op:
                slots[op["at"] - 1].insert(0, Item("heading", ref=op["id"], line=op["at"]))
                continue
            first, last = op["lines"]
            text = " ".join(lines[first - 1 : last])
            slots[first - 1] = [Item("heading", text=normalize_whitespace(text), ref=op["id"], line=first)]
            for n in range(first, last):
                slots[n] = []
        elif kind in ("drop", "table", "figure", "label"):
            first, last = op["lines"]
            block = "\n".join(lines[first - 1 : last])
            if kind == "drop":
                dropped.append(Dropped(op.get("kind", "other"), block, (first, last)))
            replacement = {
                "drop": [],
                "table": [Item("table", ref=op.get("id", ""), line=first)],
                "figure": [Item("figure", ref=op.get("id", ""), line=first)],
                "label": [Item("label", text=op.get("label", ""), line=first)],
            }[kind]
            slots[first - 1] = replacement
            for n in range(first, last):
                slots[n] = []
        elif kind == "list":
            first, last = op["lines"]
            for n in range(first - 1, last):
                slots[n] = [Item("line", text="• " + lines[n].strip(), line=n + 1)]
        elif kind == "fix":
            n = op["lines"][0]
            current = slots[n - 1]
            slots[n - 1] = [Item(i.kind, i.text.replace(op["old"], op["new"]), i.ref, i.line) for i in current]
        elif kind == "move":
            moves.append(op)
        else:
            raise CorpusError(f"Unknown layout op {kind!r} in layout.yaml.")

    order = list(range(len(slots)))
    for op in moves:
        first, last = op["lines"]
        block = [i for i in order if first - 1 <= i <= last - 1]
        rest = [i for i in order if not first - 1 <= i <= last - 1]
        at = rest.index(op["before"] - 1)
        order = rest[:at] + [_BLANK_SLOT] + block + [_BLANK_SLOT] + rest[at:]
    items: list[Item] = []
    for index in order:
        items.extend([Item("blank")] if index == _BLANK_SLOT else slots[index])
    return items, dropped, headings


_BLANK_SLOT = -1


def _line_item(text: str, number: int) -> Item:
    return Item("blank", line=number) if not text.strip() else Item("line", text=text, line=number)


def _check_anchor(lines: list[str], op: dict[str, Any]) -> None:
    if "lines" not in op:
        return
    first, last = op["lines"]
    if not 1 <= first <= last <= len(lines):
        raise CorpusError(f"layout.yaml: lines {first}-{last} are outside the raw text.")
    expected = normalize_whitespace(op.get("first", ""))
    actual = normalize_whitespace(lines[first - 1])
    if expected and not actual.startswith(expected):
        raise CorpusError(f"layout.yaml: line {first} reads {actual!r}, expected it to start with {expected!r}.")
