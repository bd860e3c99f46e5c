"""Professional identities (Tabel 4): the three types, a self-assessment, one profile and an anonymous team profile."""
from __future__ import annotations

import re
from typing import Any

import streamlit as st
from pydantic import BaseModel

from assistant.planning import (
    IDENTITY_STATEMENTS, TIE_POINTS, IdentityAnswers, IdentityProfile, framing_for, identity_types, interleaved, score_identity,
    team_profile, valid_ratings,
)
from ui import charts, components, state, teams
from ui.i18n import label, t
from ui.resources import resources
from ui.safe import md_inline
from ui.wizard import Form, Wizard

CODE_PREFIX = "ID1-"
_CODE = re.compile(rf"^{CODE_PREFIX}([1-5]{{{len(IDENTITY_STATEMENTS)}}})$")


def _names(language: str) -> dict[str, str]:
    return {info.id: info.name(language) for info in identity_types()}


def _clean(data: dict[str, Any]) -> dict[str, Any]:
    """Only ratings of known statements (a restored backup may hold others)."""
    return {**data, "ratings": valid_ratings(IDENTITY_STATEMENTS, data.get("ratings"))}


def _ratings(form: Form) -> dict[str, int]:
    return dict(form.data.get("ratings") or {})


def _interleaved() -> list[Any]:
    """The statements with the types mixed, so the form does not give the typology away."""
    return interleaved(IDENTITY_STATEMENTS)


def profile_code(ratings: dict[str, int]) -> str:
    """An anonymous code holding only the ratings, in statement order (unrated = 3)."""
    return CODE_PREFIX + "".join(str(ratings.get(s.id, 3)) for s in IDENTITY_STATEMENTS)


def parse_code(code: str) -> IdentityProfile | None:
    match = _CODE.match(code.strip().upper())
    if not match:
        return None
    ratings = {s.id: int(d) for s, d in zip(IDENTITY_STATEMENTS, match.group(1))}
    return score_identity(IdentityAnswers(ratings=ratings))


def typologi(form: Form) -> None:
    for info, tab in zip(identity_types(), st.tabs([info.name(form.language) for info in identity_types()])):
        with tab:
            st.markdown(f"**{t('identity.motive', motive=label(info.motive))}**")
            st.markdown(f"**{t('identity.value')}:** {md_inline(info.value.get(form.language))}")
            st.markdown(f"**{t('identity.potential')}:** {md_inline(info.potential.get(form.language))}")
            st.markdown(f"**{t('identity.aversion')}:** {md_inline(info.aversion.get(form.language))}")
            st.markdown(f"**{t('identity.framing')}:** {md_inline(info.framing.get(form.language))}")
            components.source_caption(*info.source_ids)


def vurdering(form: Form) -> None:
    st.caption(t("identity.scale"))
    for s in _interleaved():
        form.rating(s.id, md_inline(s.text(form.language)))


def profil(form: Form) -> None:
    ratings = _ratings(form)
    profile = score_identity(IdentityAnswers(ratings=ratings))
    names = _names(form.language)
    if not ratings:  # all neutral by default: a 33/33/33 "profile" would be built from nothing
        st.info(t("identity.none_rated"), icon=":material/tune:")
        return
    st.caption(t("identity.rated", n=len(ratings), total=len(IDENTITY_STATEMENTS)))
    charts.shares(profile.shares, names, profile.dominant, t("identity.chart_title"))
    st.markdown(dominance(profile, names))
    if profile.mixed:
        st.info(t("identity.mixed"), icon=":material/merge_type:")
    st.subheader(t("identity.framing"))
    for item in form.evidence.select(framing_for(profile)):
        _advice_item(item, form.language)
    st.markdown(f"**{t('identity.code')}**")
    st.code(profile_code(ratings), language=None)
    st.caption(t("identity.code_help"))


def dominance(profile: IdentityProfile, names: dict[str, str]) -> str:
    """"Dominerende: Faglig ekspert", or, for a tie at the top (the core's TIE_POINTS), that no single identity dominates."""
    if len(profile.dominant) == 1:
        return t("identity.dominant", types=names[profile.dominant[0]])
    return t("identity.no_dominant", types=", ".join(names[d] for d in profile.dominant), points=TIE_POINTS)


