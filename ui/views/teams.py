"""Page: teams (signed in only) – make one, join one with its invitation code, see who belongs."""
from __future__ import annotations

import streamlit as st

from ui import auth, components, teams
from ui.i18n import t
from ui.resources import resources
from ui.safe import md_inline

res = resources()
st.title(t("teams.title"))
user = teams.signed_in_user(res)
if user is None:
    st.info(t("teams.needs_sign_in"), icon=":material/lock:")
    st.stop()
st.caption(t("teams.intro"))

left, right = st.columns(2)
with left, st.form("teams.create", border=True):
    name = st.text_input(t("teams.new_name"), max_chars=200)
    if st.form_submit_button(t("teams.create"), icon=":material/group_add:"):
        with components.user_errors():
            made = res.workspaces.create(name, user, auth.display_name())
        st.success(t("teams.created", team=md_inline(made.name)), icon=":material/check_circle:")
with right, st.form("teams.join", border=True):
    code = st.text_input(t("teams.code"), max_chars=100)
    if st.form_submit_button(t("teams.join"), icon=":material/login:"):
        with components.user_errors():
            joined = res.workspaces.join(code, user, auth.display_name())
        st.success(t("teams.joined", team=md_inline(joined.name)), icon=":material/check_circle:")

with components.user_errors():
    mine = res.workspaces.of_user(user)
if not mine:
    st.info(t("teams.none"))
for team in mine:
    with st.container(border=True):
        st.subheader(md_inline(team.name))
        st.caption(t("teams.code_help"))
        st.code(team.id, language=None)
        with components.user_errors():
            members = res.workspaces.members(team.id, user)
        st.markdown(t("teams.members", names=md_inline(", ".join(m.name for m in members))))
        if st.button(t("teams.leave"), key=f"teams.leave.{team.id}", icon=":material/logout:"):
            with components.user_errors():
                res.workspaces.leave(team.id, user)
            st.rerun()
