"""Every page and every wizard step in both languages: no English words in the Danish UI, no Danish in the English one."""
from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any, Iterator

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from test_ui import PAGES, app, click, ok, ui_env  # noqa: E402,F401 - the fixture is used by name

from streamlit.testing.v1 import AppTest  # noqa: E402
from streamlit.testing.v1 import element_tree as et  # noqa: E402

# Words only one of the two languages has (short, common, unambiguous); names both UIs rightly keep, and the report's
# own words where they are quoted as such (»…« in a document's source list).
ENGLISH_WORDS = {
    "the", "and", "of", "with", "your", "you", "choose", "option", "options", "please", "this", "that", "which", "what", "how",
    "should", "will", "has", "not", "yet", "from", "step", "steps", "sources", "source", "paragraph", "quote", "download",
    "drafts", "draft", "save", "saved", "add", "remove", "next", "back", "answer", "question", "report", "library", "staff", "area",
    "level", "profile", "profiles", "statements", "rated", "table", "figure", "part", "new", "open", "delete", "restore", "no",
}
DANISH_WORDS = {
    "og", "det", "der", "til", "af", "med", "på", "ikke", "eller", "hvad", "hvordan", "skal", "jeres", "kan", "som", "også",
    "mangler", "kilde", "kilder", "afsnit", "tabel", "figur", "trin", "kladde", "kladder", "vælg", "gemt", "rapportens", "udsagn",
    "ledelsen", "område", "områder", "spørgsmål", "svar", "hent", "næste", "forrige", "fra", "vi", "du", "din", "dit", "del",
}
KEPT_NAMES = re.compile(r"New Public Management|New Public Governance|New Public|Public Administration|co-creation|DEFF|DOCX|Markdown|JSONL?|CSV|"
                        r"Word|Lystbæk|Sørensen|»[^«]*«|ID1-\S*|\([a-z0-9.#-]+\)|[a-z]+-\d[\w.#-]*", re.I)
TEXT_ELEMENTS = (et.Markdown, et.Caption, et.Title, et.Header, et.Subheader, et.AlertBase, et.Toast)
WIDGET_FIELDS = ("label", "placeholder", "help")


def _strings(node: Any, in_passage: bool = False) -> Iterator[str]:
    """The UI's own text under ``node``: labels, placeholders, help, options, headings, notes; not the report's passages."""
    if isinstance(node, (et.Expander, et.ChatMessage)):
        if isinstance(node, et.Expander):
            yield str(node.label)
        in_passage = True  # a passage's body, or the chat's answer body (the core's text): only captions and widgets count
    if isinstance(node, TEXT_ELEMENTS):
        text = str(node.value)
        if not (in_passage and not isinstance(node, et.Caption)) and not text.lstrip().startswith(">"):
            yield text
    elif isinstance(node, et.Widget) or isinstance(node, (et.Tab, et.DownloadButton, et.ChatInput)):
        for name in WIDGET_FIELDS:
            value = getattr(node.proto, name, None) if hasattr(node, "proto") else None
            if isinstance(value, str) and value:
                yield value
        yield from (str(o) for o in getattr(node.proto, "options", []) if isinstance(o, str))
        if isinstance(node, et.Tab):
            yield str(node.label)
    for child in getattr(node, "children", {}).values():
        yield from _strings(child, in_passage)


def _foreign(texts: list[str], language: str) -> list[str]:
    """Each line with a word of the other language, as "word(s): the line"."""
    words = ENGLISH_WORDS if language == "da" else DANISH_WORDS
    found = []
    for text in texts:
        for line in text.replace("\\", "").splitlines():
            plain = KEPT_NAMES.sub(" ", line)
            plain = re.sub(r"\([^()]*\d{4}[^()]*\)", " ", plain)  # literature references name Danish authors: (Illeris, Jørgensen … 2004)
            hits = set(re.findall(r"[a-zæøå]+", plain.lower())) & words
            if language == "en":
                hits |= set(re.findall(r"\w*[æøåÆØÅ]\w*", plain))
            if hits:
                found.append(f"{sorted(hits)}: {line.strip()[:160]}")
    return found


