"""The whole app in a real headless Chromium: the chat, the 4P wizard, a manager's prioritisation and a team's profile."""
from __future__ import annotations

import re
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

import pytest
from servers import CHROMIUM, CHROMIUM_ARGS, streamlit_app

needs_chromium = pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed at /usr/bin/chromium (apt-get install chromium)")

pytestmark = pytest.mark.e2e


@pytest.fixture()
def app_url(_isolated_env: Path) -> Iterator[str]:
    """`streamlit run ui/app.py` on a free port, with hash embeddings and this test's data dir; stopped afterwards."""
    with streamlit_app(_isolated_env, {}) as url:
        yield url


def _wait_for_autosave(data_dir: Path, field: str, value: object, seconds: float = 15) -> None:
    """Wait until the app has written ``field`` of the (only) draft to disk."""
    from assistant import Settings
    from assistant.planning import DraftStore

    store = DraftStore(Settings(data_dir=data_dir).drafts_path())
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        drafts = store.list()
        if drafts and drafts[0].data.get(field) == value:
            return
        time.sleep(0.2)
    pytest.fail(f"the draft's {field!r} was not autosaved as {value!r}: {[d.data for d in store.list()]}")


@needs_chromium
def test_ask_then_plan_with_4p_and_download_docx(app_url: str, _isolated_env: Path):
    sync_api = pytest.importorskip("playwright.sync_api")
    started = time.monotonic()
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
        )
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
            page.set_default_timeout(30_000)
            expect = sync_api.expect

            # -- the chat: a question, an answer with [n] markers, its sources
            page.goto(f"{app_url}/chat")  # the chat's own address works (no "Page not found")
            chat = page.get_by_test_id("stChatInputTextArea")
            chat.wait_for(timeout=60_000)  # the first run builds the index
            chat.fill("Hvordan får vi kollegerne med i co-creation?")
            chat.press("Enter")
            expect(page.get_by_text("Kilder", exact=True)).to_be_visible()
            sources = page.get_by_test_id("stExpander").filter(has_text="[1]")
            expect(sources.first).to_be_visible()
            assert page.get_by_text("Page not found").count() == 0 and page.url.split("?")[0].endswith("/chat")  # ?chat=<id> names the conversation
            sources.first.locator("summary").click()
            expect(page.get_by_text("Kilde-id:").first).to_be_visible()
            expect(page.get_by_text("Svarmotor: uddrag fra rapporten (ingen sprogmodel)").first).to_be_visible()

            # -- the 4P wizard, step by step, to the DOCX
            page.get_by_test_id("stSidebarNav").get_by_text("4P-planlægger").click()
            page.get_by_role("button", name="Start en ny kladde").click()
            purpose = page.get_by_role("textbox", name="Hvad vil I bruge co-creation til?")
            purpose.fill("Gentænke introduktionen til biblioteket sammen med studerende")
            purpose.press("Tab")  # leaving the field sends it (and autosaves)
            page.get_by_role("button", name="Kvalitet", exact=True).click()  # multi-select pills are toggle buttons
            expect(page.get_by_role("button", name="Kvalitet", exact=True)).to_have_attribute("aria-pressed", "true")
            page.get_by_role("radio", name="Praksisudvikling", exact=True).click()  # single-select pills are radios
            expect(page.get_by_role("radio", name="Praksisudvikling", exact=True)).to_have_attribute("aria-checked", "true")

            page.get_by_role("button", name="Næste →").click()
            expect(page.get_by_text("Trin 2 af 5", exact=False)).to_be_visible()
            page.get_by_role("button", name="Studerende", exact=True).click()
            expect(page.get_by_role("button", name="Studerende", exact=True)).to_have_attribute("aria-pressed", "true")
            recruitment = page.get_by_role("textbox", name="Hvordan rekrutterer I deltagerne?")
            recruitment.fill("Via studievejledningen")
            recruitment.press("Tab")
            _wait_for_autosave(_isolated_env, "recruitment", "Via studievejledningen")
            page.reload()  # a reload reopens the draft named in the URL, at its step
            expect(page.get_by_role("textbox", name="Hvordan rekrutterer I deltagerne?")).to_have_value("Via studievejledningen")
            assert "draft=" in page.url

            for step in (3, 4, 5):
                page.get_by_role("button", name="Næste →").click()
                expect(page.get_by_text(f"Trin {step} af 5", exact=False)).to_be_visible()
            expect(page.get_by_text("Dit dokument")).to_be_visible()
            with page.expect_download() as download_info:
                page.get_by_role("button", name="Hent som Word (DOCX)").click()
            download = download_info.value
            assert download.suggested_filename.endswith(".docx")
            assert Path(download.path()).read_bytes()[:2] == b"PK"
        finally:
            browser.close()

    from assistant import Settings
    from assistant.planning import DraftStore

    [draft] = DraftStore(Settings(data_dir=_isolated_env).drafts_path()).list()
    assert draft.kind == "fourp" and draft.step == "summary"
    assert draft.data["pointe_purpose"].startswith("Gentænke introduktionen") and draft.data["recruitment"] == "Via studievejledningen"
    assert draft.data["motives"] == ["kvalitet"] and draft.data["partners"] == ["studerende"]
    assert time.monotonic() - started < 90


