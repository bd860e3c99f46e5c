"""The wizards' output documents: plan and memos as Markdown or .docx, with the report's advice cited."""
from __future__ import annotations

import re
from typing import Any, Callable

from pydantic import BaseModel

from ..corpus.planning_content import planning_content
from ..labels import label as label_for
from ._scores import TIE_POINTS
from .advice import Advice, normalize_language
from .content import (
    advice_for,
    coherence_advice,
    evaluation_question,
    excerpt_advice,
    focus_excerpts,
    focus_risks,
    motive_advice,
    signal_advice,
    step_advice,
    step_risks,
)
from .culture import culture_types, discussion_items, score_culture
from .identity import framing_for, identity_types, score_identity, team_profile
from .models import (
    FOCUS_PRODUCT,
    LEVEL_RANK,
    MODELS,
    CultureAnswers,
    CultureProfile,
    EvaluationPlan,
    FourPPlan,
    IdentityAnswers,
    IdentityProfile,
    PrioritisationDraft,
    label,
)
from .outline import Outline, document_text
from .sources import table_cell

Builder = Callable[[Any, Outline, dict[str, Any]], None]


def render_markdown(kind: str, data: BaseModel | dict[str, Any], language: str = "da", extra: dict[str, Any] | None = None) -> str:
    """A complete plan or memo in Markdown: the answers, the report's advice and risks, and a source list.

    Args:
        kind: a wizard id ("fourp", "identity", "culture", "priorities", "evaluation").
        data: the wizard's model (a dict is validated into it). "identity"/"culture" also take a profile.
        language: "da" (default) or "en".
        extra: optional "title" (the whole title), "name" (the draft's title: named in the title when the answers
            name nothing), "subtitle", "notes"; for "identity" also "team": a list of profiles.
    """
    return _outline(kind, data, language, extra).to_markdown()


def render_docx(kind: str, data: BaseModel | dict[str, Any], language: str = "da", extra: dict[str, Any] | None = None) -> bytes:
    """The same document as :func:`render_markdown`, as the bytes of a .docx file."""
    return _outline(kind, data, language, extra).to_docx()


def priorities_chart_data(draft: PrioritisationDraft) -> list[dict[str, Any]]:
    """Rows {"area", "level", "level_rank" (1..3), "staff"} for an overview chart, in the draft's order."""
    return [{"area": a.area, "level": a.target_level, "level_rank": LEVEL_RANK[a.target_level], "staff": a.staff} for a in draft.areas]


def _outline(kind: str, data: BaseModel | dict[str, Any], language: str, extra: dict[str, Any] | None) -> Outline:
    if kind not in _BUILDERS:
        raise ValueError(f"Unknown document kind {kind!r}; choose from: {', '.join(_BUILDERS)}.")
    language = normalize_language(language)
    extra = dict(extra or {})
    model = _coerce(kind, data)
    title = str(extra.get("title") or "").strip() or _default_title(kind, model, language, str(extra.get("name") or ""))
    outline = Outline(title, language)
    outline.paragraph(str(extra.get("subtitle") or "").strip() or outline.t("subtitle"))
    _BUILDERS[kind](model, outline, extra)
    if str(extra.get("notes") or "").strip():
        outline.heading(outline.t("notes"))
        outline.paragraph(str(extra["notes"]).strip())
    return outline


def _coerce(kind: str, data: BaseModel | dict[str, Any]) -> BaseModel:
    accepted: dict[str, tuple[type[BaseModel], ...]] = {
        "identity": (IdentityAnswers, IdentityProfile),
        "culture": (CultureAnswers, CultureProfile),
    }
    if isinstance(data, dict):
        return MODELS[kind].model_validate(data)
    if isinstance(data, accepted.get(kind, (MODELS[kind],))):
        return data
    raise TypeError(f"A {kind!r} document needs a {MODELS[kind].__name__}, not {type(data).__name__}.")


_DATED_DEFAULT = re.compile(r".*\b\d{2}\.\d{2}\.\d{4}")  # the app's default draft title: "Evalueringsplan 01.12.2026"


