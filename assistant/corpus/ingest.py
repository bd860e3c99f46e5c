"""Adds a library's own documents (txt, md, pdf) to the corpus as extra sections, without touching the report."""
from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import tempfile
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..errors import InputError
from .models import Corpus, Paragraph, Section
from .text import normalize_whitespace, slug, split_sentences

# A cheap guard before reading a file at all; the real limit is the index budget below.
MAX_BYTES = 20 * 1024 * 1024
SUFFIXES = {".txt", ".md", ".markdown", ".pdf"}
# A paragraph longer than this is split at sentences into several stored paragraphs (each a citable passage).
MAX_PARAGRAPH_CHARS = 1500
# Measured on the reference machine (2 CPU cores shared with other work, all-MiniLM-L6-v2): full 256-word-piece
# passages, the kind an ingested document becomes, embed at 6.0-6.3 per second at load 8 and 7.3-8.1 at load 6 on
# onnxruntime (6.1-7.4 on torch before it); the report's shorter passages at about 20 per second. The lowest figure
# makes the estimate honest rather than hopeful: 169 passages estimated at 28 s.
EMBED_RATE = 6.0
# How long indexing one ingested document may take at the measured rate (the first search after ingest waits for it).
INDEX_BUDGET_SECONDS = 300.0
# ... and all ingested documents together (a rebuild after a model change re-embeds them all).
TOTAL_BUDGET_SECONDS = 1800.0
# No passage of 256 word pieces holds more than this many characters of prose (measured: 490 for Danish, 810 for
# English); a document whose text divided by it already exceeds the budget is refused without counting exactly.
MAX_CHARS_PER_PASSAGE = 1200

ChunkCounter = Callable[[Corpus], int]


@dataclass(frozen=True)
class IngestResult:
    """What `ingest_file` did: the stored section and paragraphs, or the id of the identical document already there."""

    section: Section
    paragraphs: list[Paragraph]
    added: bool
    estimate_seconds: float = 0.0


@dataclass(frozen=True)
class StoredDocument:
    """One ingested document as `cocreate ingest --list` shows it."""

    id: str
    title: str
    source: str
    paragraphs: int
    characters: int
    passages: int = 0  # index passages, as counted when it was ingested (estimated from its length if not)


