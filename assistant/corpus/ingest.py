"""Adds a library's own documents (txt, md, pdf) to the corpus as extra sections, without touching the report."""
from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path

from ..errors import InputError
from .models import Paragraph, Section
from .text import normalize_whitespace, slug

MAX_BYTES = 20 * 1024 * 1024
SUFFIXES = {".txt", ".md", ".markdown", ".pdf"}


def ingest_file(path: Path, ingest_dir: Path) -> tuple[Section, list[Paragraph]]:
    """Read ``path`` and store it in ``ingest_dir``; raises InputError, writing nothing, when it can't be used."""
    path = Path(path)
    if not path.exists():
        raise InputError(f"No such file: {path}")
    if not path.is_file():
        raise InputError(f"Not a file: {path}")
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise InputError(f"{path.name}: unsupported type {suffix or '(none)'}; use .txt, .md or .pdf.")
    size = path.stat().st_size
    if size == 0:
        raise InputError(f"{path.name} is empty.")
    if size > MAX_BYTES:
        raise InputError(f"{path.name} is {size // (1024 * 1024)} MB; the limit is {MAX_BYTES // (1024 * 1024)} MB.")
    try:
        text = _read_pdf(path) if suffix == ".pdf" else _read_text(path)
    except PermissionError as exc:
        raise InputError(f"{path.name} cannot be read: permission denied.") from exc
    blocks = _paragraphs(text)
    if not blocks:
        raise InputError(f"{path.name} holds no text to add.")
    doc_id = f"doc-{slug(path.stem)[:60] or 'dokument'}"
    title = path.stem
    section = Section(id=doc_id, title=title, level=1, path=[title], source=f"ingest:{path.name}")
    paragraphs: list[Paragraph] = []
    heading_path = [title]
    for n, (heading, body) in enumerate(blocks, start=1):
        if heading:
            heading_path = [title, heading]
        paragraphs.append(
            Paragraph(id=f"{doc_id}.p{n:03d}", section_id=doc_id, path=heading_path, text=body, source=f"ingest:{path.name}")
        )
    ingest_dir.mkdir(parents=True, exist_ok=True)
    payload = {"sections": [section.model_dump()], "paragraphs": [p.model_dump() for p in paragraphs]}
    fd, tmp = tempfile.mkstemp(dir=ingest_dir, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(payload, handle, ensure_ascii=False, indent=1)
    os.replace(tmp, ingest_dir / f"{doc_id}.json")
    return section, paragraphs


def _read_text(path: Path) -> str:
    data = path.read_bytes()
    if b"\x00" in data[:8192]:
        raise InputError(f"{path.name} is not a text file (it contains binary data).")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError(f"{path.name} is not readable text (unknown encoding).")


def _read_pdf(path: Path) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            raise InputError(f"{path.name} is an encrypted PDF.")
        text = "\n\n".join(page.extract_text() or "" for page in reader.pages)
    except (PdfReadError, ValueError, KeyError, OSError) as exc:
        raise InputError(f"{path.name} is not a readable PDF ({exc.__class__.__name__}).") from exc
    if not text.strip():
        raise InputError(f"{path.name} has no extractable text (a scanned PDF needs OCR first).")
    return text


def _paragraphs(text: str) -> list[tuple[str | None, str]]:
    """(heading or None, paragraph) blocks; Markdown headings start new sub-sections."""
    text = re.sub(r"(\w)-\n(\w)", r"\1\2", text.replace("\r\n", "\n"))
    blocks: list[tuple[str | None, str]] = []
    heading: str | None = None
    for block in re.split(r"\n\s*\n", text):
        lines = [line for line in block.splitlines() if line.strip()]
        while lines and lines[0].lstrip().startswith("#"):
            heading = normalize_whitespace(lines.pop(0).lstrip("# "))
        body = normalize_whitespace(" ".join(lines))
        if len(body) >= 2 and any(ch.isalpha() for ch in body):
            blocks.append((heading, body[:4000]))
            heading = None
    return blocks