def _default_title(kind: str, model: BaseModel, language: str, draft_name: str = "") -> str:
    """"Prioriteringsnotat: KB Aarhus": the document's kind and what the answers name (else the draft's title)."""
    own = {"fourp": "title", "priorities": "library", "evaluation": "initiative"}.get(kind)
    named = draft_name.strip() and not _DATED_DEFAULT.fullmatch(draft_name.strip())  # a title the user gave the draft
    if kind == "evaluation" and named:  # the initiative is a description, often long: the draft's own title names it better
        return f"{document_text(f'title_{kind}').get(language)}: {_short_name(draft_name)}"
    name = _short_name(str(getattr(model, own) or "")) if own else ""
    name = name or _short_name(draft_name)
    base = document_text(f"title_{kind}").get(language)
    if kind == "fourp":
        return name or base
    return f"{base}: {name}" if name else base


def _short_name(text: str, limit: int = 80) -> str:
    """A name for a title: the first line, cut at a word near ``limit``, without a closing full stop."""
    line = (text.strip().splitlines() or [""])[0].strip()
    if len(line) > limit:
        line = line[:limit].rsplit(" ", 1)[0].rstrip(",;:–-") + " …"
    return line.rstrip(" .")


def _labels(values: list[str], o: Outline) -> str:
    return ", ".join(label(v, o.language) for v in values)


def _number(value: float, o: Outline) -> str:
    """A count of hours as typed: 40, or 7,5 in Danish (7.5 in English)."""
    text = f"{value:g}"
    return text if o.language == "en" else text.replace(".", ",")


def _decimal(value: float, o: Outline) -> str:
    text = f"{value:.1f}"
    return text if o.language == "en" else text.replace(".", ",")


def _focus(focus: str | None, name: str) -> list[Advice]:
    """The development focus's excerpt ``name`` (definition, hallmark, facilitation), none without a focus."""
    return [excerpt_advice(getattr(focus_excerpts(focus), name))] if focus else []


def _advice_and_risks(o: Outline, advice: list[Advice], risks: list[Advice]) -> None:
    o.heading(o.t("what_the_report_advises"), 3)
    o.advice(advice)
    if risks:
        o.heading(o.t("risks"), 3)
        o.advice(risks)


def _problems(o: Outline, model: BaseModel) -> None:
    """What is still missing; a finished document has no such section."""
    problems = model.problems(o.language)  # type: ignore[attr-defined]
    if problems:
        o.heading(o.t("missing"))
        o.bullets(problems)


def _fourp(plan: FourPPlan, o: Outline, extra: dict[str, Any]) -> None:
    focus = plan.focus
    o.heading(o.t("fourp_point"))
    o.field(o.t("purpose"), plan.pointe_purpose)
    o.field(o.t("motives"), _labels(plan.motives, o))
    o.field(o.t("development_focus"), label(focus, o.language) if focus else "")
    advice = step_advice("fourp", "pointe") + [motive_advice(m) for m in plan.motives]
    _advice_and_risks(o, advice + _focus(focus, "definition"), step_risks("fourp", "pointe"))

    o.heading(o.t("fourp_partners"))
    o.field(o.t("partners"), _labels(plan.partners, o))
    o.field(o.t("recruitment"), plan.recruitment)
    o.field(o.t("retention"), plan.retention)
    _advice_and_risks(o, step_advice("fourp", "partnere"), step_risks("fourp", "partnere"))

    o.heading(o.t("fourp_processes"))
    o.field(o.t("form"), label(plan.process_form, o.language) if plan.process_form else "")
    o.field(o.t("facilitation"), plan.facilitation)
    o.field(o.t("timing"), plan.timing)
    o.field(o.t("hours_set_aside"), "" if plan.hours_set_aside is None else _number(plan.hours_set_aside, o))
    o.field(o.t("group_dynamics"), plan.group_dynamics)
    focus_risk = focus_risks(focus) if focus else [r for f in FOCUS_PRODUCT for r in focus_risks(f)]
    _advice_and_risks(o, step_advice("fourp", "processer") + _focus(focus, "facilitation"), focus_risk + step_risks("fourp", "processer"))
    if not focus:
        o.paragraph(o.t("risks_depend_on_focus"))

    o.heading(o.t("fourp_product"))
    o.field(o.t("kind_of_product"), label(plan.product_kind, o.language) if plan.product_kind else "")
    o.field(o.t("owner_afterwards"), plan.product_owner)
    o.field(o.t("continuation"), plan.continuation)
    _advice_and_risks(o, step_advice("fourp", "produkt") + _focus(focus, "hallmark"), step_risks("fourp", "produkt"))

    o.heading(o.t("fourp_coherence"))
    o.advice([coherence_advice()] + step_advice("fourp", "summary"))
    _problems(o, plan)


