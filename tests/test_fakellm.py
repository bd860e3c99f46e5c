"""Tests for tests/fakellm.py: the wire format with plain urllib, then the real clients
(openai, langchain_openai, langchain_ollama) when they are installed."""

from __future__ import annotations

import http.client
import json
import socket
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

# tests/ is not a package (no __init__.py): make fakellm importable from here.
sys.path.insert(0, str(Path(__file__).resolve().parent))

from fakellm import (  # noqa: E402
    Delay,
    Drop,
    Error,
    FakeLLMServer,
    Reply,
    free_refused_port,
    prompt_text,
    split_words,
)


@pytest.fixture
def server():
    with FakeLLMServer() as s:
        yield s


# --------------------------------------------------------------------------- urllib helpers


def _post(url: str, body: dict, timeout: float = 5.0):
    req = urllib.request.Request(
        url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}, method="POST"
    )
    return urllib.request.urlopen(req, timeout=timeout)


def _post_json(url: str, body: dict, timeout: float = 5.0) -> dict:
    with _post(url, body, timeout) as resp:
        assert resp.status == 200
        assert resp.headers["Content-Type"].startswith("application/json")
        return json.loads(resp.read())


def _get(url: str, timeout: float = 5.0):
    return urllib.request.urlopen(url, timeout=timeout)


def _chat(server: FakeLLMServer, content: str = "hi", **extra) -> dict:
    return _post_json(
        server.base_url + "/chat/completions",
        {"model": "m", "messages": [{"role": "user", "content": content}], **extra},
    )


def _sse_events(raw: bytes) -> list[str]:
    """Split an SSE body into `data:` payloads, checking each event ends with a blank line."""
    text = raw.decode()
    assert text.endswith("\n\n")
    events = text.split("\n\n")[:-1]
    out = []
    for ev in events:
        assert ev.startswith("data: "), ev
        assert "\n" not in ev, ev
        out.append(ev[len("data: "):])
    return out


# --------------------------------------------------------------------------- basics


def test_urls_and_refused_port():
    with FakeLLMServer() as s:
        assert s.root_url == f"http://127.0.0.1:{s.port}"
        assert s.base_url == s.root_url + "/v1"
    port = free_refused_port()
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", port), timeout=2).close()


def test_split_words_roundtrip():
    for text in ["", "one", "a b  c", "  lead and trail  ", "line\nbreak [1] [2]."]:
        assert "".join(split_words(text)) == text
    assert split_words("a b  c") == ["a ", "b  ", "c"]
    assert split_words("") == []


def test_prompt_text_handles_strings_and_parts():
    body = {
        "messages": [
            {"role": "system", "content": "sys"},
            {"role": "user", "content": [{"type": "text", "text": "part"}]},
        ]
    }
    assert prompt_text(body) == "sys\npart"


# --------------------------------------------------------------------------- OpenAI wire format


def test_models_list(server):
    with _get(server.base_url + "/models") as resp:
        data = json.loads(resp.read())
    assert data["object"] == "list"
    assert [m["id"] for m in data["data"]] == ["fake-model"]
    assert data["data"][0]["object"] == "model"


def test_openai_non_streaming_shape(server):
    server.script(Reply("Hello there [1]"))
    data = _chat(server)
    assert set(data) >= {"id", "object", "created", "model", "choices", "usage"}
    assert data["object"] == "chat.completion"
    assert data["id"].startswith("chatcmpl-")
    assert isinstance(data["created"], int)
    assert data["model"] == "m"
    (choice,) = data["choices"]
    assert choice["index"] == 0
    assert choice["message"] == {"role": "assistant", "content": "Hello there [1]"}
    assert choice["finish_reason"] == "stop"
    usage = data["usage"]
    assert usage["total_tokens"] == usage["prompt_tokens"] + usage["completion_tokens"]


