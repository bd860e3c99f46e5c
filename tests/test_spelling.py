"""A misspelt everyday word is read as the report's word; inflections, names and other words are left alone."""
from __future__ import annotations

from assistant import Assistant
from assistant.spelling import Speller


def test_a_misspelling_is_read_as_the_known_word():
    speller = Speller(["kollegerne", "colleagues", "opbakning", "medarbejder"])
    assert speller.correct("Hvordan får vi kolegaerne med?") == "Hvordan får vi kollegerne med?"
    assert speller.correct("How do we win over colleages?") == "How do we win over colleagues?"
    assert speller.correct("Kolegaerne vil ikke.") == "Kollegerne vil ikke."  # a sentence's first word keeps its capital


def test_names_short_words_and_unlike_words_are_left_alone():
    speller = Speller(["kollegerne", "organisationsstruktur", "gider"], understood=lambda word: word == "kollegernes")
    assert speller.correct("Vi bruger Kolegaerne i Odense") == "Vi bruger Kolegaerne i Odense"  # a capital mid-sentence: a name
    assert speller.correct("glider") == "glider"  # shorter than seven letters
    assert speller.correct("organisationskultur") == "organisationskultur"  # another word, not a typo
    assert speller.correct("kollegernes") == "kollegernes"  # an inflection the stemmer knows


def test_the_assistant_answers_a_misspelt_question_as_the_right_one(fake_assistant: Assistant):
    typo, right = fake_assistant.ask("Hvordan får vi kolegaerne med?"), fake_assistant.ask("Hvordan får vi kollegerne med?")
    assert not typo.abstained and typo.question == "Hvordan får vi kolegaerne med?"  # shown as the user wrote it
    assert [c.id for c in typo.citations] == [c.id for c in right.citations]