def _page(at: AppTest) -> list[str]:
    for box in at.selectbox:  # Streamlit's own "Choose an option" shows wherever we set no placeholder of our own
        assert box.proto.placeholder, f"selectbox {box.label!r} has no placeholder of ours"
    return list(_strings(at._tree))


def _walk(at: AppTest, page: str, language: str) -> list[str]:
    at.switch_page(page).run()
    ok(at)
    seen = _page(at)
    if "wizard" in page or Path(page).stem in ("fourp", "identity", "culture", "priorities", "evaluation"):
        click(at, "Start en ny kladde" if language == "da" else "Start a new draft")
        seen += _page(at)
        for _ in range(6):
            nexts = [b for b in at.button if b.label.startswith(("Næste", "Next"))]
            if not nexts:
                break
            nexts[0].click().run()
            ok(at)
            seen += _page(at)
    if page == "views/chat.py":
        click(at, "Hvordan får vi kollegerne med" if language == "da" else "How do we get colleagues")
        seen += _page(at)
    return seen


@pytest.mark.parametrize("language", ["da", "en"])
def test_no_words_of_the_other_language_on_any_page_or_step(language: str):
    at = app(english=language == "en")
    seen: list[str] = []
    for page in PAGES:
        seen += _walk(at, page, language)
    assert len(seen) > 200  # the walk saw the pages, not an error screen
    foreign = sorted(set(_foreign(seen, language)))
    assert not foreign, "\n".join(foreign[:40])


def test_the_detector_finds_each_language():
    assert _foreign(["Please write a question (it was empty)."], "da")
    assert _foreign(["Choose an option"], "da")
    assert _foreign(["Professional identities (Tabel 4)"], "en")
    assert _foreign(["Kilder / Sources"], "en") and _foreign(["Kilder / Sources"], "da")
    assert not _foreign(["Organisationskultur: New Public Governance og co-creation (del-3.kultur.p01)"], "da")


# -- a librarian's findings: Danish numbers, names, quotes and the restore upload -----------------------------------
def test_lengths_are_written_with_the_page_languages_thousands_separator():
    from test_ui import ask

    question = "Hvordan får vi kollegerne med? " * 150
    question += "x" * (4799 - len(question))
    at = ask(app(), question)
    assert at.error and "4.799 tegn (højst 2.000)" in at.error[0].value, at.error[0].value
    at = ask(app(english=True), question)
    assert at.error and "4,799 characters (at most 2,000)" in at.error[0].value, at.error[0].value


def test_the_restore_upload_says_in_danish_what_its_english_button_does():
    at = app()
    at.switch_page("views/drafts.py").run()
    ok(at)
    uploader = at.get("file_uploader")[0].proto
    assert uploader.label == "Gendan kladder fra en sikkerhedskopi (JSON-fil)"
    assert "«Upload» betyder «vælg fil»" in uploader.help and "højst 10 MB" in uploader.help
    assert any(c.value.startswith("Klik på «Upload» og vælg filen – eller træk filen hen på feltet.") for c in at.caption)
    at = app(english=True)
    at.switch_page("views/drafts.py").run()
    ok(at)
    uploader = at.get("file_uploader")[0].proto
    assert uploader.label == "Restore drafts from a backup (JSON file)" and "at most 10 MB" in uploader.help
    assert any(c.value.startswith("Click “Upload” and choose the file") for c in at.caption)


def test_danish_ui_text_names_the_identities_as_the_report_does_and_has_no_straight_quotes():
    from ui.i18n import STRINGS

    danish = {key: text.da for key, text in STRINGS.items()}
    assert not [key for key, text in danish.items() if "faglige identitet" in text.lower()]  # the report: "professionelle identiteter"
    assert "professionelle identiteter" in danish["intro.identity"] and "professionelle identiteter" in danish["fourp.motives.help"]
    assert not [key for key, text in danish.items() if '"' in text or "'" in text]  # «…» or ”…”, never "…"
