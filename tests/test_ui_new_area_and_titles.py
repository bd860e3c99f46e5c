"""Two findings: Enter in "Nyt område" adds the area like its button, and new drafts get titles that tell them apart."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Iterator

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from servers import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from test_ui import app, click, drafts, ok, start_wizard, texts, ui_env, widget  # noqa: E402,F401 - the fixture is used by name


def _blocks(node: Any) -> Iterator[Any]:
    for child in getattr(node, "children", {}).values():
        if child.type == "flex_container":
            yield child
        yield from _blocks(child)


def _labels(node: Any) -> set[str]:
    found = {str(getattr(node, "label", ""))} - {""}
    for child in getattr(node, "children", {}).values():
        found |= _labels(child)
    return found


# -- Enter in the new-area field ---------------------------------------------------------------------------------------
def test_the_new_area_field_and_its_button_share_an_enter_clicks_box():
    from ui.autosave import ENTER_CLICKS

    at = app()
    start_wizard(at, "views/priorities.py")
    boxes = [b for b in _blocks(at._tree) if ENTER_CLICKS in b.proto.id]
    assert len(boxes) == 1, "exactly one box where Enter presses the button"
    assert {"Nyt område", "Tilføj område"} <= _labels(boxes[0])  # the field and the button it presses, nothing else to click
    assert not {"Fjern", "Næste →", "Bibliotek"} & _labels(boxes[0])


def test_a_name_typed_but_not_added_is_said_not_silently_left_out():
    at = app()
    draft_id = start_wizard(at, "views/priorities.py")
    widget(at.text_input, "Nyt område").input("Forskningsstøtte").run()  # committed (the autosave's Enter), not added
    ok(at)
    assert drafts().get(draft_id).data["areas"] == [] and drafts().get(draft_id).data["new_area"] == "Forskningsstøtte"
    assert "«Forskningsstøtte» er ikke tilføjet endnu: tryk Enter eller «Tilføj område»." in texts(at)
    click(at, "Tilføj område")  # what the user's Enter presses
    assert [a["area"] for a in drafts().get(draft_id).data["areas"]] == ["Forskningsstøtte"]
    assert widget(at.text_input, "Nyt område").value == "" and "ikke tilføjet endnu" not in texts(at)
    widget(at.text_input, "Nyt område").input("forskningsstøtte").run()  # a duplicate: one clear message, not two
    assert any("står allerede på listen" in w.value for w in at.warning) and "ikke tilføjet endnu" not in texts(at)


def test_the_not_added_hint_in_english():
    at = app(english=True)
    at.switch_page("views/priorities.py").run()
    click(at, "Start a new draft")
    widget(at.text_input, "New area").input("Research support").run()
    ok(at)
    assert "“Research support” is not added yet: press Enter or “Add area”." in texts(at)


_PAGE = """<!doctype html><html><body>
<div id="mount"></div>
<div class="stVerticalBlock st-key-cocreate-enter-clicks-new-area">
  <div data-testid="stTextInput"><input id="new" aria-label="Nyt område"></div>
  <button id="add" onclick="window.clicks = (window.clicks || 0) + 1">Tilføj område</button>
</div>
<div data-testid="stTextInput"><input id="other" aria-label="Bibliotek"></div>
<button onclick="window.others = (window.others || 0) + 1">Fjern</button>
</body></html>"""


@pytest.mark.e2e
@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed at /usr/bin/chromium (apt-get install chromium)")
def test_the_users_enter_presses_the_button_the_autosaves_enter_does_not():
    sync_api = pytest.importorskip("playwright.sync_api")
    from ui import autosave

    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.set_content(_PAGE)
            page.evaluate("""async (js) => {
                const url = URL.createObjectURL(new Blob([js], {type: "text/javascript"}));
                const module = await import(url);
                module.default(document.getElementById("mount"));
            }""", autosave._JS)
            new = page.locator("#new")
            new.click()
            page.keyboard.type("Studiemiljø", delay=15)
            page.wait_for_timeout(autosave.PAUSE_MS + 600)  # the autosave commits the field with an Enter of its own
            assert page.evaluate("window.clicks || 0") == 0, "the autosave's Enter must not add a half-typed name"
            new.press("Enter")  # the user's Enter
            page.wait_for_function("window.clicks === 1")
            page.wait_for_timeout(autosave.PAUSE_MS + 300)
            assert page.evaluate("window.clicks") == 1  # once: the pending autosave is not a second press
            page.locator("#other").press("Enter")  # Enter in a field outside the box presses nothing
            page.wait_for_timeout(100)
            assert page.evaluate("[window.clicks, window.others || 0]") == [1, 0]
        finally:
            browser.close()


# -- default titles of new drafts --------------------------------------------------------------------------------------
def test_default_title_numbers_a_title_a_draft_already_has():
    from ui.wizard import default_title

    base = "4P-planlægger 02.12.2026"
    assert default_title(base, []) == base
    assert default_title(base, ["Andet", "Plan A"]) == base
    assert default_title(base, [base]) == f"{base} (2)"
    assert default_title(base, [base, f"{base} (2)", f" {base.upper()} (3) "]) == f"{base} (4)"


def test_two_new_drafts_of_one_tool_on_one_day_get_different_titles():
    at = app()
    at.switch_page("views/fourp.py").run()
    suggested = widget(at.text_input, "Titel på den nye kladde").value
    click(at, "Start en ny kladde")
    click(at, "Luk kladden")
    second = widget(at.text_input, "Titel på den nye kladde").value
    assert second == f"{suggested} (2)"
    click(at, "Start en ny kladde")
    assert sorted(d.title for d in drafts().list()) == [suggested, f"{suggested} (2)"]


def test_a_title_the_user_typed_is_kept_as_typed_even_when_taken():
    drafts().create("fourp", "Introforløb", {"title": "Introforløb"}, "pointe")
    at = app()
    at.switch_page("views/fourp.py").run()
    widget(at.text_input, "Titel på den nye kladde").input("Introforløb")
    click(at, "Start en ny kladde")
    assert [d.title for d in drafts().list()] == ["Introforløb", "Introforløb"]