def test_openai_streaming_sse(server):
    server.script(Reply("Alpha beta  gamma."))
    with _post(
        server.base_url + "/chat/completions",
        {"model": "m", "stream": True, "messages": [{"role": "user", "content": "hi"}]},
    ) as resp:
        assert resp.headers["Content-Type"].startswith("text/event-stream")
        raw = resp.read()
    payloads = _sse_events(raw)
    assert payloads[-1] == "[DONE]"
    chunks = [json.loads(p) for p in payloads[:-1]]
    for c in chunks:
        assert c["object"] == "chat.completion.chunk"
        assert c["id"] == chunks[0]["id"]
        assert c["model"] == "m"
        assert isinstance(c["created"], int)
        assert "usage" not in c  # only with stream_options.include_usage
    assert chunks[0]["choices"] == [{"index": 0, "delta": {"role": "assistant"}, "finish_reason": None}]
    content = [c["choices"][0]["delta"]["content"] for c in chunks[1:-1]]
    assert content == ["Alpha ", "beta  ", "gamma."]
    assert all(c["choices"][0]["finish_reason"] is None for c in chunks[:-1])
    assert chunks[-1]["choices"] == [{"index": 0, "delta": {}, "finish_reason": "stop"}]


def test_streaming_with_a_custom_split(server):
    server.script(Reply("støtte [12] og", split=lambda t: ["støtte [", "1", "2] og"]), Reply("a [1]", split=lambda t: ["a [1]"]))
    for expected in (["støtte [", "1", "2] og"], ["a [1]"]):
        with _post(server.base_url + "/chat/completions", {"model": "m", "stream": True, "messages": [{"role": "user", "content": "hi"}]}) as resp:
            chunks = [json.loads(p) for p in _sse_events(resp.read())[:-1]]
        assert [c["choices"][0]["delta"]["content"] for c in chunks[1:-1]] == expected


def test_openai_streaming_include_usage(server):
    server.script(Reply("x y"))
    with _post(
        server.base_url + "/chat/completions",
        {"model": "m", "stream": True, "stream_options": {"include_usage": True}, "messages": [{"role": "user", "content": "a b c"}]},
    ) as resp:
        payloads = _sse_events(resp.read())
    chunks = [json.loads(p) for p in payloads[:-1]]
    assert all(c["usage"] is None for c in chunks[:-1])
    assert chunks[-1]["choices"] == []
    assert chunks[-1]["usage"] == {"prompt_tokens": 3, "completion_tokens": 2, "total_tokens": 5}


def test_script_order_then_default(server):
    server.script(Reply("first"), Reply("second"))
    assert server.pending == 2
    assert _chat(server)["choices"][0]["message"]["content"] == "first"
    assert _chat(server)["choices"][0]["message"]["content"] == "second"
    assert _chat(server)["choices"][0]["message"]["content"] == "OK [1]"
    assert server.pending == 0
    server.default_reply = "changed"
    assert _chat(server)["choices"][0]["message"]["content"] == "changed"


def test_default_reply_configurable_and_bare_strings():
    with FakeLLMServer(default_reply=lambda body: "echo:" + prompt_text(body)) as s:
        s.script("plain string step")
        assert _chat(s, "q")["choices"][0]["message"]["content"] == "plain string step"
        assert _chat(s, "q2")["choices"][0]["message"]["content"] == "echo:q2"


def test_callable_reply_sees_request(server):
    def cite_present(body: dict) -> str:
        text = prompt_text(body)
        ids = [p for p in ("P1", "P2", "P3") if f"[{p}]" in text]
        return " ".join(f"[{i}]" for i in ids)

    server.script(Reply(cite_present))
    data = _chat(server, "context: [P1] foo [P3] bar")
    assert data["choices"][0]["message"]["content"] == "[P1] [P3]"


def test_callable_reply_that_raises_gives_500_and_is_kept(server):
    def boom(body: dict) -> str:
        raise RuntimeError("bug in test helper")

    server.script(Reply(boom))
    with pytest.raises(urllib.error.HTTPError) as ei:
        _chat(server)
    assert ei.value.code == 500
    assert "bug in test helper" in json.loads(ei.value.read())["error"]["message"]
    assert [type(e) for e in server.errors] == [RuntimeError]


