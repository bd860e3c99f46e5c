"""The wizards' domain layer: grounded content, models and scoring (the documents: tests/test_documents.py)."""
from __future__ import annotations

import subprocess
import sys

import pytest
from pydantic import ValidationError

from assistant.corpus import load_corpus, load_translations, packaged_corpus_dir
from assistant.planning import (
    CULTURE_STATEMENTS,
    CULTURE_TYPE_IDS,
    IDENTITY_STATEMENTS,
    IDENTITY_TYPE_IDS,
    MODELS,
    STEP_TITLES,
    STEPS,
    WIZARD_TITLES_EN,
    WIZARDS,
    Advice,
    CultureAnswers,
    CultureProfile,
    EvaluationLevel,
    EvaluationPlan,
    FourPPlan,
    IdentityAnswers,
    IdentityProfile,
    PrioritisationDraft,
    PriorityArea,
    all_advice,
    culture_types,
    default_levels,
    discussion_questions,
    evaluation_question,
    focus_risks,
    framing_for,
    identity_types,
    load_model,
    priorities_chart_data,
    score_culture,
    score_identity,
    source_exists,
    source_texts,
    step_advice,
    step_query,
    step_risks,
    team_profile,
)
from assistant.planning.sources import english_texts

ALL_STEPS = [(w, s) for w, steps in STEPS.items() for s in steps]


def _assert_grounded(advice: Advice) -> None:
    assert source_exists(advice.source_id), advice.source_id
    assert any(advice.text in t for t in source_texts(advice.source_id)), (advice.source_id, advice.text[:80])
    if advice.english is not None:
        assert any(advice.english in t for t in english_texts(advice.source_id)), (advice.source_id, advice.english[:80])


def _ratings(statements, high: set[str], hi: int = 5, lo: int = 1) -> dict[str, int]:
    return {s.id: (hi if s.type in high else lo) for s in statements}


# -- content ----------------------------------------------------------------------------------------------
def test_registries_are_consistent():
    assert WIZARDS == {
        "fourp": "4P-planlægger",
        "identity": "Professionelle identiteter",
        "culture": "Organisationskultur",
        "priorities": "Ledelsens prioritering",
        "evaluation": "Evalueringsplan",
    }
    assert set(WIZARD_TITLES_EN) == set(STEPS) == set(WIZARDS)
    assert STEPS["fourp"] == ["pointe", "partnere", "processer", "produkt", "summary"]
    assert set(STEP_TITLES) == set(ALL_STEPS)
    assert all(da and en and da != en for da, en in STEP_TITLES.values())


@pytest.mark.parametrize(("wizard", "step"), ALL_STEPS)
def test_every_step_has_grounded_advice_with_english(wizard, step):
    advice = step_advice(wizard, step)
    assert 2 <= len(advice) <= 6
    for item in advice + step_risks(wizard, step):
        _assert_grounded(item)
        assert item.english, (wizard, step, item.source_id)
        assert item.get("en") == item.english and item.get("da") == item.text


def test_every_curated_excerpt_occurs_verbatim_in_its_passage():
    items = all_advice()
    assert len(items) > 100
    for item in items:
        _assert_grounded(item)


@pytest.mark.parametrize(("wizard", "step"), ALL_STEPS)
def test_step_query_in_both_languages(wizard, step):
    da, en = step_query(wizard, step), step_query(wizard, step, "en")
    assert da.strip() and en.strip() and len(da) < 400
    assert step_query(wizard, step, "EN-gb") == en


def test_unknown_wizard_step_or_language_is_a_clear_error():
    with pytest.raises(ValueError, match="Unknown wizard"):
        step_advice("nope", "pointe")
    with pytest.raises(ValueError, match="Unknown step"):
        step_advice("fourp", "nope")
    with pytest.raises(ValueError, match="language"):
        step_query("fourp", "pointe", "de")


def test_focus_risks_name_the_hindrance_of_each_development_focus():
    expected = {"konceptudvikling": "gruppetænkning", "designudvikling": "silotænkning", "praksisudvikling": "nulfejlskultur"}
    for focus, word in expected.items():
        assert any(word in r.text for r in focus_risks(focus))


# -- identity ---------------------------------------------------------------------------------------------
def test_identity_statements_cover_every_type():
    assert len(IDENTITY_STATEMENTS) >= 9
    assert len({s.id for s in IDENTITY_STATEMENTS}) == len(IDENTITY_STATEMENTS)
    for type_id in IDENTITY_TYPE_IDS:
        assert sum(s.type == type_id for s in IDENTITY_STATEMENTS) >= 3
    assert all(s.text("da") and s.text("en") and source_exists(s.source_id) for s in IDENTITY_STATEMENTS)


