"""The Streamlit app through streamlit.testing's AppTest: every page, the chat, feedback, drafts and every wizard path."""
from __future__ import annotations

import ast
import json
import re
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))  # tests/ is not a package: make fakellm importable

from fakellm import FakeLLMServer, Reply, free_refused_port, use_as_backend  # noqa: E402

from assistant import Settings  # noqa: E402

pytest.importorskip("streamlit")
from streamlit.testing.v1 import AppTest  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "ui" / "app.py"
UI = ROOT / "ui"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

PAGES = {
    "views/chat.py": ("Spørg rapporten", "Ask the report"),
    "views/fourp.py": ("4P-planlægger", "4P planner"),
    "views/identity.py": ("Professionelle identiteter", "Professional identities"),
    "views/culture.py": ("Organisationskultur", "Organisational culture"),
    "views/priorities.py": ("Ledelsens prioritering", "Management priorities"),
    "views/evaluation.py": ("Evalueringsplan", "Evaluation plan"),
    "views/drafts.py": ("Kladder", "Drafts"),
    "views/feedback.py": ("Feedback og eksport", "Feedback and export"),
}
QUESTION = "Hvordan får vi kollegerne med i co-creation?"


# -- fixtures and helpers ------------------------------------------------------------------------------------
@pytest.fixture(autouse=True)
def ui_env(app_env: Path) -> Path:
    """Every test here runs the pages on a fresh copy of the session's built index (tests/conftest.py: app_env)."""
    return app_env


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Each call the page makes to the assistant: the question, the history and filters it passed, the answer it got."""
    from assistant.app import Assistant

    calls: list[dict[str, Any]] = []
    original = Assistant.ask

    def spy(self: Assistant, question: str, history: Any = None, **filters: Any) -> Any:
        answer = original(self, question, history, **filters)
        calls.append({"question": question, "history": list(history or []), "filters": filters, "answer": answer})
        return answer

    monkeypatch.setattr(Assistant, "ask", spy)
    return calls


def app(english: bool = False) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.run()
    ok(at)
    if english:
        at.toggle[0].set_value(True).run()
        ok(at)
    return at


def ok(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]


def click(at: AppTest, label: str) -> AppTest:
    buttons = [b for b in at.button if label in b.label]
    assert buttons, f"no button {label!r} among {[b.label for b in at.button]}"
    buttons[0].click().run()
    ok(at)
    return at


def widget(widgets: Any, label: str) -> Any:
    found = [w for w in widgets if w.label == label or w.label.startswith(label)]
    assert found, f"no widget {label!r} among {[w.label for w in widgets]}"
    return found[0]


def texts(at: AppTest) -> str:
    """Every piece of text on the page, for assertions on what a user reads."""
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [i.value for i in at.info] + [w.value for w in at.warning]
    parts += [s.value for s in at.success] + [c.value for c in at.code] + [e.label for e in at.expander] + [h.value for h in at.subheader]
    return "\n".join(str(p) for p in parts).replace("\\", "")  # as read: without Markdown's escapes


def drafts():
    from assistant.planning import DraftStore

    return DraftStore(Settings().drafts_path())


def start_wizard(at: AppTest, page: str) -> str:
    at.switch_page(page).run()
    ok(at)
    click(at, "Start en ny kladde")
    draft_id = at.query_params["draft"]
    assert drafts().get(draft_id).kind == Path(page).stem
    return draft_id


def next_step(at: AppTest, draft_id: str, expected: str) -> None:
    click(at, "Næste")
    assert drafts().get(draft_id).step == expected


def finish_summary(at: AppTest) -> str:
    labels = [b.label for b in at.download_button]
    assert "Hent som Markdown" in labels and "Hent som Word (DOCX)" in labels
    assert at.subheader and any(s.value == "Dit dokument" for s in at.subheader)
    return texts(at)


def ask(at: AppTest, question: str = QUESTION) -> AppTest:
    at.chat_input[0].set_value(question).run()
    ok(at)
    return at


def source_labels(at: AppTest) -> list[str]:
    return [e.label for e in at.expander if re.match(r"\\?\[\d+\\?\]", e.label)]


# -- every page ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_in_danish_and_english(page: str):
    at = app()
    at.switch_page(page).run()
    ok(at)
    assert at.title[0].value == PAGES[page][0]
    at.toggle[0].set_value(True).run()
    ok(at)
    assert at.title[0].value == PAGES[page][1]


def test_first_use_builds_the_index_with_progress(_isolated_env: Path):
    shutil.rmtree(_isolated_env / "index")
    at = app()
    assert (_isolated_env / "index").exists()
    assert any("Søgeindekset er klar" in t.value for t in at.toast)


def test_a_core_error_is_shown_not_raised(monkeypatch: pytest.MonkeyPatch):
    from assistant import StoreError

    def broken(self: Any, progress: Any = None) -> None:
        raise StoreError("The drafts database cannot be used: disk full")

    monkeypatch.setattr("assistant.app.Assistant.ensure_index", broken)
    at = AppTest.from_file(str(APP), default_timeout=120).run()
    ok(at)
    assert "disk full" in at.error[0].value


def test_invalid_settings_are_explained(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("COCREATE_LLM", "gpt-99")
    at = AppTest.from_file(str(APP), default_timeout=120).run()
    ok(at)
    assert "COCREATE_" in at.error[0].value


# -- chat ------------------------------------------------------------------------------------------------------
def test_chat_answers_with_markers_and_sources():
    at = ask(app())
    assert len(at.chat_message) == 2
    assert re.search(r"\\?\[1\\?\]", at.chat_message[1].markdown[0].value)
    labels = source_labels(at)
    assert labels and labels[0].replace("\\", "").startswith("[1]")
    body = texts(at)
    assert "Afsnit:" in body and "Kilde-id:" in body  # each source's section path and id
    assert "Svarmotor: uddrag fra rapporten" in body  # the backend in use
    assert "\nKilder:\n[1] " in at.code[0].value  # the answer with its sources, in a box with a copy button
    assert any(b.label == "Hent svaret (.md)" for b in at.download_button)


def test_chat_suggestion_asks_it():
    at = app()
    click(at, "Hvordan får vi kollegerne med")
    assert len(at.chat_message) == 2 and source_labels(at)


def test_chat_filters_reach_the_assistant(monkeypatch: pytest.MonkeyPatch):
    calls: list[dict[str, Any]] = []
    from assistant.app import Assistant

    original = Assistant.ask

    def spy(self: Assistant, question: str, history: Any = None, **filters: Any) -> Any:
        calls.append({"question": question, "history": list(history or []), **filters})
        return original(self, question, history, **filters)

    monkeypatch.setattr(Assistant, "ask", spy)
    at = app()
    widget(at.selectbox, "Vis").set_value("quote")
    widget(at.selectbox, "Del af rapporten").set_value("del-2")
    ask(at)
    assert calls[-1]["kind"] == "quote" and calls[-1]["part"] == "del-2"
    labels = source_labels(at)
    assert labels and all("Citat" in label for label in labels)
    # a follow-up carries the history
    ask(at, "Og hvad med ledelsen?")
    assert calls[-1]["history"][0] == {"role": "user", "content": QUESTION}
    assert calls[-1]["history"][1]["role"] == "assistant"
    assert len(at.chat_message) == 4


def test_chat_filter_that_leaves_nothing_says_so_once():
    at = app()
    widget(at.selectbox, "Vis").set_value("quote")
    widget(at.selectbox, "Del af rapporten").set_value("forord")
    ask(at)
    body = texts(at)
    shown = [m.value for m in at.markdown if "Ingen passager i rapporten passer til filteret" in m.value]
    assert len(shown) == 1 and "del: Forord" in body and at.code[0].value.count("Ingen passager") == 1
    assert not at.warning and "Ingen kilder" not in body  # not a decline: the filter removed the passages


def test_chat_recommendations_only():
    at = app()
    widget(at.selectbox, "Vis").set_value("recommendation")
    ask(at, "Hvad anbefaler rapporten om ledelsens opbakning?")
    labels = source_labels(at)
    assert labels and all("Anbefaling" in label for label in labels)


def test_chat_bad_question_shows_the_message_in_danish():
    at = ask(app(), "?!? ... ###")
    assert at.error and "Spørgsmålet kunne ikke bruges" in at.error[0].value


def test_chat_never_renders_links_or_html_from_the_user():
    hostile = "Hvordan får vi kolleger med? [klik her](javascript:alert(1)) ![x](http://evil.example/x.png) <img src=x onerror=alert(1)>"
    at = ask(app(), hostile)
    assert at.chat_message[0].text[0].value == hostile  # the question is shown as plain text
    for element in list(at.markdown) + list(at.caption):
        assert "](javascript" not in element.value and "](http" not in element.value
        assert not element.proto.allow_html


def test_chat_streams_with_an_llm_backend(monkeypatch: pytest.MonkeyPatch):
    with FakeLLMServer() as server:
        server.script(Reply("Involvér kollegerne gennem workshops [1]. Ledelsen skal bakke op [2]."))
        use_as_backend(monkeypatch, server)
        at = ask(app())
        assert server.chat_requests and server.chat_requests[-1]["stream"] is True
    answer = at.chat_message[1].markdown[0].value
    assert "workshops" in answer and re.search(r"\\?\[1\\?\]", answer)
    assert "sprogmodel via openai" in texts(at)
    assert len(source_labels(at)) == 2


def test_chat_shows_notices_when_the_llm_is_down(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("COCREATE_LLM", "openai")
    monkeypatch.setenv("COCREATE_LLM_BASE_URL", f"http://127.0.0.1:{free_refused_port()}/v1")
    monkeypatch.setenv("COCREATE_LLM_MODEL", "fake-model")
    monkeypatch.setenv("COCREATE_LLM_TIMEOUT", "2")
    at = ask(app())
    assert at.warning and "COCREATE_LLM_BASE_URL" in at.warning[0].value
    assert "uddrag fra rapporten" in texts(at) and source_labels(at)


def test_feedback_is_stored_and_exportable():
    from assistant.storage import open_database
    from assistant.feedback import FeedbackStore

    at = ask(app())
    at.feedback[0].set_value(1).run()  # thumbs up: saved at once, with no button to click
    ok(at)
    assert "Din vurdering er gemt" in texts(at)
    assert [e.rating for e in FeedbackStore(open_database(Settings())).all()] == ["up"]
    at.feedback[0].set_value(0).run()  # changed to thumbs down: the same entry changes
    assert [e.rating for e in FeedbackStore(open_database(Settings())).all()] == ["down"]
    widget(at.text_input, "Kommentar").input("Mangler noget om timing")
    click(at, "Send kommentar")
    assert "Tak – din feedback er gemt." in texts(at)

    stored = FeedbackStore(open_database(Settings())).all()
    assert len(stored) == 1
    entry = stored[0]
    assert entry.rating == "down" and entry.comment == "Mangler noget om timing" and entry.question == QUESTION
    assert entry.citations and entry.backend == "extractive"
    at.switch_page("views/feedback.py").run()
    ok(at)
    labels = {b.label: b for b in at.download_button}
    assert {"Hent feedback (CSV)", "Hent feedback (JSONL)"} <= set(labels)
    assert not labels["Hent feedback (CSV)"].proto.disabled
    assert at.dataframe


# -- drafts: autosave, reload, restart, the drafts page ----------------------------------------------------
def test_draft_autosaves_and_reopens_after_reload_and_restart():
    import streamlit as st

    at = app()
    draft_id = start_wizard(at, "views/fourp.py")
    widget(at.text_area, "Hvad vil I bruge co-creation til?").input("Nyt introforløb for førsteårsstuderende").run()
    ok(at)
    assert drafts().get(draft_id).data["pointe_purpose"] == "Nyt introforløb for førsteårsstuderende"  # saved on that rerun
    next_step(at, draft_id, "partnere")
    widget(at.button_group, "Hvem deltager?").set_value(["studerende", "kolleger"]).run()
    assert drafts().get(draft_id).data["partners"] == ["studerende", "kolleger"]

    st.cache_resource.clear()  # an app restart: new shared objects, new session
    reloaded = AppTest.from_file(str(APP), default_timeout=120).run()
    reloaded.query_params["draft"] = draft_id  # a browser reload keeps the URL
    reloaded.switch_page("views/fourp.py").run()
    ok(reloaded)
    assert widget(reloaded.button_group, "Hvem deltager?").value == ["studerende", "kolleger"]  # reopened at the saved step
    click(reloaded, "Forrige")
    assert widget(reloaded.text_area, "Hvad vil I bruge co-creation til?").value == "Nyt introforløb for førsteårsstuderende"


def test_drafts_page_opens_duplicates_and_deletes():
    store = drafts()
    first = store.create("culture", "Kulturdrøftelse i ledergruppen", {"ratings": {"npg-1": 5}}, "profil")
    at = app()
    at.switch_page("views/drafts.py").run()
    ok(at)
    assert "Kulturdrøftelse i ledergruppen" in texts(at)
    click(at, "Kopiér")
    assert len(store.list()) == 2 and "Kulturdrøftelse i ledergruppen (kopi)" in texts(at)
    copy = next(d for d in store.list() if d.id != first.id)
    delete = [b for b in at.button if b.label.startswith("Ja, slet") and "kopi" in b.label]
    delete[0].click().run()
    ok(at)
    assert [d.id for d in store.list()] == [first.id]
    assert copy.id not in texts(at)
    click(at, "Åbn")
    assert at.title[0].value == "Organisationskultur"
    assert at.query_params["draft"] == first.id
    assert widget(at.text_input, "Kladdens titel").value == "Kulturdrøftelse i ledergruppen"
    assert at.get("vega_lite_chart")  # opened at its step, the profile


def test_drafts_backup_can_be_downloaded_and_restored():
    store = drafts()
    store.create("fourp", "Plan A", {"title": "Plan A"}, "pointe")
    backup = store.export_json()
    store.delete(store.list()[0].id)
    at = app()
    at.switch_page("views/drafts.py").run()
    assert any(b.label == "Hent alle kladder (JSON)" for b in at.download_button)
    uploader = at.get("file_uploader")
    assert uploader, "the restore upload is offered"
    assert list(uploader[0].proto.type) == [".json"] and uploader[0].proto.max_upload_size_mb == 10
    uploader[0].upload("kladder.json", b"{not json", "application/json").run()
    click(at, "Gendan")
    assert at.error and "Filen er ikke en sikkerhedskopi fra cocreate" in at.error[0].value and store.list() == []
    uploader = at.get("file_uploader")
    uploader[0].set_value(("kladder.json", backup.encode(), "application/json")).run()
    click(at, "Gendan")
    assert [d.title for d in store.list()] == ["Plan A"]
    assert "1 kladde gendannet" in texts(at)


def test_closing_a_draft_offers_it_on_the_start_screen():
    at = app()
    draft_id = start_wizard(at, "views/priorities.py")
    click(at, "Luk kladden")
    assert "draft" not in at.query_params
    assert "… eller fortsæt en kladde" in texts(at)
    click(at, "Åbn")
    assert at.query_params["draft"] == draft_id and widget(at.text_input, "Bibliotek")


def test_a_draft_with_values_the_core_rejects_still_opens():
    draft = drafts().create("identity", "Gammel sikkerhedskopi", {"ratings": {"ukendt-1": 9, "partner-1": 5}, "team": ["ID1-x"]}, "summary")
    at = app()
    at.query_params["draft"] = draft.id
    at.switch_page("views/identity.py").run()
    ok(at)
    finish_summary(at)
    assert drafts().get(draft.id).data["ratings"] == {"partner-1": 5}


def test_chat_in_english():
    at = app(english=True)
    ask(at, "How do we get colleagues on board with co-creation?")
    assert "Sources" in texts(at) and "Answer engine:" in texts(at)
    assert "English rendering (not part of the report)" in texts(at)


# -- the wizards -------------------------------------------------------------------------------------------
def test_fourp_wizard_to_the_plan():
    at = app()
    draft_id = start_wizard(at, "views/fourp.py")
    widget(at.text_input, "Kladdens titel").input("Studerende som medskabere af introforløbet").run()
    assert "Det siger rapporten" in texts(at) and "Kilde:" in texts(at)  # the report's advice, with sources
    assert any("Afsnit:" in c.value for c in at.caption)  # more passages from assistant.search
    widget(at.text_area, "Hvad vil I bruge co-creation til?").input("Gentænke introduktionen til biblioteket")
    widget(at.button_group, "Motiver").set_value(["kvalitet", "legitimitet"])
    widget(at.button_group, "Udviklingsfokus").set_value("praksisudvikling").run()
    ok(at)
    next_step(at, draft_id, "partnere")
    widget(at.button_group, "Hvem deltager?").set_value(["studerende", "studentermedhjælpere"])
    widget(at.text_area, "Hvordan rekrutterer").input("Via studievejledningen og de sociale medier")
    widget(at.text_area, "Hvordan fastholder").input("Tydelige roller, forplejning og gavekort").run()
    next_step(at, draft_id, "processer")
    widget(at.button_group, "Form").set_value("formelt projekt")
    widget(at.text_area, "Hvem faciliterer").input("To bibliotekarer med erfaring fra workshops")
    widget(at.text_input, "Timing").input("September, før semesterstart")
    widget(at.text_input, "Afsatte timer").input("120")
    widget(at.text_area, "Gruppedynamik").input("Giv plads til de stille studerende").run()
    next_step(at, draft_id, "produkt")
    assert any("ny praksis" in i.value for i in at.info)  # Tabel 2's focus -> product hint
    widget(at.button_group, "Hvad skal der komme ud af det?").set_value("ny praksis")
    widget(at.text_input, "Hvem ejer resultatet").input("Teamet for studieservice")
    widget(at.text_area, "Hvordan videreføres").input("Evalueres og gentages hvert semester").run()
    next_step(at, draft_id, "summary")
    body = finish_summary(at)
    assert "Alle dele er udfyldt" in body
    assert "Studerende som medskabere af introforløbet" in body and "Gentænke introduktionen" in body
    saved = drafts().get(draft_id)
    assert saved.title == "Studerende som medskabere af introforløbet" and saved.data["hours_set_aside"] == 120.0
    from assistant.planning import FourPPlan, render_docx

    assert render_docx("fourp", FourPPlan.model_validate(saved.data), "da")[:2] == b"PK"


def test_fourp_summary_lists_what_is_missing_and_jump_between_steps():
    at = app()
    draft_id = start_wizard(at, "views/fourp.py")
    widget(at.button_group, "Trin").set_value("summary").run()
    ok(at)
    assert drafts().get(draft_id).step == "summary"
    assert any("Det mangler" in i.value for i in at.info)
    finish_summary(at)


def test_identity_wizard_with_a_team():
    at = app()
    draft_id = start_wizard(at, "views/identity.py")
    body = texts(at)
    assert "Værdi:" in body and "Potentiale:" in body and "Aversion:" in body and "Sådan kan co-creation præsenteres" in body
    next_step(at, draft_id, "vurdering")
    assert len(at.slider) == 12
    for slider in at.slider:
        slider.set_value(2)
    for slider in at.slider[2::3]:  # the collaborating partner's statements (the form interleaves the types)
        slider.set_value(5)
    at.run()
    ok(at)
    ratings = drafts().get(draft_id).data["ratings"]
    assert ratings["partner-1"] == 5 and ratings["ekspert-1"] == 2
    next_step(at, draft_id, "profil")
    assert at.get("vega_lite_chart")
    assert "Dominerende: Samarbejdende partner" in texts(at) or "samarbejdende partner" in texts(at).lower()
    my_code = at.code[0].value
    assert my_code.startswith("ID1-")
    next_step(at, draft_id, "team")
    click(at, "Tilføj min egen profil")
    codes = widget(at.text_area, "Profilkoder")
    codes.input(f"{my_code}\nID1-555511113333\nnot a code").run()
    ok(at)
    assert any("not a code" in w.value for w in at.warning)
    assert "2 profiler i teamet" in texts(at)
    assert at.get("vega_lite_chart") and at.dataframe
    assert drafts().get(draft_id).data["team"][:2] == [my_code, "ID1-555511113333"]
    codes.input(f"{my_code}\nID1-555511113333\n{my_code}").run()  # the own code pasted again: said, still counted
    assert any("Samme kode står flere gange" in w.value and my_code in w.value for w in at.warning)
    assert "3 profiler i teamet" in texts(at)
    codes.input(f"{my_code}\nID1-555511113333").run()
    next_step(at, draft_id, "summary")
    body = finish_summary(at)
    assert "Teamet" in body


def test_a_quote_in_the_report_advice_says_who_said_it():
    at = app()
    start_wizard(at, "views/priorities.py")  # step 1's advice holds a manager's quote
    assert "Leder: ”Jeg vil anbefale, at man tænker det ud på andre områder" in texts(at)


def test_identity_profile_without_ratings_is_no_profile():
    at = app()
    draft_id = start_wizard(at, "views/identity.py")
    next_step(at, draft_id, "vurdering")
    next_step(at, draft_id, "profil")  # no slider moved
    assert any("ikke vurderet nogen udsagn" in i.value for i in at.info) and not at.get("vega_lite_chart") and not at.code
    next_step(at, draft_id, "team")
    next_step(at, draft_id, "summary")
    assert any("Vurdér mindst ét udsagn" in i.value for i in at.info) and not at.success


def test_culture_wizard_with_discussion_questions():
    at = app()
    draft_id = start_wizard(at, "views/culture.py")
    assert "New Public Governance" in [tab.label for tab in at.tabs]
    next_step(at, draft_id, "vurdering")
    assert len(at.slider) == 12
    at.slider[2].set_value(5).run()
    ok(at)
    next_step(at, draft_id, "profil")
    assert at.get("vega_lite_chart")
    next_step(at, draft_id, "diskussion")
    assert "harmonerer" in texts(at) and "Kilde:" in texts(at)
    next_step(at, draft_id, "summary")
    assert "Spørgsmål til diskussion" in finish_summary(at)


def test_priorities_wizard_to_the_memo():
    at = app()
    draft_id = start_wizard(at, "views/priorities.py")
    widget(at.text_input, "Bibliotek").input("KB Aarhus").run()
    for area in ("Undervisning i informationssøgning", "Studiemiljø", "Slet mig"):
        widget(at.text_input, "Nyt område").input(area)
        click(at, "Tilføj område")
    assert [a["area"] for a in drafts().get(draft_id).data["areas"]] == ["Undervisning i informationssøgning", "Studiemiljø", "Slet mig"]
    widget(at.text_input, "Nyt område").input("studiemiljø ")
    click(at, "Tilføj område")  # the same area again: said, not added, and the name stays in the field to be changed
    assert any("står allerede på listen" in w.value for w in at.warning) and widget(at.text_input, "Nyt område").value == "studiemiljø "
    assert len(drafts().get(draft_id).data["areas"]) == 3
    widget(at.text_input, "Nyt område").input("").run()
    [b for b in at.button if b.label == "Fjern"][2].click().run()
    ok(at)
    assert len(drafts().get(draft_id).data["areas"]) == 2
    next_step(at, draft_id, "niveauer")
    levels = [w for w in at.button_group if w.label == "Målniveau"]
    levels[0].set_value("avanceret")
    levels[1].set_value("udvidet")
    staff = [w for w in at.text_input if w.label == "Antal medarbejdere"]
    staff[0].input("3")
    staff[1].input("2,5").run()  # not a whole number: said at the field, in Danish
    assert any("«2,5» er ikke et helt tal" in w.value for w in at.warning)
    [w for w in at.text_input if w.label == "Antal medarbejdere"][1].input("5").run()
    ok(at)
    assert [a["staff"] for a in drafts().get(draft_id).data["areas"]] == [3, 5]
    assert at.get("vega_lite_chart")  # the overview chart
    next_step(at, draft_id, "stoette")
    supports = [w for w in at.radio if w.label == "Støtte"]
    supports[0].set_value("formel")
    for box in [w for w in at.text_input if w.label == "Tidsplan"]:
        box.input("Efterår 2025")
    widget(at.text_input, "Timer i alt pr. medarbejder").input("40").run()
    ok(at)
    next_step(at, draft_id, "signaler")
    widget(at.button_group, "Ledelsens signaler").set_value(["grønt lys", "lov til at fejle"])
    widget(at.text_area, "Noter").input("Drøftes på næste ledermøde").run()
    next_step(at, draft_id, "summary")
    body = finish_summary(at)
    assert at.get("vega_lite_chart")
    assert "KB Aarhus" in body and "Studiemiljø" in body
    saved = drafts().get(draft_id).data
    assert saved["areas"][0]["target_level"] == "avanceret" and saved["areas"][0]["support"] == "formel" and saved["areas"][1]["staff"] == 5
    assert saved["signals"] == ["grønt lys", "lov til at fejle"] and saved["hours_per_person"] == 40.0


def test_evaluation_wizard_starts_from_the_interview_questions():
    at = app()
    draft_id = start_wizard(at, "views/evaluation.py")
    body = texts(at)
    assert "Hvad tænker du umiddelbart om co-creation?" in body and "d)" in body
    widget(at.text_area, "Hvilket kompetenceudviklingstiltag").input("Workshopforløb om co-creation for alle medarbejdere").run()
    for level in ("reaktion", "laering", "adfaerd", "organisation"):
        next_step(at, draft_id, level)
        questions = widget(at.text_area, "Spørgsmål")
        assert questions.value  # the report's question is the starting point
        questions.input(questions.value + "\nHvad vil du gerne vide mere om?")
        widget(at.text_input, "Metode").input("Fokusgruppe")
        widget(at.text_input, "Hvornår").input("Efter tre måneder").run()
        ok(at)
    next_step(at, draft_id, "summary")
    body = finish_summary(at)
    assert "Workshopforløb om co-creation" in body and "Fokusgruppe" in body
    levels = drafts().get(draft_id).data["levels"]
    assert levels["adfaerd"]["questions"][-1] == "Hvad vil du gerne vide mere om?"


def test_english_wizard_document_and_labels():
    at = app(english=True)
    at.switch_page("views/evaluation.py").run()
    click(at, "Start a new draft")
    assert "What is your immediate view of co-creation?" in texts(at)
    for _ in range(5):  # (AppTest formats a segmented control's value outside the session, so click through instead)
        click(at, "Next")
    assert {"Download as Markdown", "Download as Word (DOCX)"} <= {b.label for b in at.download_button}


# -- the UI's own rules ----------------------------------------------------------------------------------
def test_every_ui_string_exists_in_both_languages():
    from ui.i18n import LABELS, STRINGS

    for key, text in {**STRINGS, **LABELS}.items():
        assert text.da.strip() and text.en.strip(), key
    used: set[str] = set()
    for path in UI.rglob("*.py"):
        used |= set(re.findall(r"""\bt\(\s*["']([a-z_.0-9]+)["']""", path.read_text(encoding="utf-8")))
    assert used and not used - set(STRINGS), used - set(STRINGS)
    from assistant.planning import WIZARDS

    dynamic = {f"intro.{kind}" for kind in WIZARDS} | {f"chat.suggestion.{n}" for n in (1, 2, 3)}
    dynamic |= {f"chat.filter.kind.{k}" for k in ("all", "recommendation", "quote")} | {"feedback.rating.up", "feedback.rating.down"}
    assert dynamic <= set(STRINGS), dynamic - set(STRINGS)


def test_session_state_and_query_params_live_behind_ui_state():
    for path in UI.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if path.name != "state.py":
            assert "session_state" not in text and "query_params[" not in text and "st.query_params" not in text, path


def test_no_raw_html_anywhere_in_the_ui():
    for path in UI.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.keyword):
                assert node.arg not in ("unsafe_allow_html",), path
            if isinstance(node, ast.Attribute):
                assert node.attr not in ("html",) or not isinstance(node.value, ast.Name) or node.value.id != "st", path


def test_one_cached_factory_for_the_shared_objects():
    factories = [p for p in UI.rglob("*.py") if "cache_resource" in p.read_text(encoding="utf-8")]
    assert factories == [UI / "resources.py"]


@pytest.mark.parametrize(
    ("text", "forbidden"),
    [
        ("[klik](javascript:alert(1))", "](javascript"),
        ("![x](https://evil.example/p.png)", "![x]("),
        ("<img src=x onerror=alert(1)>", "<img"),
        ("se https://evil.example og www.evil.example", "https://"),
        ("$\\href{javascript:x}{y}$", "$\\href"),
    ],
)
def test_safe_markdown_neutralises_links_images_html_and_math(text: str, forbidden: str):
    from ui.safe import md, md_document

    def active(markdown: str) -> str:  # what Markdown still interprets: escaped pairs are literal text
        return re.sub(r"\\.", "", markdown)

    assert forbidden not in active(md(text))
    assert forbidden not in active(md_document(text))


def test_safe_markdown_keeps_emphasis_lists_and_the_core_escapes():
    from ui.safe import md, md_document

    assert md("**Det viser evalueringen**\n- punkt [1]") == "**Det viser evalueringen**\n- punkt \\[1\\]"
    assert md_document("# Plan\n\n\\*ikke fed\\* og [2]") == "# Plan\n\n\\*ikke fed\\* og \\[2\\]"
    assert json.loads(json.dumps(md("æøå"))) == "æøå"


# -- issue 11: the app as librarians and managers met it ------------------------------------------------------
def test_a_long_pasted_question_is_explained_and_kept():
    long = "Hvordan får vi kollegerne med? " * 90  # about 2,800 characters
    at = ask(app(), long)
    assert len(at.chat_message) == 2  # not asked, but kept in the chat: the question, then why (tests/test_ui_chat_history.py)
    assert at.chat_message[0].text[0].value.startswith("Hvordan får vi kollegerne med?") and at.chat_message[0].text[0].value.endswith(" …")
    assert at.error and "for langt" in at.error[0].value and "2000" in at.error[0].value.replace(".", "")
    assert at.code[0].value == long  # the text is there to copy and shorten
    assert at.chat_input[0].proto.max_chars == 0  # the browser does not silently drop a long paste


def test_a_long_paste_into_a_wizard_field_is_kept_and_explained():
    at = app()
    draft_id = start_wizard(at, "views/fourp.py")
    widget(at.text_area, "Hvad vil I bruge co-creation til?").input("Kort formål").run()
    long = "Et nyt introforløb for førsteårsstuderende. " * 140  # about 6,200 characters, over the 5,000 a field holds
    widget(at.text_area, "Hvad vil I bruge co-creation til?").input(long).run()
    assert widget(at.text_area, "Hvad vil I bruge co-creation til?").proto.max_chars == 0  # the browser keeps the paste
    assert widget(at.text_area, "Hvad vil I bruge co-creation til?").value == long  # nothing typed is lost
    assert any("Teksten er for lang: 6.159 tegn (højst 5.000)" in w.value for w in at.warning)
    assert drafts().get(draft_id).data["pointe_purpose"] == "Kort formål"  # the draft keeps its last valid version
    widget(at.button_group, "Motiver").set_value(["legitimitet"]).run()  # a choice made after the paste is saved
    saved = drafts().get(draft_id).data
    assert saved["motives"] == ["legitimitet"] and saved["pointe_purpose"] == "Kort formål"
    assert not at.error  # said once, at the field
    click(at, "Næste")  # moving on would drop the unsaved text: the page stays, and says why
    assert widget(at.text_area, "Hvad vil I bruge co-creation til?").value == long
    assert any("før du går videre" in w.value for w in at.warning)


def test_a_whitespace_question_leaves_no_bubble_and_is_explained_in_danish():
    at = ask(app(), "   \n\t ")
    assert not at.chat_message
    assert at.error and at.error[0].value == "Skriv et spørgsmål – feltet var tomt."


def test_chat_filters_survive_a_language_switch():
    at = app()
    widget(at.selectbox, "Vis").set_value("quote")
    widget(at.selectbox, "Del af rapporten").set_value("del-2").run()
    at.toggle[0].set_value(True).run()
    ok(at)
    assert widget(at.selectbox, "Show").value == "quote" and widget(at.selectbox, "Part of the report").value == "del-2"
    assert list(widget(at.selectbox, "Show").options) == ["All passages", "Recommendations only", "Quotes only"]
    at.toggle[0].set_value(False).run()
    assert widget(at.selectbox, "Vis").value == "quote" and widget(at.selectbox, "Del af rapporten").value == "del-2"


def test_the_language_is_kept_in_the_url_and_read_back():
    at = app(english=True)
    assert at.query_params["lang"] == ["en"] or at.query_params["lang"] == "en"
    reloaded = AppTest.from_file(str(APP), default_timeout=120)
    reloaded.query_params["lang"] = "en"
    reloaded.run()
    ok(reloaded)
    assert reloaded.title[0].value == "Ask the report" and reloaded.toggle[0].value is True
    draft = drafts().create("culture", "Kultur", {}, "typologi")
    reloaded.switch_page("views/drafts.py").run()
    click(reloaded, "Open")
    assert reloaded.title[0].value == "Organisational culture"  # a draft opened from the list stays in English
    assert reloaded.query_params["draft"] in (draft.id, [draft.id]) and "lang" in reloaded.query_params
    reloaded.toggle[0].set_value(False).run()
    assert "lang" not in reloaded.query_params


def test_the_chat_has_its_own_address():
    source = (UI / "app.py").read_text(encoding="utf-8")
    assert 'url_path="chat"' in source and "default=True" not in source.split("chat_page =")[1].split(")")[0]
    at = app()  # the address without a page opens the chat
    assert at.title[0].value == "Spørg rapporten" and at.chat_input


def test_copy_text_and_source_labels_are_in_one_language():
    at = ask(app())
    text = at.code[0].value
    assert "\nKilder:\n" in text and "Sources" not in text and "(paragraph" not in text and "(quote" not in text
    english = ask(app(english=True), "How do we get colleagues on board with co-creation?")
    text = english.code[0].value
    assert "\nSources:\n" in text and "Kilder" not in text and " › " in text
    labels = source_labels(english)
    assert labels and not [label for label in labels if re.search(r"Del \d|Anbefalinger|Tabel", label)], labels
    assert "Section:** Part" in " ".join(c.value for c in english.caption)


def test_an_answer_speaks_its_questions_language_on_a_page_of_the_other():
    english = ask(app(), "How do we get colleagues on board with co-creation?")  # a Danish page, an English question
    shown = texts(english)
    assert "**Sources**" in shown and "Answer engine:" in shown and "Was the answer useful?" in shown
    assert "**Kilder**" not in shown and "Var svaret nyttigt?" not in shown  # (the sidebar names the engine in Danish)
    assert "\nSources:\n" in english.code[0].value
    assert english.chat_input and english.title[0].value == "Spørg rapporten"  # the page itself stays Danish
    danish = ask(app(english=True), "Hvordan får vi kollegerne med på co-creation?")
    shown = texts(danish)
    assert "**Kilder**" in shown and "Var svaret nyttigt?" in shown and "**Sources**" not in shown


def test_more_passages_have_distinct_titles():
    at = app()
    start_wizard(at, "views/priorities.py")
    labels = [e.label for e in at.expander]
    assert len(labels) == 3 and len(set(labels)) == 3, labels


def test_untouched_sliders_are_not_counted_as_rated():
    at = app()
    draft_id = start_wizard(at, "views/identity.py")
    next_step(at, draft_id, "vurdering")
    assert drafts().get(draft_id).data.get("ratings", {}) == {}  # showing the sliders rates nothing
    next_step(at, draft_id, "profil")
    assert any("ikke vurderet nogen udsagn" in i.value for i in at.info)
    click(at, "Forrige")
    at.slider[0].set_value(5).run()
    ok(at)
    assert len(drafts().get(draft_id).data["ratings"]) == 1
    next_step(at, draft_id, "profil")
    assert "1 af 12 udsagn vurderet" in texts(at)


def test_adding_my_own_profile_fills_the_box_and_counts_one_profile():
    at = app()
    draft_id = start_wizard(at, "views/identity.py")
    next_step(at, draft_id, "vurdering")
    at.slider[0].set_value(4).run()
    next_step(at, draft_id, "profil")
    mine = at.code[0].value
    next_step(at, draft_id, "team")
    click(at, "Tilføj min egen profil")
    assert widget(at.text_area, "Profilkoder").value == mine
    assert "1 profil i teamet" in texts(at) and "1 profiler" not in texts(at)
    assert drafts().get(draft_id).data["team"] == [mine]
    click(at, "Tilføj min egen profil")  # twice is still one
    assert widget(at.text_area, "Profilkoder").value == mine


def test_identity_and_culture_documents_are_named_by_the_draft():
    for kind, title in (("identity", "Team Undervisning"), ("culture", "Ledergruppen")):
        draft = drafts().create(kind, title, {}, "summary")
        at = app()
        at.query_params["draft"] = draft.id
        at.switch_page(f"views/{kind}.py").run()
        ok(at)
        assert f"{title}" in [m.value for m in at.markdown if m.value.startswith("### ")][0]


def test_restoring_a_backup_that_changes_nothing_says_why():
    store = drafts()
    store.create("fourp", "Plan A", {"title": "Plan A"}, "pointe")
    at = app()
    at.switch_page("views/drafts.py").run()
    at.get("file_uploader")[0].set_value(("kladder.json", store.export_json().encode(), "application/json")).run()
    click(at, "Gendan")
    assert "Ingen kladder gendannet: alle 1 i filen findes allerede her" in texts(at)


def test_core_messages_show_in_the_ui_language():
    from assistant import Bilingual, InputError
    from assistant.errors import message_in
    from assistant.planning.models import InvalidValue

    for error in (InputError(Bilingual(da="Titlen er for lang.", en="The title is too long.")), InvalidValue("Titlen er for lang.", "The title is too long.")):
        assert message_in(error, "da") == "Titlen er for lang." and message_in(error, "en") == "The title is too long."
        assert str(error) == "Titlen er for lang. / The title is too long."  # the plain text (logs, command line) keeps both
    assert message_in(InputError("Only one language."), "en") == "Only one language."


def test_safe_markdown_leaves_nothing_for_the_autolinker():
    from ui.safe import md, md_document

    gfm_autolink = re.compile(r"(https?://|www\.)[-.\w]+|[-.\w+]+@[-\w]+(\.[-\w]+)+")  # remark-gfm's own patterns, after escapes
    for text in ("se www.evil.example", "https://evil.example/x", "skriv til a@evil.example", "www\\.evil.example"):
        for safe in (md(text), md_document(text)):
            assert not gfm_autolink.search(re.sub(r"\\(.)", r"\1", safe)), safe


# -- usability findings: the priorities wizard and the chat across a reload ---------------------------------------------
def _priorities_at_support_step(english: bool = False) -> tuple[AppTest, str]:
    at = app()
    draft_id = start_wizard(at, "views/priorities.py")
    widget(at.text_input, "Nyt område").input("Studiemiljø")
    click(at, "Tilføj område")
    next_step(at, draft_id, "niveauer")
    next_step(at, draft_id, "stoette")
    if english:
        at.toggle[0].set_value(True).run()
        ok(at)
    return at, draft_id


@pytest.mark.parametrize("english", [False, True])
def test_support_is_a_vertical_radio_with_every_option_whole(english: bool):
    at, draft_id = _priorities_at_support_step(english)
    title, whole = ("Support", ["Formal", "Informal", "Both formal and informal"]) if english else (
        "Støtte", ["Formel", "Uformel", "Både formel og uformel"])
    [support] = [w for w in at.radio if w.label == title]
    assert support.options == whole and not support.horizontal  # one option a line, never squeezed to "…formel"
    assert not [w for w in at.button_group if w.label == title]  # no segmented control left to truncate
    if english:
        return  # AppTest maps a chosen value to its label only in the language the test runs in
    support.set_value("formel").run()
    ok(at)
    assert drafts().get(draft_id).data["areas"][0]["support"] == "formel"


def test_a_new_area_typed_but_not_added_survives_a_reload():
    import streamlit as st

    at = app()
    draft_id = start_wizard(at, "views/priorities.py")
    widget(at.text_input, "Nyt område").input("Forskningsstøtte").run()  # typed, committed by the autosave script, not added
    ok(at)
    assert drafts().get(draft_id).data["new_area"] == "Forskningsstøtte"
    assert drafts().get(draft_id).data["areas"] == []

    st.cache_resource.clear()
    reloaded = AppTest.from_file(str(APP), default_timeout=120).run()
    reloaded.query_params["draft"] = draft_id
    reloaded.switch_page("views/priorities.py").run()
    ok(reloaded)
    assert widget(reloaded.text_input, "Nyt område").value == "Forskningsstøtte"  # still there, as the page promises
    click(reloaded, "Tilføj område")
    assert [a["area"] for a in drafts().get(draft_id).data["areas"]] == ["Forskningsstøtte"]
    assert widget(reloaded.text_input, "Nyt område").value == "" and drafts().get(draft_id).data["new_area"] == ""
    click(reloaded, "Tilføj område")  # an empty name is refused with a message, not added
    assert len(drafts().get(draft_id).data["areas"]) == 1 and reloaded.warning
    # removing a row keeps a name typed but not yet added
    widget(reloaded.text_input, "Nyt område").input("Halvskrevet")
    [b for b in reloaded.button if b.label == "Fjern"][0].click().run()
    ok(reloaded)
    assert drafts().get(draft_id).data["areas"] == [] and widget(reloaded.text_input, "Nyt område").value == "Halvskrevet"
    assert drafts().get(draft_id).data["new_area"] == "Halvskrevet"


def test_hours_per_staff_member_show_the_unit_and_no_padding():
    at, draft_id = _priorities_at_support_step()
    hours = widget(at.text_input, "Timer i alt pr. medarbejder")
    assert "samlede antal timer" in hours.help
    hours.input("7,5").run()  # a Danish decimal comma
    ok(at)
    assert drafts().get(draft_id).data["hours_per_person"] == 7.5
    hours.input("1.000").run()  # a Danish thousands point: a thousand, not one
    ok(at)
    assert drafts().get(draft_id).data["hours_per_person"] == 1000
    hours.input("40").run()
    ok(at)
    next_step(at, draft_id, "signaler")
    next_step(at, draft_id, "summary")
    assert "Timer i alt pr. medarbejder" in texts(at) and "40 timer" in texts(at) and "40.0" not in texts(at)


def test_a_number_out_of_range_is_said_at_the_field_in_danish_and_not_lost():
    at, draft_id = _priorities_at_support_step()
    hours = widget(at.text_input, "Timer i alt pr. medarbejder")
    hours.input("12,5").run()
    assert drafts().get(draft_id).data["hours_per_person"] == 12.5
    for bad in ("-5", "99999999", "mange"):
        widget(at.text_input, "Timer i alt pr. medarbejder").input(bad).run()
        assert any(f"«{bad}» er ikke et tal fra 0 til 10.000" in w.value for w in at.warning), [w.value for w in at.warning]
        assert drafts().get(draft_id).data["hours_per_person"] == 12.5  # the last valid value stays saved
        assert widget(at.text_input, "Timer i alt pr. medarbejder").value == bad  # what was typed stays in the field
    click(at, "Næste")  # moving on would lose the typed text: the page stays and says which field
    assert any("Ret tallet i «Timer i alt pr. medarbejder til co-creation»" in w.value for w in at.warning), [w.value for w in at.warning]
    assert drafts().get(draft_id).step == "stoette"
    widget(at.text_input, "Timer i alt pr. medarbejder").input("").run()  # emptied: no number, and nothing to fix
    assert drafts().get(draft_id).data["hours_per_person"] is None


def test_more_passages_name_each_place_once():
    from assistant.planning import step_advice

    at = app()
    draft_id = start_wizard(at, "views/priorities.py")
    widget(at.text_input, "Nyt område").input("Studiemiljø")
    click(at, "Tilføj område")
    next_step(at, draft_id, "niveauer")  # the tester saw Tabel 5 twice here
    labels = [e.label for e in at.expander]
    assert len(labels) == len(set(labels)), labels
    assert sum("TABEL 5" in label.upper() for label in labels) <= 1, labels
    ids = re.findall(r"Kilde-id:\*\* ([\w.#-]+)", "\n".join(c.value for c in at.caption))
    quoted = {a.source_id for a in step_advice("priorities", "niveauer")}
    assert ids and not quoted & set(ids), (ids, quoted)  # nothing quoted above is offered again


def test_distinct_passages_groups_table_rows_and_drops_repeats():
    from types import SimpleNamespace as NS

    from ui.wizard import distinct_passages

    def hit(passage_id: str, text: str) -> Any:
        return NS(chunk=NS(id=passage_id, text=text))

    hits = [hit("anbefaling.strukturer.5", "A"), hit("tabel-5.r2", "T2"), hit("tabel-5.r3", "T3"), hit("del-3.p05#3", "P"),
            hit("del-3.p05#4", "P2"), hit("del-2.q01", "  t2 "), hit("tabel-3.r1", "T")]
    groups = distinct_passages(hits, {"anbefaling.strukturer.5", "tabel-3"})
    assert [[h.chunk.id for h in g] for g in groups] == [["tabel-5.r2", "tabel-5.r3"], ["del-3.p05#3", "del-3.p05#4"]]


def test_a_thumb_clicked_is_shown_again_after_a_reload_and_counted_once():
    import streamlit as st
    from assistant.feedback import FeedbackStore
    from assistant.storage import open_database

    at = ask(app())
    at.feedback[0].set_value(0).run()  # thumbs down
    chat_id = at.query_params["chat"]
    chat_id = chat_id[0] if isinstance(chat_id, list) else chat_id
    st.cache_resource.clear()
    reloaded = AppTest.from_file(str(APP), default_timeout=120)
    reloaded.query_params["chat"] = chat_id
    reloaded.run()
    ok(reloaded)
    assert reloaded.feedback[0].value == 0  # the thumb that was clicked, not an empty pair
    reloaded.feedback[0].set_value(1).run()  # changed after the reload: the same entry changes
    assert [e.rating for e in FeedbackStore(open_database(Settings())).all()] == ["up"]


def test_the_chat_survives_a_reload_and_a_new_conversation():
    import streamlit as st

    at = ask(app())
    chat_id = at.query_params["chat"]
    chat_id = chat_id[0] if isinstance(chat_id, list) else chat_id
    answer = at.chat_message[1].markdown[0].value
    st.cache_resource.clear()  # a reload (even after a restart): a new session with the same URL
    reloaded = AppTest.from_file(str(APP), default_timeout=120)
    reloaded.query_params["chat"] = chat_id
    reloaded.run()
    ok(reloaded)
    assert len(reloaded.chat_message) == 2 and reloaded.chat_message[0].get("text")[0].value == QUESTION
    assert reloaded.chat_message[1].markdown[0].value == answer and source_labels(reloaded)  # the answer with its sources
    ask(reloaded, "Hvordan organiserer vi støtte og sparring?")  # a follow-up goes on in the same conversation
    assert len(reloaded.chat_message) == 4
    assert reloaded.query_params["chat"] in (chat_id, [chat_id])
    click(reloaded, "Ny samtale")
    assert "chat" not in reloaded.query_params and not reloaded.chat_message
    again = AppTest.from_file(str(APP), default_timeout=120)
    again.query_params["chat"] = chat_id
    again.run()
    ok(again)
    assert len(again.chat_message) == 4  # a new conversation keeps the old one: its link still opens it


def test_a_damaged_or_foreign_chat_id_starts_an_empty_chat(_isolated_env: Path):
    for value in ("../../etc/passwd", "0" * 32):
        at = AppTest.from_file(str(APP), default_timeout=120)
        at.query_params["chat"] = value
        at.run()
        ok(at)
        assert not at.chat_message and at.chat_input
    (_isolated_env / "conversations").mkdir(exist_ok=True)
    (_isolated_env / "conversations" / ("a" * 32 + ".json")).write_text("{not json", encoding="utf-8")
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.query_params["chat"] = "a" * 32
    at.run()
    ok(at)
    assert not at.chat_message


def test_numbers_are_read_with_the_page_languages_separators():
    from ui.form import parse_number

    assert parse_number("1.000", "da") == 1000 and parse_number("1,000", "en") == 1000  # thousands, not one
    assert parse_number("7,5", "da") == 7.5 and parse_number("7.5", "en") == 7.5
    assert parse_number("7.5", "da") == 7.5 and parse_number("2,5", "en") == 2.5  # the other separator alone: a decimal
    assert parse_number("1.000,5", "da") == 1000.5 and parse_number("1,000.5", "en") == 1000.5
    assert parse_number("1,000", "da") == 1.0 and parse_number("1.000", "en") == 1.0  # each language's own reading
    assert parse_number("12.34.567", "da") is None and parse_number("mange", "da") is None and parse_number(" ", "da") is None


def test_a_draft_title_that_is_empty_or_too_long_is_said_and_the_saved_one_kept():
    at = app()
    at.switch_page("views/priorities.py").run()
    widget(at.text_input, "Titel på den nye kladde").input("x" * 250)
    [b for b in at.button if "Start en ny kladde" in b.label][0].click().run()
    ok(at)
    assert any("250 tegn lang; grænsen er 200" in w.value for w in at.warning), [w.value for w in at.warning]
    assert "draft" not in at.query_params  # not started with another title than the one typed
    widget(at.text_input, "Titel på den nye kladde").input("Prioritering 2027")
    draft_id = start_wizard_from_form(at)
    for typed, said in (("", "Titlen er tom"), ("y" * 294, "294 tegn lang")):
        widget(at.text_input, "Kladdens titel").input(typed).run()
        ok(at)
        assert any(said in w.value and "«Prioritering 2027»" in w.value for w in at.warning), [w.value for w in at.warning]
        assert drafts().get(draft_id).title == "Prioritering 2027"
        assert widget(at.text_input, "Kladdens titel").value == typed  # what was typed stays in the field
    widget(at.text_input, "Kladdens titel").input("Prioritering 2028").run()
    ok(at)
    assert drafts().get(draft_id).title == "Prioritering 2028" and not any("Titlen" in w.value for w in at.warning)


def start_wizard_from_form(at: AppTest) -> str:
    click(at, "Start en ny kladde")
    return at.query_params["draft"]
