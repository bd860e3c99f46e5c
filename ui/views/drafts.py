"""Page: every autosaved draft – open, duplicate, delete, back up and restore."""
from __future__ import annotations

import streamlit as st

from ui import components, state
from ui.i18n import number, t
from ui.resources import resources
from ui.safe import md_inline
from ui.wizard import draft_meta

res = resources()
st.title(t("drafts.title"))
st.caption(t("drafts.intro"))
if message := state.flash():
    st.success(md_inline(message), icon=":material/check_circle:")

kinds = [None, *components.WIZARD_PAGES]
chosen = state.remembered("drafts.kind")
kind = st.selectbox(t("drafts.filter"), kinds, index=kinds.index(chosen) if chosen in kinds else 0, placeholder=t("chat.choose"),
                    format_func=lambda k: components.wizard_title(k) if k else t("drafts.filter.all"), key=state.language_key("drafts.kind"))
state.remember("drafts.kind", kind)
with components.user_errors():
    drafts = res.drafts.list(kind=kind)

if not drafts:
    st.info(t("drafts.none"))
for draft in drafts:
    with st.container(border=True):
        text, actions_col = st.columns([3, 2], vertical_alignment="center")
        text.markdown(f"{components.WIZARD_ICONS[draft.kind]} **{md_inline(draft.title) or '–'}**  \n{md_inline(draft_meta(draft))}")
        # the buttons as wide as their labels, in a row that wraps when the window is narrow (fixed columns cut "Kopiér" to "K…")
        actions = actions_col.container(horizontal=True, horizontal_alignment="right", vertical_alignment="center")
        if actions.button(t("drafts.open"), key=f"drafts.open.{draft.id}", icon=":material/folder_open:", width="content"):
            state.open_draft(draft.kind, draft.id, draft.step, {"data": draft.data, "title": draft.title})
            state.go_to(components.WIZARD_PAGES[draft.kind], draft.id)
        if actions.button(t("drafts.duplicate"), key=f"drafts.copy.{draft.id}", icon=":material/file_copy:", width="content"):
            with components.user_errors():
                copy = res.drafts.duplicate(draft.id, t("drafts.copy_suffix"))
            state.flash(t("drafts.duplicated", title=copy.title))
            st.rerun()
        if not res.drafts.is_author(draft):  # a team member may open and edit a team's draft; only its author deletes it
            continue
        with actions.popover(t("drafts.delete"), icon=":material/delete:", width="content"):
            if st.button(t("drafts.confirm_delete", title=md_inline(draft.title)), key=f"drafts.delete.{draft.id}", type="primary"):
                with components.user_errors():
                    res.drafts.delete(draft.id)
                state.forget_draft(draft.id)
                state.flash(t("drafts.deleted", title=draft.title))
                st.rerun()

st.divider()
left, right = st.columns(2)
with left:
    with components.user_errors():
        backup = res.drafts.export_json()
    st.download_button(t("drafts.export"), backup, file_name="cocreate-kladder.json", mime="application/json", icon=":material/save:")
with right:
    # Streamlit draws the uploader's own button and size note in English; the label, help and caption say in the page's language what to do
    upload = st.file_uploader(t("drafts.import"), type=["json"], max_upload_size=components.MAX_UPLOAD_MB, key="drafts.import",
                              help=t("drafts.import.help", mb=components.MAX_UPLOAD_MB))
    st.caption(t("drafts.import.how"))
    if upload is not None and st.button(t("drafts.import.go"), key="drafts.import.go", icon=":material/restore:"):
        if upload.size > components.MAX_UPLOAD_MB * 1024 * 1024:
            st.error(t("drafts.import.too_big", mb=components.MAX_UPLOAD_MB))
            st.stop()
        with components.user_errors():  # a store failure
            try:
                text = upload.getvalue().decode("utf-8")
                written = res.drafts.import_json(text)
            except ValueError:  # InputError and UnicodeDecodeError: not a backup made by this app
                st.error(t("drafts.import.not_backup"), icon=":material/warning:")
                st.stop()
        from assistant.planning import backup_size

        total = backup_size(text)
        state.flash(t("drafts.imported_none", total=number(total)) if written == 0 else t("drafts.imported_one") if written == 1 else t("drafts.imported", n=number(written)))
        st.rerun()
