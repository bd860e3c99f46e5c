"""The whole app in a real headless Chromium: ask the report and see sources, then plan with the 4P wizard and download the DOCX."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Iterator

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
STARTUP_SECONDS = 60

pytestmark = pytest.mark.e2e


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture()
def app_url(_isolated_env: Path) -> Iterator[str]:
    """`streamlit run ui/app.py` on a free port, with hash embeddings and this test's data dir; stopped afterwards."""
    port = _free_port()
    env = dict(os.environ, COCREATE_EMBED_MODEL="hash-256", COCREATE_DATA_DIR=str(_isolated_env), HF_HUB_OFFLINE="1")
    log = open(_isolated_env.parent / "streamlit.log", "wb")  # noqa: SIM115 - closed in finally
    command = [sys.executable, "-m", "streamlit", "run", "ui/app.py", "--server.headless", "true", "--server.port", str(port),
               "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"]
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                log.flush()
                pytest.fail("Streamlit did not start:\n" + (_isolated_env.parent / "streamlit.log").read_text(errors="replace")[-3000:])
            time.sleep(0.3)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)
        log.close()


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


@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed at /usr/bin/chromium (apt-get install chromium)")
def test_ask_then_plan_with_4p_and_download_docx(app_url: str, _isolated_env: Path):
    sync_api = pytest.importorskip("playwright.sync_api")
    started = time.monotonic()
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
        )
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
            page.set_default_timeout(30_000)
            expect = sync_api.expect

            # -- the chat: a question, an answer with [n] markers, its sources
            page.goto(app_url)
            chat = page.get_by_test_id("stChatInputTextArea")
            chat.wait_for(timeout=60_000)  # the first run builds the index
            chat.fill("Hvordan får vi kollegerne med i co-creation?")
            chat.press("Enter")
            expect(page.get_by_text("Kilder", exact=True)).to_be_visible()
            sources = page.get_by_test_id("stExpander").filter(has_text="[1]")
            expect(sources.first).to_be_visible()
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
