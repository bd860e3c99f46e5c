"""A scripted fake LLM server on loopback, for testing the real HTTP wire format.

Standard library only. It speaks enough of two protocols for the product's
clients (``langchain_openai.ChatOpenAI`` / the ``openai`` SDK, and
``langchain_ollama.ChatOllama`` / the ``ollama`` client):

OpenAI-compatible (use ``server.base_url``, which ends in ``/v1``)
    ``POST /v1/chat/completions``  non-streaming and SSE streaming
    ``GET  /v1/models``             one model

Ollama (use ``server.root_url``)
    ``POST /api/chat``              NDJSON streaming (Ollama's default) or one object
    ``GET  /api/tags``, ``POST /api/show``, ``GET /api/version``, ``GET /``

Every chat request (on either protocol) consumes one scripted step::

    with FakeLLMServer() as server:
        server.script(Reply("Hello world"), Error(500), Delay(5, then=Reply("late")), Drop())
        ...
        server.requests[-1]["json"]["messages"]

When the script is empty the server answers with ``default_reply``.
"""

from __future__ import annotations

import itertools
import json
import re
import socket
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Union

__all__ = [
    "Delay",
    "Drop",
    "Error",
    "FakeLLMServer",
    "Reply",
    "Step",
    "free_refused_port",
    "prompt_text",
    "split_words",
]


# --------------------------------------------------------------------------- steps


@dataclass
class Reply:
    """Answer with ``text``, or with ``text(request_json)`` when it is callable.

    Streaming requests get the text split by words (see :func:`split_words`), or by
    ``split(text)`` when given (e.g. to split a ``[12]`` marker across pieces);
    ``chunk_delay`` seconds are slept between streamed chunks (to test read timeouts
    mid-stream, or a server trickling pieces).
    """

    text: Union[str, Callable[[dict], str]]
    finish_reason: str = "stop"
    chunk_delay: float = 0.0
    split: Callable[[str], list[str]] | None = None

    def pieces(self, text: str) -> list[str]:
        return [p for p in self.split(text) if p] if self.split else split_words(text)

    def render(self, request_json: dict) -> str:
        if callable(self.text):
            return str(self.text(request_json))
        return self.text


@dataclass
class Error:
    """Answer with an HTTP error status.

    ``body`` may be a dict/list (sent as JSON), a str (sent as text/plain) or None,
    in which case a protocol-appropriate JSON error is sent: OpenAI's
    ``{"error": {"message", "type", "param", "code"}}`` or Ollama's ``{"error": "..."}``.
    """

    status: int = 500
    body: Any = None
    headers: dict = field(default_factory=dict)


@dataclass
class Delay:
    """Sleep ``seconds`` (interruptible by ``close()``), then perform ``then``
    (a Reply, Error or Drop; the server's default reply when None)."""

    seconds: float
    then: "Step | None" = None


@dataclass
class Drop:
    """Close the connection without sending any response."""


Step = Union[Reply, Error, Delay, Drop]


# --------------------------------------------------------------------------- helpers


def use_as_backend(monkeypatch: Any, server: "FakeLLMServer") -> None:
    """Point cocreate's settings at ``server`` as its OpenAI-compatible language model (for this test only)."""
    monkeypatch.setenv("COCREATE_LLM", "openai")
    monkeypatch.setenv("COCREATE_LLM_BASE_URL", server.base_url)
    monkeypatch.setenv("COCREATE_LLM_MODEL", "fake-model")
    monkeypatch.setenv("COCREATE_LLM_API_KEY", "test-key")


