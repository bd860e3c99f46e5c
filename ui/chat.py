"""The chat's pieces: filters, asking (streamed with LLM backends), one turn with its sources, refusal or failure, copy and feedback."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator

import streamlit as st

from ui import components, recent, state, voice
from ui.i18n import label, number, t
from ui.safe import md, md_inline
from ui.turns import Refusal, declined, failure

if TYPE_CHECKING:
    from assistant import Answer
    from ui.resources import Resources

KINDS = (None, "recommendation", "quote")
PARTS = (None, "forord", "indledning", "del-1", "del-2", "del-3")
SPEAKERS = (None, "projektdeltager", "kollega", "leder")  # the core's speaker roles (`--speaker`), named by the label catalogue
PREVIEW_CHARS = 300  # a refused paste's bubble shows this much; the whole text is in the box below it, to copy
WARNING = ":material/warning:"


def filters() -> dict[str, str]:
    """The kind/speaker/part filters the user chose, as keyword arguments for `Assistant.ask`.

    The widgets are keyed per language (their labels change); the choice itself is kept apart, so it survives a switch.
    """
    left, middle, right = st.columns(3)
    with left:
        kind = _filter("kind", KINDS, t("chat.filter.kind"), lambda k: t(f"chat.filter.kind.{k or 'all'}"))
    with middle:
        speaker = _filter("speaker", SPEAKERS, t("chat.filter.speaker"), lambda s: label(s) if s else t("chat.filter.speaker.all"))
    with right:
        part = _filter("part", PARTS, t("chat.filter.part"), lambda p: label(p) if p else t("chat.filter.part.all"))
    return {name: value for name, value in (("kind", kind), ("speaker", speaker), ("part", part)) if value}


def _filter(name: str, options: tuple[str | None, ...], title: str, shown: Any) -> str | None:
    chosen = state.remembered(f"chat.{name}")
    names = {option: shown(option) for option in options}  # formatted now, in this run's language
    value = st.selectbox(title, options, index=options.index(chosen) if chosen in options else 0, format_func=names.__getitem__,
                         key=state.language_key(f"chat.filter.{name}"), placeholder=t("chat.choose"))
    state.remember(f"chat.{name}", value)
    return value


def check_question(question: str, limit: int) -> Refusal | None:
    """Why a (non-empty) question cannot be asked; None when it can."""
    text = question.strip()
    return Refusal("too_long", len(text), limit) if len(text) > limit else None


def submit(res: "Resources", question: str, chosen: dict[str, str]) -> None:
    """Ask ``question`` and show its turn; one that cannot be asked or answered stays in the chat with why, an empty one is only explained."""
    if not question.strip():  # nothing typed: nothing to keep, no empty bubble
        st.error(t("chat.empty"), icon=WARNING)
        return
    refusal = check_question(question, res.settings.max_question_chars)
    if refusal is not None:
        turn = state.add_refused(question, refusal)
        save(res)
        show(res, turn)
        return
    question = question.strip()
    with st.chat_message("user"):
        st.text(question)
    with st.chat_message("assistant"):
        result = ask(res, question, chosen)
        turn = state.add_refused(question, result) if isinstance(result, Refusal) else state.add_turn(question, result)
        save(res)  # kept across a reload of this page (?chat=... in the URL)
        answer(res, turn)


def save(res: "Resources") -> None:
    """Store the conversation (?chat=... in the URL keeps it across a reload) and put it at the top of the user's list."""
    if state.save_chat(res.conversations):
        recent.note(res)


def show(res: "Resources", turn: state.Turn) -> None:
    """One turn of the chat: the question as typed (plain text, never Markdown), then its answer or why it was not asked."""
    with st.chat_message("user"):
        long = turn.refusal is not None and turn.refusal.reason != "failed" and len(turn.question) > PREVIEW_CHARS
        st.text(f"{turn.question[:PREVIEW_CHARS].rstrip()} …" if long else turn.question)
    with st.chat_message("assistant"):
        answer(res, turn)


def copy_text(result: "Answer") -> str:
    """The answer and its sources as plain text for copying or downloading, in the UI's language."""
    lines = [result.answer]
    if result.citations:
        lines += ["", f"{t('chat.sources')}:"]
        for c in result.citations:
            who = f" · {label(c.speaker)}" if c.speaker else ""
            lines.append(f"[{c.n}] {label(c.kind)}{who} — {components.section_path(c.id, c.section)} ({c.id})")
    notices = [n for n in result.notices if n not in result.answer]  # said in the answer already (a draft, no passages)
    lines += ["", *notices] if notices else []
    return "\n".join(lines)


def suggestions() -> None:
    """Example questions for an empty chat."""
    st.caption(t("chat.suggestions"))
    for n in (1, 2, 3):
        question = t(f"chat.suggestion.{n}")
        st.button(question, key=f"chat.suggestion.{n}", on_click=state.set_pending_question, args=(question,), icon=":material/lightbulb:")


def ask(res: "Resources", question: str, chosen: dict[str, str]) -> "Answer | Refusal":
    """Answer ``question`` (streaming tokens with an LLM backend): the finished answer, the core's refusal to read it, or
    what failed while answering it (the language model, the search), kept as a turn like a refusal."""
    from assistant import CocreateError, InputError

    history = state.history()
    try:
        if res.settings.llm == "extractive":
            with st.spinner(t("chat.thinking")):
                return res.assistant.ask(question, history, **chosen)
        return _streamed(res.assistant.stream(question, history, **chosen))
    except InputError:  # the core's own check, after ours (e.g. only symbols): kept as a turn, said in the UI's language
        return Refusal("bad_question")
    except CocreateError as exc:  # the question stays in the chat with what failed; it is never context for a follow-up
        return failure(exc)