def test_pure_expert_answers_make_the_expert_dominant():
    profile = score_identity(IdentityAnswers(ratings=_ratings(IDENTITY_STATEMENTS, {"faglig_ekspert"})))
    assert profile.dominant == ["faglig_ekspert"]
    assert profile.mixed is False
    assert profile.shares["faglig_ekspert"] == pytest.approx(1.0)
    assert sum(profile.shares.values()) == pytest.approx(1.0)


def test_mixed_answers_give_a_mixed_profile():
    ratings = _ratings(IDENTITY_STATEMENTS, {"faglig_ekspert", "samarbejdende_partner"}, hi=5, lo=2)
    profile = score_identity(IdentityAnswers(ratings=ratings))
    assert profile.mixed is True
    assert set(profile.dominant) == {"faglig_ekspert", "samarbejdende_partner"}


def test_missing_ratings_count_as_neutral():
    profile = score_identity(IdentityAnswers())
    assert all(v == pytest.approx(1 / 3) for v in profile.shares.values())
    assert profile.mixed and profile.means == {t: 3.0 for t in IDENTITY_TYPE_IDS}


def test_bad_ratings_are_rejected_with_a_clear_message():
    with pytest.raises(ValueError, match="Unknown identity statement"):
        score_identity(IdentityAnswers(ratings={"no-such-statement": 3}))
    with pytest.raises(ValueError, match="1 og 5"):
        IdentityAnswers(ratings={"ekspert-1": 6})
    with pytest.raises(ValueError, match="1 to 5"):
        score_identity(IdentityAnswers.model_construct(ratings={"ekspert-1": 0}))


def test_identity_types_follow_tabel_4():
    types = identity_types()
    assert [t.id for t in types] == list(IDENTITY_TYPE_IDS)
    assert [t.value.text for t in types] == ["Kvalitet", "Effektivitet", "Legitimitet"]
    assert [t.value.get("en") for t in types] == ["Quality", "Efficiency", "Legitimacy"]
    assert types[2].aversion.text == "Faglig arrogance" and types[1].potential.get("en") == "Meeting the users' wishes"
    assert [t.name("da") for t in types] == ["Faglig ekspert", "Serviceorienteret hjælper", "Samarbejdende partner"]
    for t in types:
        assert t.framing.text in source_texts(t.framing.source_id)[0]
        assert t.framing.english and t.source_ids


def test_framing_follows_the_profile():
    expert = score_identity(IdentityAnswers(ratings=_ratings(IDENTITY_STATEMENTS, {"faglig_ekspert"})))
    framing = framing_for(expert)
    texts = " ".join(a.text for a in framing)
    assert "kvaliteten af arbejdet" in texts and "gå på kompromis med egen faglighed" in texts
    assert "legitimiteten" not in texts
    mixed = score_identity(IdentityAnswers(ratings=_ratings(IDENTITY_STATEMENTS, {"faglig_ekspert", "serviceorienteret_hjaelper"})))
    mixed_texts = " ".join(a.text for a in framing_for(mixed))
    assert "sammensatte identiteter" in mixed_texts
    assert "kvaliteten af arbejdet" in mixed_texts and "effektivitet af arbejdet" in mixed_texts


def test_team_profile_aggregates_and_advises():
    expert = score_identity(IdentityAnswers(ratings=_ratings(IDENTITY_STATEMENTS, {"faglig_ekspert"})))
    partner = score_identity(IdentityAnswers(ratings=_ratings(IDENTITY_STATEMENTS, {"samarbejdende_partner"})))
    team = team_profile([expert, partner, expert])
    assert team.n == 3
    assert team.mean_shares["faglig_ekspert"] == pytest.approx(2 / 3)
    assert team.spread["samarbejdende_partner"] == (pytest.approx(0.0), pytest.approx(1.0))
    assert team.dominant_counts == {"faglig_ekspert": 2, "serviceorienteret_hjaelper": 0, "samarbejdende_partner": 1}
    texts = " ".join(a.text for a in team.advice)
    assert "appellerer til forskellige professionelle identiteter" in texts
    assert "kvaliteten af arbejdet" in texts and "legitimiteten af arbejdet" in texts
    assert "effektivitet af arbejdet" not in texts
    with pytest.raises(ValueError):
        team_profile([])


# -- culture ----------------------------------------------------------------------------------------------
def test_culture_scoring_and_hybrids():
    assert len(CULTURE_STATEMENTS) >= 9
    npg = score_culture(CultureAnswers(ratings=_ratings(CULTURE_STATEMENTS, {"new_public_governance"})))
    assert npg.dominant == ["new_public_governance"] and npg.hybrid is False
    hybrid = score_culture(CultureAnswers(ratings=_ratings(CULTURE_STATEMENTS, {"public_administration", "new_public_management"})))
    assert hybrid.hybrid is True and set(hybrid.dominant) == {"public_administration", "new_public_management"}


