"""The chat's speaker filter ("Hvem siger det"): its choices, what it asks the core for, and how it is kept."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from test_ui import app, ask, asked, ok, source_labels, texts, ui_env, widget  # noqa: E402,F401 - the fixture is used by name

MANAGEMENT = "Hvad siger lederne om co-creation og ledelsens opbakning?"


def test_the_speaker_choices_are_the_cores_named_in_the_ui_language():
    from assistant.retrieval import SPEAKERS

    at = app()
    speaker = widget(at.selectbox, "Hvem siger det")
    assert list(speaker.options) == ["Alle talere", "Projektdeltager", "Kollega", "Leder"] and speaker.value is None
    at.toggle[0].set_value(True).run()
    ok(at)
    assert list(widget(at.selectbox, "Who says it").options) == ["All speakers", "Project participant", "Colleague", "Manager"]
    from ui.chat import SPEAKERS as CHOICES

    assert CHOICES == (None, *SPEAKERS)  # every speaker the core filters on, and only those


@pytest.mark.parametrize(("speaker", "shown"), [("leder", "Leder"), ("kollega", "Kollega"), ("projektdeltager", "Projektdeltager")])
def test_a_chosen_speaker_gives_only_that_speakers_quotes(asked: list[dict[str, Any]], speaker: str, shown: str):
    at = app()
    widget(at.selectbox, "Hvem siger det").set_value(speaker)
    ask(at, MANAGEMENT)
    assert asked[-1]["filters"] == {"speaker": speaker}  # passed to the core like the other filters
    citations = asked[-1]["answer"].citations
    assert citations and all(c.kind == "quote" and c.speaker == speaker for c in citations)
    labels = [label.replace("\\", "") for label in source_labels(at)]
    assert len(labels) == len(citations) and all(f"Citat · {shown} —" in label for label in labels), labels


def test_no_speaker_chosen_passes_no_speaker(asked: list[dict[str, Any]]):
    at = app()
    widget(at.selectbox, "Vis").set_value("quote")
    ask(at, MANAGEMENT)
    assert asked[-1]["filters"] == {"kind": "quote"}
    assert {c.speaker for c in asked[-1]["answer"].citations} - {"leder"}  # other speakers are cited too


def test_the_speaker_is_kept_across_questions_a_language_switch_and_other_pages(asked: list[dict[str, Any]]):
    at = app()
    widget(at.selectbox, "Hvem siger det").set_value("kollega")
    widget(at.selectbox, "Del af rapporten").set_value("del-2").run()
    ask(at, MANAGEMENT)
    ask(at, "Og hvad med støtte og sparring?")  # a rerun with a follow-up: the filter still applies
    assert asked[-1]["filters"] == {"speaker": "kollega", "part": "del-2"}
    at.toggle[0].set_value(True).run()
    ok(at)
    assert widget(at.selectbox, "Who says it").value == "kollega" and widget(at.selectbox, "Part of the report").value == "del-2"
    at.switch_page("views/drafts.py").run()
    ok(at)
    at.switch_page("views/chat.py").run()
    ok(at)
    assert widget(at.selectbox, "Who says it").value == "kollega" and widget(at.selectbox, "Part of the report").value == "del-2"
    at.toggle[0].set_value(False).run()
    assert widget(at.selectbox, "Hvem siger det").value == "kollega" and widget(at.selectbox, "Del af rapporten").value == "del-2"
    widget(at.selectbox, "Hvem siger det").select_index(0)  # "Alle talere"
    ask(at, MANAGEMENT)
    assert asked[-1]["filters"] == {"part": "del-2"}  # back to every speaker


@pytest.mark.parametrize(("english", "named"), [(False, "taler: Leder"), (True, "speaker: Manager")])
def test_a_speaker_filter_that_leaves_nothing_names_the_speaker_once(english: bool, named: str):
    at = app(english=english)
    widget(at.selectbox, "Show" if english else "Vis").set_value("recommendation")  # recommendations have no speaker
    widget(at.selectbox, "Who says it" if english else "Hvem siger det").set_value("leder")
    ask(at, "How do we get colleagues on board with co-creation?" if english else MANAGEMENT)
    opening = "No passage of the report matches the filter" if english else "Ingen passager i rapporten passer til filteret"
    shown = [m.value.replace("\\", "") for m in at.markdown if opening in m.value]
    assert len(shown) == 1 and named in shown[0], shown
    assert not source_labels(at) and not at.warning and at.code[0].value.count(opening) == 1


def test_the_speaker_strings_exist_in_both_languages():
    from ui.i18n import STRINGS

    for key, da, en in (("chat.filter.speaker", "Hvem siger det", "Who says it"), ("chat.filter.speaker.all", "Alle talere", "All speakers")):
        assert (STRINGS[key].da, STRINGS[key].en) == (da, en)