# -- issue 11: a manager's and a team's path, each reloading mid-way and measuring the chart ---------------------
def _store(data_dir: Path):
    from assistant import Settings
    from assistant.planning import DraftStore

    return DraftStore(Settings(data_dir=data_dir).drafts_path())


def _wait_for_draft(data_dir: Path, check: Any, what: str, seconds: float = 20) -> Any:
    """Poll the drafts file until ``check(draft.data)`` holds for the (only) draft; the draft."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        drafts = _store(data_dir).list()
        if drafts and check(drafts[0].data):
            return drafts[0]
        time.sleep(0.2)
    pytest.fail(f"not autosaved: {what}: {[d.data for d in _store(data_dir).list()]}")


@contextmanager
def _browser(width: int = 1400) -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": width, "height": 1000}, accept_downloads=True)
            page.set_default_timeout(30_000)
            yield page
        finally:
            browser.close()


def _settled(page: Any, seconds: float = 60) -> None:
    """Wait until the app has finished its run ("Running…" gone), as a user waits for a page before clicking: a click
    while the first run still sets the address's parameters can be lost in Streamlit's rerun (CI saw it once in ~30)."""
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=seconds * 1000)


def _type_without_leaving(page: Any, box: Any, text: str) -> None:
    """Click into a field and type, as a user does, without Tab, Ctrl+Enter or a click elsewhere."""
    box.click()
    page.keyboard.press("End")
    page.keyboard.type(text, delay=15)


def _chart_bars(page: Any, index: int = 0) -> tuple[list[dict[str, float]], list[tuple[str, dict[str, float]]]]:
    """The rendered bars' boxes and the axis labels' (text, box) of the index-th chart on the page."""
    chart = page.get_by_test_id("stVegaLiteChart").nth(index)
    chart.scroll_into_view_if_needed()
    chart.locator("g.mark-rect path").first.wait_for()
    bars = [box for box in (bar.bounding_box() for bar in chart.locator("g.mark-rect path").all()) if box]
    labels = [(text.text_content() or "", box) for text in chart.locator("g.role-axis-label text").all() if (box := text.bounding_box())]
    return bars, labels


def _assert_readable_bar_chart(bars: list[dict[str, float]], labels: list[tuple[str, dict[str, float]]], names: list[str], min_height: float) -> None:
    assert len(bars) == len(names), bars
    assert all(bar["height"] >= min_height and bar["width"] > 10 for bar in bars), bars  # bars, not hairlines
    shown = [(text, box) for text, box in labels if text in names]
    assert sorted(text for text, _ in shown) == sorted(names), labels  # every name is labelled
    boxes = sorted((box for _, box in shown), key=lambda b: b["y"])
    assert all(upper["y"] + upper["height"] <= lower["y"] + 0.5 for upper, lower in zip(boxes, boxes[1:])), boxes  # none overlap


@needs_chromium
def test_manager_prioritises_across_a_reload_and_sees_a_readable_chart(app_url: str, _isolated_env: Path):
    from playwright.sync_api import expect

    started = time.monotonic()
    areas = ["Undervisning i informationssøgning og kildekritik", "Studiemiljø", "Forskningsstøtte"]
    with _browser() as page:
        page.goto(f"{app_url}/priorities")
        page.get_by_role("button", name="Start en ny kladde").click(timeout=60_000)
        _type_without_leaving(page, page.get_by_role("textbox", name="Bibliotek"), "KB Aarhus")
        _wait_for_draft(_isolated_env, lambda d: d.get("library") == "KB Aarhus", "library typed, field not left")
        add = page.get_by_role("button", name="Tilføj område")
        label = add.locator("p").first
        assert label.evaluate("e => e.scrollWidth <= e.clientWidth") and label.inner_text() == "Tilføj område"  # not "+ Til…"
        for area in areas:
            page.get_by_role("textbox", name="Nyt område").fill(area)
            page.get_by_role("button", name="Tilføj område").click()
            expect(page.get_by_role("textbox", name="Område", exact=True).last).to_have_value(area)

        page.get_by_role("button", name="Næste →").click()
        expect(page.get_by_text("Trin 2 af 5", exact=False)).to_be_visible()
        for n, level in enumerate(("Avanceret", "Udvidet")):
            page.get_by_role("radio", name=level, exact=True).nth(n).click()
            expect(page.get_by_role("radio", name=level, exact=True).nth(n)).to_have_attribute("aria-checked", "true")
        for n, staff in enumerate(("3", "5", "2")):
            box = page.get_by_role("textbox", name="Antal medarbejdere").nth(n)
            box.fill(staff)
            box.press("Tab")
            # as a person would, the next field is filled once this one is saved (a field typed into while the page is
            # redrawn after the last one can be redrawn with the saved value; on busy cores that race is real)
            _wait_for_draft(_isolated_env, lambda d, n=n, staff=staff: d["areas"][n]["staff"] == int(staff), f"staff {n}")
        _wait_for_draft(_isolated_env, lambda d: [a["staff"] for a in d["areas"]] == [3, 5, 2], "staff")
        bars, labels = _chart_bars(page)
        _assert_readable_bar_chart(bars, labels, areas, min_height=20)
        widths = [bar["width"] for bar in sorted(bars, key=lambda b: b["y"])]
        assert widths[0] > widths[1] > widths[2] and abs(widths[0] / widths[2] - 3) < 0.2, widths  # avanceret 3 : udvidet 2 : grundlæggende 1

        page.get_by_role("button", name="Næste →").click()
        expect(page.get_by_text("Trin 3 af 5", exact=False)).to_be_visible()
        _type_without_leaving(page, page.get_by_role("textbox", name="Tidsplan").first, "Efterår 2025")
        _wait_for_draft(_isolated_env, lambda d: d["areas"][0]["timing"] == "Efterår 2025", "timing typed, field not left")
        page.reload()  # mid-way: nothing typed is lost, the step and the language stay
        expect(page.get_by_role("textbox", name="Tidsplan").first).to_have_value("Efterår 2025")
        for step in (2, 1):
            page.get_by_role("button", name="← Forrige").click()
            expect(page.get_by_text(f"Trin {step} af 5", exact=False)).to_be_visible()
        expect(page.get_by_role("textbox", name="Bibliotek")).to_have_value("KB Aarhus")
        for step in (2, 3, 4):
            page.get_by_role("button", name="Næste →").click()
            expect(page.get_by_text(f"Trin {step} af 5", exact=False)).to_be_visible()
        _type_without_leaving(page, page.get_by_role("textbox", name="Noter"), "Se www.evil.example og mail ledelse@evil.example")
        _wait_for_draft(_isolated_env, lambda d: "www.evil.example" in d.get("notes", ""), "notes")

        page.get_by_role("button", name="Næste →").click()
        expect(page.get_by_text("Dit dokument")).to_be_visible()
        bars, labels = _chart_bars(page)
        _assert_readable_bar_chart(bars, labels, areas, min_height=20)
        main = page.get_by_test_id("stMain")
        expect(main.get_by_text("evil.example", exact=False).first).to_be_visible()  # shown (with an invisible word joiner after www)
        assert not [a for a in main.locator("a").all() if "evil" in (a.get_attribute("href") or "")]  # shown as text, no link
        with page.expect_download() as download_info:
            page.get_by_role("button", name="Hent som Word (DOCX)").click()
        import docx

        document = docx.Document(download_info.value.path())
        assert document.core_properties.author == "cocreate" and document.core_properties.title == "Prioriteringsnotat: KB Aarhus"
        assert [c.text for c in document.tables[0].rows[1].cells][:3] == [areas[0], "Avanceret", "3"]
    assert time.monotonic() - started < 150


@needs_chromium
def test_team_gathers_profiles_across_a_reload_and_sees_a_readable_chart(app_url: str, _isolated_env: Path):
    from playwright.sync_api import expect

    started = time.monotonic()
    colleagues = ["ID1-555511113333", "ID1-111155553333", "ID1-333333335555", "ID1-121212121212"]
    with _browser() as page:
        page.goto(f"{app_url}/identity?lang=en")  # a link in English opens in English
        page.get_by_role("button", name="Start a new draft").wait_for(timeout=60_000)
        _settled(page)
        page.get_by_role("button", name="Start a new draft").click()
        page.get_by_role("button", name="Next →").click()
        expect(page.get_by_text("Step 2 of 5", exact=False)).to_be_visible()
        slider = page.get_by_role("slider").first
        slider.focus()
        slider.press("ArrowRight")
        slider.press("ArrowRight")
        _wait_for_draft(_isolated_env, lambda d: list((d.get("ratings") or {}).values()) == [5], "one rating")
        page.get_by_role("button", name="Next →").click()
        expect(page.get_by_text("1 of 12 statements rated", exact=False)).to_be_visible()  # not "12 of 12" for untouched sliders
        mine = page.get_by_test_id("stCode").first.inner_text().strip()
        assert mine.startswith("ID1-")

        page.get_by_role("button", name="Next →").click()
        expect(page.get_by_text("Step 4 of 5", exact=False)).to_be_visible()
        page.get_by_role("button", name="Add my own profile").click()
        codes = page.get_by_role("textbox", name="Profile codes")
        expect(codes).to_have_value(mine)  # the box shows it, not only the placeholder
        expect(page.get_by_text("1 profile in the team", exact=False)).to_be_visible()
        _type_without_leaving(page, codes, "".join(f"\n{code}" for code in colleagues))
        _wait_for_draft(_isolated_env, lambda d: len(d.get("team") or []) == 5, "five codes typed, field not left")
        page.reload()  # mid-way: the codes and the language stay
        codes = page.get_by_role("textbox", name="Profile codes")
        expect(codes).to_have_value("\n".join([mine, *colleagues]))
        expect(page.get_by_text("5 profiles in the team", exact=False)).to_be_visible()
        assert "lang=en" in page.url and "draft=" in page.url
        bars, labels = _chart_bars(page)
        _assert_readable_bar_chart(bars, labels, ["Professional expert", "Service-oriented helper", "Collaborating partner"], min_height=10)

        page.get_by_role("button", name="Next →").click()
        expect(page.get_by_text("Your document")).to_be_visible()
        with page.expect_download() as download_info:
            page.get_by_role("button", name="Download as Word (DOCX)").click()
        import docx

        text = "\n".join(p.text for p in docx.Document(download_info.value.path()).paragraphs)
        assert "Number of answers: 5" in text
    [draft] = _store(_isolated_env).list()
    assert draft.data["team"] == [mine, *colleagues]
    assert time.monotonic() - started < 150


# -- usability findings: whole support options, a typed area name and the chat kept across a reload ----------------------
_SHOWN_WHOLE = """e => {
  const r = e.getBoundingClientRect(), column = e.closest('[data-testid="stColumn"]').getBoundingClientRect(), y = r.top + r.height / 2;
  const seen = x => { const h = document.elementFromPoint(x, y); return !!h && (h === e || e.contains(h) || h.contains(e)); };
  return {inColumn: r.left >= column.left - 1 && r.right <= column.right + 1, ends: [seen(r.left + 2), seen(r.right - 2)],
          unclipped: e.scrollWidth <= e.clientWidth + 1, size: [r.width, r.height]};
}"""


def _assert_whole_and_visible(group: Any, names: list[str]) -> None:
    """Each option's label is shown in full: inside its column, both ends on top (not cut to "…formel"), not ellipsised."""
    group.scroll_into_view_if_needed()
    options = group.get_by_test_id("stRadioOption")
    shown = [(options.nth(i).inner_text().strip(), options.nth(i)) for i in range(options.count())]
    assert [text for text, _ in shown] == names, shown
    for name, option in shown:
        found = option.locator("p").first.evaluate(_SHOWN_WHOLE)
        assert found["inColumn"] and found["ends"] == [True, True] and found["unclipped"] and min(found["size"]) > 0, (name, found)
    tops = [option.bounding_box()["y"] for _, option in shown]
    assert tops == sorted(tops) and len({round(y) for y in tops}) == len(tops), tops  # one option a line