def _streamed(events: Iterator[Any]) -> "Answer":
    final: list["Answer"] = []

    def tokens() -> Iterator[str]:
        for event in events:
            if event.kind == "token":
                yield md(event.text)
            elif event.kind == "answer" and event.answer is not None:
                final.append(event.answer)

    box = st.empty()
    try:
        with box.container(), st.spinner(t("chat.thinking")):
            st.write_stream(tokens())
    finally:
        box.empty()  # the finished answer is shown with renumbered markers and its sources; a refused one without a trace
    return final[-1]


def answer(res: "Resources", turn: state.Turn) -> None:
    """One answer: text with [n] markers, engine, notices, sources, copy and feedback, all in the answer's language.

    A refused question gets why instead, and a failed one what failed and what to do, in the UI's language.
    """
    result = turn.answer
    if result is None:
        _refused(turn)
        return
    with voice.speaking(result.language if result.language in ("da", "en") else state.language()):
        _answer(res, turn, result)


def _refused(turn: state.Turn) -> None:
    refusal = turn.refusal
    if refusal is not None and refusal.reason == "failed":
        _failed(turn, refusal)
        return
    if refusal is None or refusal.reason != "too_long":
        st.error(t("chat.bad_question"), icon=WARNING)
        return
    st.error(t("chat.too_long", n=number(refusal.length), max=number(refusal.limit)), icon=WARNING)
    with st.expander(t("chat.your_text"), expanded=turn is state.turns()[-1]):  # open while it is the newest turn
        if len(turn.question.strip()) < refusal.length:  # a huge paste, read back from a saved conversation
            st.caption(t("chat.text_shortened", n=number(len(turn.question))))
        st.code(turn.question, language=None, wrap_lines=True)


def _failed(turn: state.Turn, refusal: Refusal) -> None:
    """What failed (the core's message says why and which setting to fix), that the question is kept, and a button to ask again."""
    detail = refusal.detail(state.language()).strip()
    detail += "" if detail.endswith((".", "!", "?")) else "."
    st.error(t(f"chat.failed.{refusal.part}", error=md_inline(detail)) + " " + t("chat.failed.kept"), icon=WARNING)
    st.button(t("chat.retry"), key=f"chat.retry.{turn.id}", on_click=state.set_pending_question, args=(turn.question,), icon=":material/replay:")


def _answer(res: "Resources", turn: state.Turn, result: "Answer") -> None:
    st.markdown(md(result.answer))
    wizard_link(result)
    for notice in result.notices:
        if notice not in result.answer:  # said in the answer already (a draft request, a filter that left nothing): once
            st.warning(md(notice), icon=":material/info:")
    st.caption(t("app.backend", backend=components.backend_label(result.backend)))
    if result.citations:
        st.markdown(f"**{t('chat.sources')}**")
        for c in result.citations:
            components.citation(c)
    elif declined(result):  # declined, not emptied by a filter
        st.caption(t("chat.no_sources"))
    with st.expander(t("chat.copy"), icon=":material/content_copy:"):
        st.caption(t("chat.copy_hint"))
        text = copy_text(result)
        st.code(text, language=None, wrap_lines=True)
        st.download_button(t("chat.download"), text, file_name=t("chat.file_name"), mime="text/markdown", key=f"chat.download.{turn.id}")
    _feedback(res, turn, result)


def wizard_link(result: "Answer") -> None:
    """Under an answer built for a planning need, a link to the wizard that plans it (its closing line names it)."""
    if result.wizard not in components.WIZARD_PAGES:  # answered from passages, declined, or a wizard this app lacks
        return
    st.page_link(components.WIZARD_PAGES[result.wizard], label=t("chat.open_wizard", wizard=components.wizard_title(result.wizard)),
                 icon=components.WIZARD_ICONS[result.wizard], query_params=state.page_params())


def _feedback(res: "Resources", turn: state.Turn, result: "Answer") -> None:
    """Thumbs up/down are saved the moment they are clicked; a comment, if any, is added to the same entry."""
    if turn.feedback_sent:
        st.caption(t("feedback.thanks"))
        return
    st.caption(t("feedback.ask"))
    stored = {"up": 1, "down": 0}.get(turn.feedback_rating)  # a reloaded chat shows the thumb that was clicked
    rating = st.feedback("thumbs", key=state.feedback_key(turn.id, "rating"), default=stored)
    if rating is None:
        return
    verdict = "up" if rating == 1 else "down"
    with components.user_errors(ValueError, OSError, KeyError):  # the store rejects bad input with ValueError
        if not turn.feedback_id:
            entry = res.feedback.add(
                question=turn.question, answer=result.answer, rating=verdict, citations=[c.id for c in result.citations], backend=result.backend
            )
            turn.feedback_id, turn.feedback_rating = entry.id, verdict
            save(res)
        elif turn.feedback_rating != verdict:  # the other thumb: the entry changes with it
            res.feedback.revise(turn.feedback_id, verdict)
            turn.feedback_rating = verdict
            save(res)
    st.caption(t("feedback.saved"))
    comment = st.text_input(t("feedback.comment"), key=state.feedback_key(turn.id, "comment"), max_chars=2000)
    if st.button(t("feedback.send"), key=state.feedback_key(turn.id, "send"), icon=":material/send:"):
        if comment.strip():
            with components.user_errors(ValueError, OSError, KeyError):
                res.feedback.revise(turn.feedback_id, verdict, comment)
        state.mark_feedback_sent(turn.id)
        save(res)
        st.rerun()
