"""The wizard machinery: open or start a draft, one render function per step, autosave, advice, final document."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, Callable, Collection, Sequence

import streamlit as st
from pydantic import BaseModel, ValidationError

from assistant.errors import message_in
from assistant.planning import MAX_TEXT

from ui import autosave, components, saving, state, teams
from ui.evidence import Evidence
from ui.form import Form, options  # noqa: F401 - the wizards' steps take Form and options from here
from ui.i18n import label, number, t
from ui.resources import Resources, resources
from ui.safe import md_document, md_inline

TITLE_CHARS = 200  # a draft title longer than this is said at the field and not saved (the store allows more)

if TYPE_CHECKING:
    from assistant.planning import Draft


StepRenderer = Callable[[Form], None]


@dataclass(frozen=True)
class Wizard:
    """What differs between wizards: the model and a render function per step (the summary is shared)."""

    kind: str
    model: type[BaseModel]
    steps: dict[str, StepRenderer]
    summary_extra: Callable[[Form, BaseModel], None] | None = None  # e.g. a chart above the document
    extra_keys: tuple[str, ...] = ()  # draft data the UI keeps beside the model's fields (e.g. team profile codes)
    document_extra: Callable[[Form], dict[str, Any]] | None = None  # the `extra` argument of render_markdown/render_docx
    new_data: Callable[[str], dict[str, Any]] | None = None  # a new draft's data, by language
    clean: Callable[[dict[str, Any]], dict[str, Any]] | None = None  # drop stored values the core would reject (old backups)


def run(wizard: Wizard) -> None:
    """Render the wizard page for the draft that is open (or the start screen when none is)."""
    from assistant.planning import STEPS

    res = resources()
    language = state.language()
    st.title(components.wizard_title(wizard.kind))
    st.caption(t(f"intro.{wizard.kind}"))
    draft = _open_draft(res, wizard)
    autosave.save_while_typing()
    steps = STEPS[wizard.kind]
    current = state.step(draft.id, draft.step)
    if current not in steps:
        current = steps[0]
    index = steps.index(current)
    autosave.top_of_step(f"{draft.id}.{current}")  # a new step opens at its heading, not where "Next" was clicked

    start_data, start_title = saving.start_values(draft)  # what this tab could not save yet, else the stored draft
    notice = st.container()  # a conflict with another tab, or the database being away (filled after the save below)
    top_left, top_right = st.columns([3, 1], vertical_alignment="bottom")
    with top_left:
        typed_title = st.text_input(t("wizard.draft_title"), value=start_title, key=state.widget_key(draft.id, "_title"))
        title = _checked_title(typed_title, draft.title)
    with top_right:
        st.button(t("wizard.close"), on_click=state.close_draft, args=(wizard.kind,), icon=":material/folder:", key=f"close.{draft.id}")
    teams.share_control(res, draft)  # signed in: the author chooses which team sees the draft
    saved_note = st.empty()
    step_bar = st.container()  # drawn after the step, which tells whether a field holds the page (then a jump waits)

    stored = wizard.clean(start_data) if wizard.clean else start_data
    form = Form(draft.id, dict(stored), language)
    if "title" in wizard.model.model_fields:  # the draft's title is the plan's title: one field, not two
        form.data["title"] = title
    if current == "summary":
        model = _validated(wizard, form.data, stored)
        _summary(wizard, form, model, title or draft.title)
    else:
        left, right = st.columns([3, 2], gap="large")
        with left:
            wizard.steps[current](form)
        with right:
            advice(wizard.kind, current, form.evidence)  # after the step: what the step quoted is not quoted again
        model = _validated(wizard, form.data, stored)
    data = model.model_dump(mode="json") | {key: form.data[key] for key in wizard.extra_keys if key in form.data}
    # Save first, move after: a value typed just before clicking "Next" arrives in this run and must not be lost.
    saved = saving.autosave(res, draft, data, title, current) or draft
    waiting = list(dict.fromkeys(form.waiting))  # typed, not saved: the page neither calls it saved nor leaves it behind
    if state.unsaved(draft.id) is None:
        saved_note.caption(_saved_text(waiting, when(saved.updated)))
    with notice:
        saving.notices(res, draft)
    held_back = _held_back(form)
    with step_bar:
        jump = _step_bar(wizard.kind, steps, index, draft.id, held_back)
    target = _nav_buttons(draft.id, steps, index, held_back) or jump
    if target and target != current:  # never while held back: both controls return None then
        state.set_step(draft.id, target)
        if state.unsaved(draft.id) is None:  # the step is saved with the answers when those wait for the database
            with components.user_errors():
                saving.save(res, saved, step=target)
        st.rerun()
    if form.rerun:
        st.rerun()


def _saved_text(waiting: list[str], time: str) -> str:
    """The note under the title: saved at ``time``, or which fields are not saved yet (the rest is)."""
    if not waiting:
        return t("wizard.saved", time=time)
    return t("wizard.not_saved_yet", fields="», «".join(md_inline(title) for title in waiting), time=time)


def _held_back(form: Form) -> list[str]:
    """Why the page cannot move on: a text too long or a number that is not one would be lost (empty: it can)."""
    reasons = [t("wizard.shorten_first")] if form.too_long else []
    if form.invalid:
        reasons.append(t("wizard.fix_number_first", fields="», «".join(md_inline(f) for f in dict.fromkeys(form.invalid))))
    return reasons


def _validated(wizard: Wizard, data: dict[str, Any], saved: dict[str, Any]) -> BaseModel:
    """The model of the entered data. An entry the core rejects keeps its last saved value (the reason is said once);
    every other entry of this run is kept, so a too-long text never costs the choices made after it."""
    data = dict(data)
    said: set[str] = set()
    for _ in range(len(data) + 1):
        try:
            return wizard.model.model_validate(data)
        except ValidationError as exc:
            error = exc.errors()[0]
            field = str(error["loc"][0]) if error.get("loc") else ""
            cause = error.get("ctx", {}).get("error")  # the model's InvalidValue: its message in both languages
            message = message_in(cause, state.language()) if isinstance(cause, BaseException) else str(error.get("msg", exc))
            shown_at_field = isinstance(data.get(field), str) and len(str(data[field]).strip()) > MAX_TEXT  # Form.text says it
            if message not in said and not shown_at_field:
                said.add(message)
                st.error(t("wizard.invalid", error=md_inline(message)), icon=":material/warning:")
            if not field or field not in data or data[field] == saved.get(field):
                break
            data[field] = saved.get(field)  # this entry waits; the rest is saved
    try:
        return wizard.model.model_validate(saved)
    except ValidationError:
        return wizard.model()


def _open_draft(res: Resources, wizard: Wizard) -> "Draft":
    """The draft to show: named in the URL (reload, link), else this session's, else the start screen."""
    kind = wizard.kind
    wanted = state.url_draft_id() or state.draft_id(kind)
    draft = get_draft(res, wanted)
    if draft is not None and draft.kind != kind:  # the URL names another wizard's draft (the sidebar keeps the URL's
        # query when the user moves to another wizard): keep this page's own
        wanted = state.draft_id(kind)
        draft = get_draft(res, wanted)
    if draft is None:
        if wanted:  # deleted, or (signed in) someone else's: the same answer, which tells nothing about others' drafts
            st.warning(t("auth.not_found") if res.settings.auth == "oidc" else t("wizard.not_found"))
            state.close_draft(kind)
        _start_screen(res, wizard)
        st.stop()
    if state.draft_id(kind) != draft.id:
        state.open_draft(kind, draft.id, draft.step, {"data": draft.data, "title": draft.title})
    state.sync_url(draft.id)
    return draft