def free_refused_port() -> int:
    """A loopback port where nothing listens (bound then closed), for 'connection refused' tests."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


_WORD_BOUNDARY = re.compile(r"(?<=\s)(?=\S)")


def split_words(text: str) -> list[str]:
    """Split into word chunks that keep their trailing whitespace: ``"a b  c"`` ->
    ``["a ", "b  ", "c"]``. ``"".join(split_words(t)) == t`` always; ``""`` -> ``[]``."""
    if not text:
        return []
    return [p for p in _WORD_BOUNDARY.split(text) if p]


def prompt_text(request_json: dict) -> str:
    """All message contents of a chat request joined by newlines (handles OpenAI's
    content-part lists as well as plain strings). Handy inside ``Reply(fn)``."""
    out: list[str] = []
    for msg in (request_json or {}).get("messages") or []:
        content = msg.get("content")
        if isinstance(content, str):
            out.append(content)
        elif isinstance(content, list):
            for part in content:
                if isinstance(part, dict) and isinstance(part.get("text"), str):
                    out.append(part["text"])
                elif isinstance(part, str):
                    out.append(part)
    return "\n".join(out)


def _count_tokens(text: str) -> int:
    return len(text.split())


def _now_iso() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


class _Dropped(Exception):
    """Internal: the step said to drop the connection, or the server is closing."""


# --------------------------------------------------------------------------- HTTP


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    owner: "FakeLLMServer"

    def handle_error(self, request, client_address):  # quiet: clients hang up on us on purpose
        pass


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive like real servers; streams use chunked encoding
    server_version = "FakeLLM/1.0"
    sys_version = ""
    timeout = 30  # idle keep-alive connections do not pin a thread forever
    server: _HTTPServer

    # quiet logging
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass

    def setup(self) -> None:
        super().setup()
        self.server.owner._track(self.connection, add=True)

    def finish(self) -> None:
        try:
            super().finish()
        finally:
            self.server.owner._track(self.connection, add=False)

    # ---------------------------------------------------------------- plumbing

    @property
    def owner(self) -> "FakeLLMServer":
        return self.server.owner

    def _read_body(self) -> bytes:
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            data = bytearray()
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return bytes(data)
                data += self.rfile.read(size)
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _record(self) -> dict | None:
        raw = self._read_body()
        body: Any = None
        if raw:
            try:
                body = json.loads(raw)
            except ValueError:
                body = None
        self.owner._record(
            {
                "method": self.command,
                "path": self.path,
                "headers": {k.lower(): v for k, v in self.headers.items()},
                "json": body,
                "raw": raw,
            }
        )
        return body

    def _send_json(self, obj: Any, status: int = 200, headers: dict | None = None) -> None:
        data = json.dumps(obj).encode()
        self._send_bytes(data, "application/json", status, headers)

    def _send_bytes(self, data: bytes, ctype: str, status: int = 200, headers: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)
        self.wfile.flush()

    def _start_chunked(self, ctype: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        self.wfile.flush()

    def _chunk(self, data: bytes) -> None:
        if data:
            self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
            self.wfile.flush()

    def _end_chunked(self) -> None:
        self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()

    def _pause(self, seconds: float) -> None:
        if seconds > 0 and self.owner._stopping.wait(seconds):
            raise _Dropped()

    def _drop(self) -> None:
        self.close_connection = True
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def _resolve_step(self) -> Reply | Error | Drop:
        """Take the next step, run any Delay, and return a terminal step."""
        step: Any = self.owner._next_step()
        if isinstance(step, type) and step in (Drop, Error):
            step = step()  # tolerate `Drop` / `Error` written without parentheses
        while isinstance(step, Delay):
            self._pause(step.seconds)
            step = step.then if step.then is not None else self.owner._default_step()
        if isinstance(step, str) or callable(step):
            step = Reply(step)
        if not isinstance(step, (Reply, Error, Drop)):
            raise TypeError(f"fakellm: unsupported step {step!r}")
        return step

    def _guard(self, fn: Callable[[], None]) -> None:
        try:
            fn()
        except _Dropped:
            self._drop()
        except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError):
            # the client gave up (timeout) while we slept or streamed
            self.close_connection = True
        except Exception as e:  # e.g. a Reply(fn) whose fn raised: answer 500, keep it for the test
            self.owner._record_error(e)
            self.close_connection = True
            try:
                self._send_json({"error": {"message": f"fakellm handler error: {e!r}", "type": "server_error", "param": None, "code": None}}, status=500)
            except OSError:
                pass

    # ---------------------------------------------------------------- routing

    def do_GET(self) -> None:  # noqa: N802
        self._record()
        path = self.path.split("?", 1)[0].rstrip("/") or "/"
        o = self.owner
        if path == "/":
            self._send_bytes(b"Ollama is running", "text/plain; charset=utf-8")
        elif path == "/v1/models":
            self._send_json({"object": "list", "data": [o._openai_model_entry(m) for m in o.models]})
        elif path.startswith("/v1/models/"):
            self._send_json(o._openai_model_entry(path.split("/v1/models/", 1)[1]))
        elif path == "/api/tags":
            self._send_json({"models": [o._ollama_model_entry(m) for m in o.models]})
        elif path == "/api/version":
            self._send_json({"version": "0.6.0"})
        else:
            self._not_found(path)

    def do_HEAD(self) -> None:  # noqa: N802
        self._record()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_POST(self) -> None:  # noqa: N802
        body = self._record()
        path = self.path.split("?", 1)[0].rstrip("/")
        if path in ("/v1/chat/completions", "/chat/completions"):
            self._guard(lambda: self._openai_chat(body))
        elif path == "/api/chat":
            self._guard(lambda: self._ollama_chat(body))
        elif path == "/api/show":
            self._send_json(self.owner._ollama_show())
        else:
            self._not_found(path)

    def _not_found(self, path: str) -> None:
        if path.startswith("/v1"):
            self._send_json(
                {"error": {"message": f"Unknown path {path}", "type": "invalid_request_error", "param": None, "code": None}},
                status=404,
            )
        else:
            self._send_json({"error": f"unknown path {path}"}, status=404)

    # ---------------------------------------------------------------- OpenAI

    def _openai_chat(self, body: Any) -> None:
        if not isinstance(body, dict):
            self._send_json(
                {"error": {"message": "request body is not JSON", "type": "invalid_request_error", "param": None, "code": None}},
                status=400,
            )
            return
        step = self._resolve_step()
        if isinstance(step, Drop):
            raise _Dropped()
        if isinstance(step, Error):
            default = {"error": {"message": f"fakellm scripted error {step.status}", "type": "server_error", "param": None, "code": None}}
            self._send_error_step(step, default)
            return

        text = step.render(body)
        model = body.get("model") or self.owner.model
        cid = "chatcmpl-fake%06d" % next(self.owner._ids)
        created = int(time.time())
        prompt_tokens = _count_tokens(prompt_text(body))
        completion_tokens = _count_tokens(text)
        usage = {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
        }

        if not body.get("stream"):
            self._send_json(
                {
                    "id": cid,
                    "object": "chat.completion",
                    "created": created,
                    "model": model,
                    "choices": [
                        {
                            "index": 0,
                            "message": {"role": "assistant", "content": text},
                            "logprobs": None,
                            "finish_reason": step.finish_reason,
                        }
                    ],
                    "usage": usage,
                    "system_fingerprint": None,
                }
            )
            return

        include_usage = bool((body.get("stream_options") or {}).get("include_usage"))

        def event(delta: dict, finish: str | None) -> bytes:
            chunk: dict[str, Any] = {
                "id": cid,
                "object": "chat.completion.chunk",
                "created": created,
                "model": model,
                "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
            }
            if include_usage:
                chunk["usage"] = None
            return b"data: " + json.dumps(chunk).encode() + b"\n\n"

        self._start_chunked("text/event-stream; charset=utf-8")
        self._chunk(event({"role": "assistant"}, None))
        for i, piece in enumerate(step.pieces(text)):
            if i:
                self._pause(step.chunk_delay)
            self._chunk(event({"content": piece}, None))
        self._chunk(event({}, step.finish_reason))
        if include_usage:
            final = {
                "id": cid,
                "object": "chat.completion.chunk",
                "created": created,
                "model": model,
                "choices": [],
                "usage": usage,
            }
            self._chunk(b"data: " + json.dumps(final).encode() + b"\n\n")
        self._chunk(b"data: [DONE]\n\n")
        self._end_chunked()

    def _send_error_step(self, step: Error, default_body: Any) -> None:
        body = default_body if step.body is None else step.body
        if isinstance(body, (bytes, str)):
            data = body.encode() if isinstance(body, str) else body
            self._send_bytes(data, "text/plain; charset=utf-8", step.status, step.headers)
        else:
            self._send_json(body, step.status, step.headers)

    # ---------------------------------------------------------------- Ollama

    def _ollama_chat(self, body: Any) -> None:
        if not isinstance(body, dict):
            self._send_json({"error": "request body is not JSON"}, status=400)
            return
        step = self._resolve_step()
        if isinstance(step, Drop):
            raise _Dropped()
        if isinstance(step, Error):
            self._send_error_step(step, {"error": f"fakellm scripted error {step.status}"})
            return

        text = step.render(body)
        model = body.get("model") or self.owner.model
        prompt_tokens = _count_tokens(prompt_text(body))
        pieces = step.pieces(text)
        final_stats = {
            "done_reason": step.finish_reason,
            "done": True,
            "total_duration": 1_000_000,
            "load_duration": 100_000,
            "prompt_eval_count": prompt_tokens,
            "prompt_eval_duration": 200_000,
            "eval_count": len(pieces),
            "eval_duration": 700_000,
        }

        if body.get("stream", True) is False:
            self._send_json(
                {
                    "model": model,
                    "created_at": _now_iso(),
                    "message": {"role": "assistant", "content": text},
                    **final_stats,
                }
            )
            return

        self._start_chunked("application/x-ndjson")
        for i, piece in enumerate(pieces):
            if i:
                self._pause(step.chunk_delay)
            line = {
                "model": model,
                "created_at": _now_iso(),
                "message": {"role": "assistant", "content": piece},
                "done": False,
            }
            self._chunk(json.dumps(line).encode() + b"\n")
        last = {"model": model, "created_at": _now_iso(), "message": {"role": "assistant", "content": ""}, **final_stats}
        self._chunk(json.dumps(last).encode() + b"\n")
        self._end_chunked()


# --------------------------------------------------------------------------- public server


class FakeLLMServer:
    """Scripted OpenAI-compatible + Ollama server on ``127.0.0.1:<free port>``.

    ``default_reply`` (used when the script is empty) may be a str, a callable
    ``fn(request_json) -> str``, or any step (e.g. ``Error(503)``).
    ``model`` is the model named in responses when a request names none, and
    ``models`` (default ``[model]``) what ``/v1/models`` and ``/api/tags`` list
    (``ChatOllama(validate_model_on_init=True)`` checks the name against ``/api/tags``).
    """

    def __init__(self, default_reply: Any = "OK [1]", model: str = "fake-model", models: list[str] | None = None) -> None:
        self.model = model
        self.models = list(models) if models else [model]
        self.default_reply = default_reply
        self._lock = threading.Lock()
        self._steps: deque = deque()
        self._requests: list[dict] = []
        self.errors: list[BaseException] = []  # exceptions raised while answering (e.g. by Reply(fn))
        self._conns: set = set()
        self._stopping = threading.Event()
        self._ids = itertools.count(1)
        self._httpd = _HTTPServer(("127.0.0.1", 0), _Handler)
        self._httpd.owner = self
        self.port: int = self._httpd.server_address[1]
        self.root_url = f"http://127.0.0.1:{self.port}"
        self.base_url = self.root_url + "/v1"
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, name=f"fakellm:{self.port}", daemon=True
        )
        self._thread.start()
        self._closed = False

    # ---------------------------------------------------------------- scripting

    def script(self, *steps: Any) -> "FakeLLMServer":
        """Queue steps, consumed one per chat request. A bare str/callable means Reply(it)."""
        with self._lock:
            self._steps.extend(steps)
        return self

    def clear(self) -> None:
        """Forget queued steps and recorded requests."""
        with self._lock:
            self._steps.clear()
            self._requests.clear()

    @property
    def pending(self) -> int:
        """Number of scripted steps not consumed yet."""
        with self._lock:
            return len(self._steps)

    @property
    def requests(self) -> list[dict]:
        """Snapshot of all received requests, oldest first: dicts with ``method``,
        ``path``, ``headers`` (lower-cased names), ``json`` (parsed body or None), ``raw``."""
        with self._lock:
            return list(self._requests)

    @property
    def chat_requests(self) -> list[dict]:
        """JSON bodies of the chat requests only (OpenAI and Ollama)."""
        return [
            r["json"]
            for r in self.requests
            if r["method"] == "POST" and r["path"].split("?", 1)[0].rstrip("/") in ("/v1/chat/completions", "/chat/completions", "/api/chat")
        ]

    def wait_for_requests(self, n: int, timeout: float = 5.0) -> list[dict]:
        """Block until at least ``n`` requests were received (or raise TimeoutError)."""
        deadline = time.monotonic() + timeout
        while True:
            reqs = self.requests
            if len(reqs) >= n:
                return reqs
            if time.monotonic() > deadline:
                raise TimeoutError(f"fakellm: got {len(reqs)} requests, wanted {n}")
            time.sleep(0.01)

    # ---------------------------------------------------------------- lifecycle

    def close(self) -> None:
        """Stop promptly: interrupts Delay sleeps, closes open connections."""
        if self._closed:
            return
        self._closed = True
        self._stopping.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        with self._lock:
            conns = list(self._conns)
        for c in conns:
            try:
                c.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        self._thread.join(timeout=2)

    def __enter__(self) -> "FakeLLMServer":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"FakeLLMServer({self.root_url}, pending={self.pending})"

    # ---------------------------------------------------------------- internals

    def _next_step(self) -> Any:
        with self._lock:
            if self._steps:
                return self._steps.popleft()
        return self._default_step()

    def _default_step(self) -> Any:
        d = self.default_reply
        return Reply(d) if isinstance(d, str) or callable(d) else d

    def _record(self, entry: dict) -> None:
        with self._lock:
            self._requests.append(entry)

    def _record_error(self, e: BaseException) -> None:
        with self._lock:
            self.errors.append(e)

    def _track(self, conn: socket.socket, add: bool) -> None:
        with self._lock:
            (self._conns.add if add else self._conns.discard)(conn)

    def _openai_model_entry(self, name: str) -> dict:
        return {"id": name, "object": "model", "created": 1700000000, "owned_by": "fakellm"}

    def _ollama_model_entry(self, name: str) -> dict:
        name = name if ":" in name else name + ":latest"
        return {
            "name": name,
            "model": name,
            "modified_at": "2024-01-01T00:00:00Z",
            "size": 1,
            "digest": "0" * 64,
            "details": {
                "parent_model": "",
                "format": "gguf",
                "family": "fake",
                "families": ["fake"],
                "parameter_size": "1B",
                "quantization_level": "Q4_0",
            },
        }

    def _ollama_show(self) -> dict:
        return {
            "modelfile": "FROM fake\n",
            "parameters": "",
            "template": "{{ .Prompt }}",
            "details": self._ollama_model_entry(self.model)["details"],
            "model_info": {"general.architecture": "fake"},
            "capabilities": ["completion"],
            "modified_at": "2024-01-01T00:00:00Z",
        }
