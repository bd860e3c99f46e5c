"""The commands that belong to the core's consumers (`eval`, `ui`): found through entry points, never by path."""
from __future__ import annotations

from importlib.metadata import entry_points
from typing import Sequence

from ..errors import CocreateError

GROUP = "cocreate.commands"  # name -> a callable taking its own argv and returning an exit code
CONSUMERS = {"eval": "the eval suite", "ui": "the Streamlit app"}


def run_consumer(name: str, argv: Sequence[str]) -> int:
    """Run the installed command ``name`` (declared in the ``cocreate.commands`` entry-point group) with ``argv``."""
    found = sorted(entry_points(group=GROUP, name=name), key=lambda point: point.value)
    if not found:
        raise CocreateError(
            f"`cocreate {name}` ({CONSUMERS.get(name, 'a consumer of the core')}) is not installed with this cocreate; "
            "reinstall it (pip install -e . in a checkout)."
        )
    command = found[0].load()
    return int(command(list(argv)) or 0)
