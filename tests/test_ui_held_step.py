"""A trial finding: a field holding what cannot be saved yet keeps Back and Next in place with the reason between them,
keeps the typed text wherever the user clicks, and the page says which field is not saved instead of "Gemt automatisk"."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from test_ui import app, click, drafts, ok, start_wizard, texts, widget  # noqa: E402
from test_ui import ui_env  # noqa: E402,F401 - the fixture is used by name

RECRUITMENT = "Hvordan rekrutterer I deltagerne?"
PASTE = "Vi inviterer studerende via studenterorganisationerne og underviserne. " * 170  # 12,069 characters, without the last space


def _nav(at) -> list[str]:
    """The navigation buttons on the page."""
    return [b.label for b in at.button if b.label in ("← Forrige", "Næste →", "← Back", "Next →")]


def _at_partners_step():
    at = app()
    draft_id = start_wizard(at, "views/fourp.py")
    click(at, "Næste")
    assert drafts().get(draft_id).step == "partnere"
    widget(at.text_area, RECRUITMENT).input("Via studenterorganisationer").run()
    ok(at)
    return at, draft_id


def test_a_too_long_text_keeps_both_buttons_in_place_with_the_reason_between_them():
    at, draft_id = _at_partners_step()
    assert _nav(at) == ["← Forrige", "Næste →"]
    assert any(c.value.startswith("Gemt automatisk") for c in at.caption)
    widget(at.text_area, RECRUITMENT).input(PASTE).run()
    ok(at)
    assert _nav(at) == ["← Forrige", "Næste →"]  # both still in place: the layout does not jump
    warnings = [w.value for w in at.warning]
    assert any("Teksten er for lang: 12.069 tegn (højst 5.000)" in w for w in warnings)
    assert any("før du går videre" in w and "ikke gemt endnu" in w for w in warnings)
    captions = [c.value for c in at.caption]
    assert not any(c.startswith("Gemt automatisk") for c in captions), captions  # not claimed for text that is not saved
    assert any(f"Ikke gemt endnu: «{RECRUITMENT}»" in c and "Resten af kladden er gemt automatisk" in c for c in captions), captions
    assert drafts().get(draft_id).data["recruitment"] == "Via studenterorganisationer"  # the last text that fit stays saved

    for button in ("Næste", "Forrige"):  # a click stays on the step: moving would lose the text
        click(at, button)
        assert drafts().get(draft_id).step == "partnere" and widget(at.text_area, RECRUITMENT).value == PASTE
        assert _nav(at) == ["← Forrige", "Næste →"]
    at.button_group[0].set_value("produkt").run()  # so does a jump in the row of steps, which snaps back to this step
    ok(at)
    assert drafts().get(draft_id).step == "partnere" and widget(at.text_area, RECRUITMENT).value == PASTE
    assert at.button_group[0].value == "partnere"
    assert sum("før du går videre" in w.value for w in at.warning) == 2  # at the row of steps and at the buttons

    widget(at.text_area, RECRUITMENT).input(PASTE[:4000]).run()  # shortened: saved, and the page may move again
    ok(at)
    assert drafts().get(draft_id).data["recruitment"] == PASTE[:4000].strip()
    assert "før du går videre" not in texts(at)
    assert any(c.value.startswith("Gemt automatisk") for c in at.caption) and "Ikke gemt endnu" not in texts(at)
    click(at, "Næste")
    assert drafts().get(draft_id).step == "processer"


def test_a_bad_number_holds_the_page_the_same_way():
    at, draft_id = _at_partners_step()
    click(at, "Næste")
    widget(at.text_input, "Afsatte timer i alt").input("mange").run()
    ok(at)
    assert _nav(at) == ["← Forrige", "Næste →"]
    assert any("Ret tallet i «Afsatte timer i alt», før du går videre" in w.value for w in at.warning)
    assert any("Ikke gemt endnu: «Afsatte timer i alt»" in c.value for c in at.caption)
    widget(at.text_input, "Afsatte timer i alt").input("40").run()
    assert _nav(at) == ["← Forrige", "Næste →"]
    assert drafts().get(draft_id).data["hours_set_aside"] == 40


def test_the_held_page_in_english():
    at = app(english=True)
    at.switch_page("views/fourp.py").run()
    click(at, "Start a new draft")
    click(at, "Next")
    widget(at.text_area, "How do you recruit the participants?").input(PASTE).run()
    ok(at)
    assert _nav(at) == ["← Back", "Next →"]
    assert any("before you move on" in w.value and "not saved yet" in w.value for w in at.warning)
    assert any("Not saved yet: «How do you recruit the participants?»" in c.value for c in at.caption)
    assert widget(at.text_area, "How do you recruit the participants?").value == PASTE
