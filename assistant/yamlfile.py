"""Reads the project's YAML data: libyaml's C parser when PyYAML has it (several times faster), the same safe subset."""
from __future__ import annotations

from typing import Any

import yaml

_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str) -> Any:
    """The data in ``text`` (safe YAML: no Python objects); yaml.YAMLError when it is malformed."""
    return yaml.load(text, Loader=_LOADER)  # noqa: S506 - a safe loader, C or Python
