"""Text repair and splitting for Danish report prose: hyphenation, whitespace, sentences, quotes."""
from __future__ import annotations

import re
import unicodedata

from ..sentences import QUOTE, quote_spans, split_sentences  # noqa: F401 - re-exported: the corpus speaks of them here

_TERMINAL = ".!?:" + QUOTE + ")"
_WORD_AT_END = re.compile(r"(\S+)-$")
_SPACES = re.compile(r"[ \t\u00a0]+")


def normalize_whitespace(text: str) -> str:
    """Collapse runs of spaces, strip, and mend the combining accent that stands for an opening `."""
    text = unicodedata.normalize("NFC", text)
    text = re.sub(r"\s?\u0300\s?", " `", text)
    return _SPACES.sub(" ", text).strip()


def comparable(text: str) -> str:
    """A form for verbatim comparison, blind to line breaks, hyphens and spacing (NFC, lowercase)."""
    text = normalize_whitespace(text.replace("\n", " "))
    return re.sub(r"[\s\-\u00ad]+", "", text).lower()


class Dehyphenator:
    """Joins words split across line breaks, keeping real hyphens.

    A line-final hyphen is a real one when the hyphenated compound occurs elsewhere in the
    same document without a line break (e.g. "skide-irriterende"); otherwise the two halves
    are one word ("kompeten-" + "ceudvikling"). Suspended hyphens ("fag- og") are not at a
    line end and never touched.
    """

    def __init__(self, document: str) -> None:
        self._flat = " ".join(line.strip() for line in document.splitlines())

    def join(self, left: str, right: str) -> str:
        """Join two consecutive lines of one paragraph."""
        left = left.rstrip()
        right = right.strip()
        if not left:
            return right
        if not right:
            return left
        match = _WORD_AT_END.search(left)
        if match and right[0].isalpha():
            head = match.group(1)
            next_word = re.match(r"[\w-]+", right)
            if next_word and f"{head}-{next_word.group(0)}" in self._flat:
                return left + right
            if head[-1].isalpha():
                return left[:-1] + right
        return left + " " + right


def ends_sentence(text: str) -> bool:
    text = text.rstrip()
    return bool(text) and text[-1] in _TERMINAL


def open_quote(text: str) -> bool:
    """True when a quotation opened in ``text`` is still open at its end."""
    return text.count(QUOTE) % 2 == 1


def slug(text: str) -> str:
    text = text.lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")
