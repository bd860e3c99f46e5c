"""Page: ask the report – a chat with cited sources."""
from __future__ import annotations

import streamlit as st

from ui import chat, state
from ui.i18n import t
from ui.resources import resources

res = resources()
st.title(t("page.chat"))
st.caption(t("chat.intro"))
chosen = chat.filters()
with st.sidebar:
    st.button(t("chat.clear"), on_click=state.clear_chat, args=(res.conversations,), icon=":material/refresh:", key="chat.clear")
state.sync_chat_url()  # back on the chat page: the URL names the conversation again, so a reload keeps it

# No max_chars on the input: a long paste must reach us so we can say why it cannot be asked, not vanish.
question = st.chat_input(t("chat.placeholder")) or state.pop_pending_question()
for turn in state.turns():
    with st.chat_message("user"):
        st.text(turn.question)
    with st.chat_message("assistant"):
        chat.answer(res, turn)

problem = chat.check_question(question, res.settings.max_question_chars) if question is not None else None
if problem:
    st.error(problem, icon=":material/warning:")
    if question and question.strip():
        with st.expander(t("chat.your_text"), expanded=True):
            st.code(question, language=None, wrap_lines=True)
elif question:
    question = question.strip()
    with st.chat_message("user"):
        st.text(question)
    with st.chat_message("assistant"):
        turn = state.add_turn(question, chat.ask(res, question, chosen))
        state.save_chat(res.conversations)  # kept across a reload of this page (?chat=... in the URL)
        chat.answer(res, turn)

if not state.turns() and not question:
    chat.suggestions()
