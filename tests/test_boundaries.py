"""The core stays a library: light to import, no UI or eval code inside it."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _modules_after(code: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", code + "\nimport sys; print('\\n'.join(sys.modules))"], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def test_import_assistant_is_light():
    modules = _modules_after("import assistant")
    for heavy in ("streamlit", "torch", "sentence_transformers", "chromadb", "langchain_core", "tiktoken"):
        assert heavy not in modules, heavy


def test_core_never_imports_ui_or_eval():
    for path in (ROOT / "assistant").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "import streamlit" not in text and "from streamlit" not in text, path
        assert "from eval" not in text.replace("from eval.run import main as eval_main", ""), path


def test_ui_never_imports_backends():
    for path in (ROOT / "ui").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for name in ("langchain", "chromadb", "tiktoken", "sentence_transformers", "torch"):
            assert f"import {name}" not in text and f"from {name}" not in text, (path, name)


def test_cli_help_is_fast_to_start():
    modules = _modules_after("import assistant.cli")
    assert "torch" not in modules and "chromadb" not in modules
