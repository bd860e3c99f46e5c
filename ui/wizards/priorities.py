"""Management's prioritisation: areas x target competence level x staff, support, timing and signals, ending in a memo."""
from __future__ import annotations

from typing import Any

import streamlit as st
from pydantic import BaseModel, ValidationError

from assistant.planning import MAX_TEXT, PrioritisationDraft, PriorityArea, priorities_chart_data
from ui import autosave, charts, state
from ui.i18n import label, number, t
from ui.safe import md_inline
from ui.wizard import Form, Wizard, options

LEVELS = options(PriorityArea, "target_level")
SUPPORT = options(PriorityArea, "support")
SIGNALS = options(PrioritisationDraft, "signals")
NAME_CHARS = 200  # the core's limit for an area's name (PriorityArea); the fields take more and say so, never cut a paste


def _areas(form: Form) -> list[dict[str, Any]]:
    areas = [dict(a) for a in form.data.get("areas") or [] if isinstance(a, dict)]
    form.data["areas"] = areas
    return areas


def _row_key(form: Form, i: int, area: dict[str, Any], name: str) -> str:
    return form.key(f"area.{i}.{area.get('area', '')}.{name}")


def omraader(form: Form) -> None:
    form.text("library", t("priorities.library"))
    st.markdown(f"**{t('priorities.areas')}**")
    areas = _areas(form)
    for i, area in enumerate(list(areas)):
        name_col, remove_col = st.columns([4, 1], vertical_alignment="bottom")
        with name_col:
            name = st.text_input(t("priorities.area"), value=area["area"], key=_row_key(form, i, area, "name"), label_visibility="collapsed")
        if not name.strip():
            st.warning(t("priorities.empty_name"), icon=":material/warning:")
        elif len(name.strip()) > NAME_CHARS:  # the area keeps its saved name; the typed one stays in the field until it is shorter
            _say_too_long(name)
            form.text_waits(f"area.{i}", t("priorities.area"))  # and the page does not move on, which would drop it
        else:
            area["area"] = name.strip()
        if remove_col.button(t("priorities.remove"), key=_row_key(form, i, area, "remove"), icon=":material/delete:", width="stretch"):
            areas.pop(i)
            form.data["new_area"] = str(state.widget_value(form.key("area.new")) or form.data.get("new_area") or "")  # not drawn this run
            form.rerun = True
            return
    # No st.form here: a name typed but not yet added is autosaved like every other field (draft data "new_area"),
    # so a reload keeps it, as the page promises. The autosave commits the field with an Enter of its own, so the field
    # cannot add on change; instead the user's own Enter clicks the button (autosave.enter_clicks). The button sits
    # under the field, so its label always fits.
    key = form.key("area.new")
    state.init_widget(key, str(form.data.get("new_area") or ""))
    names = [str(a.get("area", "")) for a in areas]
    with autosave.enter_clicks("new-area"):
        new = st.text_input(t("priorities.new_area"), placeholder=t("priorities.new_area.placeholder"), key=key)
        st.button(t("priorities.add"), icon=":material/add:", width="content", key=form.key("area.add"), on_click=_take_new_area,
                  args=(key, names))
    added = state.pop_pending(key)
    taken = {n.strip().casefold() for n in names}
    if new.strip() and new.strip().casefold() in taken:  # said for as long as the field holds a name the list has
        st.warning(t("priorities.duplicate_area", name=md_inline(new.strip())), icon=":material/warning:")
    elif len(new.strip()) > NAME_CHARS:  # said for as long as the field holds it: the button leaves it there to shorten
        _say_too_long(new)
    elif new.strip() and added is None:  # typed, not added: said, so it is not silently left out of the plan
        st.caption(t("priorities.not_added", name=md_inline(new.strip())))
    elif added is not None and not isinstance(added, tuple):
        new = ""
        if added.strip():
            areas.append(PriorityArea(area=added.strip()).model_dump(mode="json"))
            form.rerun = True
        else:
            st.warning(t("priorities.empty_name"), icon=":material/warning:")
    form.data["new_area"] = new if len(new) <= MAX_TEXT else form.data.get("new_area")  # a huge paste stays in the field only


def _say_too_long(name: str) -> None:
    """At a name's field: how long it is and the limit (the name is not taken until it fits)."""
    st.warning(t("priorities.name_too_long", n=number(len(name.strip())), max=number(NAME_CHARS)), icon=":material/warning:")


def _take_new_area(key: str, names: list[str]) -> None:
    """The add button's callback: hand the typed name to this run and empty the field (before it is drawn again).

    A name the list already has (any case) is left in the field and handed on as ("duplicate", name); a name over
    NAME_CHARS is left in the field, to be shortened (the field says so).
    """
    typed = str(state.widget_value(key) or "")
    if len(typed.strip()) > NAME_CHARS:
        return
    if typed.strip() and typed.strip().casefold() in {n.strip().casefold() for n in names}:
        state.set_pending(key, ("duplicate", typed.strip()))
        return
    state.set_pending(key, typed)
    state.set_widget(key, "")


def niveauer(form: Form) -> None:
    areas = _areas(form)
    if not areas:
        st.info(t("priorities.no_areas"))
        return
    for i, area in enumerate(areas):
        with st.container(border=True):
            st.markdown(f"**{md_inline(area['area'])}**")
            level_col, staff_col = st.columns([3, 1])
            with level_col:
                level = st.segmented_control(t("priorities.level"), LEVELS, default=area.get("target_level", LEVELS[0]), format_func=label,
                                             key=_row_key(form, i, area, f"level.{form.language}"))
            area["target_level"] = level or area.get("target_level", LEVELS[0])
            with staff_col:
                form.number_in(area, "staff", _row_key(form, i, area, "staff"), t("priorities.staff"), whole=True)
    try:
        charts.priorities(priorities_chart_data(PrioritisationDraft.model_validate(form.data)))
    except ValidationError:
        pass  # the wizard reports what the core rejected


def stoette(form: Form) -> None:
    areas = _areas(form)
    if not areas:
        st.info(t("priorities.no_areas"))
    for i, area in enumerate(areas):
        with st.container(border=True):
            st.markdown(f"**{md_inline(area['area'])}** · {label(area.get('target_level'))}")
            support_col, timing_col = st.columns([2, 2])
            with support_col:  # one option a line: "Både formel og uformel" is too long to share a row with two others
                current = area.get("support") if area.get("support") in SUPPORT else "begge"
                area["support"] = st.radio(t("priorities.support"), SUPPORT, index=SUPPORT.index(current), format_func=label,
                                           key=_row_key(form, i, area, f"support.{form.language}"))
            with timing_col:
                area["timing"] = st.text_input(t("priorities.timing"), value=area.get("timing") or "", key=_row_key(form, i, area, "timing"),
                                               max_chars=500)
    form.number("hours_per_person", t("priorities.hours"), help=t("priorities.hours.help"))


def signaler(form: Form) -> None:
    form.choices("signals", SIGNALS, t("priorities.signals"))
    form.text("notes", t("priorities.notes"), area=True)


def _summary_chart(form: Form, model: BaseModel) -> None:
    rows = priorities_chart_data(model)  # type: ignore[arg-type]
    if rows:
        charts.priorities(rows)


WIZARD = Wizard(
    "priorities", PrioritisationDraft, {"omraader": omraader, "niveauer": niveauer, "stoette": stoette, "signaler": signaler},
    summary_extra=_summary_chart, extra_keys=("new_area",),
)
