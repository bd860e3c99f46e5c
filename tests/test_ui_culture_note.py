"""A trial finding: the culture wizard's memo step ("Notat") has a note field, autosaved, checked for length and in the document."""
from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from test_ui import app, click, drafts, ok, texts, widget  # noqa: E402
from test_ui import ui_env  # noqa: E402,F401 - the fixture is used by name

NOTE = "Vi er en hybrid med stærk NPM-arv. Næste skridt: et pilotforløb med studerende i foråret, styret af læringsteamet."


@pytest.fixture
def downloads(monkeypatch: pytest.MonkeyPatch) -> Any:
    """The bytes a download button serves, by its label (AppTest keeps them in its media storage)."""
    import streamlit.testing.v1.app_test as app_test
    from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

    storages: list[MemoryMediaFileStorage] = []

    class Recording(MemoryMediaFileStorage):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            storages.append(self)

    monkeypatch.setattr(app_test, "MemoryMediaFileStorage", Recording)

    def read(at: Any, label: str) -> bytes:
        [button] = [b for b in at.download_button if b.label == label]
        return storages[-1].get_file(button.proto.url.rsplit("/", 1)[-1]).content

    return read


def open_memo(data: dict[str, Any], english: bool = False) -> tuple[Any, str]:
    """A stored culture draft opened by its link (?draft=...) at its memo step."""
    draft = drafts().create("culture", "Kultur i ledergruppen", data, "summary")
    at = app(english)
    at.query_params["draft"] = draft.id
    at.switch_page("views/culture.py").run()
    ok(at)
    return at, draft.id


def docx_text(content: bytes) -> str:
    from docx import Document

    return "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)


def test_the_memo_step_has_a_note_that_is_saved_and_in_both_documents(downloads: Any):
    at, draft_id = open_memo({"ratings": {"npg-1": 5}})
    assert any(s.value == "Dit dokument" for s in at.subheader)  # the memo step ("Notat")
    widget(at.text_area, "Jeres notat").input(NOTE).run()
    ok(at)
    saved = drafts().get(draft_id).data
    assert saved["note"] == NOTE and saved["ratings"] == {"npg-1": 5}  # autosaved beside the ratings
    assert NOTE in downloads(at, "Hent som Markdown").decode("utf-8")
    assert NOTE in docx_text(downloads(at, "Hent som Word (DOCX)"))
    assert NOTE in texts(at)  # the document shown on the page too
    click(at, "Forrige")  # another step and back: the note is still there
    click(at, "Næste")
    assert widget(at.text_area, "Jeres notat").value == NOTE


def test_a_too_long_note_is_kept_in_the_field_said_and_not_saved():
    at, draft_id = open_memo({"ratings": {"npg-1": 5}, "note": "Kort notat"})
    assert widget(at.text_area, "Jeres notat").value == "Kort notat"  # a reload reads it back
    long = "Vi drøftede værdierne længe. " * 200  # 5,800 characters, over the 5,000 a text field holds
    widget(at.text_area, "Jeres notat").input(long).run()
    ok(at)
    assert widget(at.text_area, "Jeres notat").value == long and widget(at.text_area, "Jeres notat").proto.max_chars == 0
    assert any(f"Teksten er for lang: {len(long.strip()):,} tegn (højst 5.000)".replace(",", ".") in w.value for w in at.warning)
    assert drafts().get(draft_id).data["note"] == "Kort notat"  # the draft keeps its last valid note
    assert "Kort notat" in texts(at) and long.strip() not in texts(at)  # and so does the document
    assert not at.error  # said once, at the field


def test_the_note_in_english(downloads: Any):
    at, draft_id = open_memo({"ratings": {"npg-1": 5}}, english=True)
    widget(at.text_area, "Your note").input("We are a hybrid.").run()
    ok(at)
    assert drafts().get(draft_id).data["note"] == "We are a hybrid."
    markdown = downloads(at, "Download as Markdown").decode("utf-8")
    assert "Notes" in markdown and "We are a hybrid." in markdown
