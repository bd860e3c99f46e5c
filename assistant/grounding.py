"""Grounding a language model's reply: the excerpts it is shown, and the check that keeps only cited, verbatim statements."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Sequence

from .corpus.text import comparable
from .language import detect_language

MARKER = re.compile(r"\[(\d{1,3})\]")
_HEADER = re.compile(r"^\s*\[(\d{1,3})\]\s*(?=\()", re.MULTILINE)


def passage_block(n: int, chunk: Any, language: str) -> str:
    """One excerpt for the prompt: its number and source, then its text.

    The user's own documents are labelled as theirs, never as the report, and a line in any excerpt that looks like
    an excerpt header ("[9] (recommendation; Del 3) …") is defused, so a document cannot pose as another excerpt.
    """
    own = chunk.part == "ingest"
    who = f"; {chunk.speaker}" if chunk.speaker else ""
    source = f"your own document, not the report; {chunk.section}" if own else f"{chunk.kind}; {chunk.section}{who}"
    text = _HEADER.sub(lambda m: f"({m.group(1)}) ", chunk.text)
    block = f"[{n}] ({source})\n{text}"
    if language == "en" and chunk.english and not own:
        block += f"\nEnglish rendering: {_HEADER.sub(lambda m: f'({m.group(1)}) ', chunk.english)}"
    return block


def fence(text: str) -> str:
    """Neutralise tags in data put inside the prompt's <passages>/<history>/<question> fences."""
    return text.replace("<", "\u2039").replace(">", "\u203a")


def history_text(history: Sequence[dict[str, str]], limit: int = 6) -> str:
    turns = [t for t in history if t.get("role") in ("user", "assistant") and str(t.get("content", "")).strip()][-limit:]
    return "\n".join(f"{t['role']}: {fence(str(t['content'])[:1500])}" for t in turns)


# -- checking a model's reply -------------------------------------------------------------------------------
_PARTIAL_MARKER = re.compile(r"\[\d{0,3}$")
_CLAIM_END = re.compile(r"[.!?]+[\"\u201d\u201c')]*(?:[ \t]*\[\d{1,3}\])*(?=\s|$)|\n")
_QUOTED = re.compile(r"[\"\u201c\u201d\u201e]([^\"\u201c\u201d\u201e\n]{3,})[\"\u201c\u201d]")
_EMPTY_LINE = re.compile(r"^[ \t]*(?:[-*\u2022]|\d+[.)])[ \t]*$\n?", re.MULTILINE)  # a bullet left empty


class MarkerStream:
    """Turns streamed pieces into text to show: a marker is held back until it is complete (never shown as
    ``[1`` then ``2]``), numbered in order of first use as the final answer numbers it, and dropped when the
    passage does not exist."""

    def __init__(self, passages: int) -> None:
        self.passages = passages
        self.mapping: dict[int, int] = {}
        self.held = ""

    def _renumber(self, match: re.Match[str]) -> str:
        n = int(match.group(1))
        if not 1 <= n <= self.passages:
            return ""
        return f"[{self.mapping.setdefault(n, len(self.mapping) + 1)}]"

    def feed(self, text: str) -> str:
        self.held += text
        partial = _PARTIAL_MARKER.search(self.held)
        cut = partial.start() if partial else len(self.held)
        ready, self.held = self.held[:cut], self.held[cut:]
        return MARKER.sub(self._renumber, ready)

    def flush(self) -> str:
        ready, self.held = self.held, ""
        return MARKER.sub(self._renumber, ready)


@dataclass(frozen=True)
class ClaimCheck:
    text: str  # the reply without the statements left out
    cited: int  # statements (two words or more, not a lead-in) with at least one marker of an existing passage
    uncited: int  # statements of four words or more with no marker
    invalid: int  # left out: every marker named a passage that does not exist
    misquoted: int  # left out: a quotation of four words or more that no passage contains


def check_claims(raw: str, used: Sequence[Any]) -> ClaimCheck:
    """Split a reply into statements (sentences with their trailing markers) and keep the grounded ones."""
    sources = [comparable(text) for hit in used for text in (hit.chunk.text, hit.chunk.english or "") if text]
    kept: list[str] = []
    cited = uncited = invalid = misquoted = 0
    start = 0
    statements = []
    for end in _CLAIM_END.finditer(raw):
        statements.append(raw[start : end.end()])
        start = end.end()
    statements.append(raw[start:])
    for statement in statements:
        markers = [int(n) for n in MARKER.findall(statement)]
        valid = [n for n in markers if 1 <= n <= len(used)]
        if markers and not valid:
            invalid += 1
            continue
        quotes = [q.strip(" .,;:!?") for q in _QUOTED.findall(statement)]
        if any(len(q.split()) >= 4 and not any(comparable(q) in source for source in sources) for q in quotes):
            misquoted += 1
            continue
        kept.append(statement)
        body = MARKER.sub("", statement).strip().rstrip(".").strip()
        if valid and len(body.split()) >= 2 and not body.endswith(":"):  # "The answer is: [1]." claims nothing
            cited += 1
        elif not valid and len(body.split()) >= 4 and not body.endswith(":"):
            uncited += 1
    text = re.sub(r"\n{3,}", "\n\n", _EMPTY_LINE.sub("", "".join(kept)) if (invalid or misquoted) else "".join(kept))
    return ClaimCheck(text, cited, uncited, invalid, misquoted)


def wrong_language(text: str, language: str) -> bool:
    """Is a reply of a dozen words or more, quotations aside, plainly in the other language than the question?"""
    prose = _QUOTED.sub(" ", MARKER.sub(" ", text))
    if language not in ("da", "en") or len(prose.split()) < 12:
        return False
    found = detect_language(prose)
    return found in ("da", "en") and found != language