def get_draft(res: Resources, draft_id: str | None) -> "Draft | None":
    """The stored draft, or None when this user has none with this id (deleted in another tab, or someone else's)."""
    if not draft_id:
        return None
    with components.user_errors():
        return saving.load(res, draft_id)


def _checked_title(typed: str, kept: str) -> str:
    """The title to save: what was typed, or the saved one (said at the field) while it is empty or too long."""
    if not typed.strip():
        st.warning(t("wizard.title_empty", kept=kept), icon=":material/warning:")
        return kept
    if len(typed.strip()) > TITLE_CHARS:
        st.warning(t("wizard.title_too_long", n=number(len(typed.strip())), most=number(TITLE_CHARS), kept=kept), icon=":material/warning:")
        return kept
    return typed


def _start_screen(res: Resources, wizard: Wizard) -> None:
    from assistant.planning import STEPS

    st.caption(t("wizard.autosave_note"))
    with components.user_errors(), saving.database_errors(res):
        existing = res.drafts.list(kind=wizard.kind)
    today = t("wizard.default_title", tool=components.wizard_title(wizard.kind), date=datetime.now().strftime("%d.%m.%Y"))
    default = default_title(today, [d.title for d in existing])
    with st.form(f"start.{wizard.kind}", border=True):
        title = st.text_input(t("wizard.start_title"), value=default)
        started = st.form_submit_button(t("wizard.start"), type="primary", icon=":material/edit_note:")
    if started and not title.strip():
        st.warning(t("wizard.start_title_empty"), icon=":material/warning:")
    elif started and len(title.strip()) > TITLE_CHARS:
        st.warning(t("wizard.start_title_too_long", n=number(len(title.strip())), most=number(TITLE_CHARS)), icon=":material/warning:")
    elif started:
        first = STEPS[wizard.kind][0]
        data = wizard.new_data(state.language()) if wizard.new_data else wizard.model().model_dump(mode="json")
        if "title" in wizard.model.model_fields:
            data["title"] = title.strip()
        with components.user_errors(), saving.database_errors(res):
            draft = res.drafts.create(wizard.kind, title.strip(), data, first)
        state.open_draft(wizard.kind, draft.id, first, {"data": draft.data, "title": draft.title})
        st.rerun()
    if existing:
        st.subheader(t("wizard.continue"))
        for draft in existing[:10]:
            left, right = st.columns([4, 1], vertical_alignment="center")
            left.markdown(f"**{md_inline(draft.title)}**  \n{md_inline(draft_meta(draft))}")
            if right.button(t("drafts.open"), key=f"open.{draft.id}", icon=":material/folder_open:"):
                state.open_draft(wizard.kind, draft.id, draft.step, {"data": draft.data, "title": draft.title})
                st.rerun()
    advice(wizard.kind, STEPS[wizard.kind][0])