def _identity(data: IdentityAnswers | IdentityProfile, o: Outline, extra: dict[str, Any]) -> None:
    profile = score_identity(data) if isinstance(data, IdentityAnswers) else data
    types = identity_types()
    unrated = isinstance(data, IdentityAnswers) and not data.ratings  # all neutral: no profile to speak of, so no table
    o.heading(o.t("profile"))
    if not unrated:
        o.table(
            [o.t("identity"), o.t("share"), o.t("mean_rating")],
            [[t.name(o.language), f"{profile.shares[t.id]:.0%}", _decimal(profile.means[t.id], o) if t.id in profile.means else "–"] for t in types],
        )
    names = [next(t for t in types if t.id == d).name(o.language) for d in profile.dominant]
    tie = o.t("no_single_dominant", types=", ".join(names), points=TIE_POINTS)  # a tie at the top names no one dominant
    o.field(o.t("dominant_identity"), o.t("none_rated") if unrated else names[0] if len(names) == 1 else tie)
    if profile.mixed and not unrated:
        o.paragraph(o.t("composite_profile"))
    o.heading(o.t("how_to_present_co_creation"))
    o.advice(framing_for(profile))
    o.heading(o.t("ideal_types_table_4"))
    rows = [o.t("professional_value"), o.t("potential_of_co_creation"), o.t("professional_aversion")]
    for t in types:
        o.heading(t.name(o.language), 3)
        o.bullets([f"{rows[0]}: {o.cite(t.value)}", f"{rows[1]}: {o.cite(t.potential)}", f"{rows[2]}: {o.cite(t.aversion)}", o.cite(t.description)])
    team = [p if isinstance(p, IdentityProfile) else IdentityProfile.model_validate(p) for p in extra.get("team") or []]
    if team:
        summary = team_profile(team)
        o.heading(o.t("the_team"))
        o.field(o.t("number_of_answers"), str(summary.n))
        o.table(
            [o.t("identity"), o.t("mean_share"), o.t("range"), o.t("dominant_for")],
            [[t.name(o.language), f"{summary.mean_shares[t.id]:.0%}", f"{summary.spread[t.id][0]:.0%}–{summary.spread[t.id][1]:.0%}", str(summary.dominant_counts[t.id])] for t in types]
            + [[o.t("composite_row"), "–", "–", str(summary.mixed_count)]],  # each answer counted once: the column adds up to n
        )
        o.heading(o.t("present_motives_to_team"), 3)
        o.advice(summary.advice)
    o.heading(o.t("advice_from_the_report"))
    o.advice(step_advice("identity", "profil") + step_advice("identity", "summary"))


def _culture(data: CultureAnswers | CultureProfile, o: Outline, extra: dict[str, Any]) -> None:
    profile = score_culture(data) if isinstance(data, CultureAnswers) else data
    types = culture_types()
    unrated = isinstance(data, CultureAnswers) and not data.ratings  # all neutral: no profile to speak of, so no table
    o.heading(o.t("profile"))
    if not unrated:
        o.table(
            [o.t("perspective"), o.t("share"), o.t("mean_rating")],
            [[t.name, f"{profile.shares[t.id]:.0%}", _decimal(profile.means[t.id], o) if t.id in profile.means else "–"] for t in types],
        )
    dominant = ", ".join(next(t.name for t in types if t.id == d) for d in profile.dominant)
    o.field(o.t("dominant_perspective"), o.t("none_rated") if unrated else dominant)
    if not unrated:
        o.paragraph(o.t("hybrid_values") if profile.hybrid else o.t("one_perspective_dominates"))
    o.heading(o.t("perspectives_table_6"))
    for t in types:
        o.heading(t.name, 3)
        o.bullets([
            f"{o.t('organisational_ideal')}: {o.cite(t.ideal)}",
            f"{o.t('organisational_values')}: " + "; ".join(o.cite(v) for v in t.values),
            f"{o.t('organisational_aversions')}: " + "; ".join(o.cite(a) for a in t.aversions),
            o.cite(t.description),
            o.cite(t.cocreation),
        ])
    o.heading(o.t("questions_for_discussion"))
    o.bullets([f"{q.text(o.language)} [{o.ref(q.source)}]" for q in discussion_items(profile)])
    o.heading(o.t("advice_from_the_report"))
    memo = ("culture.hybrid_organisations", "culture.discuss_values_and_goals", "culture.value_collaboration")
    o.advice([excerpt_advice(name) for name in memo] + step_advice("culture", "summary"))