def test_requests_are_recorded(server):
    _chat(server, "remember me")
    with _get(server.base_url + "/models"):
        pass
    reqs = server.requests
    assert [(r["method"], r["path"]) for r in reqs] == [("POST", "/v1/chat/completions"), ("GET", "/v1/models")]
    assert reqs[0]["json"]["messages"][0]["content"] == "remember me"
    assert reqs[0]["headers"]["content-type"] == "application/json"
    assert reqs[1]["json"] is None
    assert server.chat_requests == [reqs[0]["json"]]
    server.clear()
    assert server.requests == []


def test_error_step_openai(server):
    server.script(Error(503), Error(418, body="teapot"), Error(400, body={"error": {"message": "bad"}}))
    with pytest.raises(urllib.error.HTTPError) as ei:
        _chat(server)
    assert ei.value.code == 503
    err = json.loads(ei.value.read())["error"]
    assert set(err) == {"message", "type", "param", "code"}
    with pytest.raises(urllib.error.HTTPError) as ei:
        _chat(server)
    assert ei.value.code == 418 and ei.value.read() == b"teapot"
    with pytest.raises(urllib.error.HTTPError) as ei:
        _chat(server, stream=True)
    assert ei.value.code == 400 and json.loads(ei.value.read()) == {"error": {"message": "bad"}}
    # the server is still healthy afterwards
    assert _chat(server)["choices"][0]["message"]["content"] == "OK [1]"


def test_delay_then_reply(server):
    server.script(Delay(0.2, then=Reply("late")))
    t0 = time.monotonic()
    assert _chat(server)["choices"][0]["message"]["content"] == "late"
    assert time.monotonic() - t0 >= 0.2


def test_delay_triggers_client_timeout(server):
    server.script(Delay(5))
    t0 = time.monotonic()
    with pytest.raises((TimeoutError, socket.timeout, urllib.error.URLError)):
        _chat_timeout(server, 0.2)
    assert time.monotonic() - t0 < 2


def _chat_timeout(server, timeout):
    return _post_json(server.base_url + "/chat/completions", {"model": "m", "messages": []}, timeout=timeout)


def test_delay_then_error_and_drop(server):
    server.script(Delay(0.05, then=Error(502)), Delay(0.05, then=Drop()))
    with pytest.raises(urllib.error.HTTPError) as ei:
        _chat(server)
    assert ei.value.code == 502
    with pytest.raises((http.client.RemoteDisconnected, ConnectionError, urllib.error.URLError)):
        _chat(server)


def test_drop_closes_without_response(server):
    server.script(Drop())
    with pytest.raises((http.client.RemoteDisconnected, ConnectionError, urllib.error.URLError)):
        _chat(server)
    assert len(server.chat_requests) == 1
    assert _chat(server)["choices"][0]["message"]["content"] == "OK [1]"


def test_close_interrupts_delay_promptly():
    s = FakeLLMServer()
    s.script(Delay(30))
    outcome: list = []

    def call():
        try:
            outcome.append(_chat_timeout(s, 10))
        except Exception as e:  # noqa: BLE001
            outcome.append(e)

    t = threading.Thread(target=call)
    t.start()
    s.wait_for_requests(1)
    time.sleep(0.05)
    t0 = time.monotonic()
    s.close()
    t.join(timeout=5)
    assert time.monotonic() - t0 < 1.5
    assert not t.is_alive()
    assert isinstance(outcome[0], Exception)
    s.close()  # idempotent


def test_concurrent_requests_each_consume_one_step(server):
    n = 8
    server.script(*[Delay(0.05, then=Reply(f"r{i}")) for i in range(n)])
    results: list[str] = []
    lock = threading.Lock()

    def call():
        text = _chat(server)["choices"][0]["message"]["content"]
        with lock:
            results.append(text)

    threads = [threading.Thread(target=call) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=5)
    assert sorted(results) == sorted(f"r{i}" for i in range(n))
    assert server.pending == 0


def test_unknown_path_404(server):
    with pytest.raises(urllib.error.HTTPError) as ei:
        _post(server.base_url + "/embeddings", {"input": "x"})
    assert ei.value.code == 404


# --------------------------------------------------------------------------- Ollama wire format


