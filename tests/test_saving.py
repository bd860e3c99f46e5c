"""Saving in the app (AppTest): a stale tab's save is a conflict showing both versions; PostgreSQL dying mid-save loses nothing."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import pgcluster  # noqa: E402

from assistant import Settings  # noqa: E402

pytest.importorskip("streamlit")
from streamlit.testing.v1 import AppTest  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "ui" / "app.py"
PURPOSE = "Hvad vil I bruge co-creation til?"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


@pytest.fixture(autouse=True)
def ui_env(app_env: Path) -> Path:
    """Every test here runs the pages on a fresh copy of the session's built index (tests/conftest.py: app_env)."""
    return app_env


def ok(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]


def texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [w.value for w in at.warning] + [e.value for e in at.error] + [c.value for c in at.caption]
    return "\n".join(str(p) for p in parts).replace("\\", "")


def widget(widgets: Any, label: str) -> Any:
    found = [w for w in widgets if w.label.startswith(label)]
    assert found, f"no widget {label!r} among {[w.label for w in widgets]}"
    return found[0]


def click(at: AppTest, label: str) -> None:
    found = [b for b in at.button if label in b.label]
    assert found, f"no button {label!r} among {[b.label for b in at.button]}"
    found[0].click().run()
    ok(at)


def tab(draft_id: str | None = None) -> AppTest:
    """One browser tab on the fourp page (naming ``draft_id`` in the URL, as a copied link or a second tab does)."""
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.run()
    ok(at)
    if draft_id:
        at.query_params["draft"] = draft_id
    at.switch_page("views/fourp.py").run()
    ok(at)
    return at


def new_draft() -> tuple[AppTest, str]:
    at = tab()
    click(at, "Start en ny kladde")
    return at, at.query_params["draft"]


def stored(draft_id: str, settings: Settings | None = None) -> Any:
    from assistant.planning.drafts import DraftStore
    from assistant.storage import open_database

    return DraftStore(open_database(settings or Settings())).get(draft_id)


def test_a_stale_tab_sees_both_versions_and_chooses_mine():
    first, draft_id = new_draft()
    second = tab(draft_id)  # the same draft open in a second tab
    widget(first.text_area, PURPOSE).input("Fra fane A").run()
    ok(first)
    assert stored(draft_id).data["pointe_purpose"] == "Fra fane A"
    widget(second.text_area, PURPOSE).input("Fra fane B").run()
    ok(second)
    shown = texts(second)
    assert "Kladden er gemt et andet sted" in shown and "Din version (ikke gemt)" in shown and "Den gemte version" in shown
    both = [j.value for j in second.json]
    assert any("Fra fane B" in str(v) for v in both) and any("Fra fane A" in str(v) for v in both)
    assert stored(draft_id).data["pointe_purpose"] == "Fra fane A"  # never a silent overwrite
    assert widget(second.text_area, PURPOSE).value == "Fra fane B"  # and tab B's text is still there
    click(second, "Behold min version")
    assert stored(draft_id).data["pointe_purpose"] == "Fra fane B"
    assert "Kladden er gemt et andet sted" not in texts(second)
    widget(second.text_area, PURPOSE).input("Fra fane B, videre").run()  # tab B goes on saving normally
    assert stored(draft_id).data["pointe_purpose"] == "Fra fane B, videre"


def test_a_stale_tab_can_take_the_saved_version_instead():
    first, draft_id = new_draft()
    second = tab(draft_id)
    widget(first.text_area, PURPOSE).input("Den rigtige").run()
    widget(second.text_area, PURPOSE).input("Den forældede").run()
    ok(second)
    click(second, "Brug den gemte version")
    assert widget(second.text_area, PURPOSE).value == "Den rigtige"
    assert stored(draft_id).data["pointe_purpose"] == "Den rigtige" and "Kladden er gemt et andet sted" not in texts(second)


def test_coming_back_to_a_draft_a_colleague_changed_meanwhile_is_no_conflict():
    first, draft_id = new_draft()
    widget(first.text_area, PURPOSE).input("Min første tekst").run()
    first.switch_page("views/drafts.py").run()  # away from the wizard: nothing of this tab's is on screen any more
    ok(first)
    second = tab(draft_id)
    widget(second.text_area, PURPOSE).input("Kollegens rettelse").run()
    first.switch_page("views/fourp.py").run()
    ok(first)
    assert widget(first.text_area, PURPOSE).value == "Kollegens rettelse" and "Kladden er gemt et andet sted" not in texts(first)
    widget(first.text_area, PURPOSE).input("Videre herfra").run()
    assert stored(draft_id).data["pointe_purpose"] == "Videre herfra" and "Kladden er gemt et andet sted" not in texts(first)


@pytest.mark.e2e
def test_postgresql_killed_mid_save_keeps_the_text_and_loses_nothing(monkeypatch: pytest.MonkeyPatch):
    running = pgcluster.cluster()
    cluster = next(running)
    try:
        url = cluster.create_database()
        monkeypatch.setenv("COCREATE_DATABASE_URL", url)
        at, draft_id = new_draft()
        widget(at.text_area, PURPOSE).input("Gemt før nedbruddet").run()
        ok(at)
        assert stored(draft_id).data["pointe_purpose"] == "Gemt før nedbruddet"

        cluster.stop(immediate=True)  # PostgreSQL dies: the next save fails
        widget(at.text_area, PURPOSE).input("Skrevet mens databasen var væk").run()
        ok(at)
        assert "Databasen kan ikke nås lige nu" in texts(at) and "luk ikke fanen" in texts(at)
        assert widget(at.text_area, PURPOSE).value == "Skrevet mens databasen var væk"
        at.switch_page("views/drafts.py").run()  # away from the wizard and back: the text is kept in the session
        ok(at)
        at.switch_page("views/fourp.py").run()
        ok(at)
        assert widget(at.text_area, PURPOSE).value == "Skrevet mens databasen var væk"
        assert "Databasen kan ikke nås lige nu" in texts(at)

        fresh = AppTest.from_file(str(APP), default_timeout=120)  # a new visitor while it is down gets a message, no traceback
        fresh.run()
        ok(fresh)
        fresh.query_params["draft"] = draft_id
        fresh.switch_page("views/fourp.py").run()
        ok(fresh)
        assert "Databasen kan ikke nås lige nu" in texts(fresh)
        starting = tab()  # the start screen while it is down: a message, no traceback
        assert "Databasen kan ikke nås lige nu, så kladderne kan ikke vises" in texts(starting)

        import streamlit as st

        st.cache_resource.clear()  # an app (re)start while it is down: a message naming the database, no traceback
        restarted = AppTest.from_file(str(APP), default_timeout=120).run()
        ok(restarted)
        assert "Databasen med kladder og feedback kan ikke nås" in texts(restarted) and "127.0.0.1" in texts(restarted)

        cluster.start()  # back: the next run saves what was kept
        at.run()
        ok(at)
        assert stored(draft_id).data["pointe_purpose"] == "Skrevet mens databasen var væk"
        assert "Databasen kan ikke nås lige nu" not in texts(at)
        assert len([d for d in stored_all()]) == 1
    finally:
        running.close()


def stored_all() -> list[Any]:
    from assistant.planning.drafts import DraftStore
    from assistant.storage import open_database

    return DraftStore(open_database(Settings())).list()
