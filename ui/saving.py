"""Saving a wizard's draft: the version this tab edits, a conflict with another tab or person, a database that is away."""
from __future__ import annotations

from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Iterator

import streamlit as st

from assistant.db import DatabaseUnavailable
from assistant.errors import message_in
from assistant.planning.drafts import DraftConflict
from ui import state
from ui.i18n import t
from ui.resources import Resources, resources
from ui.safe import md_inline

if TYPE_CHECKING:
    from assistant.planning import Draft

RETRY_SECONDS = 5  # while the database is away, how often the page checks whether it is back


def load(res: Resources, draft_id: str) -> "Draft | None":
    """The stored draft (None when this user has none with this id); while the database is away, the copy last read."""
    try:
        draft = res.drafts.get(draft_id)
    except KeyError:
        return None
    except DatabaseUnavailable as exc:
        state.set_outage(str(exc))
        cached = state.loaded(draft_id)
        if cached is None:
            st.error(t("save.db_down_open"), icon=":material/cloud_off:")
            wait_for_database(res)
            st.stop()
        return cached
    state.set_outage(None)
    state.keep_loaded(draft)
    if state.draft_version(draft.id) is None or (state.unsaved(draft.id) is None and not state.has_fields(draft.id)):
        state.set_draft_version(draft.id, draft.version)  # nothing of this tab's on screen: it edits the newest version
    return draft


def save(res: Resources, draft: "Draft", **fields: Any) -> "Draft | None":
    """Save ``fields`` on top of the version this tab edits; None when not saved (a conflict or an outage, shown by notices)."""
    expected = state.draft_version(draft.id) or draft.version
    try:
        saved = res.drafts.save(draft.id, expected_version=expected, **fields)
    except DraftConflict as exc:
        state.set_conflict(draft.id, exc)
        return None
    except DatabaseUnavailable as exc:
        state.set_outage(str(exc))
        return None
    state.set_outage(None)
    state.set_conflict(draft.id, None)
    state.set_draft_version(draft.id, saved.version)
    state.keep_loaded(saved)
    return saved


def autosave(res: Resources, draft: "Draft", data: dict[str, Any], title: str, step: str) -> "Draft | None":
    """Save on every run where the answers (or title) changed; what could not be saved stays in this tab until it can."""
    snapshot = {"data": data, "title": title}
    if not state.needs_save(draft.id, snapshot):
        return None
    try:
        saved = save(res, draft, data=data, title=title.strip() or draft.title, step=step)
    except (ValueError, KeyError) as exc:  # too large, or deleted in another tab: say so, keep what was typed
        state.keep_unsaved(draft.id, snapshot)
        st.error(t("wizard.invalid", error=md_inline(message_in(exc, state.language()))), icon=":material/warning:")
        return None
    if saved is None:
        state.keep_unsaved(draft.id, snapshot)
        return None
    state.mark_saved(draft.id, snapshot)
    state.clear_unsaved(draft.id)
    return saved


def start_values(draft: "Draft") -> tuple[dict[str, Any], str]:
    """The data and title to draw the form from: what this tab could not save yet, else the stored draft."""
    kept = state.unsaved(draft.id)
    if kept is not None:
        return dict(kept["data"]), str(kept["title"])
    return dict(draft.data), draft.title


def notices(res: Resources, draft: "Draft") -> None:
    """A conflict with a newer saved version (both shown, the user chooses), or the database being away."""
    found = state.conflict(draft.id)
    if isinstance(found, DraftConflict):
        _conflict_panel(draft.id, found)
    elif state.outage():
        st.warning(t("save.db_down"), icon=":material/cloud_off:")
        st.button(t("save.retry"), key=f"save.retry.{draft.id}", icon=":material/refresh:")
        wait_for_database(res)


def _conflict_panel(draft_id: str, conflict: DraftConflict) -> None:
    from ui.wizard import when

    theirs = conflict.theirs
    with st.container(border=True):
        st.warning(t("save.conflict", version=theirs.version, time=when(theirs.updated)), icon=":material/sync_problem:")
        mine, stored = _differences(conflict)
        left, right = st.columns(2)
        with left:
            st.markdown(f"**{t('save.conflict.mine')}**")
            st.json(mine, expanded=True)
            st.button(t("save.keep_mine"), key=f"save.mine.{draft_id}", on_click=_keep_mine, args=(draft_id,), type="primary",
                      icon=":material/save:")
        with right:
            st.markdown(f"**{t('save.conflict.theirs', version=theirs.version)}**")
            st.json(stored, expanded=True)
            st.button(t("save.take_theirs"), key=f"save.theirs.{draft_id}", on_click=_take_theirs, args=(draft_id,),
                      icon=":material/download:")


def _differences(conflict: DraftConflict) -> tuple[dict[str, Any], dict[str, Any]]:
    """Only what differs between this tab's entry and the stored version, field by field."""
    mine_data, theirs_data = conflict.mine.get("data") or {}, conflict.theirs.data
    mine: dict[str, Any] = {}
    theirs: dict[str, Any] = {}
    if "title" in conflict.mine and conflict.mine["title"] != conflict.theirs.title:
        mine["title"], theirs["title"] = conflict.mine["title"], conflict.theirs.title
    for key in sorted(set(mine_data) | set(theirs_data)):
        if mine_data.get(key) != theirs_data.get(key):
            mine[key], theirs[key] = mine_data.get(key), theirs_data.get(key)
    return mine, theirs


def _keep_mine(draft_id: str) -> None:
    """Save this tab's entry over the newer version, knowingly (the other version stays in the conflict shown until now)."""
    conflict = state.conflict(draft_id)
    if not isinstance(conflict, DraftConflict):
        return
    try:
        saved = resources().drafts.save(draft_id, expected_version=conflict.theirs.version, **conflict.mine)
    except DraftConflict as again:  # saved elsewhere once more: show the newest
        state.set_conflict(draft_id, again)
        return
    except DatabaseUnavailable as exc:
        state.set_outage(str(exc))
        return
    state.set_conflict(draft_id, None)
    state.set_draft_version(draft_id, saved.version)
    state.keep_loaded(saved)
    if (kept := state.unsaved(draft_id)) is not None:
        state.mark_saved(draft_id, kept)
    state.clear_unsaved(draft_id)


def _take_theirs(draft_id: str) -> None:
    """Drop this tab's entry and show the stored version."""
    conflict = state.conflict(draft_id)
    if not isinstance(conflict, DraftConflict):
        return
    state.forget_fields(draft_id)
    state.set_draft_version(draft_id, conflict.theirs.version)
    state.set_step(draft_id, conflict.theirs.step)
    state.set_conflict(draft_id, None)


@contextmanager
def database_errors(res: Resources) -> Iterator[None]:
    """The database being away, said in the user's language; the page runs again by itself once it is back."""
    try:
        yield
    except DatabaseUnavailable as exc:
        state.set_outage(str(exc))
        st.error(t("save.db_down_list"), icon=":material/cloud_off:")
        wait_for_database(res)
        st.stop()


def wait_for_database(res: Resources) -> None:
    """Check every few seconds whether the database is back; then run the page again, which saves what was kept."""

    @st.fragment(run_every=RETRY_SECONDS)
    def _check() -> None:
        try:
            res.drafts.db.ping()
        except DatabaseUnavailable:
            return
        st.rerun()

    _check()