def _add_code(key: str, codes: list[str], code: str) -> None:
    """Callback of "Add my own profile": put the code into the box itself, before the box is drawn again."""
    typed = state.widget_value(key)  # what is in the box now, even if not yet saved
    lines = [line.strip() for line in (typed if isinstance(typed, str) else "\n".join(codes)).splitlines() if line.strip()]
    if code not in lines:
        lines.append(code)
    state.set_widget(key, "\n".join(lines))


def team(form: Form) -> None:
    res = resources()
    team_mode = teams.in_a_team(res)  # signed in and in a team: members' saved profiles, with consent, instead of codes
    st.caption(t("teams.identity_intro") if team_mode else t("identity.team_intro"))
    profiles = teams.shared_identity_profiles(res, form.draft_id)
    key = form.key("team")
    codes: list[str] = [c for c in form.data.get("team") or [] if isinstance(c, str)]
    mine = profile_code(_ratings(form))
    with st.expander(t("teams.identity_codes"), expanded=bool(codes)) if team_mode else st.container():
        st.button(t("identity.add_mine"), icon=":material/add:", key=form.key("team.add"), on_click=_add_code, args=(key, codes, mine),
                  disabled=not _ratings(form), help=None if _ratings(form) else t("identity.none_rated"))  # no rating: no profile to add
        text = st.text_area(t("identity.team_codes"), value="\n".join(codes), key=key, height=160, max_chars=20000,
                            placeholder=f"{mine}\n{CODE_PREFIX}…")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    form.data["team"] = lines
    profiles += [p for p in (parse_code(line) for line in lines) if p is not None]
    bad = [line for line in lines if parse_code(line) is None]
    repeated = sorted({line for line in lines if lines.count(line) > 1 and parse_code(line) is not None})
    if repeated:  # two colleagues may answer alike, so each line still counts; but the same person pasted twice inflates the team
        st.warning(t("identity.repeated_codes", codes=md_inline(", ".join(repeated))), icon=":material/content_copy:")
    if bad:
        shown = [_glimpse(line) for line in bad[:5]]  # each bad line shortened and made printable: enough to find it
        st.warning(t("identity.bad_codes", lines=md_inline(", ".join(shown))), icon=":material/warning:")
    if not profiles:
        st.info(t("teams.identity_empty") if team_mode else t("identity.team_none"))
        return
    summary = team_profile(profiles)
    names = _names(form.language)
    st.markdown(t("identity.team_n_one" if summary.n == 1 else "identity.team_n", n=summary.n, mixed=summary.mixed_count))
    charts.spread(summary.mean_shares, summary.spread, names)
    rows = [(names[k], f"{summary.mean_shares[k]:.0%}", summary.dominant_counts[k]) for k in summary.mean_shares]
    rows.append((t("identity.composite_row"), "–", summary.mixed_count))  # each profile counted once: the column adds up to n
    st.dataframe([{t("identity.type"): name, t("identity.share"): share, t("identity.dominant_count"): n} for name, share, n in rows],
                 hide_index=True, width="stretch")
    st.caption(t("identity.count_rule", points=TIE_POINTS))
    st.subheader(t("identity.team_advice"))
    for item in form.evidence.select(summary.advice):
        _advice_item(item, form.language)


def _advice_item(item: Any, language: str) -> None:
    st.markdown(f"> {md_inline(item.get(language))}")
    components.source_caption(item.source_id)


def _summary_chart(form: Form, model: BaseModel) -> None:
    if not getattr(model, "ratings", None):
        return
    profile = score_identity(model)  # type: ignore[arg-type]
    charts.shares(profile.shares, _names(form.language), profile.dominant, t("identity.chart_title"))


def _document_extra(form: Form) -> dict[str, Any]:
    team_profiles = [p for p in (parse_code(c) for c in form.data.get("team") or []) if p is not None]
    team_profiles += teams.member_profiles(resources())  # signed in: the profiles shared in the user's teams
    return {"team": team_profiles} if team_profiles else {}


WIZARD = Wizard(
    "identity", IdentityAnswers, {"typologi": typologi, "vurdering": vurdering, "profil": profil, "team": team},
    summary_extra=_summary_chart, clean=_clean, extra_keys=("team",), document_extra=_document_extra,
)


def _glimpse(line: str, limit: int = 40) -> str:
    """A line as a user can recognise it in a message: control characters gone, at most ``limit`` characters."""
    printable = "".join(ch if ch.isprintable() else " " for ch in line).strip()
    return printable if len(printable) <= limit else printable[: limit - 1] + "…"