def test_culture_types_follow_tabel_6():
    types = culture_types()
    assert [t.id for t in types] == list(CULTURE_TYPE_IDS)
    assert [v.text for v in types[0].values] == ["Faglighed", "Forudsigelighed"]
    assert [a.get("en") for a in types[2].aversions] == ["Rule by experts", "Making people passive"]
    assert types[1].ideal.text == "Effektiv serviceleverandør"
    for t in types:
        for item in t.advice:
            _assert_grounded(item)


def test_discussion_questions_put_the_organisations_own_perspective_first():
    hybrid = score_culture(CultureAnswers(ratings=_ratings(CULTURE_STATEMENTS, {"public_administration", "new_public_governance"})))
    questions = discussion_questions(hybrid)
    assert questions[0].startswith("Harmonerer de organisatoriske værdier")
    assert any("konflikt" in q and "faglighed" in q and "inddragelse" in q for q in questions)
    english = discussion_questions(hybrid, "en")
    assert len(english) == len(questions) and english != questions
    single = discussion_questions(score_culture(CultureAnswers(ratings=_ratings(CULTURE_STATEMENTS, {"new_public_management"}))))
    assert "ressourcespild" in " ".join(single[:4]) and any("hybrider" in q for q in single)


# -- models -----------------------------------------------------------------------------------------------
def test_every_model_accepts_an_empty_draft():
    for kind in WIZARDS:
        model = load_model(kind, {})
        assert isinstance(model, MODELS[kind])
    assert len(FourPPlan().problems()) == len(FourPPlan().problems("en")) > 5


def test_fourp_validation_messages_are_clear_in_both_languages():
    with pytest.raises(ValidationError) as info:
        FourPPlan(pointe_purpose="x" * 5001)
    assert "for lang" in str(info.value) and "too long" in str(info.value)
    assert FourPPlan(title="  Min plan \n").title == "Min plan"
    for bad in (-1, 10001, float("nan")):
        with pytest.raises(ValidationError):
            FourPPlan(hours_set_aside=bad)
    with pytest.raises(ValidationError):
        FourPPlan(motives=["hygge"])
    assert FourPPlan(motives=["kvalitet", "kvalitet", "legitimitet"]).motives == ["kvalitet", "legitimitet"]
    plan = FourPPlan()
    with pytest.raises(ValidationError):
        plan.focus = "brainstorm"


def _complete_plan(**changes) -> FourPPlan:
    data = dict(
        title="Søgeguide", pointe_purpose="En bedre søgeguide", motives=["kvalitet"], focus="designudvikling",
        partners=["studerende"], recruitment="Via studenterorganisationer", retention="Fast mødetid",
        process_form="formelt projekt", facilitation="To bibliotekarer", timing="Efter eksamen", hours_set_aside=40,
        group_dynamics="Faste grupper", product_kind="design/prototype", product_owner="Team Undervisning",
        continuation="Indgår i drift",
    )
    data.update(changes)
    return FourPPlan(**data)


def test_fourp_problems_find_gaps_and_inconsistencies():
    assert _complete_plan().problems() == []
    mismatch = _complete_plan(product_kind="ny praksis")
    assert any("tabel 2" in p for p in mismatch.problems()) and any("table 2" in p for p in mismatch.problems("en"))
    no_hours = _complete_plan(hours_set_aside=None)
    assert any("timer" in p for p in no_hours.problems())
    assert _complete_plan(process_form="små uformelle former", hours_set_aside=None).problems() == []


def test_priority_models_validate_and_flag_informal_support_for_advanced_levels():
    with pytest.raises(ValidationError):
        PriorityArea(area="   ")
    with pytest.raises(ValidationError):
        PriorityArea(area="x" * 201)
    with pytest.raises(ValidationError):
        PriorityArea(area="Undervisning", staff=-1)
    draft = PrioritisationDraft(
        library="KB", hours_per_person=20, signals=["grønt lys"],
        areas=[PriorityArea(area="Undervisning", target_level="avanceret", staff=2, support="uformel", timing="2025")],
    )
    assert any("formel støtte" in p for p in draft.problems())
    assert priorities_chart_data(draft) == [{"area": "Undervisning", "level": "avanceret", "level_rank": 3, "staff": 2}]


