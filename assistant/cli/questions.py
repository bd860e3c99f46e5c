"""The question commands: `search` and `ask` (one question, or JSON lines from stdin) and the interactive `chat`."""
from __future__ import annotations

import argparse
import sys
from typing import Any, Callable, Iterator

from ..errors import CocreateError, InputError
from .output import open_assistant, print_json, progress_bar, stderr

NOT_UTF8 = "The question is not valid UTF-8 text ({detail}); please send it as UTF-8."


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
    assistant = open_assistant(args)
    if not args.jsonl:
        from ..question import clean_question

        clean_question(_check_text(args.question), assistant.settings.max_question_chars)  # refuse bad input before any work
    if getattr(args, "mode", "hybrid") != "bm25":
        assistant.ensure_index(progress=progress_bar("Building the search index"))
    if not args.jsonl:
        result = answer(assistant, args.question)
        render(result) if not args.json else print_json(result.as_json())
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
        print_json(result)
    return 0


def _error_line(key: str, question: str, message: str) -> dict[str, Any]:
    """The JSON line that answers a failed input line."""
    return {key: question, "error": message, **({"hits": []} if key == "query" else {})}


def cmd_search(args: argparse.Namespace) -> int:
    """`cocreate search`: the passages that answer a question, as text or JSON."""
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
    """`cocreate ask`: a cited answer, as text or JSON."""
    return _each_question(
        args,
        lambda assistant, question: assistant.ask(question, kind=args.kind, speaker=args.speaker, part=args.part),
        lambda answer: print(answer.render_text()),
        "question",
    )


def cmd_chat(args: argparse.Namespace) -> int:
    """Each turn prints the final, checked answer: its markers and Sources agree (as in the app), and when the
    model fails mid-answer the fallback's own text is shown with its sources."""
    assistant = open_assistant(args)
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
            stderr(f"error: {exc}")
        except Exception as exc:  # noqa: BLE001 - one failed turn never ends the session
            stderr(f"error: unexpected {exc.__class__.__name__}: {exc} (set COCREATE_DEBUG=1 for the traceback)")
