"""Ingesting a library's own documents: clear errors for bad files, nothing changed when a file is refused."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from assistant.cli import main
from assistant.corpus import ingest_file, load_corpus, packaged_corpus_dir
from assistant.errors import InputError


def _pdf_bytes(text: str) -> bytes:
    """A minimal one-page PDF with ``text`` (built by hand so the test needs no PDF writer)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def test_markdown_becomes_sections_with_ids(tmp_path: Path):
    doc = tmp_path / "Vores case.md"
    doc.write_text("# Workshop med studerende\n\nVi holdt en workshop i oktober.\n\n## Erfaringer\n\nDe studerende kom med nye idéer.\n", encoding="utf-8")
    result = ingest_file(doc, tmp_path / "ingested")
    section, paragraphs = result.section, result.paragraphs
    digest = hashlib.sha256(doc.read_bytes()).hexdigest()[:8]
    assert section.id == f"doc-vores-case-{digest}" and section.source == "ingest:Vores case.md"
    assert [p.id for p in paragraphs] == [f"{section.id}.p001", f"{section.id}.p002"]
    assert paragraphs[1].path == ["Vores case", "Erfaringer"]
    corpus = load_corpus(packaged_corpus_dir(), tmp_path / "ingested")
    assert any(p.id == f"{section.id}.p002" and "nye idéer" in p.text for p in corpus.paragraphs)


def test_pdf_is_read(tmp_path: Path):
    doc = tmp_path / "rapport.pdf"
    doc.write_bytes(_pdf_bytes("Co-creation med studerende virkede godt"))
    paragraphs = ingest_file(doc, tmp_path / "ingested").paragraphs
    assert "Co-creation med studerende" in paragraphs[0].text


def test_pdf_warnings_stay_quiet(tmp_path: Path, capfd, monkeypatch):
    """A PDF pypdf has to repair (wrong startxref) is read without pypdf's warnings on stderr."""
    monkeypatch.setenv("COCREATE_EMBED_MODEL", "hash-256")
    data = _pdf_bytes("Studerende som medskabere").replace(b"startxref\n", b"startxref\n9")
    doc = tmp_path / "skaev.pdf"
    doc.write_bytes(data)
    assert main(["ingest", str(doc)]) == 0
    captured = capfd.readouterr()
    assert "Added" in captured.out and captured.err == ""


def _texts(result) -> str:
    return " ".join(p.text for p in result.paragraphs)


def test_same_name_in_two_folders_both_stay(tmp_path: Path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "notes.txt").write_text("Workshoppen om kildekritik gik godt.", encoding="utf-8")
    (tmp_path / "b" / "notes.txt").write_text("Skrivecaféen trak mange studerende.", encoding="utf-8")
    target = tmp_path / "ingested"
    first = ingest_file(tmp_path / "a" / "notes.txt", target)
    second = ingest_file(tmp_path / "b" / "notes.txt", target)
    assert first.section.id != second.section.id and first.added and second.added
    texts = " ".join(p.text for p in load_corpus(packaged_corpus_dir(), target).paragraphs)
    assert "kildekritik" in texts and "Skrivecaféen" in texts


def test_names_without_latin_letters_each_stay(tmp_path: Path):
    target = tmp_path / "ingested"
    ids = set()
    for n, name in enumerate(["日本語.txt", "Ωμέγα.md", "🙂.txt"]):
        doc = tmp_path / name
        doc.write_text(f"Dokument nummer {n} om co-creation.", encoding="utf-8")
        ids.add(ingest_file(doc, target).section.id)
    assert len(ids) == 3 and len(list(target.glob("*.json"))) == 3


def test_same_content_again_is_a_no_op_that_says_so(tmp_path: Path, capsys):
    doc = tmp_path / "notes.txt"
    doc.write_text("Vi vil prøve co-creation i undervisningen.", encoding="utf-8")
    assert main(["ingest", str(doc)]) == 0
    assert "Added" in capsys.readouterr().out
    assert main(["ingest", str(doc)]) == 0
    out = capsys.readouterr().out
    assert "Already ingested" in out and "Added" not in out


