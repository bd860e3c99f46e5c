"""Organisational culture (Tabel 6): three perspectives, an assessment of your values, and questions for discussion."""
from __future__ import annotations

from typing import Any

import streamlit as st
from pydantic import BaseModel

from assistant.planning import (
    CULTURE_STATEMENTS, CultureAnswers, culture_types, discussion_items, interleaved, score_culture, valid_ratings, within,
)
from ui import charts, components
from ui.i18n import t
from ui.safe import md_inline
from ui.wizard import Form, Wizard

NOTE = "note"  # the team's own conclusions, kept beside the model's ratings (a Wizard extra key) and printed under "Noter"


def _names() -> dict[str, str]:
    return {info.id: info.name for info in culture_types()}


def _clean(data: dict[str, Any]) -> dict[str, Any]:
    """Only ratings of known statements (a restored backup may hold others)."""
    return {**data, "ratings": valid_ratings(CULTURE_STATEMENTS, data.get("ratings"))}


def _ratings(form: Form) -> dict[str, int]:
    return dict(form.data.get("ratings") or {})


def _interleaved() -> list[Any]:
    """The statements with the types mixed, so the form does not give the typology away."""
    return interleaved(CULTURE_STATEMENTS)


def typologi(form: Form) -> None:
    language = form.language
    types = culture_types()
    for info, tab in zip(types, st.tabs([info.name for info in types])):
        with tab:
            st.markdown(f"**{t('culture.ideal')}:** {md_inline(info.ideal.get(language))}")
            st.markdown(f"**{t('culture.values')}:** {md_inline('; '.join(v.get(language) for v in info.values))}")
            st.markdown(f"**{t('culture.aversions')}:** {md_inline('; '.join(a.get(language) for a in info.aversions))}")
            st.markdown(md_inline(info.description.get(language)))
            st.markdown(f"**{t('culture.cocreation')}:** {md_inline(info.cocreation.get(language))}")
            components.source_caption(*info.source_ids)


def vurdering(form: Form) -> None:
    st.markdown(t("culture.rate_intro"))
    st.caption(t("identity.scale"))
    for s in _interleaved():
        form.rating(s.id, md_inline(s.text(form.language)))


def profil(form: Form) -> None:
    if not _ratings(form):  # all neutral by default: a "hybrid" would be built from nothing
        st.info(t("identity.none_rated"), icon=":material/tune:")
        return
    profile = score_culture(CultureAnswers(ratings=_ratings(form)))
    names = _names()
    charts.shares(profile.shares, names, profile.dominant, t("culture.chart_title"))
    st.markdown(t("identity.dominant", types=", ".join(names[d] for d in profile.dominant)))
    if profile.hybrid:
        st.info(t("culture.hybrid"), icon=":material/merge_type:")
    dominant = [next(info for info in culture_types() if info.id == type_id) for type_id in profile.dominant]
    for info in dominant:  # one perspective's sentence can lie inside another's: each is said once, under every name it covers
        if any(within(info.cocreation, other.cocreation) for other in dominant):
            continue
        shown = form.evidence.take(info.cocreation)
        if shown is None:
            continue
        covered = [other.name for other in dominant if other is info or within(other.cocreation, info.cocreation)]
        heading = t("culture.cocreation" if len(covered) == 1 else "culture.cocreation_many").lower()
        st.markdown(f"**{md_inline(_and(covered))} – {heading}:** {md_inline(shown.get(form.language))}")


def diskussion(form: Form) -> None:
    profile = score_culture(CultureAnswers(ratings=_ratings(form)))
    st.markdown(t("culture.questions"))
    for n, question in enumerate(discussion_items(profile), start=1):
        st.markdown(f"**{n}. {md_inline(question.text(form.language))}**")
        if (source := form.evidence.take(question.source)) is not None:  # not a lone table cell ("Passivisering"), nor a repeat
            st.caption(md_inline(source.get(form.language)))
        components.source_caption(question.source.source_id)


def _and(names: list[str]) -> str:
    """"A", "A og B", "A, B og C" (and in English)."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} {t('culture.and')} {names[-1]}"


def _summary(form: Form, model: BaseModel) -> None:
    """Above the memo: the profile's chart (once something is rated) and the team's note."""
    if getattr(model, "ratings", None):
        profile = score_culture(model)  # type: ignore[arg-type]
        charts.shares(profile.shares, _names(), profile.dominant, t("culture.chart_title"))
    _note(form)


def _note(form: Form) -> None:
    """The memo step's text: what the team concluded, autosaved like every text field and printed in the document."""
    kept = str(form.data.get(NOTE) or "")
    form.text(NOTE, t("culture.note"), area=True, help=t("culture.note.help"))
    if NOTE in form.too_long:  # said at the field; the draft and the document keep the last text that fit until it is shorter
        form.data[NOTE] = kept


def _document_extra(form: Form) -> dict[str, Any]:
    return {"notes": str(form.data.get(NOTE) or "")}


WIZARD = Wizard(
    "culture", CultureAnswers, {"typologi": typologi, "vurdering": vurdering, "profil": profil, "diskussion": diskussion},
    summary_extra=_summary, clean=_clean, extra_keys=(NOTE,), document_extra=_document_extra,
)
