"""One turn of the chat (answered, refused, or failed in the core) and its JSON shape in a saved conversation."""
from __future__ import annotations

import dataclasses
import uuid
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from assistant import Answer

Reason = Literal["too_long", "bad_question", "failed"]
REASONS: tuple[Reason, ...] = ("too_long", "bad_question", "failed")
Part = Literal["model", "search", "answer"]
PARTS: tuple[Part, ...] = ("model", "search", "answer")  # what failed: the language model, the search, another step
STORED_CHARS = 20_000  # a refused paste is kept whole in the session; a saved conversation keeps this much of it
NO_PASSAGES = "no-passages"  # the core's declined_because when only the user's filter left no passage


@dataclass(frozen=True)
class Refusal:
    """Why a question got no answer: too long for the page, not usable by the core, or the core failed answering it.

    Holds what its message names: the numbers of a too long question; the part that failed and the core's message (in
    both languages) for a failed one.
    """

    reason: Reason
    length: int = 0
    limit: int = 0
    part: Part | Literal[""] = ""
    detail_da: str = ""
    detail_en: str = ""

    def detail(self, language: str) -> str:
        return self.detail_en if language == "en" else self.detail_da


def failure(error: Exception) -> Refusal:
    """The refusal for a question the core failed to answer (``error`` is a CocreateError): which part failed, and why."""
    from assistant import BackendError, StoreError
    from assistant.errors import message_in

    part: Part = "model" if isinstance(error, BackendError) else "search" if isinstance(error, StoreError) else "answer"
    return Refusal("failed", part=part, detail_da=message_in(error, "da"), detail_en=message_in(error, "en"))


@dataclass
class Turn:
    """One question and its answer in this session's chat; a refused or failed question has a refusal instead of an answer."""

    question: str
    answer: "Answer | None"
    id: str = field(default_factory=lambda: uuid.uuid4().hex[:12])
    feedback_sent: bool = False
    feedback_id: int = 0  # the stored feedback row once a thumb was clicked (saved at once; a comment revises it)
    feedback_rating: str = ""  # "up" or "down" as stored, so a reloaded chat shows the thumb that was clicked
    refusal: Refusal | None = None  # shown with its explanation, never passed on as context for a follow-up


def declined(answer: "Answer") -> bool:
    """Whether the core declined the question (outside the report, a gap, ...), not only found nothing under a filter."""
    return answer.abstained and answer.declined_because != NO_PASSAGES


def is_context(turn: Turn) -> bool:
    """Whether a follow-up gets this turn as context: answered, or emptied by a filter (asked in scope); not declined,
    refused or failed."""
    return turn.answer is not None and not declined(turn.answer)


def turn_to_json(turn: Turn) -> dict[str, Any]:
    """The turn as a saved conversation stores it."""
    item: dict[str, Any] = {k: getattr(turn, k) for k in ("id", "question", "feedback_sent", "feedback_id", "feedback_rating")}
    if turn.answer is not None:
        item["answer"] = dataclasses.asdict(turn.answer)
    if turn.refusal is not None:
        item["question"] = turn.question[:STORED_CHARS]  # one huge paste must not push the answered turns out of the store
        item["refusal"] = dataclasses.asdict(turn.refusal)
    return item


def turn_from_json(item: dict[str, Any]) -> Turn | None:
    """The turn a saved conversation holds; None for an item that is neither an answer nor a refusal."""
    try:
        answer = _answer(item["answer"]) if item.get("answer") is not None else None
        refusal = _refusal(item["refusal"]) if item.get("refusal") is not None else None
        if (answer is None) == (refusal is None):
            return None
        return Turn(str(item["question"]), answer, id=str(item.get("id") or uuid.uuid4().hex[:12]), feedback_sent=bool(item.get("feedback_sent")),
                    feedback_id=int(item.get("feedback_id") or 0), feedback_rating=str(item.get("feedback_rating") or ""), refusal=refusal)
    except (KeyError, TypeError, ValueError, AttributeError):
        return None


def _answer(stored: Any) -> "Answer":
    from assistant import Answer, Citation

    data = dict(stored)
    known = {f.name for f in dataclasses.fields(Answer)}
    cited = {f.name for f in dataclasses.fields(Citation)}
    citations = [Citation(**{k: v for k, v in c.items() if k in cited}) for c in data.get("citations") or []]
    return Answer(**{k: v for k, v in data.items() if k in known and k != "citations"}, citations=citations)


def _refusal(stored: Any) -> Refusal:
    reason, part = stored["reason"], stored.get("part") or ""
    if reason not in REASONS or (reason == "failed") != (part in PARTS):
        raise ValueError(f"not a refusal: {reason!r} ({part!r})")
    return Refusal(reason, int(stored.get("length") or 0), int(stored.get("limit") or 0), part,
                   str(stored.get("detail_da") or ""), str(stored.get("detail_en") or ""))