def test_long_paragraphs_are_split_at_sentences_not_cut(tmp_path: Path):
    sentences = [f"Sætning nummer {n} handler om studerende som medskabere i biblioteket." for n in range(160)]
    doc = tmp_path / "lang.txt"
    doc.write_text(" ".join(sentences), encoding="utf-8")  # about 11 kB, one paragraph
    result = ingest_file(doc, tmp_path / "ingested")
    assert len(result.paragraphs) > 1 and all(len(p.text) <= 1500 for p in result.paragraphs)
    assert _texts(result) == " ".join(sentences)  # every sentence kept, in order
    assert all(p.text.endswith(".") for p in result.paragraphs)


def test_pdf_page_without_blank_lines_is_kept_whole(tmp_path: Path):
    body = " ".join(f"Linje {n} om co-creation." for n in range(400))  # a page of text with no blank lines
    doc = tmp_path / "side.txt"
    doc.write_text(body.replace(". ", ".\n"), encoding="utf-8")
    result = ingest_file(doc, tmp_path / "ingested")
    assert _texts(result) == body and len(body) > 4000


def test_a_word_run_without_sentences_is_split_at_words(tmp_path: Path):
    body = " ".join(["ord"] * 3000)
    doc = tmp_path / "ord.txt"
    doc.write_text(body, encoding="utf-8")
    result = ingest_file(doc, tmp_path / "ingested")
    assert _texts(result) == body


def test_too_costly_a_document_is_refused_with_the_estimate(tmp_path: Path):
    doc = tmp_path / "stor.txt"
    doc.write_text("\n\n".join(f"Afsnit {n} om studerende og biblioteket." for n in range(50)), encoding="utf-8")
    with pytest.raises(InputError, match=r"would become 50 passages; indexing them takes about 50 s at the measured 1 passages per second"):
        ingest_file(doc, tmp_path / "ingested", count_chunks=lambda corpus: len(corpus.paragraphs), budget_seconds=10, rate=1.0)
    assert not (tmp_path / "ingested").exists()
    ok = ingest_file(doc, tmp_path / "ingested", count_chunks=lambda corpus: len(corpus.paragraphs), budget_seconds=60, rate=1.0)
    assert ok.estimate_seconds == 50


def test_all_ingested_documents_together_fit_a_budget(tmp_path: Path):
    target = tmp_path / "ingested"
    count = lambda corpus: len(corpus.paragraphs)  # noqa: E731
    for n in range(3):
        doc = tmp_path / f"del{n}.txt"
        doc.write_text("\n\n".join(f"Afsnit {n}.{i} om studerende." for i in range(20)), encoding="utf-8")
        if n < 2:
            ingest_file(doc, target, count_chunks=count, budget_seconds=30, rate=1.0, total_budget_seconds=45)
        else:
            with pytest.raises(InputError, match=r"to 60 passages.*may take 45 s.*--remove"):
                ingest_file(doc, target, count_chunks=count, budget_seconds=30, rate=1.0, total_budget_seconds=45)
    assert len(list(target.glob("*.json"))) == 2


def test_a_huge_file_is_refused_before_counting(tmp_path: Path):
    doc = tmp_path / "enorm.txt"
    doc.write_text(("Studerende og bibliotekarer arbejder sammen om nye tilbud. " * 20 + "\n\n") * 1500, encoding="utf-8")  # 1.8 MB

    def never(corpus):
        raise AssertionError("counted a file that was over budget at first sight")

    with pytest.raises(InputError, match=r"at least [\d,]+ passages"):
        ingest_file(doc, tmp_path / "ingested", count_chunks=never, budget_seconds=60, rate=6.0)


