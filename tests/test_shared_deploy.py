"""Many instances, one truth: two Streamlit processes sharing PostgreSQL and a Chroma server, in a real Chromium."""
from __future__ import annotations

import re
import sys
import time
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import pgcluster  # noqa: E402
import servers  # noqa: E402

PURPOSE = "Hvad vil I bruge co-creation til?"
ROOT = Path(__file__).resolve().parent.parent


def stored_purpose(url: str, draft_id: str) -> str | None:
    from assistant.db import Database
    from assistant.planning.drafts import DraftStore

    db = Database(url)
    try:
        return DraftStore(db).get(draft_id).data.get("pointe_purpose")
    finally:
        db.close()


def wait_until_stored(url: str, draft_id: str, value: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while stored_purpose(url, draft_id) != value:
        if time.monotonic() > deadline:
            pytest.fail(f"never saved: {value!r} (stored: {stored_purpose(url, draft_id)!r})")
        time.sleep(0.3)


def type_and_leave(page: Any, text: str) -> None:
    box = page.get_by_role("textbox", name=PURPOSE)
    box.fill(text)
    box.press("Tab")


def test_the_compose_file_runs_what_this_test_runs():
    """deploy/ cannot be run here (no Docker engine): it must stay the set of processes and settings the e2e test below runs."""
    import yaml

    from assistant import Settings

    compose = yaml.safe_load((ROOT / "deploy" / "compose.yaml").read_text(encoding="utf-8"))
    services = compose["services"]
    assert {"app-1", "app-2", "postgres", "chroma"} <= set(services) and services["model"]["profiles"] == ["model"]
    for name in ("app-1", "app-2"):
        command = services[name]["command"]
        assert command[:3] == ["streamlit", "run", "ui/app.py"] and services[name]["env_file"] == "app.env"
    assert services["chroma"]["command"][:3] == ["chroma", "run", "--path"]
    settings = dict(line.split("=", 1) for line in (ROOT / "deploy" / "app.env").read_text().splitlines() if line and not line.startswith("#"))
    assert {"COCREATE_DATABASE_URL", "COCREATE_CHROMA_URL", "COCREATE_AUTH"} <= set(settings)
    for key in settings:
        assert key.removeprefix("COCREATE_").lower() in Settings.model_fields, key
    postgres = dict(line.split("=", 1) for line in (ROOT / "deploy" / "postgres.env").read_text().splitlines() if line and not line.startswith("#"))
    assert f"{postgres['POSTGRES_USER']}:{postgres['POSTGRES_PASSWORD']}@postgres:5432/{postgres['POSTGRES_DB']}" in settings["COCREATE_DATABASE_URL"]
    example = (ROOT / "deploy" / "secrets.toml.example").read_text()
    for key in ("redirect_uri", "cookie_secret", "client_id", "client_secret", "server_metadata_url"):
        assert f"\n{key} = " in example, key


@pytest.mark.e2e
@pytest.mark.slow
def test_two_instances_share_drafts_detect_concurrent_edits_and_build_the_index_once(tmp_path: Path):
    from playwright.sync_api import expect

    with ExitStack() as stack:
        cluster = stack.enter_context(_cluster())
        database = cluster.create_database()
        chroma = stack.enter_context(servers.chroma_server(tmp_path / "chroma"))
        env = {"COCREATE_DATABASE_URL": database, "COCREATE_CHROMA_URL": chroma}
        url_a = stack.enter_context(servers.streamlit_app(tmp_path / "a" / "data", env))
        url_b = stack.enter_context(servers.streamlit_app(tmp_path / "b" / "data", env))
        browser = stack.enter_context(servers.browser())
        a = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
        b = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
        for page in (a, b):
            page.set_default_timeout(30_000)
        a.goto(f"{url_a}/fourp")  # both instances start their first page at once: one builds the index, one waits
        b.goto(f"{url_b}/fourp")
        for page in (a, b):
            expect(page.get_by_role("button", name="Start en ny kladde")).to_be_visible(timeout=120_000)
        logs = [p.read_text(errors="replace") for p in tmp_path.glob("*/streamlit-*.log")]
        assert sum("was built here" in log for log in logs) == 1, logs
        assert sum("was current (built by another instance)" in log for log in logs) == 1, logs

        a.get_by_role("button", name="Start en ny kladde").click()  # saved in one instance ...
        type_and_leave(a, "Skrevet i instans A")
        wait_until_stored(database, (draft_id := re.search(r"draft=([0-9a-f]{32})", a.url).group(1)), "Skrevet i instans A")
        b.goto(f"{url_b}/fourp?draft={draft_id}")  # ... opens in the other
        expect(b.get_by_role("textbox", name=PURPOSE)).to_have_value("Skrevet i instans A")

        type_and_leave(b, "Rettet i instans B")  # both have version 2 open: B saves first ...
        wait_until_stored(database, draft_id, "Rettet i instans B")
        type_and_leave(a, "Rettet i instans A")  # ... so A's save is a conflict, shown with both versions
        expect(a.get_by_text("Kladden er gemt et andet sted").first).to_be_visible()
        expect(a.get_by_text("Din version (ikke gemt)")).to_be_visible()
        assert stored_purpose(database, draft_id) == "Rettet i instans B"  # never overwritten silently
        a.get_by_role("button", name="Behold min version").click()
        wait_until_stored(database, draft_id, "Rettet i instans A")
        b.reload()
        expect(b.get_by_role("textbox", name=PURPOSE)).to_have_value("Rettet i instans A")

        a.goto(f"{url_a}/chat")  # a conversation in one instance reopens in the other (?chat=... in a link, or a reload
        chat = a.get_by_test_id("stChatInputTextArea")  # that a load balancer sends elsewhere)
        chat.fill("Hvordan får vi kollegerne med i co-creation?")
        chat.press("Enter")
        expect(a.get_by_text("Kilder", exact=True)).to_be_visible(timeout=60_000)
        expect(a).to_have_url(re.compile(r"chat=[0-9a-f]{32}"))
        chat_id = re.search(r"chat=([0-9a-f]{32})", a.url).group(1)
        b.goto(f"{url_b}/chat?chat={chat_id}")
        expect(b.get_by_text("Hvordan får vi kollegerne med i co-creation?")).to_be_visible()
        b.goto(f"{url_b}/fourp?draft={draft_id}")
        expect(b.get_by_role("textbox", name=PURPOSE)).to_have_value("Rettet i instans A")

        cluster.stop(immediate=True)  # PostgreSQL dies mid-edit: the user is told, the text stays, and it is saved once back
        type_and_leave(b, "Skrevet under nedbruddet")
        expect(b.get_by_text("Databasen kan ikke nås lige nu")).to_be_visible()
        expect(b.get_by_role("textbox", name=PURPOSE)).to_have_value("Skrevet under nedbruddet")
        cluster.start()
        wait_until_stored(database, draft_id, "Skrevet under nedbruddet", seconds=60)  # by itself: the page checks every few seconds
        expect(b.get_by_text("Databasen kan ikke nås lige nu")).to_have_count(0)
        a.goto(f"{url_a}/fourp?draft={draft_id}")
        expect(a.get_by_role("textbox", name=PURPOSE)).to_have_value("Skrevet under nedbruddet")


def _cluster() -> Any:
    from contextlib import contextmanager

    @contextmanager
    def run() -> Any:
        running = pgcluster.cluster()
        try:
            yield next(running)
        finally:
            running.close()

    return run()