def default_title(base: str, taken: Collection[str]) -> str:
    """A new draft's suggested title: ``base`` ("4P-planlægger 02.12.2026"), or "base (2)", "base (3)" ... when a draft has it."""
    used = {title.strip().casefold() for title in taken}
    title, n = base, 1
    while title.casefold() in used:
        n += 1
        title = f"{base} ({n})"
    return title


def draft_meta(draft: "Draft") -> str:
    """'4P-planlægger · trin: Partnere · senest gemt 12.03.2025 14:05' (and ' · delt med et team' when it is)."""
    meta = t("drafts.meta", tool=components.wizard_title(draft.kind), step=step_title(draft.kind, draft.step), updated=when(draft.updated))
    return meta + t("teams.marker") if draft.workspace else meta


def when(value: Any) -> str:
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone()
        return value.strftime("%d.%m.%Y %H:%M")
    return str(value)


def step_title(kind: str, step: str) -> str:
    """A wizard step's title in the UI's language (the step's id when the wizard has no such step)."""
    from assistant.planning import step_title as title_of

    try:
        return title_of(kind, step, state.language())
    except (KeyError, ValueError):
        return step


def _step_bar(kind: str, steps: list[str], index: int, draft_id: str, held_back: list[str]) -> str | None:
    """Progress and a row of steps to jump between; returns the step clicked, if any.

    While ``held_back`` gives reasons, a click on another step is refused: the row is drawn afresh at the open step
    (a new key: its selection would otherwise show a step the page is not on) and the reasons are said under it.
    """
    st.progress((index + 1) / len(steps), text=t("wizard.step_of", n=index + 1, total=len(steps), title=step_title(kind, steps[index])))
    refusals = f"wizard.jump_refused.{draft_id}"  # how many jumps were refused: a part of the row's key
    turn = int(state.remembered(refusals) or 0)
    jump = st.segmented_control(
        t("wizard.steps"), steps, default=steps[index], format_func=lambda s: f"{steps.index(s) + 1}. {_short(step_title(kind, s))}",
        key=f"wizard.jump.{draft_id}.{steps[index]}.{state.language()}.{turn}", label_visibility="collapsed", wrap=True,
    )
    if held_back and jump and jump != steps[index]:
        state.remember(refusals, turn + 1)
        st.rerun()
    for reason in held_back if turn else []:  # once a jump was refused, said at the row as well
        st.warning(reason, icon=":material/warning:")
    return None if held_back else jump


def _short(title: str) -> str:
    return re.split(r"[:?]", title)[0]


def _nav_buttons(draft_id: str, steps: list[str], index: int, held_back: list[str]) -> str | None:
    """Back and Next, always both in place; returns the step to go to when one was clicked.

    While ``held_back`` gives reasons (a field holds what is not saved yet, and moving would lose it), the reasons stand
    between the buttons and a click stays on the step, as with a number that is not one yet.
    """
    st.divider()
    back, middle, forward = st.columns([1, 3, 1])
    went_back = index > 0 and back.button(t("wizard.back"), key=f"back.{draft_id}", width="stretch")
    went_on = index < len(steps) - 1 and forward.button(t("wizard.next"), key=f"next.{draft_id}", type="primary", width="stretch")
    for reason in held_back:
        middle.warning(reason, icon=":material/warning:")
    if held_back:
        return None
    return steps[index - 1] if went_back else steps[index + 1] if went_on else None


