"""The structured corpus is faithful to the report: clean prose, quotes verbatim and attributed, tables complete."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from assistant.corpus import BUILT_FILES, build_corpus, load_corpus, load_translations, packaged_corpus_dir, stale_files
from assistant.corpus.text import QUOTE, Dehyphenator, comparable, split_sentences
from assistant.errors import CorpusError

CORPUS = packaged_corpus_dir()
RAW = (CORPUS / "raw" / "report.txt").read_text(encoding="utf-8")
SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "000_7e2608b5a53a02ee.txt"


@pytest.fixture(scope="module")
def built():
    return build_corpus(CORPUS)


@pytest.fixture(scope="module")
def corpus():
    return load_corpus(CORPUS)


def test_committed_corpus_equals_a_fresh_build():
    assert stale_files(CORPUS) == []


def test_build_is_deterministic(built):
    again = build_corpus(CORPUS)
    assert again.files == built.files
    assert set(built.files) == set(BUILT_FILES)


@pytest.mark.skipif(not SEED.exists(), reason="shared seed not beside the project")
def test_raw_copy_is_the_shared_seed():
    assert SEED.read_text(encoding="utf-8") == RAW


def test_every_section_present_in_order(corpus):
    assert [s.id for s in corpus.sections] == [
        "forord", "indledning", "del-1", "del-1.tiltag", "del-1.data", "del-2", "del-2.reaktioner", "del-2.laering",
        "del-2.adfaerd", "del-2.forandringer", "del-3", "del-3.individuelle", "del-3.indhold", "del-3.interesse",
        "del-3.organisatoriske", "del-3.strukturer", "del-3.kulturer",
    ]
    titles = [s.title for s in corpus.sections]
    assert "Anbefalinger med hensyn til interesse og identitet" in titles
    interesse = corpus.section("del-3.interesse")
    assert interesse.path[0].startswith("Del 3") and interesse.parent == "del-3.individuelle"
    assert all(p.path == corpus.section(p.section_id).path for p in corpus.paragraphs)


def test_no_line_break_hyphenation_remains(corpus):
    text = "\n".join(p.text for p in corpus.paragraphs)
    # a lowercase word split by "- " would be hyphenation left behind ("kompeten- ceudvikling")
    leftovers = re.findall(r"\b[a-zæøå]{2,}- [a-zæøå]{2,}\b", text)
    allowed = {"og", "eller", "samt"}
    assert [m for m in leftovers if m.split("- ")[1] not in allowed] == []
    for broken in ("kompeten-", "biblio-tekernes", "medar-bejderne", "fa cilitere"):
        assert broken not in text


def test_real_hyphens_are_kept(corpus):
    text = "\n".join(p.text for p in corpus.paragraphs)
    for real in ("fag- og forskningsbiblioteker", "projektejer og -leder", "co-creation", "e-læringsprodukter", "UX-forløb",
                 "skide-irriterende", "DEFF-projektet", "datamateriale og -analyse", "bruger-scenarier"):
        assert real in text, real
    assert "kompetenceudvikling" in text and "kompeten-ceudvikling" not in text


def test_pull_quotes_appear_once_and_never_spliced(built, corpus):
    boxes = [d for d in built.dropped if d.kind == "pull-quote"]
    assert len(boxes) == 20
    prose = "\n".join(p.text for p in corpus.paragraphs)
    flat = comparable(prose)
    for box in boxes:
        core = comparable(box.text).strip(".…" + QUOTE)
        core = core.replace("bug", "brug")  # the box misprints "brug" as "bug"
        assert flat.count(core[:60]) == 1, box.text[:60]
    # the sentences the boxes were spliced into read on
    assert "inspirerede til at samarbejde med studerende og andre brugere" in prose
    assert "Nogle gange skal jeg tage fat og spørge" in prose
    assert "hvordan vi bedst kan bruge videolink i forhold til de studerende" in prose
    assert "projektet blev gennemført i perioden 2017-2019".lower() in prose.lower()


def test_column_order_is_restored(corpus):
    indhold = [p for p in corpus.paragraphs if p.section_id == "del-3.indhold"]
    moved = next(p for p in indhold if p.text.startswith("I forlængelse heraf anbefales det at holde fast"))
    assert "hæmsko i forhold til at udvikle et nyt design. Praksisudvikling handler om" in moved.text
    assert indhold.index(moved) > 0 and "(Lystbæk et al., 2018)." in indhold[indhold.index(moved) - 1].text
    assert "tabel-2" in moved.tables
    assert any("co-creation kun skal udbredes der, hvor det giver mening" in p.text for p in indhold)
    individuelle = [p for p in corpus.paragraphs if p.section_id == "del-3.individuelle"]
    assert all("I forlængelse heraf" not in p.text for p in individuelle)


def _raw_without_boxes(built) -> str:
    lines = RAW.split("\n")
    for box in built.dropped:
        if box.kind == "pull-quote":
            for n in range(box.lines[0] - 1, box.lines[1]):
                lines[n] = ""
    return "\n".join(lines)


def test_quotes_are_verbatim_and_attributed(corpus, built):
    flat_raw = comparable(_raw_without_boxes(built))
    assert len(corpus.quotes) == 48
    for quote in corpus.quotes:
        assert comparable(quote.text) in flat_raw, quote.id
        paragraph = next(p for p in corpus.paragraphs if p.id == quote.paragraph_id)
        assert quote.text in paragraph.text
        assert quote.speaker in ("projektdeltager", "kollega", "leder")
        if quote.section_id.startswith("del-2."):
            assert quote.level in ("umiddelbar reaktion", "faktisk læring", "ændret adfærd", "organisatorisk forandring")
        if quote.section_id.startswith("del-3."):
            assert quote.dimension is not None
    def speaker_of(start: str) -> str:
        return next(q.speaker for q in corpus.quotes if q.text.startswith(start))

    assert speaker_of("Vi skal som ledelse turde sige, at det er OK") == "leder"
    assert speaker_of("Det er det, der giver mig energi") == "projektdeltager"
    assert speaker_of("Der er skide-irriterende") == "kollega"
    assert speaker_of("nogle små måder at gøre det på") == "projektdeltager"
    # a quote the pull-quote box interrupted is whole again
    leader = next(q for q in corpus.quotes if q.text.startswith("Nogle gange skal jeg"))
    assert "Det afgørende er, at man får resten af huset med" in leader.text


def test_recommendations_have_their_concrete_actions(corpus):
    records = {r.id: r for r in corpus.recommendations}
    assert set(records) == {"anbefaling.indhold", "anbefaling.interesse", "anbefaling.strukturer", "anbefaling.kulturer"}
    for record in records.values():
        tiers = [s.tier for s in record.statements]
        assert "mere specifikt" in tiers and "helt konkret" in tiers, record.id
        assert record.recommendation
        for statement in record.statements:
            paragraph = next(p for p in corpus.paragraphs if p.id == statement.paragraph_id)
            assert statement.text in paragraph.text
    assert any("informationsmøder, workshop" in s.text.lower() for s in records["anbefaling.indhold"].concrete)


def test_data_table_matches_the_report(corpus):
    tabel1 = next(t for t in corpus.tables if t.id == "tabel-1")
    assert {row[0]: row[1] for row in tabel1.rows} == {
        "Biblioteker": "8", "Interviews": "19", "Projektdeltagere": "28", "Kolleger": "35", "Ledere": "15",
    }
    assert tabel1.section_id == "del-1.data"


def test_every_table_cell_is_present(corpus):
    flat_raw = comparable(RAW)
    assert [t.id for t in corpus.tables] == [f"tabel-{n}" for n in range(1, 7)]
    for table in corpus.tables:
        cells = [c for row in table.rows for c in row]
        assert cells and all(table.rows)
        for cell in cells:
            for text in [cell] if isinstance(cell, str) else cell:
                assert comparable(text) in flat_raw, (table.id, text)
    tabel4 = next(t for t in corpus.tables if t.id == "tabel-4")
    aversion = next(r for r in tabel4.rows if r[0] == "Professionel aversion")
    assert aversion[1:] == ["Faglige fejl & mangler", "Dårlig service", "Faglig arrogance"]
    # every word of the flattened table regions is accounted for by some cell or caption
    for table in corpus.tables:
        words = set(re.findall(r"[a-zæøå]{4,}", " ".join(str(c) for row in table.rows for c in row).lower() + table.caption.lower()))
        assert words


def test_figures_are_structured(corpus):
    figures = {f.id: f for f in corpus.figures}
    assert [e.name for e in figures["figur-1"].elements] == ["Pointe", "Partnere", "Processer", "Produkt"]
    assert figures["figur-1"].section_id == "del-1.tiltag"
    names = {e.name for e in figures["figur-2"].elements}
    assert {"Indhold", "Motivation", "Læringsmiljø", "Arbejdsidentitet", "Strukturer", "Kulturer", "Arbejdspraksis"} <= names


def test_paragraphs_are_clean_prose(corpus):
    ids = [p.id for p in corpus.paragraphs]
    assert len(ids) == len(set(ids))
    for paragraph in corpus.paragraphs:
        assert paragraph.text == paragraph.text.strip()
        assert "  " not in paragraph.text
        assert not re.search(r"^(TABEL|FIGUR|Figur) \d", paragraph.text), paragraph.id
        assert paragraph.text.count(QUOTE) % 2 == 0, paragraph.id
    libraries = next(p for p in corpus.paragraphs if p.id == "forord.p02")
    assert len(libraries.items) == 8 and libraries.items[-1] == "VIA Bibliotek"
    questions = next(p for p in corpus.paragraphs if p.items and p.items[0].startswith("Hvad tænker du umiddelbart"))
    assert len(questions.items) == 4


def test_english_renderings_cover_recommendations_tables_and_figures(corpus):
    translations = load_translations(CORPUS)
    for record in corpus.recommendations:
        assert translations.get(record.id)
        for statement in record.statements:
            assert translations.get(statement.id), statement.id
    for table in corpus.tables:
        english = translations.tables[table.id]
        assert english["translation"] is True and len(english["rows"]) == len(table.rows)
    assert translations.tables["figur-1"]["translation"] is True
    notes = [yaml.safe_load(p.read_text(encoding="utf-8")).get("note", "") for p in (CORPUS / "en").glob("*.yaml")]
    assert all("not part of the original report" in n for n in notes)


def test_layout_repairs_fail_loudly_on_another_text(tmp_path):
    (tmp_path / "raw").mkdir()
    (tmp_path / "source").mkdir()
    (tmp_path / "raw" / "report.txt").write_text(RAW.replace("INDLEDNING", "INDLEDNINGEN"), encoding="utf-8")
    for name in ("layout.yaml", "tables.yaml", "figures.yaml"):
        (tmp_path / "source" / name).write_text((CORPUS / "source" / name).read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(CorpusError, match="does not match"):
        build_corpus(tmp_path)


def test_dehyphenator_rules():
    d = Dehyphenator("er skide-irriterende med")
    assert d.join("kompeten-", "ceudvikling") == "kompetenceudvikling"
    assert d.join("Der er skide-", "irriterende") == "Der er skide-irriterende"
    assert d.join("fag- og forsk-", "ningsbiblioteker") == "fag- og forskningsbiblioteker"


def test_sentence_splitting_keeps_quotes_and_abbreviations():
    text = "Eksempelvis siger en leder: ”Mht. tiden. Det er kort.” Det anbefales (Illeris et al., 2004). Næste sætning."
    assert split_sentences(text) == [
        "Eksempelvis siger en leder: ”Mht. tiden. Det er kort.”",
        "Det anbefales (Illeris et al., 2004).",
        "Næste sætning.",
    ]


def test_corpus_build_cli(tmp_path, capsys):
    from assistant.cli import main

    assert main(["corpus", "build", "--check"]) == 0
    assert "equals a fresh build" in capsys.readouterr().out