def test_ollama_root_tags_show(server):
    with _get(server.root_url + "/") as resp:
        assert resp.read() == b"Ollama is running"
    with _get(server.root_url + "/api/tags") as resp:
        tags = json.loads(resp.read())
    assert [m["name"] for m in tags["models"]] == ["fake-model:latest"]
    show = _post_json(server.root_url + "/api/show", {"model": "fake-model"})
    assert "details" in show and "template" in show


def test_ollama_chat_non_streaming(server):
    server.script(Reply("Hej verden"))
    data = _post_json(
        server.root_url + "/api/chat",
        {"model": "m", "stream": False, "messages": [{"role": "user", "content": "hi"}]},
    )
    assert data["model"] == "m"
    assert data["created_at"].endswith("Z")
    assert data["message"] == {"role": "assistant", "content": "Hej verden"}
    assert data["done"] is True and data["done_reason"] == "stop"
    for key in ("total_duration", "load_duration", "prompt_eval_count", "prompt_eval_duration", "eval_count", "eval_duration"):
        assert isinstance(data[key], int)


def test_ollama_chat_streams_by_default(server):
    server.script(Reply("one two three"))
    with _post(server.root_url + "/api/chat", {"model": "m", "messages": [{"role": "user", "content": "hi"}]}) as resp:
        assert resp.headers["Content-Type"] == "application/x-ndjson"
        lines = [json.loads(line) for line in resp.read().decode().splitlines()]
    assert [line["done"] for line in lines] == [False, False, False, True]
    assert "".join(line["message"]["content"] for line in lines) == "one two three"
    assert lines[-1]["done_reason"] == "stop" and "eval_count" in lines[-1]


def test_ollama_error_shape(server):
    server.script(Error(500))
    with pytest.raises(urllib.error.HTTPError) as ei:
        _post(server.root_url + "/api/chat", {"model": "m", "messages": []})
    assert ei.value.code == 500
    assert isinstance(json.loads(ei.value.read())["error"], str)


# --------------------------------------------------------------------------- real clients (optional)


FAST_RETRY = {"retry-after-ms": "1"}  # the openai SDK honours this on retryable errors: no backoff wait


def test_openai_sdk_roundtrip(server):
    openai = pytest.importorskip("openai")
    client = openai.OpenAI(base_url=server.base_url, api_key="sk-test", max_retries=0)
    assert [m.id for m in client.models.list()] == ["fake-model"]
    server.script(Reply("sdk reply"), Reply("a b c"))
    resp = client.chat.completions.create(model="m", messages=[{"role": "user", "content": "hi"}])
    assert resp.choices[0].message.content == "sdk reply"
    stream = client.chat.completions.create(
        model="m", messages=[{"role": "user", "content": "hi"}], stream=True, stream_options={"include_usage": True}
    )
    chunks = list(stream)
    assert "".join(c.choices[0].delta.content or "" for c in chunks if c.choices) == "a b c"
    assert chunks[-1].usage.completion_tokens == 3
    assert server.requests[-1]["headers"]["authorization"] == "Bearer sk-test"


def test_chat_openai_invoke_and_stream(server):
    lco = pytest.importorskip("langchain_openai")
    llm = lco.ChatOpenAI(base_url=server.base_url, api_key="x", model="m", max_retries=0)
    server.script(Reply("Scripted answer [1]"), Reply("w1 w2 w3"))
    assert llm.invoke("hi").content == "Scripted answer [1]"
    parts = [c.content for c in llm.stream("hi")]
    assert [p for p in parts if p] == ["w1 ", "w2 ", "w3"]
    bodies = server.chat_requests
    assert bodies[0]["stream"] is False and bodies[1]["stream"] is True
    assert bodies[0]["messages"] == [{"role": "user", "content": "hi"}]


def test_chat_openai_error_raises(server):
    lco = pytest.importorskip("langchain_openai")
    openai = pytest.importorskip("openai")
    llm = lco.ChatOpenAI(base_url=server.base_url, api_key="x", model="m", max_retries=0)
    server.script(Error(500))
    with pytest.raises(openai.InternalServerError):
        llm.invoke("hi")
    server.script(Error(500))
    with pytest.raises(openai.APIStatusError):
        list(llm.stream("hi"))
    server.script(Drop())
    with pytest.raises(openai.APIConnectionError):
        llm.invoke("hi")
    assert len(server.chat_requests) == 3  # max_retries=0: exactly one request each