@needs_chromium
def test_support_options_whole_and_typed_area_and_chat_kept_across_a_reload(app_url: str, _isolated_env: Path):
    from playwright.sync_api import expect

    started = time.monotonic()
    with _browser(width=1024) as page:  # a laptop-sized window, where the old three-way control cut "Formel" to "…formel"
        # the chat: a reload keeps the conversation (its id is in the URL, like a draft's)
        page.goto(f"{app_url}/chat")
        chat = page.get_by_test_id("stChatInputTextArea")
        chat.wait_for(timeout=60_000)
        chat.fill("Hvordan får vi kollegerne med i co-creation?")
        chat.press("Enter")
        expect(page.get_by_text("Kilder", exact=True)).to_be_visible()
        page.wait_for_url("**chat=*")
        page.reload()
        expect(page.get_by_test_id("stChatMessage").first).to_contain_text("Hvordan får vi kollegerne med i co-creation?")
        expect(page.get_by_text("Kilder", exact=True)).to_be_visible()

        # the priorities wizard: a new area's name typed but not added is autosaved and back after a reload
        page.get_by_test_id("stSidebarNav").get_by_text("Ledelsens prioritering").click()
        page.get_by_role("button", name="Start en ny kladde").click()
        page.get_by_role("textbox", name="Nyt område").fill("Studiemiljø")
        page.get_by_role("button", name="Tilføj område").click()
        expect(page.get_by_role("textbox", name="Område", exact=True).last).to_have_value("Studiemiljø")
        expect(page.get_by_role("textbox", name="Nyt område")).to_have_value("")
        _type_without_leaving(page, page.get_by_role("textbox", name="Nyt område"), "Forskningsstøtte")
        _wait_for_draft(_isolated_env, lambda d: d.get("new_area") == "Forskningsstøtte", "a new area's name typed, not added")
        page.reload()
        expect(page.get_by_role("textbox", name="Nyt område")).to_have_value("Forskningsstøtte")

        # step 3: every support option is shown whole, in Danish and in English
        for step in (2, 3):
            page.get_by_role("button", name="Næste →").click()
            expect(page.get_by_text(f"Trin {step} af 5", exact=False)).to_be_visible()
        group = page.get_by_test_id("stRadio").filter(has_text="Støtte").first
        _assert_whole_and_visible(group, ["Formel", "Uformel", "Både formel og uformel"])
        group.get_by_test_id("stRadioOption").filter(has_text=re.compile(r"^Uformel$")).click()
        _wait_for_draft(_isolated_env, lambda d: d["areas"][0]["support"] == "uformel", "support chosen")
        hours = page.get_by_role("textbox", name="Timer i alt pr. medarbejder til co-creation")
        hours.fill("2,5")  # a Danish decimal comma
        hours.press("Tab")
        _wait_for_draft(_isolated_env, lambda d: d.get("hours_per_person") == 2.5, "hours")
        expect(hours).to_have_value("2,5")  # as a Dane writes it, not "2.50"
        page.get_by_test_id("stSidebar").get_by_text("English", exact=True).click()
        expect(page.get_by_text("Step 3 of 5", exact=False)).to_be_visible()
        group = page.get_by_test_id("stRadio").filter(has_text="Support").first
        _assert_whole_and_visible(group, ["Formal", "Informal", "Both formal and informal"])
        expect(group.get_by_role("radio", name="Informal", exact=True)).to_be_checked()
    assert time.monotonic() - started < 150


