"""Details the report does not give: checked data, declined with the missing detail named, near questions answered."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from assistant import Assistant, CorpusError
from assistant.answers import ABSTAIN_REPLY
from assistant.corpus import build_corpus, load_corpus, reading_text
from assistant.gaps import check_gaps, load_gaps
from assistant.scope import check_scope
from assistant.thesaurus import Thesaurus

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


def _report_texts() -> list[str]:
    return [reading_text(load_corpus(CORPUS))]


def test_the_listed_gaps_hold_for_the_report():
    gaps = load_gaps(CORPUS)
    assert {g.id for g in gaps} >= {"money", "pay", "hours", "authors", "cases", "ranking", "origin", "student-count"}
    assert check_gaps(gaps, _report_texts()) == []


def test_a_gap_the_report_fills_or_an_example_no_pattern_catches_is_a_problem():
    money = next(g for g in load_gaps(CORPUS) if g.id == "money")
    claims_too_much = money.model_copy(update={"absent": (r"\bco-creation\b",)})
    misses_its_example = money.model_copy(update={"examples": ("Hvor mange studerende deltog?",)})
    broken_pattern = money.model_copy(update={"asks": ("(unclosed",)})
    assert any("gives this detail after all" in p for p in check_gaps([claims_too_much], _report_texts()))
    assert any("Hvor mange studerende deltog?" in p for p in check_gaps([misses_its_example], _report_texts()))
    assert any("not a valid regular expression" in p for p in check_gaps([broken_pattern], _report_texts()))


def test_corpus_build_refuses_a_gap_the_report_fills(tmp_path):
    copy = tmp_path / "corpus"
    shutil.copytree(CORPUS, copy)
    path = copy / "source" / "gaps.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["gaps"][0]["absent"].append(r"\bkompetenceudvikling\b")
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(CorpusError, match="gives this detail after all"):
        build_corpus(copy)


@pytest.mark.parametrize(
    ("question", "language", "says"),
    [
        ("Hvor mange penge brugte bibliotekerne på workshoppene?", "da", "ingen beløb"),
        ("Hvor mange penge fik projektet fra DEFF?", "da", "ingen beløb"),  # Danish with none of the commonest words
        ("How much did the information meetings cost?", "en", "no amounts of money"),
        ("Hvilket bibliotek klarede sig bedst med co-creation?", "da", "rangordner ikke"),
        ("Which of the libraries performed worst?", "en", "does not rank"),
        ("Who coined the term co-creation?", "en", "who came up with them"),
        ("Hvem har skrevet rapporten?", "da", "hvem der har skrevet den"),
        ("Tell me about the e-learning products from the sub-projects", "en", "case and method descriptions were published separately"),
        ("Hvad er en passende timeløn til studerende, der deltager i workshops?", "da", "hvor meget de studerende skal have"),
        ("Hvor mange timer skal hver kollega bruge på co-creation om ugen?", "da", "ikke et antal timer"),
        ("How many hours per week should a librarian spend on co-creation?", "en", "no number of hours"),
        ("Hvor stor en procentdel af kollegerne var skeptiske over for co-creation?", "da", "ingen procenter"),
        ("What percentage of the leaders supported the project?", "en", "no percentages"),
        ("The report found that 90% of the librarians were happy with the workshops, right?", "en", "no percentages"),
        ("On average, how did the staff rate the workshops?", "en", "no figures from satisfaction ratings"),
        ("Who is the current director of the national library?", "en", "names no people"),
        ("Hvordan ser de læringsmoduler ud, som bibliotekerne lavede, og hvad syntes de studerende om dem?", "da", "produkter"),
    ],
)
def test_a_question_for_a_missing_detail_is_declined_naming_it(fake_assistant: Assistant, question: str, language: str, says: str):
    answer = fake_assistant.ask(question)
    assert answer.abstained and answer.citations == [] and answer.language == language
    assert says in answer.answer
    assert ABSTAIN_REPLY.search(answer.answer)  # still reads as declined, so the next turn does not build on it


@pytest.mark.parametrize(
    "question",
    [
        "Vi har fået penge til én kursusdag om co-creation for hele huset. Hvad skal der være på programmet?",
        "hvor lang tid tager sådan et forløb? jeg skal have det ind i budgettet for næste år",
        "Which libraries took part in the project?",
        "Hvad lavede bibliotekerne for at uddanne personalet?",  # near the "cases" gap, but the report's own subject
        "What is the product in the 4P model?",
        "Hvad er co-creation?",
        "Hvor stor en andel af medarbejderne skal have avanceret kompetence?",  # table 5 answers it: some, few, many
        "Who is the right person to lead co-creation in our library?",
        "Hos os skal alt være 100 % færdigt, før vi viser det. Hvordan tør vi prøve noget halvfærdigt?",
    ],
)
def test_questions_near_a_gap_are_still_answered(fake_assistant: Assistant, question: str):
    assert not fake_assistant.ask(question).abstained


def test_a_declined_gap_question_leaves_the_next_one_alone(fake_assistant: Assistant):
    first = fake_assistant.ask("Hvor mange penge fik projektet?")
    history = [{"role": "user", "content": first.question}, {"role": "assistant", "content": first.answer}]
    answer = fake_assistant.ask("Hvordan får vi kollegerne med?", history)
    assert not answer.abstained and "penge" not in answer.retrieval_query


def test_json_names_the_missing_detail(fake_assistant: Assistant):
    payload = json.loads(json.dumps(fake_assistant.ask("Which library did best in the evaluation?").as_json()))
    assert payload["abstained"] is True and "does not rank" in payload["answer"] and payload["declined_because"] == "gap"


def test_a_detail_the_question_can_do_without_is_named_first_then_answered():
    hours = next(g for g in load_gaps(CORPUS) if g.id == "hours").model_copy(update={"decline": False})
    question = "How many hours per week should a librarian spend on co-creation?"
    check = check_scope(question, frozenset(), frozenset(), Thesaurus([]), route=1.0, anchored=True, gaps=[hours])
    assert check.in_scope and check.detail == hours.says  # answered, the missing detail said first
    assert not check_scope(question, frozenset(), frozenset(), Thesaurus([]), route=1.0, anchored=True, gaps=[hours.model_copy(update={"decline": True})]).in_scope


@pytest.mark.parametrize(
    ("question", "first"),
    [
        ("Hvordan sætter vi Primo op til co-creation med studerende?", "_Rapporten nævner ikke Primo."),
        ("How can we use co-creation with students in Moodle courses?", "_The report does not mention Moodle."),
    ],
)
def test_a_name_the_report_never_uses_is_named_before_the_answer(fake_assistant: Assistant, question: str, first: str):
    answer = fake_assistant.ask(question)  # kept in scope for its co-creation part, with the name said first
    assert not answer.abstained and answer.answer.startswith(first) and answer.citations


@pytest.mark.parametrize("question", ["Skal ALLE medarbejdere kunne stå for co-creation?", "Do we need quality AND efficiency?"])
def test_words_in_capitals_are_not_names(fake_assistant: Assistant, question: str):
    assert not fake_assistant.ask(question).answer.startswith(("_Rapporten nævner ikke", "_The report does not mention"))


@pytest.mark.parametrize(
    "question",
    [
        "Which is better for our annual user survey, Qualtrics or Microsoft Forms?",
        "Skal vi bruge Padlet eller Miro til idéworkshoppen med de studerende?",
    ],
)
def test_a_choice_between_things_the_report_never_names_is_declined(fake_assistant: Assistant, question: str):
    answer = fake_assistant.ask(question)
    assert answer.abstained and answer.declined_because == "unknown-name"


@pytest.mark.parametrize(
    "question",
    [
        "Should we start with co-creation or with UX?",  # a choice between things the report treats
        "What can a library director do to show staff that it is fine if a student project fails?",  # "fine" is no library fine
        "We pride ourselves on excellent service. Which of our values might clash with involving students?",  # not Excel
        "How should we evaluate our staff development programme on co-creation?",  # a programme, not programming
        "Hvordan integrerer vi co-creation i den daglige drift?",
        "Our colleagues have reservations about co-creation. How do we talk with them?",  # not a book reservation
        "I hvilken grad skal alle medarbejdere kunne facilitere en workshop?",  # "grad" is no grade
    ],
)
def test_everyday_words_that_look_like_operations_or_systems_are_answered(fake_assistant: Assistant, question: str):
    assert not fake_assistant.ask(question).abstained
