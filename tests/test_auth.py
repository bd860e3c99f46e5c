"""Sign-in (COCREATE_AUTH=oidc) in a real Chromium against a real OpenID Connect provider: owners, URLs and teams."""
from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import servers  # noqa: E402

from assistant.db import Database  # noqa: E402
from assistant.planning.drafts import DraftStore  # noqa: E402

PURPOSE = "Hvad vil I bruge co-creation til?"


def sign_in(browser: Any, url: str, who: str) -> Any:
    """A new browser (own cookies) that signs in at the app as ``who`` through the provider's form."""
    from playwright.sync_api import expect

    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.goto(url)
    page.get_by_role("button", name="Log ind").click(timeout=60_000)  # the first run builds the index
    page.locator("input[name=sub]").fill(who)  # oidc-provider-mock's form: who signs in
    page.get_by_role("button", name="Authorize").click()
    expect(page.get_by_text(f"Logget ind som {who}")).to_be_visible(timeout=60_000)
    return page


def open_draft(page: Any, url: str, draft_id: str) -> None:
    page.goto(f"{url}/fourp?draft={draft_id}")
    page.get_by_role("heading", name="4P-planlægger").wait_for()


def test_sign_in_without_its_settings_says_which_are_missing(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("COCREATE_AUTH", "oidc")
    monkeypatch.setenv("COCREATE_EMBED_MODEL", "hash-256")
    at = AppTest.from_file(str(servers.ROOT / "ui" / "app.py"), default_timeout=120).run()
    assert not at.exception, [e.value for e in at.exception]
    shown = " ".join(e.value for e in at.error).replace("\\", "")
    assert "COCREATE_AUTH=oidc" in shown and "secrets.toml" in shown and "client_id" in shown and "server_metadata_url" in shown
    assert not at.text_area and not at.chat_input  # no page of the app without sign-in


@pytest.mark.e2e
@pytest.mark.slow
def test_two_users_each_see_their_own_drafts_and_a_team_shares(tmp_path: Path):
    from playwright.sync_api import expect

    data = tmp_path / "data"
    with servers.oidc_provider(tmp_path) as provider, servers.browser() as browser:
        secrets = servers.write_secrets(tmp_path / "secrets.toml", provider)
        with servers.streamlit_app(data, {"COCREATE_AUTH": "oidc"}, secrets) as url:
            anonymous = browser.new_page()
            anonymous.goto(f"{url}/drafts")
            expect(anonymous.get_by_role("button", name="Log ind")).to_be_visible(timeout=60_000)  # nothing before sign-in
            assert anonymous.get_by_text("Kladder", exact=True).count() == 0

            alice = sign_in(browser, url, "alice")
            alice.goto(f"{url}/fourp")
            alice.get_by_role("button", name="Start en ny kladde").click()
            box = alice.get_by_role("textbox", name=PURPOSE)
            box.fill("Alices hemmelige plan")
            box.press("Tab")
            expect(alice.get_by_text("Gemt automatisk")).to_be_visible()
            draft_id = re.search(r"draft=([0-9a-f]{32})", alice.url).group(1)

            bob = sign_in(browser, url, "bob")
            open_draft(bob, url, draft_id)  # the id in the URL protects nothing any more: bob gets no draft
            expect(bob.get_by_text("Kladden i adressen findes ikke, eller den er hverken din eller delt med et af dine teams.")).to_be_visible()
            assert bob.get_by_text("Alices hemmelige plan").count() == 0
            assert bob.get_by_role("textbox", name=PURPOSE).count() == 0
            bob.goto(f"{url}/drafts")
            expect(bob.get_by_text("Der er ingen kladder endnu.")).to_be_visible()

            alice.goto(f"{url}/teams")  # alice makes a team and shares the draft with it
            alice.get_by_role("textbox", name="Nyt teams navn").fill("Læringsteamet")
            alice.get_by_role("button", name="Opret team").click()
            expect(alice.get_by_text("Teamet Læringsteamet er oprettet.")).to_be_visible()
            code = alice.get_by_test_id("stCode").first.inner_text().strip()
            open_draft(alice, url, draft_id)
            alice.get_by_test_id("stSelectbox").filter(has_text="Delt med").click()
            alice.get_by_role("option", name="Læringsteamet").click()
            expect(alice.get_by_text("Kladden er delt med Læringsteamet.")).to_be_visible()

            bob.goto(f"{url}/teams")  # bob joins with the code: now he sees and opens the team's draft
            bob.get_by_role("textbox", name="Invitationskode").fill(code)
            bob.get_by_role("button", name="Bliv medlem").click()
            expect(bob.get_by_text("Du er nu medlem af Læringsteamet.")).to_be_visible()
            bob.goto(f"{url}/drafts")
            expect(bob.get_by_role("button", name="Åbn")).to_have_count(1)  # the team's draft is in bob's list
            expect(bob.get_by_text("delt med et team", exact=False)).to_be_visible()
            open_draft(bob, url, draft_id)
            expect(bob.get_by_role("textbox", name=PURPOSE)).to_have_value("Alices hemmelige plan")

            # the identity wizard's team mode: each member consents, and the team profile reads their saved profiles
            host = provider.removeprefix("http://")
            drafts = DraftStore(Database(f"sqlite:///{data / 'drafts.sqlite3'}"))
            profiles = {who: drafts.for_user(f"{who}@{host}").create("identity", f"{who}s profil", {"ratings": ratings}).id
                        for who, ratings in (("alice", {"ekspert-1": 5, "ekspert-2": 5}), ("bob", {"hjaelper-1": 5, "hjaelper-2": 4, "gone-9": 5}))}
            for who, page in (("alice", alice), ("bob", bob)):
                page.goto(f"{url}/identity?draft={profiles[who]}")
                for step in (2, 3, 4):
                    page.get_by_role("button", name="Næste →").click()
                    expect(page.get_by_text(f"Trin {step} af 5", exact=False)).to_be_visible()
                page.get_by_text("Del denne profil med Læringsteamet").click()
            expect(bob.get_by_text("Læringsteamet: 2 af 2 medlemmer deler deres profil.")).to_be_visible()
            expect(bob.get_by_text("2 profiler i teamet", exact=False)).to_be_visible()
            expect(bob.get_by_text("Profiler uden for teamet (koder)")).to_be_visible()  # codes only for people outside the team
            alice.reload()
            expect(alice.get_by_text("Læringsteamet: 2 af 2 medlemmer deler deres profil.")).to_be_visible()

            carol = sign_in(browser, url, "carol")  # not in the team: still nothing
            open_draft(carol, url, draft_id)
            expect(carol.get_by_text("Kladden i adressen findes ikke, eller den er hverken din eller delt med et af dine teams.")).to_be_visible()
