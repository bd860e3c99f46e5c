"""Chat-model backends by name: an OpenAI-compatible endpoint or Ollama; none for the extractive default."""
from __future__ import annotations

from typing import Any, Callable

from .config import Settings
from .errors import BackendError


def _openai(settings: Settings) -> Any:
    from langchain_openai import ChatOpenAI

    if not settings.llm_model:
        raise BackendError("COCREATE_LLM=openai needs COCREATE_LLM_MODEL (the model name the endpoint serves).")
    return ChatOpenAI(
        model=settings.llm_model,
        base_url=settings.llm_base_url,
        api_key=settings.api_key() or "not-needed",
        timeout=settings.llm_timeout,
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
        client_kwargs={"timeout": settings.llm_timeout},
    )


BACKENDS: dict[str, Callable[[Settings], Any]] = {"openai": _openai, "ollama": _ollama}


def get_chat_model(settings: Settings) -> Any | None:
    """The configured chat model, or None for the extractive backend."""
    if settings.llm == "extractive":
        return None
    return BACKENDS[settings.llm](settings)


def describe_failure(settings: Settings, exc: BaseException) -> str:
    """A message naming the setting to fix, for a failing LLM endpoint."""
    where = settings.llm_base_url or ("http://127.0.0.1:11434" if settings.llm == "ollama" else "the OpenAI API")
    name = exc.__class__.__name__
    text = str(exc).splitlines()[0][:200] if str(exc) else ""
    if "Timeout" in name or "timed out" in text.lower():
        hint = f"it did not answer within {settings.llm_timeout:g} s (COCREATE_LLM_TIMEOUT)"
    elif "Connect" in name or "refused" in text.lower():
        hint = "it could not be reached (check COCREATE_LLM_BASE_URL and that the server runs)"
    elif "Authentication" in name or "401" in text:
        hint = "it refused the key (check COCREATE_LLM_API_KEY or OPENAI_API_KEY)"
    elif "NotFound" in name or "404" in text:
        hint = "it does not know the model (check COCREATE_LLM_MODEL)"
    else:
        hint = f"it failed ({name}: {text})"
    return f"The language model ({settings.llm}) at {where}: {hint}. Showing the extractive answer from the report instead."
