"""A trial finding: a too-long area name in "Ledelsens prioritering" is said as too long, with its count, and stays in the field."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from test_ui import app, click, drafts, ok, start_wizard, texts, widget  # noqa: E402
from test_ui import ui_env  # noqa: E402,F401 - the fixture is used by name

LONG = ("Forskningsstøtte og datahåndtering for ph.d.-studerende på tværs af fakulteterne, " * 7).strip()  # 587 characters


def test_a_too_long_new_area_is_said_with_its_count_and_kept_in_the_field():
    at = app()
    draft_id = start_wizard(at, "views/priorities.py")
    field = widget(at.text_input, "Nyt område")
    assert field.proto.max_chars == 0  # the browser does not cut a long paste without a word
    field.input(LONG)
    click(at, "Tilføj område")
    assert widget(at.text_input, "Nyt område").value == LONG  # nothing typed is lost
    assert f"Navnet er for langt ({len(LONG)}/200 tegn)" in texts(at)
    assert "skal have et navn" not in texts(at)  # not called empty
    assert drafts().get(draft_id).data["areas"] == []
    assert drafts().get(draft_id).data["new_area"] == LONG  # a reload keeps it, like any typed text
    widget(at.text_input, "Nyt område").input("Forskningsstøtte")  # shortened: added, and the field empties
    click(at, "Tilføj område")
    assert [a["area"] for a in drafts().get(draft_id).data["areas"]] == ["Forskningsstøtte"]
    assert widget(at.text_input, "Nyt område").value == "" and "for langt" not in texts(at)


def test_an_empty_name_keeps_its_own_message():
    at = app()
    start_wizard(at, "views/priorities.py")
    widget(at.text_input, "Nyt område").input("   ")
    click(at, "Tilføj område")
    assert "Et område skal have et navn" in texts(at) and "for langt" not in texts(at)


def test_a_listed_area_renamed_too_long_keeps_its_name_and_the_typed_text():
    at = app()
    draft_id = start_wizard(at, "views/priorities.py")
    widget(at.text_input, "Nyt område").input("Studiemiljø")
    click(at, "Tilføj område")
    row = widget(at.text_input, "Område")
    assert row.proto.max_chars == 0
    row.input(LONG).run()
    ok(at)
    assert widget(at.text_input, "Område").value == LONG and f"Navnet er for langt ({len(LONG)}/200 tegn)" in texts(at)
    assert [a["area"] for a in drafts().get(draft_id).data["areas"]] == ["Studiemiljø"]  # the saved name until it fits
    assert not at.error
    click(at, "Næste")  # moving on would drop the typed name: the page stays, and says why
    assert widget(at.text_input, "Område").value == LONG and "før du går videre" in texts(at)


def test_the_too_long_message_in_english():
    at = app(english=True)
    at.switch_page("views/priorities.py").run()
    click(at, "Start a new draft")
    widget(at.text_input, "New area").input(LONG)
    click(at, "Add area")
    assert widget(at.text_input, "New area").value == LONG
    assert f"The name is too long ({len(LONG)}/200 characters)" in texts(at)
