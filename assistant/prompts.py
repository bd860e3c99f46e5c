"""Prompt files (prompts/*.yaml) loaded as ChatPromptTemplates; declared and used variables must agree."""
from __future__ import annotations

import functools
import string
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from .errors import CocreateError
from .yamlfile import load_yaml


def prompts_dir() -> Path:
    return Path(str(resources.files("assistant.prompts_data")))


def _used_variables(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field}


def load_prompt_spec(name: str, directory: Path | None = None) -> dict[str, Any]:
    """The parsed prompt file ``name`` (without .yaml), checked."""
    path = (directory or prompts_dir()) / f"{name}.yaml"
    try:
        spec = load_yaml(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise CocreateError(f"Prompt file missing: {path}") from exc
    except yaml.YAMLError as exc:
        raise CocreateError(f"Prompt file {path} is not valid YAML: {exc}") from exc
    if not isinstance(spec, dict) or not isinstance(spec.get("messages"), list) or not spec["messages"]:
        raise CocreateError(f"Prompt file {path} needs a non-empty `messages` list.")
    declared = set(spec.get("input_variables") or [])
    used: set[str] = set()
    for message in spec["messages"]:
        if message.get("role") not in ("system", "user", "assistant") or not isinstance(message.get("content"), str):
            raise CocreateError(f"Prompt file {path}: each message needs a role (system/user/assistant) and content.")
        used |= _used_variables(message["content"])
    if declared != used:
        raise CocreateError(
            f"Prompt file {path}: declared variables {sorted(declared)} differ from those used {sorted(used)}."
        )
    return spec


@functools.lru_cache(maxsize=32)
def load_prompt(name: str) -> Any:
    """A ChatPromptTemplate from prompts/<name>.yaml (f-string placeholders; no Jinja)."""
    from langchain_core.prompts import ChatPromptTemplate

    spec = load_prompt_spec(name)
    role = {"system": "system", "user": "human", "assistant": "ai"}
    return ChatPromptTemplate.from_messages([(role[m["role"]], m["content"]) for m in spec["messages"]], template_format="f-string")


def prompt_names(directory: Path | None = None) -> list[str]:
    return sorted(p.stem for p in (directory or prompts_dir()).glob("*.yaml"))
