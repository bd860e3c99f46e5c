"""Pure metric functions: retrieval (hit@k, recall@k, MRR, nDCG), sentence support, citations, quotes, key points, abstention."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Sequence

from assistant import QUOTE, align_sentences, split_sentences, tokenize

MARKER = re.compile(r"\[(\d{1,3})\]")


# -- relevance -----------------------------------------------------------------------------------------------
def matched_gold(chunk_id: str, source_ids: Iterable[str], gold: Sequence[str], parents: dict[str, str]) -> set[str]:
    """The gold passage ids a retrieved chunk stands for.

    A chunk matches a gold id when it is that passage (or a "#n" part of it), one of the ids it stands for,
    a row of that table, or when quote/statement and paragraph contain one another.
    """
    ids = set(source_ids) | {chunk_id, chunk_id.split("#")[0]}
    parent_ids = {parents[i] for i in ids if i in parents}
    found = set()
    for g in gold:
        if g in ids or (g.startswith("tabel-") and chunk_id.startswith(g + ".r")) or parents.get(g) in ids or g in parent_ids:
            found.add(g)
    return found


# -- retrieval ---------------------------------------------------------------------------------------------------
def retrieval_scores(matches: Sequence[set[str]], gold: Sequence[str], ks: Sequence[int] = (1, 3, 5, 10)) -> dict[str, float]:
    """hit@k, recall@k, nDCG@k and MRR from the gold ids each ranked hit matches (best first)."""
    scores: dict[str, float] = {}
    first = next((n for n, m in enumerate(matches, start=1) if m), None)
    scores["mrr"] = 1.0 / first if first else 0.0
    for k in ks:
        top = matches[:k]
        scores[f"hit@{k}"] = 1.0 if any(top) else 0.0
        covered = set().union(*top) if top else set()
        scores[f"recall@{k}"] = len(covered & set(gold)) / len(set(gold)) if gold else 0.0
        seen: set[str] = set()
        dcg = 0.0
        for n, m in enumerate(top, start=1):
            new = m - seen
            if new:  # a gold passage gains once, however many of its parts are retrieved
                dcg += 1.0 / math.log2(n + 1)
                seen |= new
        ideal = sum(1.0 / math.log2(n + 1) for n in range(1, min(k, len(set(gold))) + 1))
        scores[f"ndcg@{k}"] = dcg / ideal if ideal else 0.0
    return scores


# -- answer sentences ------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class AnswerSentence:
    text: str
    markers: tuple[int, ...]


def answer_sentences(answer: str) -> list[AnswerSentence]:
    """The claims of an answer: bullet lines or sentences, with their [n] markers; headings and notes left out."""
    out: list[AnswerSentence] = []
    above: tuple[int, ...] = ()  # the markers of the last top-level line: a nested line (a table's row) is cited by it
    for raw in answer.splitlines():
        line = raw.strip()
        if not line or (line.startswith("**") and line.endswith("**")) or (line.startswith("_") and line.endswith("_")):
            continue
        nested = raw.startswith((" ", "\t")) and line.startswith("- ")
        line = line.lstrip("-*• ").strip()
        trailing = re.search(r"((?:\s*\[\d{1,3}\])+)\s*$", line)
        line_markers = tuple(int(n) for n in MARKER.findall(trailing.group(1))) if trailing else ()
        if nested and not MARKER.search(line):
            line_markers = above
        elif not nested:
            above = tuple(int(n) for n in MARKER.findall(line))
        pieces = split_sentences(line)
        for n, piece in enumerate(pieces):  # "A. [1] B. [2]" splits before "[1]": the marker belongs to A
            lead = re.match(r"^((?:\s*\[\d{1,3}\])+)\s*", piece)
            if lead and n > 0:
                pieces[n - 1] += " " + lead.group(1).strip()
                pieces[n] = piece[lead.end():]
        for piece in pieces:
            markers = tuple(int(n) for n in MARKER.findall(piece)) or line_markers
            text = MARKER.sub("", piece).strip()
            if len(text.split()) >= 3:
                out.append(AnswerSentence(text, markers))
    return out


def _content(text: str, language: str) -> set[str]:
    return set(tokenize(text, "en" if language == "en" else "da"))


def lexical_support(sentence: str, passages: Sequence[str], language: str = "da") -> float:
    """Share of the sentence's content stems that occur in its cited passages (Danish or English stemming)."""
    words = _content(sentence, language)
    if not words:
        return 0.0
    found: set[str] = set()
    for passage in passages:
        found |= _content(passage, language) | _content(passage, "da")
    return len(words & found) / len(words)