def test_chat_openai_retries_consume_steps(server):
    lco = pytest.importorskip("langchain_openai")
    llm = lco.ChatOpenAI(base_url=server.base_url, api_key="x", model="m", max_retries=2)
    server.script(Error(500, headers=FAST_RETRY), Error(429, headers=FAST_RETRY), Reply("third time lucky"))
    assert llm.invoke("hi").content == "third time lucky"
    retry_counts = [r["headers"].get("x-stainless-retry-count") for r in server.requests]
    assert retry_counts == ["0", "1", "2"]


def test_chat_openai_timeout(server):
    lco = pytest.importorskip("langchain_openai")
    openai = pytest.importorskip("openai")
    llm = lco.ChatOpenAI(base_url=server.base_url, api_key="x", model="m", max_retries=0, timeout=0.3)
    server.script(Delay(5))
    t0 = time.monotonic()
    with pytest.raises(openai.APITimeoutError):
        llm.invoke("hi")
    assert time.monotonic() - t0 < 2
    # a stall between streamed chunks is also a read timeout
    server.script(Reply("a b c", chunk_delay=5))
    with pytest.raises(openai.APITimeoutError):
        list(llm.stream("hi"))


def test_chat_openai_connection_refused():
    lco = pytest.importorskip("langchain_openai")
    openai = pytest.importorskip("openai")
    port = free_refused_port()
    llm = lco.ChatOpenAI(base_url=f"http://127.0.0.1:{port}/v1", api_key="x", model="m", max_retries=0)
    with pytest.raises(openai.APIConnectionError):
        llm.invoke("hi")


def test_chat_ollama_invoke_and_stream(server):
    lco = pytest.importorskip("langchain_ollama")
    llm = lco.ChatOllama(base_url=server.root_url, model="m")
    server.script(Reply("Ollama says hi"), Reply("x y z"))
    msg = llm.invoke("hi")
    assert msg.content == "Ollama says hi"
    assert msg.response_metadata["done_reason"] == "stop"
    assert [c.content for c in llm.stream("hi") if c.content] == ["x ", "y ", "z"]
    bodies = server.chat_requests
    # ChatOllama streams even for invoke()
    assert [b["stream"] for b in bodies] == [True, True]
    assert bodies[0]["messages"] == [{"role": "user", "content": "hi"}]
    # and stream=False per call gets the single-object form
    server.script(Reply("whole"))
    assert llm.invoke("hi", stream=False).content == "whole"
    assert server.chat_requests[-1]["stream"] is False


def test_chat_ollama_validates_model_via_tags():
    lco = pytest.importorskip("langchain_ollama")
    with FakeLLMServer(model="m") as s:
        lco.ChatOllama(base_url=s.root_url, model="m", validate_model_on_init=True)
        assert [(r["method"], r["path"]) for r in s.requests] == [("GET", "/api/tags")]
        with pytest.raises(ValueError, match="not found"):
            lco.ChatOllama(base_url=s.root_url, model="other", validate_model_on_init=True)


def test_chat_ollama_errors(server):
    lco = pytest.importorskip("langchain_ollama")
    ollama = pytest.importorskip("ollama")
    httpx = pytest.importorskip("httpx")
    llm = lco.ChatOllama(base_url=server.root_url, model="m", client_kwargs={"timeout": 0.3})
    server.script(Error(500))
    with pytest.raises(ollama.ResponseError) as ei:
        llm.invoke("hi")
    assert ei.value.status_code == 500
    server.script(Delay(5))
    with pytest.raises(httpx.TimeoutException):
        llm.invoke("hi")
    server.script(Drop())
    with pytest.raises(httpx.TransportError):
        llm.invoke("hi")
    refused = lco.ChatOllama(base_url=f"http://127.0.0.1:{free_refused_port()}", model="m")
    with pytest.raises(httpx.ConnectError):
        refused.invoke("hi")
