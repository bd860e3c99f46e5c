"""The answer chain, as one LangChain composition: read → retrieve (condense, route, scope) → answer (extractive or model + citation check)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import TYPE_CHECKING, Any, Callable, Iterator, Mapping, Sequence

from .answers import ABSTAIN, ABSTAIN_REPLY, DRAFT_NOTICE, NO_PASSAGES, OTHER_LANGUAGE, Answer, AnswerEvent, declined, numbered
from .compose import TRANSLATION_NOTE, candidate_units, render_units, select_units
from .config import Settings
from .errors import BackendError, CocreateError
from .gaps import Gap
from .grounding import fence, history_text
from .language import DANISH_STOP, ENGLISH_STOP, detect_language, tokenize
from .llm import describe_failure, get_chat_model
from .modelanswer import REJECTED, stream_model_answer
from .question import asks_for_example, clean_question, draft_subject, question_kind
from .recommend import Composer, Report, render
from .retrieval import Filters, Glossary, Hit, HybridRetriever, SearchEngine
from .routing import NeedRouter, Route
from .scope import ScopeCheck, check_scope
from .spelling import Speller
from .thesaurus import Thesaurus

if TYPE_CHECKING:
    from langchain_core.runnables import Runnable

    from .chunking import Chunk
    from .topics import TopicMap

# A question needs the conversation when it has no topic words of its own ("kan du uddybe?"), or when it is a short
# continuation ("Og den tredje type?", "What about management?"). Anything else is read on its own, so a new topic, or
# an off-topic question, is never mixed with the turn before it.
_FOLLOW_UP = re.compile(r"^\W*(and|but|also|what about|how about|and the|og|men|også|hvad med|hvad så med|så|og den|og det)\b", re.IGNORECASE)
# A short request that points back at the answer before it ("Kan du give et konkret eksempel?", "Tell me more").
_REFERS_BACK = re.compile(
    r"\b(et (konkret |godt )?eksempel|eksempler på det|uddyb\w*|fortæl mere|sig mere|mere om det|hvad betyder det|forklar det|"
    r"an? (concrete |specific |real )?example|examples of (that|this)|elaborate|tell me more|say more|more on (that|this)|"
    r"what does (that|this) mean|explain (that|this))\b",
    re.IGNORECASE,
)
SECOND_NEED_MARGIN = 0.5  # a second need this close to the best also gives its lead recommendation (dev-tuned)
RETRIEVE_K = 8  # passages the chain retrieves: the composer and the need router read them, a model sees what fits
CLEAR_ROUTE = 0.9  # a follow-up that fits a need this well on its own is answered from that need (dev-tuned)


@dataclass(frozen=True)
class AnswerParts:
    """What the chain is built from; the Assistant wires them, the chain never reaches back into it."""

    settings: Settings
    engine: SearchEngine  # the hybrid search over the report's chunks
    router: NeedRouter  # which planning need a question is about
    thesaurus: Thesaurus  # everyday words -> the report's terms
    outside: Thesaurus  # kinds of things the report is not about (systems, operations, other libraries)
    glossary: Glossary
    topic_map: "TopicMap"
    chunks: Sequence["Chunk"]
    sentence_english: Mapping[str, str]  # a report sentence -> its English rendering
    ensure_index: Callable[[], object]
    chat_model: Any | None = None  # a model given by the caller; else the one the settings name
    gaps: Sequence[Gap] = ()  # details the report does not give (money, a ranking of the libraries, ...)
    meaning: Callable[[str, str], Callable[[str], float]] | None = None  # (question, language) -> a sentence's closeness


@dataclass
class Turn:
    """One question on its way through the chain."""

    question: str
    history: Sequence[dict[str, str]]
    filters: Filters
    language: str = "da"
    notices: list[str] = field(default_factory=list)
    model: Any | None = None
    backend: str = "extractive"
    standalone: str = ""
    hits: list[Hit] = field(default_factory=list)
    route: Route = field(default_factory=lambda: Route(None, 0.0))
    scope: ScopeCheck | None = None
    done: Answer | None = None  # set when the question is answered before retrieval (a language we do not speak)


class Answerer:
    """Runs the answer chain; safe to share between threads (each question carries its own Turn)."""

    def __init__(self, parts: AnswerParts) -> None:
        self.parts = parts
        self.settings = parts.settings
        self._model_error: str | None = None

    @cached_property
    def chain(self) -> "Runnable":
        """The whole flow, top to bottom; ``stream`` runs it, the UI, CLI and eval call it through the Assistant."""
        from langchain_core.runnables import RunnableGenerator, RunnableLambda

        return (
            RunnableLambda(self._read)  # clean the question, its language, the model's status
            | RunnableLambda(self._retrieve_turn)  # read alone first, condense a follow-up; passages, need, scope
            | RunnableGenerator(self._answer)  # decline | no passage | model with citation check | extractive
        ).with_config(run_name="cocreate-answer")

    def ask(self, question: str, history: Sequence[dict[str, str]], filters: Filters) -> Answer:
        answer: Answer | None = None
        for event in self.stream(question, history, filters):
            if event.kind == "answer":
                answer = event.answer
        assert answer is not None
        return answer

    def stream(self, question: str, history: Sequence[dict[str, str]], filters: Filters) -> Iterator[AnswerEvent]:
        return self.chain.stream(Turn(question, history, filters))

    # -- the steps ---------------------------------------------------------------------------------------
    def _read(self, turn: Turn) -> Turn:
        turn.question = clean_question(turn.question, self.settings.max_question_chars)
        turn.language = detect_language(turn.question, self.parts.glossary.english_vocabulary)
        if turn.language == "other":
            turn.done = Answer(turn.question, OTHER_LANGUAGE, "other", [], True, self.settings.llm, declined_because="other-language")
            return turn
        self.parts.ensure_index()
        turn.model = self.chat_model
        if turn.model is None and self.settings.llm != "extractive":
            turn.notices.append(f"{self._model_error} Showing the extractive answer from the report instead.")
        turn.backend = self.settings.llm if turn.model else "extractive"
        return turn

    def _retrieve_turn(self, turn: Turn) -> Turn:
        if turn.done is not None:
            return turn
        subject = self.speller.correct(draft_subject(turn.question))  # read (and composed) as "kollegerne", shown as typed
        turn.hits, turn.route, turn.scope = self.retrieve(subject, turn.filters)  # a question is first read on its own
        turn.standalone = subject
        if _answered_turns(turn.history) and _needs_context(subject, turn.scope):
            alone = turn.route
            turn.standalone = self.speller.correct(self._condense(subject, turn.history, turn.model, turn.notices, turn.language))
            turn.hits, turn.route, turn.scope = self.retrieve(turn.standalone, turn.filters)
            if alone.need is not None and alone.score >= CLEAR_ROUTE:  # "og hvad med ledelsen?" is about management
                turn.route = alone
        return turn

    def _answer(self, turns: Iterator[Turn]) -> Iterator[AnswerEvent]:
        for turn in turns:
            yield from (AnswerEvent("notice", notice) for notice in turn.notices)
            yield from self._answer_turn(turn)

    def _answer_turn(self, turn: Turn) -> Iterator[AnswerEvent]:
        caveat = turn.scope.detail if turn.scope is not None and turn.scope.in_scope else None
        for event in self._answer_events(turn):
            if caveat is not None and event.kind == "answer" and event.answer is not None and not event.answer.abstained:
                # a detail the report does not give, though the question can do without it: said before the answer
                event = AnswerEvent("answer", answer=replace(event.answer, answer=f"_{caveat.get(turn.language)}_\n\n{event.answer.answer}"))
            yield event

    def _answer_events(self, turn: Turn) -> Iterator[AnswerEvent]:
        question, language, notices = turn.question, turn.language, turn.notices
        if turn.done is not None:
            yield AnswerEvent("answer", answer=turn.done)
            return
        assert turn.scope is not None
        if not turn.scope.in_scope:
            text = declined(language, turn.scope.detail)
            yield AnswerEvent("answer", answer=Answer(question, text, language, [], True, turn.backend, notices, turn.standalone, turn.scope.code))
            return
        if not turn.hits:
            message = _no_passages(turn.filters, language)
            notices.append(message)
            yield AnswerEvent("answer", answer=Answer(question, message, language, [], True, "extractive", notices, turn.standalone, "no-passages"))
            return
        kind = question_kind(question)
        route = turn.route if turn.filters == Filters() else Route(None, turn.route.score)  # a filter answers from its passages
        if kind == "draft" and turn.model is None:
            notices.append(DRAFT_NOTICE[language])
        if turn.model is not None:
            try:
                yield from self._llm_answer(turn)
                return
            except CocreateError:
                raise
            except Exception as exc:  # noqa: BLE001 - any endpoint failure falls back to the extractive answer
                notices.append(describe_failure(self.settings, exc).get(language))
                yield AnswerEvent("notice", notices[-1])
        said = turn.scope.detail is not None  # the answer opens with what the report leaves out; once is enough
        previous = _answered_turns(turn.history)
        shown = str(previous[-1][-1]["content"]) if previous and asks_for_example(question) and previous[-1][-1].get("role") == "assistant" else ""
        yield AnswerEvent("answer", answer=self._extractive(question, turn.standalone, language, turn.hits, notices, route, kind, said, shown))

    # -- parts -------------------------------------------------------------------------------------------
    @cached_property
    def chat_model(self) -> Any | None:
        if self.parts.chat_model is not None:
            return self.parts.chat_model
        try:
            return get_chat_model(self.settings)
        except BackendError as exc:
            self._model_error = str(exc)
            return None

    def retrieve(self, query: str, filters: Filters) -> tuple[list[Hit], Route, ScopeCheck]:
        """Passages for the query, the planning need it is about, and whether the report covers it."""
        parts = self.parts
        hits = self._search(query, filters)
        all_hits = hits if filters == Filters() else self._search(query, Filters())
        english = parts.glossary.english_vocabulary
        route = parts.router.route(query, all_hits, detect_language(query, english))
        defined = parts.topic_map.defines(query)  # "Hvad er co-creation?": the definitions, however the search ranks them
        if defined is not None and (route.need is None or route.need.id != defined.id):
            route = Route(defined, max(route.score, CLEAR_ROUTE), route.need, route.score)
        scope = check_scope(query, self.vocabulary, english, parts.outside, route.score, parts.thesaurus.anchored(query), gaps=parts.gaps)
        return hits, route, scope

    def _search(self, query: str, filters: Filters) -> list[Hit]:
        """The LangChain retriever over the hybrid engine; each document carries its search hit."""
        retriever = HybridRetriever(engine=self.parts.engine, k=RETRIEVE_K, filters=filters)
        return [document.metadata["hit"] for document in retriever.invoke(query)]

    @cached_property
    def vocabulary(self) -> frozenset[str]:
        """Every stem the report (and its English rendering), the thesaurus or the topic map's phrasings use."""
        parts = self.parts
        phrasings = " ".join(p for n in parts.topic_map.needs for p in (*n.phrasings.da, *n.phrasings.en))
        return (
            parts.engine.vocabulary
            | parts.glossary.english_stems
            | parts.thesaurus.vocabulary
            | frozenset(tokenize(phrasings)) | frozenset(tokenize(phrasings, "en"))
        )

    @cached_property
    def speller(self) -> Speller:
        """Every word the report, its English rendering, the thesaurus, the topic map and the glossary use is known."""
        parts = self.parts
        texts = [c.text for c in parts.chunks] + [c.english or "" for c in parts.chunks] + list(parts.sentence_english.values())
        texts += [p for n in parts.topic_map.needs for p in (*n.phrasings.da, *n.phrasings.en)]
        texts += [p for t in (parts.thesaurus, parts.outside) for c in t.concepts for p in (*c.everyday.da, *c.everyday.en, *c.report.da, *c.report.en)]
        stems = self.vocabulary
        return Speller.from_texts(
            [*texts, " ".join(DANISH_STOP), " ".join(ENGLISH_STOP), *parts.glossary.english_vocabulary],
            lambda word: bool(set(tokenize(word)) & stems or set(tokenize(word, "en")) & stems),
        )

    @cached_property
    def statements(self) -> dict[str, Any]:
        return {c.text: c for c in self.parts.chunks if c.kind == "recommendation"}

    @cached_property
    def quotes_by_paragraph(self) -> dict[str, list[Any]]:
        out: dict[str, list[Any]] = {}
        for chunk in self.parts.chunks:
            if chunk.kind == "quote" and chunk.paragraph_id:
                out.setdefault(chunk.paragraph_id, []).append(chunk)
        return out

    @cached_property
    def composer(self) -> Composer:
        report = Report(self.parts.chunks, dict(self.parts.sentence_english))
        return Composer(report, self.statements, self.parts.thesaurus.expand, self.parts.topic_map.spelled_out, self.parts.meaning)

    def _condense(self, question: str, history: Sequence[dict[str, str]], model: Any | None, notices: list[str], language: str) -> str:
        """The follow-up as a question that stands alone, from the answered turns before it (declined ones left out)."""
        previous = _answered_turns(history)
        if not previous:
            return question
        turns = [t for turn in previous for t in turn]
        if model is not None:
            try:
                from langchain_core.output_parsers import StrOutputParser

                from .prompts import load_prompt

                chain = load_prompt("condense") | model | StrOutputParser()
                rewritten = chain.invoke({"history": history_text(turns), "question": fence(question)}).strip()
                if rewritten and len(rewritten) < 1000:
                    return rewritten
            except Exception as exc:  # noqa: BLE001 - fall back to the heuristic
                notices.append(describe_failure(self.settings, exc).get(language))
        return f"{str(previous[-1][0]['content'])[:500]} {question}"

    # -- extractive --------------------------------------------------------------------------------------
    def _extractive(
        self,
        question: str,
        standalone: str,
        language: str,
        hits: list[Hit],
        notices: list[str],
        route: Route | None = None,
        kind: str = "fact",
        gap_said: bool = False,
        shown: str = "",
    ) -> Answer:
        if route is not None and route.need is not None and kind != "fact":
            partial = route.need.partial is not None and not gap_said
            close = route.runner_up if route.runner_up is not None and route.score - route.runner_up_score <= SECOND_NEED_MARGIN else None
            pieces = self.composer.compose(standalone, language, route.need, hits, kind, partial, close, shown)  # type: ignore[arg-type]
            if pieces:
                example = bool(shown) and any(p.part == "quote" for p in pieces)  # asked for an example: the report's voices first
                if example:
                    pieces = [*(p for p in pieces if p.part == "quote"), *(p for p in pieces if p.part != "quote")]
                number, citations = numbered(s.chunk for piece in pieces for s in piece.sentences)
                text = render(pieces, language, route.need, number, kind, partial, example)  # type: ignore[arg-type]
                if language == "en":
                    text = f"{text}\n\n{TRANSLATION_NOTE}"  # last, so the first line answers the question
                need = route.need
                return Answer(question, text, language, citations, False, "extractive", notices, standalone, need=need.id, wizard=need.wizard)
        engine = self.parts.engine
        terms = set(tokenize(standalone))
        if language == "en":
            terms |= set(engine.glossary.expand(standalone))
        units = select_units(candidate_units(hits, terms, engine.bm25, self.quotes_by_paragraph, self.statements, self.parts.sentence_english), language)
        if not units:
            return Answer(question, ABSTAIN[language], language, [], True, "extractive", notices, standalone, "unsupported")
        ordered = sorted(units, key=lambda u: ("recommendation", "finding", "quote", "table").index(u.part))
        number, citations = numbered(u.chunk for u in ordered)
        text = render_units(units, language, number)
        return Answer(question, text, language, citations, False, "extractive", notices, standalone)

    # -- language model ----------------------------------------------------------------------------------
    def _llm_answer(self, turn: Turn) -> Iterator[AnswerEvent]:
        answer: Answer | None = None
        for event in stream_model_answer(self.settings, turn.model, turn.question, turn.language, turn.hits, turn.history):
            if event.kind == "answer":
                answer = event.answer
            else:
                yield event
        assert answer is not None
        yield AnswerEvent("answer", answer=self._checked(turn, answer))

    def _checked(self, turn: Turn, reply: Answer) -> Answer:
        """The model's cited reply with the turn's notices; the extractive answer when the check rejected it."""
        notices = turn.notices + list(reply.notices)
        if reply.backend == REJECTED:
            return self._extractive(turn.question, turn.standalone, turn.language, turn.hits, notices)
        if reply.abstained:
            return Answer(turn.question, ABSTAIN[turn.language], turn.language, [], True, self.settings.llm, notices, turn.standalone, "unsupported")
        need = turn.route.need
        return Answer(
            turn.question, reply.answer, turn.language, reply.citations, False, self.settings.llm, notices, turn.standalone,
            need=need.id if need else "", wizard=need.wizard if need else "",
        )