@needs_chromium
def test_next_opens_the_new_step_at_its_heading(app_url: str, _isolated_env: Path):
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 700})
            page.set_default_timeout(60_000)
            page.goto(f"{app_url}/fourp")
            page.get_by_text("Start en ny kladde").first.click()
            scrolled = """() => document.querySelector('[data-testid="stMain"]').scrollTop"""
            next_button = page.get_by_role("button", name="Næste").first
            next_button.scroll_into_view_if_needed()
            assert page.evaluate(scrolled) > 200  # "Next" sits below the fold of a 700-pixel window
            next_button.click()
            sync_api.expect(page.get_by_text("Trin 2 af 5", exact=False)).to_be_visible()
            page.wait_for_timeout(1500)
            assert page.evaluate(scrolled) == 0  # the new step opens at its heading, not where "Next" was clicked
        finally:
            browser.close()


@needs_chromium
def test_english_stays_when_an_address_is_typed_without_lang(app_url: str, _isolated_env: Path):
    """The language switch is remembered in the browser: a typed address or bookmark without ?lang keeps English."""
    from playwright.sync_api import expect

    with _browser() as page:
        page.goto(f"{app_url}/chat")
        page.get_by_test_id("stChatInputTextArea").wait_for(timeout=60_000)
        page.get_by_test_id("stSidebar").get_by_text("English", exact=True).click()
        expect(page).to_have_url(re.compile(r"lang=en"))
        page.wait_for_timeout(1500)  # the page has stored the choice
        page.goto(f"{app_url}/fourp")  # typed, without ?lang
        expect(page.get_by_role("button", name="Start a new draft")).to_be_visible(timeout=60_000)
        page.get_by_test_id("stSidebar").get_by_text("English", exact=True).click()  # back to Danish
        expect(page.get_by_role("button", name="Start en ny kladde")).to_be_visible()
        page.wait_for_timeout(1500)
        page.goto(f"{app_url}/fourp")
        expect(page.get_by_role("button", name="Start en ny kladde")).to_be_visible(timeout=60_000)


