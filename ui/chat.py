"""The chat's pieces: filters, asking (streamed with LLM backends), one answer with sources, copy and feedback."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator

import streamlit as st

from ui import components, state
from ui.i18n import label, t
from ui.safe import md

if TYPE_CHECKING:
    from assistant import Answer
    from ui.resources import Resources

KINDS = (None, "recommendation", "quote")
PARTS = (None, "forord", "indledning", "del-1", "del-2", "del-3")


def filters() -> dict[str, str]:
    """The kind/part filters the user chose, as keyword arguments for `Assistant.ask`."""
    kind_key, part_key = state.chat_filter_keys()
    left, right = st.columns(2)
    with left:
        kind = st.selectbox(t("chat.filter.kind"), KINDS, key=kind_key, format_func=lambda k: t(f"chat.filter.kind.{k or 'all'}"))
    with right:
        part = st.selectbox(t("chat.filter.part"), PARTS, key=part_key, format_func=lambda p: label(p) if p else t("chat.filter.part.all"))
    return {name: value for name, value in (("kind", kind), ("part", part)) if value}


def suggestions() -> None:
    """Example questions for an empty chat."""
    st.caption(t("chat.suggestions"))
    for n in (1, 2, 3):
        question = t(f"chat.suggestion.{n}")
        st.button(question, key=f"chat.suggestion.{n}", on_click=state.set_pending_question, args=(question,), icon=":material/lightbulb:")


def ask(res: "Resources", question: str, chosen: dict[str, str]) -> "Answer":
    """Answer ``question`` (streaming tokens with an LLM backend) and return the finished answer."""
    history = state.history()
    with components.user_errors():
        if res.settings.llm == "extractive":
            with st.spinner(t("chat.thinking")):
                return res.assistant.ask(question, history, **chosen)
        return _streamed(res.assistant.stream(question, history, **chosen))


def _streamed(events: Iterator[Any]) -> "Answer":
    final: list["Answer"] = []

    def tokens() -> Iterator[str]:
        for event in events:
            if event.kind == "token":
                yield md(event.text)
            elif event.kind == "answer" and event.answer is not None:
                final.append(event.answer)

    box = st.empty()
    with box.container(), st.spinner(t("chat.thinking")):
        st.write_stream(tokens())
    box.empty()  # the finished answer is shown with renumbered markers and its sources
    return final[-1]


def answer(res: "Resources", turn: state.Turn) -> None:
    """One answer: text with [n] markers, engine, notices, sources, copy and feedback."""
    result = turn.answer
    st.markdown(md(result.answer))
    for notice in result.notices:
        st.warning(md(notice), icon=":material/info:")
    st.caption(t("app.backend", backend=components.backend_label(result.backend)))
    if result.citations:
        st.markdown(f"**{t('chat.sources')}**")
        for c in result.citations:
            components.citation(c)
    elif result.abstained:
        st.caption(t("chat.no_sources"))
    with st.expander(t("chat.copy"), icon=":material/content_copy:"):
        st.caption(t("chat.copy_hint"))
        st.code(result.render_text(), language=None, wrap_lines=True)
        st.download_button(t("chat.download"), result.render_text(), file_name="svar.md", mime="text/markdown", key=f"chat.download.{turn.id}")
    _feedback(res, turn)


def _feedback(res: "Resources", turn: state.Turn) -> None:
    if turn.feedback_sent:
        st.caption(t("feedback.thanks"))
        return
    st.caption(t("feedback.ask"))
    rating = st.feedback("thumbs", key=state.feedback_key(turn.id, "rating"))
    if rating is None:
        return
    comment = st.text_input(t("feedback.comment"), key=state.feedback_key(turn.id, "comment"), max_chars=2000)
    if st.button(t("feedback.send"), key=state.feedback_key(turn.id, "send"), icon=":material/send:"):
        result = turn.answer
        with components.user_errors(ValueError, OSError):  # the store rejects bad input with ValueError
            res.feedback.add(
                question=turn.question,
                answer=result.answer,
                rating="up" if rating == 1 else "down",
                comment=comment,
                citations=[c.id for c in result.citations],
                backend=result.backend,
            )
        state.mark_feedback_sent(turn.id)
        st.rerun()
