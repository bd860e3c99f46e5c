"""Sentences of Danish report prose: split never inside a ”…” quotation or after an abbreviation."""
from __future__ import annotations

import re

QUOTE = "\u201d"  # the report opens and closes quotations with the same mark: ”
_ABBREVIATIONS = {
    "al", "dvs", "eks", "mht", "ml", "ift", "p", "osv", "ca", "bl.a", "kgl", "f.eks", "jf", "evt", "hhv",
    "mfl", "m.fl", "nr", "s", "pkt", "etc", "vs", "e.g", "i.e", "cf",
}


def quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each ”…” quotation, end exclusive, marks included; pairs in order."""
    marks = [i for i, ch in enumerate(text) if ch == QUOTE]
    return [(marks[i], marks[i + 1] + 1) for i in range(0, len(marks) - 1, 2)]


def split_sentences(text: str) -> list[str]:
    """Split Danish prose into sentences, never inside a ”…” quotation or after an abbreviation."""
    protected = quote_spans(text) + [m.span() for m in re.finditer('\u201c[^\u201d]*\u201d|"[^"]*"', text)]
    sentences: list[str] = []
    start = 0
    for match in re.finditer(r"[.!?…]+[" + QUOTE + r"\u201d\")]?\s+(?=[A-ZÆØÅÀ-Ý\"\u201c" + QUOTE + r"(\[])", text):
        cut = match.end()
        if any(a < cut < b for a, b in protected):
            continue
        word = re.search(r"(\S+)[.!?…]+[" + QUOTE + r"\u201d\")]?\s*$", text[start:match.end()])
        token = word.group(1).lower().rstrip(".") if word else ""
        if token in _ABBREVIATIONS or re.fullmatch(r"\d{1,2}|[a-zæøå]", token):
            continue
        sentences.append(text[start:cut].strip())
        start = cut
    tail = text[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences
