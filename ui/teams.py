"""Teams in the app (signed in only): sharing the open draft with a team, and the identity profiles members share."""
from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

from assistant import CocreateError
from ui import auth, components
from ui.i18n import t
from ui.resources import Resources

if TYPE_CHECKING:
    from assistant.planning import Draft, IdentityProfile


def signed_in_user(res: Resources) -> str | None:
    """The signed-in user, or None in the single-user default (no teams there)."""
    user = auth.current_user(res.settings)
    return None if user in (None, auth.SIGNED_OUT) else user


def share_control(res: Resources, draft: "Draft") -> None:
    """For the draft's author: which team (if any) sees and edits this draft."""
    user = signed_in_user(res)
    if user is None or draft.owner != user:
        return
    with components.user_errors():
        teams = res.workspaces.of_user(user)
    if not teams:
        return
    names = {w.id: w.name for w in teams}
    options: list[str | None] = [None, *names]
    current = draft.workspace if draft.workspace in names else None
    chosen = st.selectbox(t("teams.share_draft"), options, index=options.index(current), key=f"teams.share.{draft.id}",
                          format_func=lambda w: names[w] if w else t("teams.only_me"))
    if chosen != current:
        with components.user_errors():
            res.drafts.share(draft.id, chosen)
        st.toast(t("teams.shared", team=names[chosen]) if chosen else t("teams.unshared"), icon=":material/group:")


def in_a_team(res: Resources) -> bool:
    """Signed in and a member of at least one team (the identity wizard's team mode)."""
    user = signed_in_user(res)
    if user is None:
        return False
    with components.user_errors():
        return bool(res.workspaces.of_user(user))


def shared_identity_profiles(res: Resources, draft_id: str) -> list["IdentityProfile"]:
    """Team mode of the identity wizard: share this profile with a team (consent), and read the members' shared profiles."""
    user = signed_in_user(res)
    if user is None:
        return []
    with components.user_errors():
        teams = res.workspaces.of_user(user)
    if not teams:
        st.caption(t("teams.identity_none"))
        return []
    try:
        own = res.drafts.get(draft_id).owner == user  # only one's own profile can be shared
    except (KeyError, CocreateError):
        own = False
    st.markdown(f"**{t('teams.identity_title')}**")
    for team in teams:
        with components.user_errors():
            members = res.workspaces.members(team.id, user)
        mine = next((m for m in members if m.user == user), None)
        shared_now = mine is not None and mine.profile_draft == draft_id
        consent = own and st.checkbox(t("teams.identity_consent", team=team.name), value=shared_now, key=f"teams.consent.{team.id}.{draft_id}",
                                      help=t("teams.identity_consent_help"))
        if own and mine is not None and consent != shared_now:
            with components.user_errors():
                res.workspaces.share_profile(team.id, user, draft_id if consent else None)
        with components.user_errors():
            shared = res.workspaces.shared_profiles(team.id, user)
        st.caption(t("teams.identity_read", team=team.name, n=len(shared), total=len(members)))
    return member_profiles(res)


def member_profiles(res: Resources) -> list["IdentityProfile"]:
    """The profiles shared in the signed-in user's teams, each member once (read only: also for the document)."""
    from assistant.planning import IDENTITY_STATEMENTS, IdentityAnswers, score_identity, valid_ratings

    user = signed_in_user(res)
    if user is None:
        return []
    by_member: dict[str, dict[str, int]] = {}
    with components.user_errors():
        for team in res.workspaces.of_user(user):
            for member in res.workspaces.shared_profiles(team.id, user):
                by_member.setdefault(member.user, member.ratings)
    # only ratings of known statements (an old or foreign draft may hold others)
    cleaned = [valid_ratings(IDENTITY_STATEMENTS, ratings) for ratings in by_member.values()]
    return [score_identity(IdentityAnswers(ratings=ratings)) for ratings in cleaned if ratings]
