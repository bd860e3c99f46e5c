"""The architecture holds: import-linter's contracts (pyproject.toml), a light core, eval on the public API only."""
from __future__ import annotations

import ast
import logging
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "pyproject.toml"
CONTRACTS = [c["id"] for c in tomllib.loads(CONFIG.read_text(encoding="utf-8"))["tool"]["importlinter"]["contracts"]]
# Contracts that are broken today by a cycle someone is cutting; strict, so the marker must go when the cycle does.
KNOWN_BROKEN: dict[str, str] = {}


@pytest.mark.parametrize(
    "contract",
    [pytest.param(c, marks=pytest.mark.xfail(strict=True, reason=KNOWN_BROKEN[c])) if c in KNOWN_BROKEN else c for c in CONTRACTS],
)
def test_import_contract_is_kept(contract: str, capsys: pytest.CaptureFixture[str]):
    from importlinter.cli import lint_imports

    loggers = logging.root.manager.loggerDict.values()
    disabled = {logger: logger.disabled for logger in loggers if isinstance(logger, logging.Logger)}
    try:
        kept = lint_imports(config_filename=str(CONFIG), limit_to_contracts=(contract,), no_cache=True, no_logo=True)
    finally:  # its logging setup (dictConfig) disables every other logger, e.g. the core's warnings on stderr
        for logger, was in disabled.items():
            logger.disabled = was
    assert kept == 0, capsys.readouterr().out  # the report names each import that breaks it


def test_the_contracts_cover_the_boundaries():
    """The rules this project promises (README, STYLE) are all among the checked contracts."""
    promised = {"core-without-consumers", "ui-without-backends", "eval-public-api", "consumers-above-core", "core-acyclic", "cli-on-top"}
    assert promised <= set(CONTRACTS)


def test_eval_imports_only_names_the_core_exports():
    """import-linter sees modules, not names: `from assistant import X` must name a member of assistant.__all__."""
    import assistant

    for path in (ROOT / "eval").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module == "assistant" and node.level == 0:
                for alias in node.names:
                    assert alias.name in assistant.__all__, f"{path.name} imports assistant.{alias.name}, which is not public"


def test_every_public_name_resolves():
    import assistant

    for name in assistant.__all__:
        assert getattr(assistant, name) is not None, name


def _modules_after(code: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", code + "\nimport sys; print('\\n'.join(sys.modules))"], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def test_import_assistant_is_light():
    modules = _modules_after("import assistant")
    for heavy in ("streamlit", "torch", "sentence_transformers", "chromadb", "langchain_core", "tiktoken"):
        assert heavy not in modules, heavy


def test_cli_help_is_fast_to_start():
    modules = _modules_after("import assistant.cli")
    assert "torch" not in modules and "chromadb" not in modules and "eval" not in modules and "ui" not in modules


def test_no_module_is_over_400_lines():
    """Modules a reader can hold in their head (STYLE.md): split along a seam before one grows past 400 lines."""
    long = {
        path.relative_to(ROOT).as_posix(): lines
        for package in ("assistant", "ui", "eval")
        for path in (ROOT / package).rglob("*.py")
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > 400
    }
    assert not long, long
