"""Page: ask the report – a chat with cited sources."""
from __future__ import annotations

import streamlit as st

from ui import chat, recent, state
from ui.i18n import t
from ui.resources import resources

res = resources()
st.title(t("page.chat"))
st.caption(t("chat.intro"))
recent.missing(res)  # the address named a conversation that is gone (or the database is away): said, not an unexplained empty chat
chosen = chat.filters()
with st.sidebar:
    st.button(t("chat.clear"), on_click=recent.new_conversation, help=t("chat.clear.help"), icon=":material/refresh:", key="chat.clear")
state.sync_chat_url()  # back on the chat page: the URL names the conversation again, so a reload keeps it

# No max_chars on the input: a long paste must reach us so we can say why it cannot be asked, not vanish.
question = st.chat_input(t("chat.placeholder")) or state.pop_pending_question()
for turn in state.turns():  # every turn typed, declined and refused ones too, each with its answer or why
    chat.show(res, turn)
if question is not None:
    chat.submit(res, question, chosen)

if not state.turns() and not question:
    chat.suggestions()
with st.sidebar:  # drawn last, so a conversation saved in this run is listed already
    recent.show(res)  # this user's saved conversations, newest first, each opening its chat