def test_evaluation_defaults_are_the_reports_interview_questions():
    corpus_dir = packaged_corpus_dir()
    paragraph = next(p for p in load_corpus(corpus_dir).paragraphs if p.id == "del-1.data.p05")
    english = load_translations(corpus_dir).get("del-1.data.p05").split("\n")[1:]
    plan = EvaluationPlan()
    assert list(plan.levels) == ["reaktion", "laering", "adfaerd", "organisation"]
    assert [lvl.questions[0] for lvl in plan.levels.values()] == paragraph.items
    assert [evaluation_question(k).get("en") for k in plan.levels] == english
    assert [lvl.questions[0] for lvl in default_levels("en").values()] == english
    partial = EvaluationPlan(levels={"adfaerd": EvaluationLevel(questions=["Hvad gør du nu?", ""], method="Fokusgruppe")})
    assert partial.levels["adfaerd"].questions == ["Hvad gør du nu?"] and len(partial.levels) == 4
    with pytest.raises(ValidationError):
        EvaluationPlan(levels={"roi": EvaluationLevel()})


def test_profiles_validate_their_shares():
    with pytest.raises(ValidationError):
        IdentityProfile(shares={"faglig_ekspert": 0.5, "serviceorienteret_hjaelper": 0.1, "samarbejdende_partner": 0.1})
    with pytest.raises(ValidationError):
        CultureProfile(shares={"x": 1.0})


def test_planning_imports_no_ui_or_heavy_libraries():
    code = "import assistant.planning, sys; print(' '.join(sys.modules))"
    modules = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    for name in ("streamlit", "docx", "torch", "chromadb", "langchain_core"):
        assert name not in modules, name


def test_validation_messages_carry_both_languages():
    from assistant.planning import InvalidValue

    with pytest.raises(ValidationError) as info:
        PriorityArea(area="", staff=3)
    error = info.value.errors()[0]["ctx"]["error"]
    assert isinstance(error, InvalidValue)
    assert error.message.get("da").startswith("Området skal have et navn") and error.message.get("en").startswith("The area needs a name")
    assert str(error) == f"{error.message.da} / {error.message.en}"  # the plain text keeps both, as before



def test_wizard_sources_come_from_the_configured_corpus(tmp_path, monkeypatch):
    import json
    import shutil
    from pathlib import Path

    from assistant.planning.sources import source_texts

    copy = tmp_path / "corpus"
    shutil.copytree(Path(__file__).resolve().parent.parent / "corpus", copy)
    lines = (copy / "paragraphs.jsonl").read_text(encoding="utf-8").splitlines()
    first = json.loads(lines[0])
    first["text"] = "En rettet tekst til prøven."
    (copy / "paragraphs.jsonl").write_text("\n".join([json.dumps(first, ensure_ascii=False), *lines[1:]]) + "\n", encoding="utf-8")
    shipped = source_texts(first["id"])
    monkeypatch.setenv("COCREATE_CORPUS_DIR", str(copy))
    assert source_texts(first["id"]) == ["En rettet tekst til prøven."]
    monkeypatch.delenv("COCREATE_CORPUS_DIR")
    assert source_texts(first["id"]) == shipped


@pytest.mark.parametrize(("kind", "model"), [("identity", IdentityAnswers), ("culture", CultureAnswers)])
def test_nothing_rated_is_no_profile(kind: str, model: type):
    """With no statement rated, the summary says what is missing and the document shows no 33/33/33 table."""
    from assistant.planning import render_markdown

    empty = model()
    assert any("Vurdér mindst ét udsagn" in p for p in empty.problems("da"))
    assert any("Rate at least one statement" in p for p in empty.problems("en"))
    text = render_markdown(kind, empty)
    assert "33%" not in text and "ingen udsagn er vurderet" in text
    first = next(iter(IDENTITY_STATEMENTS if kind == "identity" else CULTURE_STATEMENTS)).id
    rated = model(ratings={first: 5})
    assert not any("Vurdér" in p for p in rated.problems("da"))
    assert "%" in render_markdown(kind, rated)


def test_an_evaluation_plan_is_named_by_the_draft_title_the_user_gave():
    from assistant.planning import render_markdown

    plan = {"initiative": "Vores bud: fagreferenterne i Team Sundhed holder tre workshops om co-creation med studerende i efteråret, og bagefter"}
    named = render_markdown("evaluation", plan, extra={"name": "Workshops i Team Sundhed"})
    assert named.splitlines()[0] == "# Evalueringsplan: Workshops i Team Sundhed"
    default = render_markdown("evaluation", plan, extra={"name": "Evalueringsplan 01.12.2026"})  # the app's default title
    assert default.splitlines()[0].startswith("# Evalueringsplan: Vores bud: fagreferenterne")
