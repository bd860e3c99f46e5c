"""The app shell: page config, language switch, navigation and the search index; run with `streamlit run ui/app.py`."""
from __future__ import annotations

import altair  # noqa: F401 - the charts' libraries load whole at start: a rerun that interrupts a first,
import pandas  # noqa: F401   half-done import mid-page leaves them broken for the whole server ("partially initialized")
import streamlit as st
from assistant.db import DatabaseUnavailable
from assistant.errors import SettingsError

from ui import auth, autosave, components, state
from ui.i18n import t
from ui.resources import resources
from ui.safe import md_inline

st.set_page_config(page_title="Co-creation · DEFF", page_icon=":material/local_library:", layout="wide")
st.set_option("client.toolbarMode", "viewer")  # librarians need no "Deploy" or developer menu

state.init_language()  # from the URL (?lang=en) on a reload or an opened link
with st.sidebar:
    st.toggle(t("app.english"), key=state.ENGLISH, help="Dansk / English")
state.sync_language_url()
autosave.remember_language(state.language())  # a bookmark or typed address without ?lang opens in this language

try:
    res = resources()
except SettingsError as exc:  # the core names the COCREATE_* variable and what it allows
    st.error(t("app.settings_invalid", error=md_inline(str(exc))))
    st.stop()
except DatabaseUnavailable as exc:  # the drafts database is away (PostgreSQL down): say so, never a traceback
    st.error(t("app.db_down", error=md_inline(str(exc))), icon=":material/cloud_off:")
    st.stop()

auth.gate(res.settings)  # COCREATE_AUTH=oidc: sign in first (st.login); the single-user default goes straight on

chat_page = st.Page("views/chat.py", title=t("page.chat"), icon=":material/forum:", url_path="chat")


def _home() -> None:
    """The address without a page ("/") opens the chat at /chat, so /chat is a working link of its own."""
    state.go_to(chat_page)


pages = {
    "": [st.Page(_home, title=t("page.chat"), url_path="home", default=True, visibility="hidden")],
    t("app.section.ask"): [chat_page],
    t("app.section.plan"): [
        st.Page(path, title=components.wizard_title(kind), icon=components.WIZARD_ICONS[kind], url_path=kind)
        for kind, path in components.WIZARD_PAGES.items()
    ],
    t("app.section.data"): [
        st.Page("views/drafts.py", title=t("page.drafts"), icon=":material/folder_open:", url_path="drafts"),
        st.Page("views/feedback.py", title=t("page.feedback"), icon=":material/download:", url_path="feedback"),
        *([st.Page("views/teams.py", title=t("page.teams"), icon=":material/group:", url_path="teams")] if auth.enabled(res.settings) else []),
    ],
}
page = st.navigation(pages)

with st.sidebar:
    st.caption(t("app.source_note"))
    st.caption(t("app.backend", backend=components.backend_label(res.settings.llm)))

state.restore_chat(res.conversations)  # a reload keeps the chat named in the URL (?chat=...)
components.ensure_index(res.assistant)
page.run()