def _priorities(draft: PrioritisationDraft, o: Outline, extra: dict[str, Any]) -> None:
    tables = planning_content().competence_tables
    o.heading(o.t("areas_and_competence_levels"))
    if draft.areas:
        o.table(
            [o.t("area"), o.t("target_level"), o.t("staff"), o.t("support"), o.t("schedule")],
            [[a.area, label(a.target_level, o.language), str(a.staff), label(a.support, o.language), a.timing or "–"] for a in draft.areas],
        )
    else:
        o.paragraph(o.t("no_areas_yet"))
    o.field(o.t("hours_per_staff_member"),
            "" if draft.hours_per_person is None else o.t("hours", hours=_number(draft.hours_per_person, o)))
    o.advice(step_advice("priorities", "omraader"))

    o.heading(o.t("competence_levels_tables_3_5"))
    o.advice([excerpt_advice("priorities.three_levels"), excerpt_advice("priorities.who_needs_which_level")])
    used = sorted({LEVEL_RANK[a.target_level] for a in draft.areas}) or [1, 2, 3]
    for level in sorted(LEVEL_RANK, key=LEVEL_RANK.__getitem__):
        if LEVEL_RANK[level] not in used:
            continue
        row = tables.rows[level]
        staff = sum(a.staff for a in draft.areas if a.target_level == level)
        examples = table_cell("tabel-5", row, tables.examples)
        examples = examples if isinstance(examples, list) else [examples]
        o.heading(advice_for("tabel-3", row).get(o.language), 3)
        o.bullets([
            f"{o.t('characteristics')}: {o.cite(advice_for('tabel-3', str(table_cell('tabel-3', row, tables.characteristics))))}",
            f"{o.t('examples')}: " + "; ".join(o.cite(advice_for("tabel-5", x)) for x in examples),
            f"{o.t('spread')}: {o.cite(advice_for('tabel-5', str(table_cell('tabel-5', row, tables.spread))))}",
            o.t("staff_at_level", staff=staff),
        ])

    o.heading(o.t("support_and_backing"))
    counts = {s: sum(a.support == s for a in draft.areas) for s in ("formel", "uformel", "begge")}
    o.field(o.t("support_forms"), ", ".join(f"{label(s, o.language)}: {n}" for s, n in counts.items()))
    _advice_and_risks(o, step_advice("priorities", "stoette"), step_risks("priorities", "stoette"))

    o.heading(o.t("management_signals"))
    o.field(o.t("chosen_signals"), _labels(draft.signals, o))
    _advice_and_risks(o, [excerpt_advice("priorities.clear_basis")] + [signal_advice(s) for s in draft.signals], step_risks("priorities", "signaler"))
    if draft.notes:
        o.heading(o.t("remarks"))
        o.paragraph(draft.notes)
    o.heading(o.t("structure_recommendations"))
    o.advice(step_advice("priorities", "summary"))
    _problems(o, draft)


def _evaluation(plan: EvaluationPlan, o: Outline, extra: dict[str, Any]) -> None:
    o.heading(o.t("the_initiative"))
    o.field(o.t("competence_development_initiative"), plan.initiative)
    o.advice(step_advice("evaluation", "initiativ"))
    for number, (level, content) in enumerate(plan.levels.items(), start=1):
        report_question = evaluation_question(level)
        o.heading(f"{number}. {label_for(level, o.language, 'levels')}")
        o.heading(o.t("questions"), 3)
        questions = [o.cite(report_question) if q in (report_question.text, report_question.get("en")) else q for q in content.questions]
        if questions:
            o.bullets(questions)
        else:
            o.paragraph(o.t("no_questions_yet"))
        o.field(o.t("method"), content.method)
        o.field(o.t("when"), content.timing)
        _advice_and_risks(o, [a for a in step_advice("evaluation", level) if a != report_question], step_risks("evaluation", level))
    o.heading(o.t("evaluation_as_a_whole"))
    o.advice(step_advice("evaluation", "summary"))
    _problems(o, plan)


_BUILDERS: dict[str, Builder] = {
    "fourp": _fourp,
    "identity": _identity,
    "culture": _culture,
    "priorities": _priorities,
    "evaluation": _evaluation,
}