def test_cli_uses_the_index_chunking_for_the_estimate(tmp_path: Path, capsys, monkeypatch):
    monkeypatch.setenv("COCREATE_EMBED_MODEL", "hash-256")
    doc = tmp_path / "kort.txt"
    doc.write_text("Vi prøvede en skrivecafé med studerende. Den gik godt.", encoding="utf-8")
    assert main(["ingest", str(doc)]) == 0
    assert "indexing takes about 1 s" in capsys.readouterr().out


def test_cli_list_and_remove(tmp_path: Path, capsys, _isolated_env: Path):
    doc = tmp_path / "case.md"
    doc.write_text("Co-creation i praksis.", encoding="utf-8")
    assert main(["ingest", str(doc)]) == 0
    capsys.readouterr()
    assert main(["ingest", "--list"]) == 0
    listed = capsys.readouterr().out
    doc_id = listed.split("\t")[0]
    assert doc_id.startswith("doc-case-") and "case.md" in listed
    assert main(["ingest", "--remove", doc_id]) == 0
    assert "Removed" in capsys.readouterr().out
    assert main(["ingest", "--list"]) == 0 and "No documents" in capsys.readouterr().out
    assert main(["ingest", "--remove", doc_id]) == 1
    assert "No ingested document" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("name", "content"),
    [("doc-broken.json", "{not json"), ("doc-schema.json", '{"sections": 3}'), ("doc-dir.json", None), ("doc-latin1.json", b"\xff\xfe")],
)
def test_a_bad_ingested_file_is_skipped_and_named(tmp_path: Path, _isolated_env: Path, monkeypatch, capfd, name: str, content):
    monkeypatch.setenv("COCREATE_EMBED_MODEL", "hash-256")
    good = tmp_path / "god.txt"
    good.write_text("Skrivecaféen med studerende gav nye idéer til vejledning.", encoding="utf-8")
    assert main(["ingest", str(good)]) == 0
    bad = _isolated_env / "ingested" / name
    if content is None:
        bad.mkdir()
    elif isinstance(content, bytes):
        bad.write_bytes(content)
    else:
        bad.write_text(content, encoding="utf-8")
    capfd.readouterr()
    assert main(["search", "skrivecaféen vejledning", "--mode", "bm25", "-k", "3", "--json"]) == 0
    captured = capfd.readouterr()
    hits = json.loads(captured.out)["hits"]
    assert any(h["id"].startswith("doc-god-") for h in hits)
    assert name in captured.err and "Skipped" in captured.err and "Traceback" not in captured.err


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "is empty"),
        ("binary.txt", b"\x00\x01\x02binary", "not a text file"),
        ("image.png", b"\x89PNG", "unsupported type"),
        ("broken.pdf", b"%PDF-1.4 this is not really a pdf", "not a readable PDF"),
        ("blank.md", b"   \n\n  \n", "no text"),
    ],
)
def test_bad_files_are_refused_and_change_nothing(tmp_path: Path, name: str, content: bytes, message: str):
    doc = tmp_path / name
    doc.write_bytes(content)
    target = tmp_path / "ingested"
    with pytest.raises(InputError, match=message):
        ingest_file(doc, target)
    assert not target.exists() or not any(target.iterdir())


def test_missing_file(tmp_path: Path):
    with pytest.raises(InputError, match="No such file"):
        ingest_file(tmp_path / "nope.txt", tmp_path / "ingested")


def test_cli_ingest_reports_each_file(tmp_path: Path, capsys, _isolated_env: Path):
    good = tmp_path / "notes.txt"
    good.write_text("Vi vil prøve co-creation i undervisningen.", encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    assert main(["ingest", str(good), str(bad)]) == 1
    captured = capsys.readouterr()
    assert "Added" in captured.out and "bad.txt is empty" in captured.err
    [stored_file] = (_isolated_env / "ingested").glob("doc-notes-*.json")
    stored = json.loads(stored_file.read_text(encoding="utf-8"))
    assert stored["paragraphs"][0]["text"].startswith("Vi vil prøve")
