"""Grounded answers: condense a follow-up, retrieve, compose (extractive or LLM), cite; typed results."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Literal, Sequence

from .compose import TRANSLATION_NOTE, align_sentences, candidate_units, render_units, select_units
from .errors import BackendError, CocreateError
from .language import detect_language, tokenize
from .llm import describe_failure, get_chat_model
from .retrieval import Filters, Hit
from .recommend import Composer, Report, render
from .question import draft_subject
from .routing import Route, question_kind
from .scope import ScopeCheck, check_scope
from .thesaurus import Thesaurus, load_concepts

if TYPE_CHECKING:
    from .engine import Assistant

ABSTAIN = {
    "da": "Rapporten dækker ikke dette spørgsmål. Den handler om kompetenceudvikling til co-creation med studerende på forskningsbiblioteker: "
    "fx hvordan man får kolleger med, kompetenceniveauer, støtte og ledelse, motiver og faglig identitet.",
    "en": "The report does not cover this question. It is about competence development for co-creation with students in research libraries: "
    "for example getting colleagues on board, competence levels, support and management, motives and professional identity.",
}
OTHER_LANGUAGE = (
    "Jeg kan svare på dansk eller engelsk. / I can answer in Danish or English. "
    "Stil gerne spørgsmålet igen på et af de sprog. / Please ask again in one of them."
)
DRAFT_NOTICE = {
    "da": "Selve udkastet skrives af en sprogmodel, og der er ingen sat op her. Brug anbefalingerne herunder som grundlag; "
    "den, der driver cocreate, kan slå en sprogmodel til med indstillingen COCREATE_LLM.",
    "en": "The draft itself is written by a language model, and none is set up here. Build on the recommendations below; "
    "whoever runs cocreate can turn a language model on with the COCREATE_LLM setting.",
}
NO_PASSAGES = {
    "da": "Ingen passager i rapporten passer til filteret ({filters}). Fjern eller ændr filteret, og spørg igen.",
    "en": "No passage of the report matches the filter ({filters}). Remove or change the filter and ask again.",
}
_ABSTAIN_REPLY = re.compile(r"(rapporten dækker ikke|the report does not cover)", re.IGNORECASE)
_MARKER = re.compile(r"\[(\d{1,3})\]")
# A question needs the conversation when it has no topic words of its own ("kan du uddybe?"), or when it is a short
# continuation ("Og den tredje type?", "What about management?"). Anything else is read on its own, so a new topic, or
# an off-topic question, is never mixed with the turn before it.
_FOLLOW_UP = re.compile(r"^\W*(and|but|also|what about|how about|and the|og|men|også|hvad med|hvad så med|så|og den|og det)\b", re.IGNORECASE)
SECOND_NEED_MARGIN = 0.5  # a second need this close to the best also gives its lead recommendation (dev-tuned)
CLEAR_ROUTE = 0.9  # a follow-up that fits a need this well on its own is answered from that need (dev-tuned)


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

    def as_json(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "answer": self.answer,
            "language": self.language,
            "citations": [c.as_json() for c in self.citations],
            "abstained": self.abstained,
            "backend": self.backend,
            "notices": list(self.notices),
        }

    def render_text(self, sources_only: bool = False) -> str:
        lines = [] if sources_only else [self.answer]
        if self.citations:
            lines += ["", "Kilder / Sources:"]
            for c in self.citations:
                who = f" — {c.speaker}" if c.speaker else ""
                lines.append(f"[{c.n}] {c.id} ({c.kind}{who}) {c.section}")
        for notice in self.notices:
            lines.append(f"(!) {notice}")
        return "\n".join(lines)


@dataclass(frozen=True)
class AnswerEvent:
    kind: Literal["token", "notice", "answer"]
    text: str = ""
    answer: Answer | None = None


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


def _history_text(history: Sequence[dict[str, str]], limit: int = 6) -> str:
    turns = [t for t in history if t.get("role") in ("user", "assistant") and str(t.get("content", "")).strip()][-limit:]
    return "\n".join(f"{t['role']}: {fence(str(t['content'])[:1500])}" for t in turns)


class Answerer:
    """Runs the chain for one Assistant; safe to share between threads."""

    def __init__(self, assistant: "Assistant", chat_model: Any | None = None) -> None:
        self.assistant = assistant
        self._chat_model = chat_model
        self._model_error: str | None = None

    @cached_property
    def chat_model(self) -> Any | None:
        if self._chat_model is not None:
            return self._chat_model
        try:
            return get_chat_model(self.assistant.settings)
        except BackendError as exc:
            self._model_error = str(exc)
            return None

    @cached_property
    def sentence_english(self) -> dict[str, str]:
        translations = self.assistant.translations
        out: dict[str, str] = {}
        for paragraph in self.assistant.corpus.paragraphs:
            out.update(align_sentences(paragraph.text, translations.get(paragraph.id)))
        return out

    @cached_property
    def statements(self) -> dict[str, Any]:
        return {c.text: c for c in self.assistant.chunks if c.kind == "recommendation"}

    @cached_property
    def quotes_by_paragraph(self) -> dict[str, list[Any]]:
        out: dict[str, list[Any]] = {}
        for chunk in self.assistant.chunks:
            if chunk.kind == "quote" and chunk.paragraph_id:
                out.setdefault(chunk.paragraph_id, []).append(chunk)
        return out

    # -- the chain ---------------------------------------------------------------------------------------
    def ask(self, question: str, history: Sequence[dict[str, str]], filters: Filters) -> Answer:
        answer: Answer | None = None
        for event in self.stream(question, history, filters):
            if event.kind == "answer":
                answer = event.answer
        assert answer is not None
        return answer

    def stream(self, question: str, history: Sequence[dict[str, str]], filters: Filters) -> Iterator[AnswerEvent]:
        from .engine import clean_question

        settings = self.assistant.settings
        question = clean_question(question, settings.max_question_chars)
        language = detect_language(question, self.assistant.glossary.english_vocabulary)
        if language == "other":
            yield AnswerEvent("answer", answer=Answer(question, OTHER_LANGUAGE, "other", [], True, settings.llm))
            return
        self.assistant.ensure_index()
        notices: list[str] = []
        model = self.chat_model
        if model is None and settings.llm != "extractive":
            notices.append(f"{self._model_error} Showing the extractive answer from the report instead.")
            yield AnswerEvent("notice", notices[-1])
        backend = settings.llm if model else "extractive"
        subject = draft_subject(question)
        hits, route, scope = self._retrieve(subject, filters)  # a question is first read on its own
        standalone = subject
        if _answered_turns(history) and _needs_context(subject, scope):
            condensed = self._condense(subject, history, model, notices)
            alone = route
            hits, route, scope = self._retrieve(condensed, filters)
            standalone = condensed
            if alone.need is not None and alone.score >= CLEAR_ROUTE:  # "og hvad med ledelsen?" is about management
                route = alone
        if not scope.in_scope:
            yield AnswerEvent("answer", answer=Answer(question, ABSTAIN[language], language, [], True, backend, notices, standalone))
            return
        if not hits:
            message = _no_passages(filters, language)
            notices.append(message)
            yield AnswerEvent("answer", answer=Answer(question, message, language, [], True, "extractive", notices, standalone))
            return
        kind = question_kind(question)
        if filters != Filters():
            route = Route(None, route.score)  # a filtered question is answered from the passages the filter allows
        if kind == "draft" and model is None:
            notices.append(DRAFT_NOTICE[language])
        if model is not None:
            try:
                yield from self._llm_answer(model, question, standalone, language, hits, history, notices)
                return
            except CocreateError:
                raise
            except Exception as exc:  # noqa: BLE001 - any endpoint failure falls back to the extractive answer
                notices.append(describe_failure(settings, exc))
                yield AnswerEvent("notice", notices[-1])
        yield AnswerEvent("answer", answer=self._extractive(question, standalone, language, hits, notices, route, kind))

    def _retrieve(self, query: str, filters: Filters) -> tuple[list[Hit], Route, ScopeCheck]:
        """Passages for the query, the planning need it is about, and whether the report covers it."""
        engine = self.assistant.engine
        hits = engine.search(query, 8, filters)
        all_hits = hits if filters == Filters() else engine.search(query, 8)
        route = self.assistant.router.route(query, all_hits, detect_language(query, self.assistant.glossary.english_vocabulary))
        anchored = self.assistant.thesaurus.anchored(query)
        scope = check_scope(query, self.vocabulary, self.assistant.glossary.english_vocabulary, self.outside, route.score, anchored)
        return hits, route, scope

    @cached_property
    def outside(self) -> Thesaurus:
        return Thesaurus(load_concepts(self.assistant.corpus_dir, "outside"), self.assistant.engine.bm25.tokens)

    @cached_property
    def vocabulary(self) -> frozenset[str]:
        """Every stem the report (and its English rendering), the thesaurus or the topic map's phrasings use."""
        phrasings = " ".join(p for n in self.assistant.topic_map.needs for p in (*n.phrasings.da, *n.phrasings.en))
        return (
            self.assistant.engine.vocabulary
            | self.assistant.glossary.english_stems
            | self.assistant.thesaurus.vocabulary
            | frozenset(tokenize(phrasings)) | frozenset(tokenize(phrasings, "en"))
        )

    @cached_property
    def composer(self) -> Composer:
        return Composer(Report(self.assistant.chunks, self.sentence_english), self.statements, self.assistant.thesaurus.expand)

    def _condense(self, question: str, history: Sequence[dict[str, str]], model: Any | None, notices: list[str]) -> str:
        """The follow-up as a question that stands alone, from the answered turns before it (declined ones left out)."""
        previous = _answered_turns(history)
        if not previous:
            return question
        history = [t for turn in previous for t in turn]
        if model is not None:
            try:
                from langchain_core.output_parsers import StrOutputParser

                from .prompts import load_prompt

                chain = load_prompt("condense") | model | StrOutputParser()
                rewritten = chain.invoke({"history": _history_text(history), "question": fence(question)}).strip()
                if rewritten and len(rewritten) < 1000:
                    return rewritten
            except Exception as exc:  # noqa: BLE001 - fall back to the heuristic
                notices.append(describe_failure(self.assistant.settings, exc))
        return f"{str(previous[-1][0]['content'])[:500]} {question}"

    # -- extractive --------------------------------------------------------------------------------------
    def _extractive(
        self, question: str, standalone: str, language: str, hits: list[Hit], notices: list[str], route: Route | None = None, kind: str = "fact"
    ) -> Answer:
        if route is not None and route.need is not None and kind != "fact":
            partial = route.need.partial is not None
            close = route.runner_up if route.runner_up is not None and route.score - route.runner_up_score <= SECOND_NEED_MARGIN else None
            pieces = self.composer.compose(standalone, language, route.need, hits, kind, partial, close)  # type: ignore[arg-type]
            if pieces:
                number, citations = _numbered(s.chunk for piece in pieces for s in piece.sentences)
                text = render(pieces, language, route.need, number, kind, partial)  # type: ignore[arg-type]
                if language == "en":
                    text = f"{TRANSLATION_NOTE}\n\n{text}"
                return Answer(question, text, language, citations, False, "extractive", notices, standalone)
        engine = self.assistant.engine
        terms = set(tokenize(standalone))
        if language == "en":
            terms |= set(engine.glossary.expand(standalone))
        units = select_units(candidate_units(hits, terms, engine.bm25, self.quotes_by_paragraph, self.statements, self.sentence_english), language)
        if not units:
            return Answer(question, ABSTAIN[language], language, [], True, "extractive", notices, standalone)
        ordered = sorted(units, key=lambda u: ("recommendation", "finding", "quote", "table").index(u.part))
        number, citations = _numbered(u.chunk for u in ordered)
        text = render_units(units, language, number)
        return Answer(question, text, language, citations, False, "extractive", notices, standalone)

    # -- language model ----------------------------------------------------------------------------------
    def _llm_answer(
        self, model: Any, question: str, standalone: str, language: str, hits: list[Hit], history: Sequence[dict[str, str]], notices: list[str]
    ) -> Iterator[AnswerEvent]:
        from .prompts import load_prompt
        from .tokens import count_tokens, truncate_tokens

        settings = self.assistant.settings
        prompt = load_prompt(f"answer.{'en' if language == 'en' else 'da'}")
        history_text = _history_text(history)
        budget = settings.llm_context_tokens - settings.llm_answer_tokens - count_tokens(prompt.format(passages="", question=question, history="")) - 64
        history_text = truncate_tokens(history_text, max(0, budget // 4))
        budget -= count_tokens(history_text)
        blocks: list[str] = []
        used: list[Hit] = []
        for n, hit in enumerate(hits, start=1):
            chunk = hit.chunk
            block = passage_block(n, chunk, language)
            cost = count_tokens(block)
            if cost > budget:
                if not blocks and budget > 50:
                    blocks.append(truncate_tokens(block, budget))
                    used.append(hit)
                break
            blocks.append(block)
            used.append(hit)
            budget -= cost
        if not blocks:
            raise BackendError(f"COCREATE_LLM_CONTEXT_TOKENS={settings.llm_context_tokens} leaves no room for passages; raise it.")
        inputs = {"passages": fence("\n\n".join(blocks)), "question": fence(question), "history": history_text}
        messages = prompt.format_messages(**inputs)
        pieces: list[str] = []
        shown = _MarkerStream(len(used))  # shows markers whole and numbered as in the final answer
        for chunk in model.stream(messages):
            text = chunk.content if isinstance(chunk.content, str) else "".join(str(p) for p in chunk.content)
            if text:
                pieces.append(text)
                if visible := shown.feed(text):
                    yield AnswerEvent("token", visible)
        if visible := shown.flush():
            yield AnswerEvent("token", visible)
        raw = "".join(pieces).strip()
        yield AnswerEvent("answer", answer=self._cited(question, standalone, language, raw, used, notices, hits))

    def _cited(self, question: str, standalone: str, language: str, raw: str, used: list[Hit], notices: list[str], hits: list[Hit]) -> Answer:
        """The model's reply, kept only as far as it is grounded; else the extractive answer with a notice.

        A statement whose markers all name passages that don't exist, or that quotes words no passage contains,
        is left out. The reply falls back when nothing valid is cited, when most of it is uncited, or when it is
        written in the other language.
        """
        backend = self.assistant.settings.llm
        if not raw or _ABSTAIN_REPLY.search(raw) and len(raw) < 200:
            return Answer(question, ABSTAIN[language], language, [], True, backend, notices, standalone)
        check = _check_claims(raw, used)
        mapping: dict[int, int] = {}
        citations: list[Citation] = []

        def renumber(match: re.Match[str]) -> str:
            n = int(match.group(1))
            if not 1 <= n <= len(used):
                return ""
            if n not in mapping:
                mapping[n] = len(mapping) + 1
                citations.append(_citation(mapping[n], used[n - 1].chunk))
            return f"[{mapping[n]}]"

        text = re.sub(r"[ \t]+([.,;:])", r"\1", _MARKER.sub(renumber, check.text)).strip()
        reason = None
        if not citations or not check.cited:
            reason = "cited no passage of the report" + (" that exists" if check.invalid else "")
        elif check.uncited > check.cited:
            reason = f"left {check.uncited} of {check.cited + check.uncited} statements without a source"
        elif _wrong_language(text, language):
            reason = "was not written in " + ("English" if language == "en" else "Danish")
        if reason:
            notices.append(f"The language model's answer {reason}; showing the extractive answer instead.")
            return self._extractive(question, standalone, language, hits, notices)
        if check.invalid or check.misquoted:
            notices.append(
                f"Left out {check.invalid + check.misquoted} statement(s) of the language model's answer: "
                + "; ".join(
                    part
                    for part in (
                        f"{check.invalid} cited a passage that does not exist" if check.invalid else "",
                        f"{check.misquoted} quoted words no cited passage contains" if check.misquoted else "",
                    )
                    if part
                )
                + "."
            )
        return Answer(question, text, language, citations, False, backend, notices, standalone)


def _answered_turns(history: Sequence[dict[str, str]]) -> list[tuple[dict[str, str], ...]]:
    """(user turn, assistant reply) pairs whose reply answered from the report; declined turns are left out."""
    turns = [t for t in history if t.get("role") in ("user", "assistant") and str(t.get("content", "")).strip()]
    pairs: list[tuple[dict[str, str], ...]] = []
    for n, turn in enumerate(turns):
        if turn["role"] != "user":
            continue
        reply = turns[n + 1] if n + 1 < len(turns) and turns[n + 1]["role"] == "assistant" else None
        if reply is not None and (_ABSTAIN_REPLY.search(str(reply["content"])[:200]) or str(reply["content"]).startswith(OTHER_LANGUAGE[:20])):
            continue
        pairs.append((turn,) if reply is None else (turn, reply))
    return pairs


def _needs_context(question: str, scope: ScopeCheck) -> bool:
    if scope.reason == "no topic words":
        return True
    return bool(_FOLLOW_UP.search(question)) and len(question.split()) <= 8 and scope.reason in ("covered", "words the report does not use")


def _no_passages(filters: Filters, language: str) -> str:
    names = {"kinds": "kind", "speakers": "speaker", "parts": "part"}
    described = ", ".join(f"{names[f]}={'|'.join(getattr(filters, f))}" for f in names if getattr(filters, f))
    return NO_PASSAGES["en" if language == "en" else "da"].format(filters=described)


def _numbered(chunks: Iterable[Any]) -> tuple[dict[str, int], list[Citation]]:
    """Each distinct chunk numbered in order of first use, with its citation."""
    number: dict[str, int] = {}
    citations: list[Citation] = []
    for chunk in chunks:
        if chunk.id not in number:
            number[chunk.id] = len(number) + 1
            citations.append(_citation(number[chunk.id], chunk))
    return number, citations


def _citation(n: int, chunk: Any) -> Citation:
    return Citation(n, chunk.id, chunk.text, chunk.section, chunk.kind, chunk.speaker, chunk.english)


# -- checking a model's reply (used by Answerer._llm_answer and ._cited) ------------------------------------------
_PARTIAL_MARKER = re.compile(r"\[\d{0,3}$")
_CLAIM_END = re.compile(r"[.!?]+[\"\u201d\u201c')]*(?:[ \t]*\[\d{1,3}\])*(?=\s|$)|\n")
_QUOTED = re.compile(r"[\"\u201c\u201d\u201e]([^\"\u201c\u201d\u201e\n]{3,})[\"\u201c\u201d]")
_EMPTY_LINE = re.compile(r"^[ \t]*(?:[-*\u2022]|\d+[.)])[ \t]*$\n?", re.MULTILINE)  # a bullet left empty


class _MarkerStream:
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
        return _MARKER.sub(self._renumber, ready)

    def flush(self) -> str:
        ready, self.held = self.held, ""
        return _MARKER.sub(self._renumber, ready)


@dataclass(frozen=True)
class _ClaimCheck:
    text: str  # the reply without the statements left out
    cited: int  # statements (two words or more, not a lead-in) with at least one marker of an existing passage
    uncited: int  # statements of four words or more with no marker
    invalid: int  # left out: every marker named a passage that does not exist
    misquoted: int  # left out: a quotation of four words or more that no passage contains


def _check_claims(raw: str, used: list[Hit]) -> _ClaimCheck:
    """Split a reply into statements (sentences with their trailing markers) and keep the grounded ones."""
    from .corpus.text import comparable

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
        markers = [int(n) for n in _MARKER.findall(statement)]
        valid = [n for n in markers if 1 <= n <= len(used)]
        if markers and not valid:
            invalid += 1
            continue
        quotes = [q.strip(" .,;:!?") for q in _QUOTED.findall(statement)]
        if any(len(q.split()) >= 4 and not any(comparable(q) in source for source in sources) for q in quotes):
            misquoted += 1
            continue
        kept.append(statement)
        body = _MARKER.sub("", statement).strip().rstrip(".").strip()
        if valid and len(body.split()) >= 2 and not body.endswith(":"):  # "The answer is: [1]." claims nothing
            cited += 1
        elif not valid and len(body.split()) >= 4 and not body.endswith(":"):
            uncited += 1
    text = re.sub(r"\n{3,}", "\n\n", _EMPTY_LINE.sub("", "".join(kept)) if (invalid or misquoted) else "".join(kept))
    return _ClaimCheck(text, cited, uncited, invalid, misquoted)


def _wrong_language(text: str, language: str) -> bool:
    """Is a reply of a dozen words or more, quotations aside, plainly in the other language than the question?"""
    prose = _QUOTED.sub(" ", _MARKER.sub(" ", text))
    if language not in ("da", "en") or len(prose.split()) < 12:
        return False
    found = detect_language(prose)
    return found in ("da", "en") and found != language
