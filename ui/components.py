"""Small pieces shared by the pages: errors, the index progress bar, passages and the report's advice."""
from __future__ import annotations

from contextlib import contextmanager
from typing import TYPE_CHECKING, Iterator, NoReturn

import streamlit as st

from assistant import CocreateError
from assistant.errors import message_in
from ui import state
from ui.i18n import label, number, t
from ui.safe import md, md_inline

if TYPE_CHECKING:
    from assistant import Assistant, Citation, Hit


WIZARD_PAGES = {  # wizard kind -> its page script, relative to ui/app.py
    "fourp": "views/fourp.py",
    "identity": "views/identity.py",
    "culture": "views/culture.py",
    "priorities": "views/priorities.py",
    "evaluation": "views/evaluation.py",
}
WIZARD_ICONS = {
    "fourp": ":material/explore:",
    "identity": ":material/badge:",
    "culture": ":material/account_balance:",
    "priorities": ":material/bar_chart:",
    "evaluation": ":material/fact_check:",
}
MAX_UPLOAD_MB = 10


def fail(exc: Exception) -> NoReturn:
    """Tell the user what went wrong (the core's message is written for them) and stop this run.

    A database outage is said in the user's language, with the core's detail (which database) after it.
    """
    from assistant.db import DatabaseUnavailable

    if isinstance(exc, DatabaseUnavailable):
        st.error(t("app.db_down", error=md_inline(str(exc))), icon=":material/cloud_off:")
    else:
        st.error(md(message_in(exc, state.language())), icon=":material/warning:")
    st.stop()


@contextmanager
def user_errors(*also: type[Exception]) -> Iterator[None]:
    """Turn a CocreateError (or one of ``also``) inside the block into st.error + st.stop()."""
    try:
        yield
    except (CocreateError, *also) as exc:
        fail(exc)


def ensure_index(assistant: "Assistant") -> None:
    """Build the search index if needed, with a progress bar instead of a frozen page."""
    bar = None

    def progress(done: int, total: int) -> None:
        nonlocal bar
        if bar is None:
            bar = st.progress(0.0, text=t("index.building", done=0, total=number(total)))
        bar.progress(min(1.0, done / total) if total else 1.0, text=t("index.building", done=number(done), total=number(total)))

    with user_errors(), st.spinner(t("index.checking"), show_time=True):
        assistant.ensure_index(progress=progress)
    if bar is not None:
        bar.empty()
        st.toast(t("index.done"), icon=":material/check_circle:")


def backend_label(backend: str) -> str:
    return t("backend.extractive") if backend == "extractive" else t("backend.llm", backend=backend)


def wizard_title(kind: str) -> str:
    from assistant.planning import wizard_title as title_of

    return title_of(kind, state.language())


def source_caption(*source_ids: str) -> None:
    """'Kilde: Ændret adfærd (del-2.adfaerd.q04)' under an excerpt, for each passage id it cites."""
    from assistant.planning import source_label

    parts = []
    for source_id in source_ids:
        try:
            name = source_label(source_id, state.language()).split(" › ")[-1]
        except (KeyError, ValueError):
            name = ""
        if name.isupper():
            name = name.capitalize()
        parts.append(f"{name} ({source_id})" if name else source_id)
    st.caption(t("wizard.advice_source", source=md_inline("; ".join(parts))))


def section_path(passage_id: str, section: str) -> str:
    """The passage's section path in the UI's language ("Del 2 … › Ændret adfærd"); the stored path for added documents."""
    from assistant.planning import source_path

    try:
        return " › ".join(source_path(passage_id, state.language()))
    except KeyError:
        return section.replace(" > ", " › ")


def section_name(passage_id: str, section: str) -> str:
    """The last part of :func:`section_path`, sentence-cased when the report prints it in capitals."""
    name = section_path(passage_id, section).split(" › ")[-1]
    return name.capitalize() if name.isupper() else name


def _opening(text: str, words: int = 7) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def passage(text: str, kind: str, speaker: str | None, section: str, source_id: str, english: str | None) -> None:
    """A passage of the report with where it stands and who speaks."""
    st.caption(f"**{t('chat.section')}:** {md_inline(section_path(source_id, section))}  \n**{t('chat.passage_id')}:** {md_inline(source_id)}"
               + (f"  \n**{t('chat.speaker')}:** {md_inline(label(speaker))}" if speaker else ""))
    body = md(text)
    st.markdown(f"> {body.replace(chr(10), chr(10) + '> ')}" if kind == "quote" else body)
    if english and state.language() == "en":
        st.caption(f"*{t('chat.english_rendering')}:* {md_inline(english)}")


def passage_label(prefix: str, kind: str, speaker: str | None, section: str, source_id: str, text: str = "") -> str:
    """'[1] Citat · Leder — Ændret adfærd', with the passage's opening words when ``text`` is given (to tell passages apart)."""
    who = f" · {label(speaker)}" if speaker else ""
    opening = f": »{_opening(text)}«" if text else ""
    return md_inline(f"{prefix}{label(kind)}{who} — {section_name(source_id, section)}{opening}")


def citation(c: "Citation") -> None:
    """One cited source in an expander: section path, passage, speaker role."""
    with st.expander(passage_label(f"[{c.n}] ", c.kind, c.speaker, c.section, c.id)):
        passage(c.text, c.kind, c.speaker, c.section, c.id, c.english)


def hit(h: "Hit") -> None:
    hits([h])


def hits(group: "list[Hit]") -> None:
    """One place in the report (a passage, or several rows of one table) in one expander titled by its opening words."""
    chunk = group[0].chunk
    shown = chunk.english if state.language() == "en" and chunk.english else chunk.text
    with st.expander(passage_label("", chunk.kind, chunk.speaker, chunk.section, chunk.id, shown)):
        for h in group:
            c = h.chunk
            passage(c.text, c.kind, c.speaker, c.section, c.id, c.english)
