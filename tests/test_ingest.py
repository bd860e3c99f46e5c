"""Ingesting a library's own documents: clear errors for bad files, nothing changed when a file is refused."""
from __future__ import annotations

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
    section, paragraphs = ingest_file(doc, tmp_path / "ingested")
    assert section.id == "doc-vores-case" and section.source == "ingest:Vores case.md"
    assert [p.id for p in paragraphs] == ["doc-vores-case.p001", "doc-vores-case.p002"]
    assert paragraphs[1].path == ["Vores case", "Erfaringer"]
    corpus = load_corpus(packaged_corpus_dir(), tmp_path / "ingested")
    assert any(p.id == "doc-vores-case.p002" and "nye idéer" in p.text for p in corpus.paragraphs)


def test_pdf_is_read(tmp_path: Path):
    doc = tmp_path / "rapport.pdf"
    doc.write_bytes(_pdf_bytes("Co-creation med studerende virkede godt"))
    _, paragraphs = ingest_file(doc, tmp_path / "ingested")
    assert "Co-creation med studerende" in paragraphs[0].text


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
    stored = json.loads((_isolated_env / "ingested" / "doc-notes.json").read_text(encoding="utf-8"))
    assert stored["paragraphs"][0]["text"].startswith("Vi vil prøve")
