"""Chat-model backends by name (an OpenAI-compatible endpoint or Ollama), each bounded by a total deadline and a reply cap."""
from __future__ import annotations

import queue
import threading
import time
from typing import Any, Callable, Iterator

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult

from .bilingual import Bilingual
from .config import Settings
from .errors import BackendError

CHARS_PER_TOKEN = 6  # generous: the client-side cap only stops a server that ignores max_tokens


class ModelTimeout(TimeoutError):
    """The model did not finish its reply within the total deadline (COCREATE_LLM_TIMEOUT)."""


class BoundedChatModel(BaseChatModel):
    """A chat model whose every call, streamed or not, ends within ``timeout`` seconds and ``max_chars`` characters.

    HTTP clients bound each wait (connect, each read), not the whole reply: a server trickling a piece every few
    seconds never trips them. Here the inner model streams in a worker thread and the caller waits on a queue with
    the time left, so the deadline holds whatever the server does. At the deadline the reply is abandoned
    (``ModelTimeout``); past ``max_chars`` it is cut and the connection closed (servers stop generating then).
    """

    inner: Any
    timeout: float
    max_chars: int

    @property
    def _llm_type(self) -> str:
        return f"bounded-{getattr(self.inner, '_llm_type', 'chat')}"

    def _stream(self, messages: list[BaseMessage], stop: list[str] | None = None, run_manager: Any = None, **kwargs: Any) -> Iterator[ChatGenerationChunk]:
        pieces: queue.Queue[tuple[str, Any]] = queue.Queue()
        cancel = threading.Event()

        def work() -> None:
            try:
                stream = self.inner.stream(messages, stop=stop, **kwargs)
                try:
                    for chunk in stream:
                        pieces.put(("chunk", chunk))
                        if cancel.is_set():
                            break
                finally:
                    stream.close()  # closes the HTTP response: the server stops generating
                pieces.put(("end", None))
            except BaseException as exc:  # noqa: BLE001 - handed to the caller's thread
                pieces.put(("error", exc))

        deadline = time.monotonic() + self.timeout
        threading.Thread(target=work, name="cocreate-llm", daemon=True).start()
        size = 0
        try:
            while True:
                left = deadline - time.monotonic()
                try:
                    kind, value = pieces.get(timeout=max(left, 0.0)) if left > 0 else pieces.get_nowait()
                except queue.Empty:
                    raise ModelTimeout(f"no complete reply within {self.timeout:g} s (timed out)") from None
                if kind == "end":
                    return
                if kind == "error":
                    raise value
                message: AIMessageChunk = value
                text = message.content if isinstance(message.content, str) else ""
                if size + len(text) > self.max_chars:
                    rest = text[: max(0, self.max_chars - size)]
                    if rest:
                        yield ChatGenerationChunk(message=AIMessageChunk(content=rest))
                    return
                size += len(text)
                chunk = ChatGenerationChunk(message=message)
                if run_manager is not None and text:
                    run_manager.on_llm_new_token(text, chunk=chunk)
                yield chunk
        finally:
            cancel.set()

    def _generate(self, messages: list[BaseMessage], stop: list[str] | None = None, run_manager: Any = None, **kwargs: Any) -> ChatResult:
        text = "".join(c.text for c in self._stream(messages, stop=stop, run_manager=run_manager, **kwargs))
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=text))])


def _http_timeout(settings: Settings) -> Any:
    import httpx

    # Each read may wait as long as the whole reply may take (a CPU model can think a minute before its first
    # token); the total deadline itself is enforced by BoundedChatModel.
    return httpx.Timeout(settings.llm_timeout, connect=settings.llm_connect_timeout)


def _openai(settings: Settings) -> Any:
    from langchain_openai import ChatOpenAI

    if not settings.llm_model:
        raise BackendError("COCREATE_LLM=openai needs COCREATE_LLM_MODEL (the model name the endpoint serves).")
    return ChatOpenAI(
        model=settings.llm_model,
        base_url=settings.llm_base_url,
        api_key=settings.api_key() or "not-needed",
        timeout=_http_timeout(settings),
        max_retries=0,
        max_tokens=settings.llm_answer_tokens,
        temperature=0,
    )


