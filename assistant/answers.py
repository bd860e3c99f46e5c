"""What an answer is: its text, citations, notices and stream events, and the fixed messages it can carry."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Iterable, Literal

from .bilingual import Bilingual
from .grounding import fence, passage_block  # noqa: F401 - re-exported: the public API names them here

ABSTAIN = {
    "da": "Rapporten dækker ikke dette spørgsmål. Den handler om kompetenceudvikling til co-creation med studerende på forskningsbiblioteker: "
    "fx hvordan man får kolleger med, kompetenceniveauer, støtte og ledelse, motiver og faglig identitet.",
    "en": "The report does not cover this question. It is about competence development for co-creation with students in research libraries: "
    "for example getting colleagues on board, competence levels, support and management, motives and professional identity.",
}


def declined(language: str, detail: Bilingual | None = None) -> str:
    """The answer to a question the report does not cover; ``detail`` says which detail it leaves out."""
    if detail is None:
        return ABSTAIN[language]
    first, about = ABSTAIN[language].split(". ", 1)
    return f"{first}: {detail.get(language)} {about}"


OTHER_LANGUAGE = (
    "Jeg kan svare på dansk eller engelsk. / I can answer in Danish or English. "
    "Stil gerne spørgsmålet igen på et af de sprog. / Please ask again in one of them."
)
DRAFT_NOTICE = {
    "da": "Selve udkastet skrives af en sprogmodel, og der er ingen sat op her. Byg på anbefalingerne i svaret; "
    "den, der driver cocreate, kan slå en sprogmodel til med indstillingen COCREATE_LLM.",
    "en": "The draft itself is written by a language model, and none is set up here. Build on the recommendations in the answer; "
    "whoever runs cocreate can turn a language model on with the COCREATE_LLM setting.",
}
NO_PASSAGES = {
    "da": "Ingen passager i rapporten passer til filteret ({filters}). Fjern eller ændr filteret, og spørg igen.",
    "en": "No passage of the report matches the filter ({filters}). Remove or change the filter and ask again.",
}
SOURCES_HEADING = {"da": "Kilder:", "en": "Sources:"}  # above the numbered sources in the text output, in the answer's language
ABSTAIN_REPLY = re.compile(r"(rapporten dækker ikke|the report does not cover)", re.IGNORECASE)


@dataclass(frozen=True)
class Citation:
    n: int
    id: str
    text: str
    section: str
    kind: str
    speaker: str | None
    english: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "text": self.text, "section": self.section, "kind": self.kind, "speaker": self.speaker}


@dataclass(frozen=True)
class Answer:
    question: str
    answer: str
    language: str
    citations: list[Citation]
    abstained: bool
    backend: str
    notices: list[str] = field(default_factory=list)
    retrieval_query: str = ""
    # Why nothing was answered, for code: "no-passages" (a filter left none), "other-language", "unsupported"
    # (no passage held an answer), or the scope rule that declined it ("gap", "outside", "creative", ...).
    declined_because: str = ""
    # The planning need the answer was built for, and the wizard that plans it (empty when answered from passages).
    need: str = ""
    wizard: str = ""

    def as_json(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "answer": self.answer,
            "language": self.language,
            "citations": [c.as_json() for c in self.citations],
            "abstained": self.abstained,
            "backend": self.backend,
            "notices": list(self.notices),
            **({"declined_because": self.declined_because} if self.declined_because else {}),
            **({"need": self.need, "wizard": self.wizard} if self.need else {}),
        }

    def render_text(self, sources_only: bool = False) -> str:
        lines = [] if sources_only else [self.answer]
        if self.citations:
            lines += ["", SOURCES_HEADING.get(self.language, SOURCES_HEADING["da"])]
            for c in self.citations:
                who = f" — {c.speaker}" if c.speaker else ""
                lines.append(f"[{c.n}] {c.id} ({c.kind}{who}) {c.section}")
        for notice in self.notices:
            if sources_only or notice not in self.answer:  # said in the answer already (a draft request): once
                lines.append(f"(!) {notice}")
        return "\n".join(lines)


@dataclass(frozen=True)
class AnswerEvent:
    kind: Literal["token", "notice", "answer"]
    text: str = ""
    answer: Answer | None = None


def numbered(chunks: Iterable[Any]) -> tuple[dict[str, int], list[Citation]]:
    """Each distinct chunk numbered in order of first use, with its citation."""
    number: dict[str, int] = {}
    citations: list[Citation] = []
    for chunk in chunks:
        if chunk.id not in number:
            number[chunk.id] = len(number) + 1
            citations.append(citation_for(number[chunk.id], chunk))
    return number, citations


def citation_for(n: int, chunk: Any) -> Citation:
    return Citation(n, chunk.id, chunk.text, chunk.section, chunk.kind, chunk.speaker, chunk.english)