def cosine(a: Sequence[float], b: Sequence[float]) -> float:
    dot = sum(x * y for x, y in zip(a, b))
    na = math.sqrt(sum(x * x for x in a)) or 1.0
    nb = math.sqrt(sum(y * y for y in b)) or 1.0
    return dot / (na * nb)


@dataclass(frozen=True)
class SupportThresholds:
    """Calibrated by `python -m eval.calibrate` on eval/support_labels.yaml (see eval/README.md)."""

    lexical: float = 1.0
    lexical_low: float = 0.2
    embedding: float = 0.85

    def supported(self, lexical: float, embedding: float) -> bool:
        return lexical >= self.lexical or (lexical >= self.lexical_low and embedding >= self.embedding)


def support_score(lexical: float, embedding: float) -> float:
    """One number for reports: the mean of the two signals."""
    return round((lexical + embedding) / 2, 4)


# -- citations, quotes, key points, abstention -------------------------------------------------------------
def citation_precision_recall(cited: Sequence[tuple[str, Iterable[str]]], gold: Sequence[str], parents: dict[str, str]) -> tuple[float | None, float | None]:
    """Share of cited passages that are relevant, and share of gold passages cited."""
    if not cited:
        return (None, 0.0 if gold else None)
    matches = [matched_gold(cid, sids, gold, parents) for cid, sids in cited]
    precision = sum(1 for m in matches if m) / len(matches)
    recall = len(set().union(*matches) & set(gold)) / len(set(gold)) if gold else None
    return precision, recall


_DANISH_QUOTE = re.compile(r"(?:^|[\s:(])" + QUOTE + r"([^" + QUOTE + "\u201c\n" + r"]{3,})" + QUOTE)


def quotes_in(answer: str) -> list[str]:
    """Texts an answer presents as the report's own quotations (”…”)."""
    return [q.strip() for q in _DANISH_QUOTE.findall(answer)]


def quote_fidelity(answer: str, is_verbatim: Callable[[str], bool]) -> tuple[int, int]:
    """(quotations, verbatim ones)."""
    found = quotes_in(answer)
    return len(found), sum(1 for q in found if is_verbatim(q))


def key_point_coverage(key_points: Sequence[str], texts: Sequence[str]) -> float | None:
    """Share of key points whose words (first five letters, any inflection) all appear in the texts."""
    if not key_points:
        return None
    words = {w[:5] for w in re.findall(r"[a-zæøå0-9]+", " ".join(texts).lower())}
    hit = 0
    for point in key_points:
        parts = [w[:5] for w in re.findall(r"[a-zæøå0-9]+", point.lower()) if len(w) >= 2]
        if parts and all(p in words for p in parts):
            hit += 1
    return hit / len(key_points)


def shown_originals(answer: str, cited: Sequence[dict[str, Any]]) -> list[str]:
    """The report's Danish sentences an English answer shows in rendering: each cited passage's sentence (or quote,
    or table row) whose English rendering stands in the answer text. Lets Danish key points be read against an English
    answer's own content, no more: a sentence counts only when its rendering is shown."""
    shown = _normal(answer)
    found: list[str] = []
    for record in cited:
        danish, english = str(record.get("text") or ""), str(record.get("english") or "")
        if not english:
            continue
        pairs = [(danish, english), *align_sentences(danish, english).items()]
        da_lines, en_lines = danish.splitlines(), english.splitlines()
        if len(da_lines) == len(en_lines) > 1:
            pairs += list(zip(da_lines, en_lines))
        found += [da for da, en in pairs if len(_normal(en)) > 20 and _normal(en) in shown]
    return list(dict.fromkeys(found))


def _normal(text: str) -> str:
    return " ".join(re.findall(r"[a-zæøå0-9]+", text.lower()))


def abstention_scores(pairs: Sequence[tuple[bool, bool]]) -> dict[str, float | None]:
    """(in_scope, abstained) pairs -> abstention precision/recall and the refusal rate of in-scope questions."""
    out_of_scope = [a for s, a in pairs if not s]
    in_scope = [a for s, a in pairs if s]
    abstained = sum(1 for _, a in pairs if a)
    correct = sum(1 for a in out_of_scope if a)
    return {
        "abstention_precision": correct / abstained if abstained else None,
        "abstention_recall": correct / len(out_of_scope) if out_of_scope else None,
        "in_scope_refusals": sum(in_scope) / len(in_scope) if in_scope else None,
    }


def percentile(values: Sequence[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]