def _ollama(settings: Settings) -> Any:
    from langchain_ollama import ChatOllama

    if not settings.llm_model:
        raise BackendError("COCREATE_LLM=ollama needs COCREATE_LLM_MODEL (e.g. llama3.1:8b).")
    return ChatOllama(
        model=settings.llm_model,
        base_url=settings.llm_base_url or "http://127.0.0.1:11434",
        temperature=0,
        num_predict=settings.llm_answer_tokens,
        num_ctx=settings.llm_context_tokens,
        client_kwargs={"timeout": _http_timeout(settings)},
    )


BACKENDS: dict[str, Callable[[Settings], Any]] = {"openai": _openai, "ollama": _ollama}


def get_chat_model(settings: Settings) -> BaseChatModel | None:
    """The configured chat model, bounded by COCREATE_LLM_TIMEOUT and the answer-token cap; None for extractive."""
    if settings.llm == "extractive":
        return None
    inner = BACKENDS[settings.llm](settings)
    return BoundedChatModel(inner=inner, timeout=settings.llm_timeout, max_chars=settings.llm_answer_tokens * CHARS_PER_TOKEN)


def describe_failure(settings: Settings, exc: BaseException) -> Bilingual:
    """A message naming the setting to fix, for a failing LLM endpoint, in Danish and English."""
    where = settings.llm_base_url or ("http://127.0.0.1:11434" if settings.llm == "ollama" else "OpenAI API")
    name = exc.__class__.__name__
    text = str(exc).splitlines()[0][:200] if str(exc) else ""
    if isinstance(exc, ModelTimeout):
        hint = Bilingual(
            da=f"den blev ikke færdig med svaret inden for {settings.llm_timeout:g} s (COCREATE_LLM_TIMEOUT)",
            en=f"it did not finish its answer within {settings.llm_timeout:g} s (COCREATE_LLM_TIMEOUT)",
        )
    elif "ConnectTimeout" in name or ("connect" in text.lower() and "timed out" in text.lower()):
        hint = Bilingual(
            da=f"den kunne ikke nås inden for {settings.llm_connect_timeout:g} s (tjek COCREATE_LLM_BASE_URL, eller hæv COCREATE_LLM_CONNECT_TIMEOUT)",
            en=f"it could not be reached within {settings.llm_connect_timeout:g} s (check COCREATE_LLM_BASE_URL, or raise COCREATE_LLM_CONNECT_TIMEOUT)",
        )
    elif "Timeout" in name or "timed out" in text.lower():
        hint = Bilingual(
            da=f"den svarede ikke inden for {settings.llm_timeout:g} s (COCREATE_LLM_TIMEOUT)",
            en=f"it did not answer within {settings.llm_timeout:g} s (COCREATE_LLM_TIMEOUT)",
        )
    elif "Connect" in name or "refused" in text.lower():
        hint = Bilingual(
            da="den kunne ikke nås (tjek COCREATE_LLM_BASE_URL, og at serveren kører)",
            en="it could not be reached (check COCREATE_LLM_BASE_URL and that the server runs)",
        )
    elif "Authentication" in name or "401" in text:
        hint = Bilingual(
            da="den afviste nøglen (tjek COCREATE_LLM_API_KEY eller OPENAI_API_KEY)",
            en="it refused the key (check COCREATE_LLM_API_KEY or OPENAI_API_KEY)",
        )
    elif "NotFound" in name or "404" in text:
        hint = Bilingual(da="den kender ikke modellen (tjek COCREATE_LLM_MODEL)", en="it does not know the model (check COCREATE_LLM_MODEL)")
    else:
        hint = Bilingual(da=f"den fejlede ({name}: {text})", en=f"it failed ({name}: {text})")
    return Bilingual(
        da=f"Sprogmodellen ({settings.llm}) på {where}: {hint.da}. Her er i stedet det udtrukne svar fra rapporten.",
        en=f"The language model ({settings.llm}) at {where}: {hint.en}. Showing the extractive answer from the report instead.",
    )