# -- a librarian's findings: the drafts page at 1300 pixels, and the feedback CSV as Excel opens it ----------------------
_CUT = """b => [...b.querySelectorAll('*')].filter(e => (e.innerText || '').trim() && e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1).map(e => e.innerText)"""


@needs_chromium
def test_drafts_buttons_are_whole_at_1300_pixels_and_the_csv_opens_in_excel(app_url: str, _isolated_env: Path):
    from playwright.sync_api import expect

    from assistant import Settings
    from assistant.feedback import FeedbackStore
    from assistant.storage import open_database

    _store(_isolated_env).create("culture", "Kulturdrøftelse i ledergruppen", {"ratings": {"npg-1": 5}}, "profil")
    FeedbackStore(open_database(Settings(data_dir=_isolated_env))).add("Hvordan får vi kollegerne med?", "Et svar", "up", comment="Godt – især om små møder")
    with _browser(width=1300) as page:
        page.goto(f"{app_url}/drafts")
        expect(page.get_by_text("Kulturdrøftelse i ledergruppen")).to_be_visible(timeout=60_000)
        main = page.get_by_test_id("stMainBlockContainer").bounding_box()
        boxes = []
        for name in ("Åbn", "Kopiér", "Slet"):
            button = page.get_by_role("button", name=name)
            expect(button).to_have_count(1)
            assert button.evaluate(_CUT) == [], name  # the label is not cut to "K…" or "S…"
            boxes.append(inner := button.bounding_box())
            assert main["x"] <= inner["x"] and inner["x"] + inner["width"] <= main["x"] + main["width"], (name, inner, main)
        boxes.sort(key=lambda b: (round(b["y"]), b["x"]))
        assert all(a["x"] + a["width"] <= b["x"] or a["y"] + a["height"] <= b["y"] for a, b in zip(boxes, boxes[1:])), boxes  # none overlap
        expect(page.get_by_text("Gendan kladder fra en sikkerhedskopi (JSON-fil)")).to_be_visible()  # the uploader says in Danish what it is for
        expect(page.get_by_text("Klik på «Upload» og vælg filen", exact=False)).to_be_visible()

        page.goto(f"{app_url}/feedback")
        with page.expect_download() as download_info:
            page.get_by_role("button", name="Hent feedback (CSV)").click(timeout=60_000)
        content = Path(download_info.value.path()).read_bytes()
        assert content.startswith(b"\xef\xbb\xbf")  # the byte-order mark that makes Excel read UTF-8
        assert "Godt – især om små møder" in content.decode("utf-8-sig")


@needs_chromium
def test_a_slider_meant_as_3_is_counted_once_ticked(app_url: str, _isolated_env: Path):
    from playwright.sync_api import expect

    with _browser(width=1300) as page:
        page.goto(f"{app_url}/identity")
        page.get_by_role("button", name="Start en ny kladde").click(timeout=60_000)
        page.get_by_role("button", name="Næste →").click()
        expect(page.get_by_text("Trin 2 af 5", exact=False)).to_be_visible()
        ticks = page.get_by_role("checkbox", name="Vurderet")
        expect(ticks).to_have_count(12)
        label = page.get_by_test_id("stCheckbox").filter(has_text="Vurderet").first  # (the sidebar's English switch is one too)
        assert label.evaluate(_CUT) == []  # "Vurderet" whole beside its slider, not "V…"
        label.get_by_text("Vurderet").click()  # the middle is meant: nothing to move, so the tick says it
        expect(ticks.first).to_be_checked()
        _wait_for_draft(_isolated_env, lambda d: list((d.get("ratings") or {}).values()) == [3], "a deliberate 3")
        page.get_by_role("button", name="Næste →").click()
        expect(page.get_by_text("1 af 12 udsagn vurderet", exact=False)).to_be_visible()
