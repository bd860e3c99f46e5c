"""The commands about what is searched: `corpus build`, `ingest` and `index`."""
from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any, Callable

from ..config import Settings
from ..errors import CocreateError, InputError
from .output import open_assistant, progress_bar, stderr


def cmd_corpus_build(args: argparse.Namespace) -> int:
    """`cocreate corpus build [--check]`: regenerate the structured corpus, or check that it equals a fresh build."""
    from ..corpus import stale_files, write_corpus

    corpus_dir = Path(args.corpus_dir) if args.corpus_dir else _source_corpus_dir()
    if args.check:
        stale = stale_files(corpus_dir)
        if stale:
            stderr(f"Out of date with a fresh build: {', '.join(stale)}. Run: cocreate corpus build")
            return 1
        print("The committed corpus equals a fresh build.")
        return 0
    result = write_corpus(corpus_dir)
    c = result.corpus
    print(
        f"Built {corpus_dir}: {len(c.sections)} sections, {len(c.paragraphs)} paragraphs, {len(c.quotes)} quotes, "
        f"{sum(len(r.statements) for r in c.recommendations)} recommendation statements, {len(c.tables)} tables, "
        f"{len(c.figures)} figures; {len(result.dropped)} blocks set aside by layout repairs."
    )
    return 0


def _source_corpus_dir() -> Path:
    from ..corpus import packaged_corpus_dir

    return packaged_corpus_dir()


def cmd_ingest(args: argparse.Namespace) -> int:
    """`cocreate ingest`: add documents as extra sections, or list or remove them."""
    from ..corpus.ingest import ingest_file, list_documents, remove_document

    settings = Settings()
    target = settings.ingest_dir()
    if args.list:
        documents = list_documents(target)
        for doc in documents:
            print(f"{doc.id}\t{doc.source}\t{doc.paragraphs} paragraphs\t{doc.characters:,} characters")
        if not documents:
            print("No documents ingested.")
        return 0
    if args.remove:
        for doc_id in args.remove:
            remove_document(target, doc_id)
            print(f"Removed {doc_id}. Run `cocreate index` (or just search) to drop it from the index.")
        return 0
    if not args.paths:
        raise InputError("Give the files to ingest, or --list, or --remove ID.")
    count = _chunk_counter(settings)
    failed = added = 0
    for path in args.paths:
        try:
            result = ingest_file(Path(path), target, count_chunks=count)
        except CocreateError as exc:
            stderr(f"error: {exc}")
            failed += 1
            continue
        if not result.added:
            print(f"Already ingested: {path} has the same content as {result.section.id}; nothing changed.")
            continue
        from ..corpus.ingest import format_duration

        added += 1
        print(
            f"Added {path} as {result.section.id} with {len(result.paragraphs)} paragraphs "
            f"(indexing takes about {format_duration(result.estimate_seconds)})."
        )
    if added:
        print("Run `cocreate index` (or just search) to index the new text.")
    return 1 if failed else 0


def _chunk_counter(settings: Settings) -> Callable[[Any], int]:
    """How many passages the index will make of a corpus: the index's own chunking and token counter."""
    from ..chunking import make_chunks
    from ..embeddings import get_embeddings

    embeddings = get_embeddings(settings)
    count, limit = _tokenizer_only(embeddings)
    if count is None:  # no tokenizer file to read: the model itself counts
        count = getattr(embeddings, "count_tokens", None)
        limit = getattr(embeddings, "max_tokens", lambda: 256)()
    return lambda corpus: len(make_chunks(corpus, None, count, limit))


def _tokenizer_only(embeddings: Any) -> tuple[Callable[[str], int] | None, int]:
    """The model's own word-piece count from its tokenizer.json, without loading (or exporting) the model."""
    folder = Path(str(getattr(embeddings, "path", "")))
    if not (folder / "tokenizer.json").is_file() or not (folder / "sentence_bert_config.json").is_file():
        return None, 256
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
    tokenizer.no_truncation()
    tokenizer.no_padding()
    prefix = getattr(embeddings, "passage_prefix", "")
    limit = int(json.loads((folder / "sentence_bert_config.json").read_text(encoding="utf-8")).get("max_seq_length", 256))
    return (lambda text: len(tokenizer.encode(prefix + text).ids)), limit


def cmd_index(args: argparse.Namespace) -> int:
    """`cocreate index`: build or update the search index, with a progress bar."""
    assistant = open_assistant(args)
    report = assistant.build_index(progress=progress_bar("Embedding"))
    print(
        f"Index up to date ({assistant.embeddings.model_name}): {report.added} added, {report.updated} updated, "
        f"{report.removed} removed, {report.unchanged} unchanged in {report.seconds:.1f} s."
    )
    return 0