def _answered_turns(history: Sequence[dict[str, str]]) -> list[tuple[dict[str, str], ...]]:
    """(user turn, assistant reply) pairs whose reply answered from the report; declined turns are left out."""
    turns = [t for t in history if t.get("role") in ("user", "assistant") and str(t.get("content", "")).strip()]
    pairs: list[tuple[dict[str, str], ...]] = []
    for n, turn in enumerate(turns):
        if turn["role"] != "user":
            continue
        reply = turns[n + 1] if n + 1 < len(turns) and turns[n + 1]["role"] == "assistant" else None
        if reply is not None and (ABSTAIN_REPLY.search(str(reply["content"])[:200]) or str(reply["content"]).startswith(OTHER_LANGUAGE[:20])):
            continue
        pairs.append((turn,) if reply is None else (turn, reply))
    return pairs


def _needs_context(question: str, scope: ScopeCheck) -> bool:
    if scope.code == "no-topic-words":
        return True
    refers = _FOLLOW_UP.search(question) or _REFERS_BACK.search(question)
    return bool(refers) and len(question.split()) <= 8 and scope.code in ("covered", "unknown-words")


_FILTER_NAMES = {"kinds": ("type", "kind"), "speakers": ("taler", "speaker"), "parts": ("del", "part")}


def _no_passages(filters: Filters, language: str) -> str:
    """The message for a filter that leaves no passage, naming the filter as the user chose it (labels, not codes)."""
    from .labels import label

    lang = "en" if language == "en" else "da"
    described = "; ".join(
        f"{_FILTER_NAMES[f][lang == 'en']}: {' | '.join(label(v, lang, f) for v in getattr(filters, f))}"
        for f in _FILTER_NAMES
        if getattr(filters, f)
    )
    return NO_PASSAGES[lang].format(filters=described)
