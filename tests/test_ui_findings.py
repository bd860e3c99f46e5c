"""A librarian's findings in the app: each report text once, no lone words as evidence, a deliberate 3, Excel's CSV, Danish text."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Iterator

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from test_ui import app, click, drafts, next_step, ok, start_wizard, texts, ui_env, widget  # noqa: E402,F401 - the fixture is used by name

from streamlit.testing.v1 import AppTest  # noqa: E402
from streamlit.testing.v1 import element_tree as et  # noqa: E402

NPG_SENTENCE = "Umiddelbart harmonerer co-creation godt med New Public Governance"
COMPOSITE_SENTENCE = "Tværtimod kan medarbejdere have sammensatte identiteter"


def quoted(at: AppTest) -> list[str]:
    """The text a reader sees on the page outside the collapsed passages ("Flere relevante steder" hold whole passages)."""

    def walk(node: Any) -> Iterator[str]:
        if isinstance(node, et.Expander):
            return
        if isinstance(node, (et.Markdown, et.Caption)):
            yield str(node.value).replace("\\", "")
        for child in getattr(node, "children", {}).values():
            yield from walk(child)

    return list(walk(at._tree))


def times(at: AppTest, sentence: str) -> int:
    return sum(text.count(sentence) for text in quoted(at))


def open_draft(kind: str, data: dict[str, Any], step: str, english: bool = False) -> AppTest:
    """A stored draft opened from the drafts page, at ``step``."""
    drafts().create(kind, f"Kladde {kind}", data, step)
    at = app(english)
    at.switch_page("views/drafts.py").run()
    click(at, "Open" if english else "Åbn")
    return at


# -- 1. each text of the report once on a step -----------------------------------------------------------------
def test_the_identity_profile_step_quotes_the_composite_identities_once():
    at = open_draft("identity", {"ratings": {"ekspert-1": 5}}, "profil")
    assert "1 af 12 udsagn vurderet" in texts(at)
    assert times(at, COMPOSITE_SENTENCE) == 1, [t for t in quoted(at) if COMPOSITE_SENTENCE in t]
    assert "Omvendt er det også altid muligt" in texts(at)  # the rest of the longer excerpt is still said


def test_the_culture_profile_step_quotes_the_npg_sentence_once():
    at = open_draft("culture", {"ratings": {"npg-1": 5}}, "profil")
    assert "Dominerende: New Public Governance" in texts(at)
    assert times(at, NPG_SENTENCE) == 1, [t for t in quoted(at) if NPG_SENTENCE in t]
    assert "Men co-creation kan også tillægges værdi inden for andre perspektiver" in texts(at)  # what only the longer one says


def test_the_culture_profile_of_a_hybrid_says_each_perspective_once():
    at = open_draft("culture", {"ratings": {"pa-1": 5, "npm-1": 5, "npg-1": 5}}, "profil")
    assert times(at, NPG_SENTENCE) == 1
    assert times(at, "hvilket vil være et Public Administration perspektiv") == 1
    [heading] = [text for text in quoted(at) if "– co-creation i disse perspektiver:" in text]  # one sentence pair for all three
    assert all(name in heading.split("–")[0] for name in ("Public Administration", "New Public Management", "New Public Governance"))


def test_the_report_question_of_an_evaluation_level_is_quoted_once():
    at = open_draft("evaluation", {}, "reaktion")
    assert times(at, "Hvad tænker du umiddelbart om co-creation?") == 1


def test_the_same_in_english():
    at = open_draft("culture", {"ratings": {"npg-1": 5}}, "profil", english=True)
    assert times(at, "At first sight, co-creation fits well with New Public Governance") == 1


# -- 2. no lone word as evidence ---------------------------------------------------------------------------------
def test_the_discussion_step_shows_no_lone_table_cell_as_evidence():
    at = open_draft("culture", {"ratings": {"npg-1": 5}}, "diskussion")
    body = texts(at)
    assert "Hvor risikerer vi passivisering af brugerne" in body  # the question is asked ...
    lone = [text for text in quoted(at) if text.strip() in ("Passivisering", "Ekspertvælde", "Ressourcespild")]
    assert not lone, lone  # ... but its source is no word without a sentence
    assert "(tabel-6)" in body  # it still names where in the report it comes from
    short = [text for text in quoted(at) if len(text.split()) < 3 and text.strip() != "---"]  # (--- is a divider)
    assert not short, short


def test_evidence_keeps_each_text_once_and_drops_lone_words():
    from assistant.planning import Advice

    from ui.evidence import Evidence

    sentence = "Tværtimod kan medarbejdere have sammensatte identiteter."
    longer = Advice(f"{sentence} Omvendt er det også altid muligt, at medarbejdere oplever modstand.", "p08", "On the contrary. Conversely, staff may resist.")
    items = [Advice(sentence, "p08"), longer, Advice("Passivisering", "tabel-6"), Advice("hvem der deltage", "figur-1"), longer]
    shown = Evidence().select(items)
    assert [a.text for a in shown] == [longer.text]  # the shorter one gives way to the longer, a repeat and lone words go

    evidence = Evidence()
    assert evidence.take(Advice(sentence, "p08")) is not None
    rest = evidence.take(longer)
    assert rest is not None and rest.text == "… Omvendt er det også altid muligt, at medarbejdere oplever modstand."
    assert evidence.take(Advice(sentence, "p08")) is None and "p08" in evidence.source_ids


# -- 3. the feedback CSV opens in Excel with æ, ø and å ----------------------------------------------------------
def test_the_feedback_csv_starts_with_a_byte_order_mark(monkeypatch: pytest.MonkeyPatch):
    import streamlit.testing.v1.app_test as app_test
    from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

    from assistant import Settings
    from assistant.feedback import FeedbackStore
    from assistant.storage import open_database

    storages: list[MemoryMediaFileStorage] = []

    class Recording(MemoryMediaFileStorage):  # where AppTest keeps the bytes a download button serves
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            storages.append(self)

    monkeypatch.setattr(app_test, "MemoryMediaFileStorage", Recording)
    FeedbackStore(open_database(Settings())).add("Hvordan får vi kollegerne med?", "Et svar", "down", comment="Mangler noget om hverdagens små møder")
    at = app()
    at.switch_page("views/feedback.py").run()
    ok(at)
    [button] = [b for b in at.download_button if b.label == "Hent feedback (CSV)"]
    content = storages[-1].get_file(button.proto.url.rsplit("/", 1)[-1]).content
    assert content.startswith(b"\xef\xbb\xbf") and not content.startswith(b"\xef\xbb\xbf\xef\xbb\xbf")
    assert "Mangler noget om hverdagens små møder" in content.decode("utf-8-sig")


# -- 4. a slider deliberately left at 3 ---------------------------------------------------------------------------
def test_a_deliberate_three_counts_and_an_untouched_slider_does_not():
    at = app()
    draft_id = start_wizard(at, "views/identity.py")
    next_step(at, draft_id, "vurdering")
    ticks = [box for box in at.checkbox if box.label == "Vurderet"]
    assert len(ticks) == 12 and not any(box.value for box in ticks)  # nothing rated by showing the sliders
    assert drafts().get(draft_id).data.get("ratings", {}) == {}
    ticks[0].check().run()  # the user means the middle: the slider stays at 3
    ok(at)
    assert list(drafts().get(draft_id).data["ratings"].values()) == [3]
    at.slider[1].set_value(4).run()  # moving a slider ticks it by itself
    ok(at)
    assert [box.value for box in at.checkbox][:2] == [True, True] and len(drafts().get(draft_id).data["ratings"]) == 2
    at.checkbox[1].uncheck().run()  # unticked: unrated again
    ok(at)
    assert list(drafts().get(draft_id).data["ratings"].values()) == [3]
    next_step(at, draft_id, "profil")
    assert "1 af 12 udsagn vurderet" in texts(at)
    click(at, "Forrige")
    assert [box.value for box in at.checkbox][:2] == [True, False]  # back on the step, the ticks show what counts