def ingest_file(
    path: Path,
    ingest_dir: Path,
    count_chunks: ChunkCounter | None = None,
    budget_seconds: float = INDEX_BUDGET_SECONDS,
    rate: float = EMBED_RATE,
    total_budget_seconds: float = TOTAL_BUDGET_SECONDS,
) -> IngestResult:
    """Read ``path`` and store it in ``ingest_dir``; raises InputError, writing nothing, when it can't be used.

    The document's id is a readable name plus a hash of its bytes, so two files named alike both stay and the same
    content ingested twice is stored once. ``count_chunks`` (the index's own chunking) sizes the document: when
    indexing it would take longer than ``budget_seconds`` at ``rate`` passages per second it is refused with the
    estimate.
    """
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
        raise InputError(f"{path.name} is {size / (1024 * 1024):.1f} MB; files over {MAX_BYTES // (1024 * 1024)} MB are not read.")
    try:
        data = path.read_bytes()
    except PermissionError as exc:
        raise InputError(f"{path.name} cannot be read: permission denied.") from exc
    text = _read_pdf(path) if suffix == ".pdf" else _read_text(path, data)
    blocks = _paragraphs(text)
    if not blocks:
        raise InputError(f"{path.name} holds no text to add.")
    digest = hashlib.sha256(data).hexdigest()
    same = _find_hash(ingest_dir, digest)
    if same is not None:
        return IngestResult(same[0], same[1], added=False)
    doc_id = f"doc-{slug(path.stem)[:48] or 'dokument'}-{digest[:8]}"
    title = path.stem
    source = f"ingest:{path.name}"
    section = Section(id=doc_id, title=title, level=1, path=[title], source=source)
    paragraphs: list[Paragraph] = []
    heading_path = [title]
    for heading, body in blocks:
        if heading:
            heading_path = [title, heading]
        for piece in split_long(body):
            n = len(paragraphs) + 1
            paragraphs.append(Paragraph(id=f"{doc_id}.p{n:03d}", section_id=doc_id, path=heading_path, text=piece, source=source))
    estimate = 0.0
    chunks = 0
    if count_chunks is not None:
        at_least = sum(len(p.text) for p in paragraphs) // MAX_CHARS_PER_PASSAGE
        if at_least / rate > budget_seconds:
            _refuse(path, at_least, rate, budget_seconds, "at least ")
        chunks = count_chunks(Corpus(sections=[section], paragraphs=paragraphs, quotes=[], recommendations=[], tables=[], figures=[]))
        estimate = chunks / rate
        if estimate > budget_seconds:
            _refuse(path, chunks, rate, budget_seconds, "")
        stored = sum(d.passages for d in list_documents(ingest_dir))
        if (stored + chunks) / rate > total_budget_seconds:
            raise InputError(
                f"{path.name} ({chunks:,} passages) would bring the ingested documents to {stored + chunks:,} passages, "
                f"about {format_duration((stored + chunks) / rate)} of indexing at the measured {rate:g} passages per second; "
                f"all of them together may take {format_duration(total_budget_seconds)}. Remove some first "
                "(`cocreate ingest --list`, `cocreate ingest --remove ID`)."
            )
    ingest_dir.mkdir(parents=True, exist_ok=True)
    payload = {"content_hash": digest, "passages": chunks if count_chunks is not None else None, "sections": [section.model_dump()], "paragraphs": [p.model_dump() for p in paragraphs]}
    fd, tmp = tempfile.mkstemp(dir=ingest_dir, suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(payload, handle, ensure_ascii=False, indent=1)
        os.replace(tmp, ingest_dir / f"{doc_id}.json")
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return IngestResult(section, paragraphs, added=True, estimate_seconds=estimate)


def _refuse(path: Path, chunks: int, rate: float, budget_seconds: float, qualifier: str) -> None:
    raise InputError(
        f"{path.name} would become {qualifier}{chunks:,} passages; indexing them takes {qualifier or 'about '}"
        f"{format_duration(chunks / rate)} at the measured {rate:g} passages per second, over the "
        f"{format_duration(budget_seconds)} one document may take (about {int(budget_seconds * rate):,} passages). "
        "Split it, or add only the parts you need."
    )


def list_documents(ingest_dir: Path) -> list[StoredDocument]:
    """The ingested documents, by id (files that cannot be read are left out; loading names them)."""
    out: list[StoredDocument] = []
    for path in sorted(ingest_dir.glob("*.json")) if ingest_dir.is_dir() else []:
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
            section = doc["sections"][0]
            paragraphs = doc["paragraphs"]
            out.append(
                StoredDocument(
                    id=path.stem,
                    title=str(section["title"]),
                    source=str(section.get("source", "")).removeprefix("ingest:"),
                    paragraphs=len(paragraphs),
                    characters=sum(len(p["text"]) for p in paragraphs),
                    passages=int(doc.get("passages") or max(len(paragraphs), sum(len(p["text"]) for p in paragraphs) // 490)),
                )
            )
        except (OSError, ValueError, KeyError, IndexError, TypeError):
            continue
    return out


def remove_document(ingest_dir: Path, doc_id: str) -> None:
    """Delete the ingested document ``doc_id``; InputError naming the ids there are when it is not found."""
    doc_id = doc_id.strip()
    path = ingest_dir / f"{doc_id}.json"
    if not re.fullmatch(r"[\w.-]+", doc_id) or not path.is_file():
        known = ", ".join(d.id for d in list_documents(ingest_dir)) or "none"
        raise InputError(f"No ingested document {doc_id!r}. Ingested: {known}.")
    path.unlink()


def split_long(text: str, limit: int = MAX_PARAGRAPH_CHARS) -> list[str]:
    """``text`` in pieces of at most ``limit`` characters, cut at sentences (else at words); nothing is dropped."""
    if len(text) <= limit:
        return [text]
    pieces: list[str] = []
    current = ""
    for sentence in _sentences(text, limit):
        if current and len(current) + 1 + len(sentence) > limit:
            pieces.append(current)
            current = sentence
        else:
            current = f"{current} {sentence}".strip()
    if current:
        pieces.append(current)
    return pieces


def format_duration(seconds: float) -> str:
    """'40 s', '7 min', '2 h 5 min'."""
    if seconds < 90:
        return f"{max(1, round(seconds))} s"
    minutes = round(seconds / 60)
    return f"{minutes} min" if minutes < 90 else f"{minutes // 60} h {minutes % 60} min"


def _sentences(text: str, limit: int) -> list[str]:
    """Sentences of ``text``; one longer than ``limit`` is cut at spaces (or, with none, every ``limit`` characters)."""
    out: list[str] = []
    for sentence in re.split(r"(?<=[.!?…])\s+", text) if len(split_sentences(text)) <= 1 else split_sentences(text):
        while len(sentence) > limit:
            cut = sentence.rfind(" ", 0, limit)
            cut = cut if cut > limit // 2 else limit
            out.append(sentence[:cut].strip())
            sentence = sentence[cut:].strip()
        if sentence:
            out.append(sentence)
    return out


def _find_hash(ingest_dir: Path, digest: str) -> tuple[Section, list[Paragraph]] | None:
    for path in sorted(ingest_dir.glob(f"*-{digest[:8]}.json")) if ingest_dir.is_dir() else []:
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
            if doc.get("content_hash") == digest:
                return Section(**doc["sections"][0]), [Paragraph(**p) for p in doc["paragraphs"]]
        except (OSError, ValueError, KeyError, IndexError, TypeError):
            continue
    return None


def _read_text(path: Path, data: bytes) -> str:
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

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # pypdf logs every odd object it repairs; users can't act on it
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(str(path))
            if reader.is_encrypted:
                raise InputError(f"{path.name} is an encrypted PDF.")
            text = "\n\n".join(page.extract_text() or "" for page in reader.pages)
    except InputError:
        raise
    except (PdfReadError, ValueError, KeyError, OSError, TypeError, AttributeError, RecursionError) as exc:
        raise InputError(f"{path.name} is not a readable PDF ({exc.__class__.__name__}).") from exc
    if not text.strip():
        raise InputError(f"{path.name} has no extractable text (a scanned PDF needs OCR first).")
    return text


def _paragraphs(text: str) -> list[tuple[str | None, str]]:
    """(heading or None, paragraph) blocks; Markdown headings start new sub-sections. Nothing is cut."""
    text = re.sub(r"(\w)-\n(\w)", r"\1\2", text.replace("\r\n", "\n"))
    blocks: list[tuple[str | None, str]] = []
    heading: str | None = None
    for block in re.split(r"\n\s*\n", text):
        lines = [line for line in block.splitlines() if line.strip()]
        while lines and lines[0].lstrip().startswith("#"):
            heading = normalize_whitespace(lines.pop(0).lstrip("# "))
        body = normalize_whitespace(" ".join(lines))
        if len(body) >= 2 and any(ch.isalpha() for ch in body):
            blocks.append((heading, body))
            heading = None
    return blocks