def advice(kind: str, step: str, evidence: Evidence | None = None) -> None:
    """What the report says about this step: curated excerpts with their source ids, and more cited passages.

    Each text is shown once on the page (``evidence`` holds what the step itself quoted), and a lone word or a figure's
    label, which is no sentence a reader can follow, is left out.
    """
    from assistant.planning import source_speaker, step_advice, step_query

    language = state.language()
    evidence = evidence if evidence is not None else Evidence()
    with st.container(border=True):
        st.markdown(f"**:material/menu_book: {t('wizard.report_says')}**")
        for item in evidence.select(step_advice(kind, step)):
            speaker = source_speaker(item.source_id)  # a quote says who said it, as in the document
            st.markdown(f"> {label(speaker)}: ”{md_inline(item.text)}”" if speaker else f"> {md_inline(item.text)}")
            if language == "en" and item.english:
                st.caption(t("wizard.advice_english", text=md_inline(item.english)))
            components.source_caption(item.source_id)
        shown = {_passage_key(source_id) for source_id in evidence.source_ids}
        query = step_query(kind, step, language)
        hits = state.memo(f"passages.{kind}.{step}.{language}", lambda: _search(query))
        groups = distinct_passages(hits, shown)[:MORE_PASSAGES]
        st.markdown(f"**{t('wizard.more_passages')}**")
        if not groups:
            st.caption(t("wizard.no_passages"))
        for group in groups:
            components.hits(group)  # each titled by its own opening words, so no two look alike


MORE_PASSAGES = 3


def _passage_key(passage_id: str) -> str:
    """What counts as one place in the report: a table's rows are one table, a paragraph's parts one paragraph."""
    base = passage_id.split("#", 1)[0]
    table = re.match(r"(tabel-\d+|figur-\d+)\b", base)
    return table.group(1) if table else base


def distinct_passages(hits: Sequence[Any], shown: Collection[str] = ()) -> list[list[Any]]:
    """The hits as distinct places, in rank order: rows of one table together, nothing twice (by id or text), nothing already quoted."""
    groups: dict[str, list[Any]] = {}
    texts: set[str] = set()
    for found in hits:
        key = _passage_key(found.chunk.id)
        text = " ".join(found.chunk.text.split()).casefold()
        if key in shown or text in texts:
            continue
        texts.add(text)
        groups.setdefault(key, []).append(found)
    return list(groups.values())


def _search(query: str) -> list[Any]:
    with components.user_errors():
        return resources().assistant.search(query, 3 * MORE_PASSAGES)  # room to drop what is already shown


def _summary(wizard: Wizard, form: Form, model: BaseModel, title: str) -> None:
    from assistant.planning import render_docx, render_markdown

    language = form.language
    problems = model.problems(language)  # type: ignore[attr-defined]
    if problems:
        st.info(t("wizard.missing") + "\n" + "\n".join(f"- {md_inline(p)}" for p in problems), icon=":material/checklist:")
    else:
        st.success(t("wizard.complete"), icon=":material/check_circle:")
    if wizard.summary_extra is not None:
        wizard.summary_extra(form, model)
    extra = {"name": title, **(wizard.document_extra(form) if wizard.document_extra else {})}  # the draft's title names the document
    with components.user_errors():
        document = render_markdown(wizard.kind, model, language, extra)
        docx = render_docx(wizard.kind, model, language, extra)
    st.subheader(t("wizard.document"))
    name = _slug(title) or wizard.kind
    left, right, _ = st.columns([1, 1, 2])
    left.download_button(t("wizard.download_docx"), docx, file_name=f"{name}.docx", icon=":material/article:", key=f"docx.{form.draft_id}",
                         mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document", type="primary", width="stretch")
    right.download_button(t("wizard.download_md"), document, file_name=f"{name}.md", mime="text/markdown", icon=":material/description:",
                          key=f"md.{form.draft_id}", width="stretch")
    with st.container(border=True):
        st.markdown(_demote_headings(md_document(document)))


def _demote_headings(markdown: str) -> str:
    """The document's headings two levels down, so its title does not outshout the page's."""
    return re.sub(r"(?m)^(#{1,4}) ", lambda m: "#" * min(6, len(m.group(1)) + 2) + " ", markdown)


def _slug(title: str) -> str:
    return re.sub(r"[^\w\-]+", "-", title.strip().lower()).strip("-")[:60]
