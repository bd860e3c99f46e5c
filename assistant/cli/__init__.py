"""The `cocreate` command line: corpus, ingest, index, search, ask, chat, model, and the consumers' eval and ui."""
from __future__ import annotations

import argparse
import sys
from typing import Callable, Sequence

from ..errors import CocreateError
from .consumers import CONSUMERS, run_consumer
from .documents import cmd_corpus_build, cmd_index, cmd_ingest
from .output import setup_logging, stderr
from .questions import cmd_ask, cmd_chat, cmd_search

__all__ = ["build_parser", "main"]


def _consumer(name: str) -> Callable[[argparse.Namespace], int]:
    """The command function that hands ``cocreate NAME ...`` to the installed consumer."""
    return lambda args: run_consumer(name, args.consumer_args)


def build_parser() -> argparse.ArgumentParser:
    """The `cocreate` parser; `eval` and `ui` are listed here and parse their own options."""
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
    evaluate.add_argument("consumer_args", nargs=argparse.REMAINDER)
    evaluate.set_defaults(func=_consumer("eval"))

    from ..localmodel import MODELS, prepare_command  # light; transformers loads only when preparing

    model = sub.add_parser("model", help="prepare a local language model for a real server (transformers serve, vLLM)")
    model_sub = model.add_subparsers(dest="model_command", required=True)
    prepare = model_sub.add_parser("prepare", help="write a servable model folder into the data dir; print how to serve and use it")
    prepare.add_argument("name", choices=sorted(MODELS))
    prepare.add_argument("--force", action="store_true", help="prepare again even when a finished folder exists")
    prepare.add_argument("--port", type=int, default=8000, help="port for the printed server command (default 8000)")
    prepare.set_defaults(func=prepare_command)

    ui = sub.add_parser("ui", help="start the Streamlit app", add_help=False)
    ui.add_argument("consumer_args", nargs=argparse.REMAINDER)
    ui.set_defaults(func=_consumer("ui"))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; the exit code. Errors are one line on stderr, never a traceback (unless COCREATE_DEBUG)."""
    parser = build_parser()
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] and argv[0] in CONSUMERS:  # a consumer parses its own options (argparse.REMAINDER drops leading --flags)
        args = argparse.Namespace(func=_consumer(argv[0]), consumer_args=argv[1:])
    else:
        args = parser.parse_args(argv)
    setup_logging()
    try:
        return int(args.func(args) or 0)
    except CocreateError as exc:
        stderr(f"error: {exc}")
        return 1
    except KeyboardInterrupt:
        stderr("interrupted")
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # noqa: BLE001 - never a bare traceback for users
        import os

        if os.environ.get("COCREATE_DEBUG"):
            raise
        stderr(f"error: unexpected {exc.__class__.__name__}: {exc} (set COCREATE_DEBUG=1 for the traceback)")
        return 1
