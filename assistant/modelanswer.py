"""A language model's answer: prompt | chat model (streamed) | citation check, within the model's context budget."""
from __future__ import annotations

import re
from typing import Any, Iterator, Sequence

from .answers import ABSTAIN_REPLY, Answer, AnswerEvent, Citation, citation_for
from .config import Settings
from .errors import BackendError
from .grounding import MARKER, MarkerStream, check_claims, fence, history_text, passage_block, wrong_language
from .retrieval import Hit

REJECTED = "rejected"  # the backend of a reply the check refused: the chain answers extractively instead


def stream_model_answer(
    settings: Settings, model: Any, question: str, language: str, hits: Sequence[Hit], history: Sequence[dict[str, str]]
) -> Iterator[AnswerEvent]:
    """Token events as the model writes, then one answer event: cited, abstained, or ``REJECTED`` with the reason."""
    from .prompts import load_prompt
    from .tokens import count_tokens, truncate_tokens

    prompt = load_prompt(f"answer.{'en' if language == 'en' else 'da'}")
    past = history_text(history)
    budget = settings.llm_context_tokens - settings.llm_answer_tokens - count_tokens(prompt.format(passages="", question=question, history="")) - 64
    past = truncate_tokens(past, max(0, budget // 4))
    budget -= count_tokens(past)
    blocks: list[str] = []
    used: list[Hit] = []
    for n, hit in enumerate(hits, start=1):
        block = passage_block(n, hit.chunk, language)
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
    messages = prompt.format_messages(passages=fence("\n\n".join(blocks)), question=fence(question), history=past)
    pieces: list[str] = []
    shown = MarkerStream(len(used))  # shows markers whole and numbered as in the final answer
    for chunk in model.stream(messages):
        text = chunk.content if isinstance(chunk.content, str) else "".join(str(p) for p in chunk.content)
        if text:
            pieces.append(text)
            if visible := shown.feed(text):
                yield AnswerEvent("token", visible)
    if visible := shown.flush():
        yield AnswerEvent("token", visible)
    yield AnswerEvent("answer", answer=cited_reply(question, language, "".join(pieces).strip(), used, settings.llm))


def cited_reply(question: str, language: str, raw: str, used: Sequence[Hit], backend: str) -> Answer:
    """The model's reply, kept only as far as it is grounded; ``REJECTED`` (with the reason as a notice) otherwise.

    A statement whose markers all name passages that don't exist, or that quotes words no passage contains,
    is left out. The reply is rejected when nothing valid is cited, when most of it is uncited, or when it is
    written in the other language.
    """
    if not raw or ABSTAIN_REPLY.search(raw) and len(raw) < 200:
        return Answer(question, "", language, [], True, backend)
    check = check_claims(raw, used)
    mapping: dict[int, int] = {}
    citations: list[Citation] = []

    def renumber(match: re.Match[str]) -> str:
        n = int(match.group(1))
        if not 1 <= n <= len(used):
            return ""
        if n not in mapping:
            mapping[n] = len(mapping) + 1
            citations.append(citation_for(mapping[n], used[n - 1].chunk))
        return f"[{mapping[n]}]"

    text = re.sub(r"[ \t]+([.,;:])", r"\1", MARKER.sub(renumber, check.text)).strip()
    da = language != "en"
    reason = None
    if not citations or not check.cited:
        reason = ("citerede ingen passage i rapporten" + (", der findes" if check.invalid else "")) if da else (
            "cited no passage of the report" + (" that exists" if check.invalid else "")
        )
    elif check.uncited > check.cited:
        total = check.cited + check.uncited
        reason = f"lod {check.uncited} af {total} udsagn stå uden kilde" if da else f"left {check.uncited} of {total} statements without a source"
    elif wrong_language(text, language):
        reason = "var ikke skrevet på dansk" if da else "was not written in English"
    if reason:
        notice = f"Sprogmodellens svar {reason}; her er i stedet det udtrukne svar." if da else f"The language model's answer {reason}; showing the extractive answer instead."
        return Answer(question, "", language, [], True, REJECTED, [notice])
    notices = []
    if check.invalid or check.misquoted:
        left_out = [
            (f"{check.invalid} citerede en passage, der ikke findes" if da else f"{check.invalid} cited a passage that does not exist") if check.invalid else "",
            (f"{check.misquoted} citerede ord, som ingen citeret passage indeholder" if da else f"{check.misquoted} quoted words no cited passage contains")
            if check.misquoted
            else "",
        ]
        count = check.invalid + check.misquoted
        head = f"Udeladt: {count} udsagn i sprogmodellens svar: " if da else f"Left out {count} statement(s) of the language model's answer: "
        notices.append(head + "; ".join(p for p in left_out if p) + ".")
    return Answer(question, text, language, citations, False, backend, notices)
