"""The `cocreate` command line: corpus, ingest, index, search, ask, chat, eval, ui."""
from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence

from .config import Settings
from .errors import CocreateError, InputError

EXIT_USAGE = 2
NOT_UTF8 = "The question is not valid UTF-8 text ({detail}); please send it as UTF-8."


def _print_json(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def _stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _assistant(args: argparse.Namespace) -> Any:
    from .engine import Assistant

    overrides = {}
    if getattr(args, "backend", None):
        overrides["llm"] = args.backend
    settings = Settings(**overrides)
    return Assistant(settings, notify=_stderr)


def _progress_bar(label: str) -> Callable[[int, int], None]:
    """A bar on a terminal; plain lines (every 10 % or 15 s, with the time left) when stderr is a file or pipe."""
    started = time.monotonic()
    last = {"shown": -1.0, "at": started}

    def show(done: int, total: int) -> None:
        if total == 0:
            return
        if sys.stderr.isatty():
            width = 30
            filled = int(width * done / total) if total else width
            sys.stderr.write(f"\r{label} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
            if done >= total:
                sys.stderr.write("\n")
            sys.stderr.flush()
            return
        now = time.monotonic()
        share = done / total if total else 1.0
        if done not in (0, total) and share - last["shown"] < 0.1 and now - last["at"] < 15:
            return
        last["shown"], last["at"] = share, now
        left = ""
        if 0 < done < total:
            from .corpus.ingest import format_duration

            left = f", about {format_duration((now - started) / done * (total - done))} left"
        _stderr(f"{label}: {done:,}/{total:,} passages ({share:.0%}){left}")

    return show


def _setup_logging() -> None:
    """Warnings of the core (e.g. a skipped ingested file) reach stderr as one plain line; library chatter does not."""
    core = logging.getLogger("assistant")
    if not any(isinstance(h, _StderrHandler) for h in core.handlers):
        core.addHandler(_StderrHandler())
        core.setLevel(logging.WARNING)
        core.propagate = False
    logging.getLogger("pypdf").setLevel(logging.ERROR)


class _StderrHandler(logging.Handler):
    """Writes to whatever sys.stderr is at the time (it may be replaced after setup)."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            _stderr(f"warning: {record.getMessage()}")
        except Exception:  # noqa: BLE001 - logging never breaks a command
            self.handleError(record)


# -- commands ----------------------------------------------------------------------------------------------
def cmd_corpus_build(args: argparse.Namespace) -> int:
    from .corpus import stale_files, write_corpus

    corpus_dir = Path(args.corpus_dir) if args.corpus_dir else _source_corpus_dir()
    if args.check:
        stale = stale_files(corpus_dir)
        if stale:
            _stderr(f"Out of date with a fresh build: {', '.join(stale)}. Run: cocreate corpus build")
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
    from .corpus import packaged_corpus_dir

    return packaged_corpus_dir()


def cmd_ingest(args: argparse.Namespace) -> int:
    from .corpus.ingest import ingest_file, list_documents, remove_document

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
            _stderr(f"error: {exc}")
            failed += 1
            continue
        if not result.added:
            print(f"Already ingested: {path} has the same content as {result.section.id}; nothing changed.")
            continue
        from .corpus.ingest import format_duration

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
    from .chunking import make_chunks
    from .embeddings import get_embeddings

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
    assistant = _assistant(args)
    report = assistant.build_index(progress=_progress_bar("Embedding"))
    print(
        f"Index up to date ({assistant.embeddings.model_name}): {report.added} added, {report.updated} updated, "
        f"{report.removed} removed, {report.unchanged} unchanged in {report.seconds:.1f} s."
    )
    return 0


def _decode(raw: bytes) -> str:
    """One input line as text; InputError (the same kind as other bad questions) when it is not UTF-8."""
    try:
        return raw.decode("utf-8").rstrip("\r\n")
    except UnicodeDecodeError as exc:
        raise InputError(NOT_UTF8.format(detail=f"byte 0x{raw[exc.start]:02x} at position {exc.start + 1}")) from None


def _check_text(text: str) -> str:
    """An argument or terminal line that held bytes which are not UTF-8 (Python keeps them as surrogates)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InputError(NOT_UTF8.format(detail=f"at position {exc.start + 1}")) from None
    return text


def _stdin_lines() -> Iterator[tuple[str, InputError | None]]:
    """(line, error) as each line arrives on stdin: not read ahead, so a client can wait for each answer."""
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:  # a text stream (tests)
        for line in iter(sys.stdin.readline, ""):
            yield line.rstrip("\r\n"), None
        return
    for raw in iter(stream.readline, b""):
        try:
            yield _decode(raw), None
        except InputError as exc:
            yield raw.decode("utf-8", errors="replace").rstrip("\r\n"), exc


def _each_question(args: argparse.Namespace, answer: Callable[[Any, str], Any], render: Callable[[Any], None], key: str) -> int:
    """Answer the argument question, or each stdin line (--jsonl) with exactly one JSON line, in order.

    A batch exits non-zero only when it cannot run at all; a failing line gets ``{"error": ...}``.
    """
    if args.jsonl and args.question:
        raise InputError("--jsonl reads questions from standard input; don't also give one as an argument.")
    if not args.jsonl and args.question is None:
        raise InputError("Give a question, or use --jsonl to read one per line from standard input.")
    assistant = _assistant(args)
    if not args.jsonl:
        from .engine import clean_question

        clean_question(_check_text(args.question), assistant.settings.max_question_chars)  # refuse bad input before any work
    if getattr(args, "mode", "hybrid") != "bm25":
        assistant.ensure_index(progress=_progress_bar("Building the search index"))
    if not args.jsonl:
        result = answer(assistant, args.question)
        render(result) if not args.json else _print_json(result.as_json())
        return 0
    for question, problem in _stdin_lines():
        try:
            if problem is not None:
                raise problem
            result = answer(assistant, question).as_json()
        except CocreateError as exc:
            result = _error_line(key, question, str(exc))
        except Exception as exc:  # noqa: BLE001 - one line's failure never ends the batch
            result = _error_line(key, question, f"unexpected {exc.__class__.__name__}: {exc}")
        _print_json(result)
    return 0


def _error_line(key: str, question: str, message: str) -> dict[str, Any]:
    return {key: question, "error": message, **({"hits": []} if key == "query" else {})}


def cmd_search(args: argparse.Namespace) -> int:
    def answer(assistant: Any, question: str) -> dict[str, Any]:
        hits = assistant.search(question, args.k, kind=args.kind, speaker=args.speaker, part=args.part, mode=args.mode)
        return {"query": question, "hits": [h.as_json() for h in hits], "_hits": hits}

    def render(result: dict[str, Any]) -> None:
        for n, hit in enumerate(result["_hits"], start=1):
            who = f" — {hit.chunk.speaker}" if hit.chunk.speaker else ""
            print(f"[{n}] {hit.chunk.id} ({hit.chunk.kind}{who}) {hit.chunk.section}\n    {hit.chunk.text}\n")

    class _Result(dict):
        def as_json(self) -> dict[str, Any]:
            return {"query": self["query"], "hits": self["hits"]}

    return _each_question(args, lambda a, q: _Result(answer(a, q)), render, "query")


def cmd_ask(args: argparse.Namespace) -> int:
    return _each_question(
        args,
        lambda assistant, question: assistant.ask(question, kind=args.kind, speaker=args.speaker, part=args.part),
        lambda answer: print(answer.render_text()),
        "question",
    )


def cmd_chat(args: argparse.Namespace) -> int:
    """Each turn prints the final, checked answer: its markers and Sources agree (as in the app), and when the
    model fails mid-answer the fallback's own text is shown with its sources."""
    assistant = _assistant(args)
    history: list[dict[str, str]] = []
    if hasattr(sys.stdin, "reconfigure"):
        sys.stdin.reconfigure(errors="surrogateescape")  # a line that is not UTF-8 is refused, not fatal
    waiting = sys.stderr.isatty()
    print("cocreate chat — ask about planning co-creation with students. Empty line or Ctrl-D to quit.")
    while True:
        try:
            question = input("\n> ")
        except (EOFError, KeyboardInterrupt):
            print()
            return 0
        if not question.strip():
            return 0
        try:
            _check_text(question)
            answer = None
            for event in assistant.stream(question, history):
                if event.kind == "token" and waiting:
                    sys.stderr.write(".")
                    sys.stderr.flush()
                elif event.kind == "answer":
                    answer = event.answer
            if waiting:
                sys.stderr.write("\r\033[K")
            if answer is None:
                continue
            print(answer.render_text())
            history += [{"role": "user", "content": question}, {"role": "assistant", "content": answer.answer}]
        except CocreateError as exc:
            _stderr(f"error: {exc}")
        except Exception as exc:  # noqa: BLE001 - one failed turn never ends the session
            _stderr(f"error: unexpected {exc.__class__.__name__}: {exc} (set COCREATE_DEBUG=1 for the traceback)")


def cmd_eval(args: argparse.Namespace) -> int:
    try:
        from eval.run import main as eval_main
    except ImportError:
        sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
        try:
            from eval.run import main as eval_main
        except ImportError as exc:
            raise CocreateError("The eval suite (eval/) is not available in this installation; run it from a checkout.") from exc
    return int(eval_main(args.eval_args))


def cmd_ui(args: argparse.Namespace) -> int:
    import subprocess

    app = Path(__file__).resolve().parent.parent / "ui" / "app.py"
    if not app.exists():
        raise CocreateError(f"The app is not found at {app}; run from a checkout of the project.")
    command = [sys.executable, "-m", "streamlit", "run", str(app), "--server.headless", "true", "--browser.gatherUsageStats", "false"]
    if args.port:
        command += ["--server.port", str(args.port)]
    return subprocess.call(command)


# -- parser ------------------------------------------------------------------------------------------------
def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cocreate", description="Plan co-creation with students, grounded in the DEFF evaluation report.")
    sub = parser.add_subparsers(dest="command", required=True)

    corpus = sub.add_parser("corpus", help="build the structured corpus from the raw report text")
    corpus_sub = corpus.add_subparsers(dest="corpus_command", required=True)
    build = corpus_sub.add_parser("build", help="regenerate corpus/ deterministically from corpus/raw/report.txt")
    build.add_argument("--check", action="store_true", help="only check that the committed files equal a fresh build")
    build.add_argument("--corpus-dir", help="corpus directory (default: the project's corpus/)")
    build.set_defaults(func=cmd_corpus_build)

    ingest = sub.add_parser("ingest", help="add your own documents (txt, md, pdf) as extra sections; list or remove them")
    ingest.add_argument("paths", nargs="*")
    ingest.add_argument("--list", action="store_true", help="list the ingested documents with their ids")
    ingest.add_argument("--remove", action="append", metavar="ID", help="remove the ingested document ID (repeatable)")
    ingest.set_defaults(func=cmd_ingest)

    index = sub.add_parser("index", help="build or update the search index")
    index.set_defaults(func=cmd_index)

    def question_args(p: argparse.ArgumentParser) -> None:
        p.add_argument("question", nargs="?")
        p.add_argument("--json", action="store_true", help="print one JSON object")
        p.add_argument("--jsonl", action="store_true", help="read one question per line from stdin, print JSON lines")
        p.add_argument("--kind", action="append", help="paragraph, recommendation, quote, table or figure (repeatable)")
        p.add_argument("--speaker", action="append", help="projektdeltager, kollega or leder (repeatable)")
        p.add_argument("--part", action="append", help="forord, indledning, del-1, del-2, del-3 or ingest (repeatable)")

    search = sub.add_parser("search", help="find the passages that answer a question")
    question_args(search)
    search.add_argument("-k", type=int, default=None, help="number of passages (default 5)")
    search.add_argument("--mode", choices=["hybrid", "bm25", "dense"], default="hybrid")
    search.set_defaults(func=cmd_search)

    ask = sub.add_parser("ask", help="answer a planning question with citations")
    question_args(ask)
    ask.add_argument("--backend", choices=["extractive", "openai", "ollama"], help="answer backend (default: COCREATE_LLM or extractive)")
    ask.set_defaults(func=cmd_ask)

    chat = sub.add_parser("chat", help="an interactive session with follow-up questions")
    chat.add_argument("--backend", choices=["extractive", "openai", "ollama"])
    chat.set_defaults(func=cmd_chat)

    evaluate = sub.add_parser("eval", help="run the eval suite (see `cocreate eval --help`)", add_help=False)
    evaluate.add_argument("eval_args", nargs=argparse.REMAINDER)
    evaluate.set_defaults(func=cmd_eval)

    from .localmodel import MODELS, prepare_command  # light; transformers loads only when preparing

    model = sub.add_parser("model", help="prepare a local language model for a real server (transformers serve, vLLM)")
    model_sub = model.add_subparsers(dest="model_command", required=True)
    prepare = model_sub.add_parser("prepare", help="write a servable model folder into the data dir; print how to serve and use it")
    prepare.add_argument("name", choices=sorted(MODELS))
    prepare.add_argument("--force", action="store_true", help="prepare again even when a finished folder exists")
    prepare.add_argument("--port", type=int, default=8000, help="port for the printed server command (default 8000)")
    prepare.set_defaults(func=prepare_command)

    ui = sub.add_parser("ui", help="start the Streamlit app")
    ui.add_argument("--port", type=int)
    ui.set_defaults(func=cmd_ui)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["eval"]:  # the eval suite parses its own options (argparse.REMAINDER drops leading --flags)
        args = argparse.Namespace(func=cmd_eval, eval_args=argv[1:])
    else:
        args = parser.parse_args(argv)
    _setup_logging()
    try:
        return int(args.func(args) or 0)
    except CocreateError as exc:
        _stderr(f"error: {exc}")
        return 1
    except KeyboardInterrupt:
        _stderr("interrupted")
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # noqa: BLE001 - never a bare traceback for users
        import os

        if os.environ.get("COCREATE_DEBUG"):
            raise
        _stderr(f"error: unexpected {exc.__class__.__name__}: {exc} (set COCREATE_DEBUG=1 for the traceback)")
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
