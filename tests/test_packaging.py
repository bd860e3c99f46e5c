"""Packaging: every direct import declared, every package shipped, consumers reached through entry points, no env edits."""
from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
import tomllib
from importlib import resources
from importlib.metadata import entry_points, packages_distributions
from pathlib import Path

import pytest

from assistant import Settings
from assistant.cli import main

ROOT = Path(__file__).resolve().parent.parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
OWN = {"assistant", "ui", "eval", "__future__"}
# Modules only an optional path imports, and the extra that declares them (`cocreate model prepare`).
OPTIONAL = {"assistant/localmodel.py": "model"}


def _name(requirement: str) -> str:
    return re.sub(r"[-_.]+", "-", re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*", requirement).group(0)).lower()


def _third_party_imports() -> dict[str, set[str]]:
    """Top-level module -> the files (relative to the project) that import it, for assistant/, ui/ and eval/."""
    found: dict[str, set[str]] = {}
    for package in ("assistant", "ui", "eval"):
        for path in (ROOT / package).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names = [node.module]
                else:
                    continue
                for name in names:
                    top = name.split(".")[0]
                    if top not in sys.stdlib_module_names and top not in OWN:
                        found.setdefault(top, set()).add(path.relative_to(ROOT).as_posix())
    return found


def test_every_direct_import_is_declared():
    """A module imported by the core or a consumer is a declared dependency; one only an optional path imports may
    be declared in that path's extra instead."""
    project = PROJECT["project"]
    required = {_name(r) for r in project["dependencies"]}
    extras = {extra: {_name(r) for r in reqs} for extra, reqs in project["optional-dependencies"].items()}
    distributions = packages_distributions()
    missing = []
    for module, files in sorted(_third_party_imports().items()):
        names = {_name(d) for d in distributions.get(module, [module])}
        allowed = set(required)
        if all(f in OPTIONAL for f in files):
            allowed |= set().union(*(extras[OPTIONAL[f]] for f in files))
        if not names & allowed:
            missing.append(f"{module} (imported by {', '.join(sorted(files))})")
    assert not missing, "imported but not declared: " + "; ".join(missing)


def test_every_package_is_shipped():
    """A non-editable install holds every package of the core and its consumers, and the app's page files."""
    listed = set(PROJECT["tool"]["setuptools"]["packages"])
    for package in ("assistant", "ui", "eval"):
        for init in (ROOT / package).rglob("__init__.py"):
            dotted = ".".join(init.parent.relative_to(ROOT).parts)
            assert dotted in listed, f"{dotted} is not in [tool.setuptools] packages"
    assert "views/*.py" in PROJECT["tool"]["setuptools"]["package-data"]["ui"]


def test_the_consumers_are_entry_points_of_the_installed_distribution():
    commands = {point.name: point for point in entry_points(group="cocreate.commands")}
    assert {"eval", "ui"} <= set(commands)
    assert callable(commands["eval"].load()) and callable(commands["ui"].load())


def test_cocreate_eval_help_comes_from_the_installed_eval_suite(capsys: pytest.CaptureFixture[str]):
    with pytest.raises(SystemExit) as exit_:
        main(["eval", "--help"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.startswith("usage: cocreate eval")


def test_cocreate_ui_runs_streamlit_on_the_installed_app_file(monkeypatch: pytest.MonkeyPatch):
    seen: list[list[str]] = []

    class Server:  # the command it would run, without a server
        def __init__(self, command: list[str]) -> None:
            seen.append(command)

        def wait(self) -> int:
            return 0

    monkeypatch.setattr("ui.launch.subprocess.Popen", Server)
    monkeypatch.setattr("ui.launch.signal.signal", lambda *_: None)
    assert main(["ui", "--port", "8765"]) == 0
    (command,) = seen
    app = Path(str(resources.files("ui") / "app.py"))
    assert command[:4] == [sys.executable, "-m", "streamlit", "run"] and Path(command[4]) == app and app.is_file()
    assert command[command.index("--server.port") + 1] == "8765"
    assert command[command.index("--server.fileWatcherType") + 1] == "none"  # a file changed on disk never reruns users' pages


def test_a_missing_consumer_is_named_not_a_traceback(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    monkeypatch.setattr("assistant.cli.consumers.entry_points", lambda **_: [])
    assert main(["eval", "--gate"]) == 1
    err = capsys.readouterr().err
    assert "`cocreate eval`" in err and "not installed" in err and "Traceback" not in err


def test_the_tokenizer_loads_the_packaged_file_and_leaves_the_environment_alone(tmp_path: Path):
    code = (
        "import os\n"
        "before = dict(os.environ)\n"
        "from assistant.tokens import encoding, count_tokens\n"
        "assert encoding().name == 'cl100k_base' and count_tokens('Hvordan får vi kollegerne med?') > 5\n"
        "assert dict(os.environ) == before, set(os.environ.items()) ^ set(before.items())\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("TIKTOKEN_CACHE_DIR", "DATA_GYM_CACHE_DIR")}
    done = subprocess.run([sys.executable, "-c", code], env={**env, "TMPDIR": str(tmp_path)}, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


def test_the_api_key_falls_back_to_openai_api_key(monkeypatch: pytest.MonkeyPatch):
    assert Settings().api_key() is None
    monkeypatch.setenv("OPENAI_API_KEY", "from-openai")
    assert Settings().api_key() == "from-openai"
    monkeypatch.setenv("COCREATE_LLM_API_KEY", "from-cocreate")
    assert Settings().api_key() == "from-cocreate"
    assert Settings(llm_api_key="from-argument").api_key() == "from-argument"
    monkeypatch.delenv("COCREATE_LLM_API_KEY")
    monkeypatch.delenv("OPENAI_API_KEY")
    monkeypatch.setenv("LLM_API_KEY", "unprefixed")  # only the two documented variables count
    assert Settings().api_key() is None
    assert "from-argument" not in repr(Settings(llm_api_key="from-argument"))  # still a secret


def test_ci_runs_the_whole_suite_exactly_as_the_readme_says():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = [line for block in re.findall(r"```bash\n(.*?)```", readme, re.DOTALL) for line in block.splitlines()]
    whole, fast = 'pip install -e ".[test]" && python -m pytest', 'python -m pytest -m "not slow and not e2e"'
    assert whole in blocks and any(line.endswith(fast) for line in blocks)
    assert whole in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()


def test_stopping_cocreate_ui_stops_its_server(tmp_path: Path):
    import os
    import signal
    import socket
    import subprocess
    import time
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "COCREATE_DATA_DIR": str(tmp_path)}
    ui = subprocess.Popen([sys.executable, "-m", "assistant", "ui", "--port", str(port)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    health = f"http://127.0.0.1:{port}/_stcore/health"

    def up() -> bool:
        try:
            with urllib.request.urlopen(health, timeout=2) as reply:
                return reply.status == 200
        except OSError:
            return False

    try:
        deadline = time.monotonic() + 90
        while not up():
            assert time.monotonic() < deadline and ui.poll() is None, "the server did not come up"
            time.sleep(0.5)
        ui.send_signal(signal.SIGTERM)  # what a service manager does
        assert ui.wait(timeout=30) is not None
        deadline = time.monotonic() + 30
        while up():
            assert time.monotonic() < deadline, "the server outlived `cocreate ui`"
            time.sleep(0.5)
    finally:
        if ui.poll() is None:
            ui.kill()
