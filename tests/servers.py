"""Real servers on loopback for the shared-deployment tests: Streamlit apps, an OpenID Connect provider, a Chroma server."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync"]
STARTUP_SECONDS = 90


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, process: subprocess.Popen[bytes], log: Path, seconds: float = STARTUP_SECONDS) -> None:
    """Poll ``url`` until it answers 200; fail with the process's log when it dies or the time is up."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            pytest.fail(f"{url} did not come up:\n" + log.read_text(errors="replace")[-3000:])
        time.sleep(0.3)


@contextmanager
def running(command: list[str], log: Path, health: str, env: dict[str, str] | None = None) -> Iterator[subprocess.Popen[bytes]]:
    """Start ``command`` (output to ``log``), wait until ``health`` answers, and stop it afterwards, whatever happens."""
    with open(log, "wb") as handle:
        process = subprocess.Popen(command, cwd=ROOT, env=env or dict(os.environ), stdout=handle, stderr=subprocess.STDOUT)
        try:
            wait_for(health, process, log)
            yield process
        finally:
            stop(process)


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)


@contextmanager
def oidc_provider(log_dir: Path) -> Iterator[str]:
    """oidc-provider-mock on a loopback port (any client id and secret; the user types who they are); its base URL."""
    pytest.importorskip("oidc_provider_mock")
    port = free_port()
    command = [sys.executable, "-m", "oidc_provider_mock", "--host", "127.0.0.1", "--port", str(port)]
    url = f"http://127.0.0.1:{port}"
    with running(command, log_dir / f"oidc-{port}.log", f"{url}/.well-known/openid-configuration"):
        yield url


def write_secrets(path: Path, provider: str) -> Path:
    """A secrets.toml with Streamlit's [auth] section for ``provider`` ({port} lets one file serve every instance)."""
    path.write_text(
        "[auth]\n"
        'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
        'cookie_secret = "a-test-cookie-secret-that-is-long-enough-0123456789"\n'
        'client_id = "cocreate"\n'
        'client_secret = "cocreate-secret"\n'
        f'server_metadata_url = "{provider}/.well-known/openid-configuration"\n',
        encoding="utf-8",
    )
    return path


@contextmanager
def streamlit_app(data_dir: Path, env: dict[str, str], secrets: Path | None = None) -> Iterator[str]:
    """`streamlit run ui/app.py` on a free loopback port with ``env`` over hash embeddings and ``data_dir``; its URL."""
    port = free_port()
    full = dict(os.environ, COCREATE_EMBED_MODEL="hash-256", COCREATE_DATA_DIR=str(data_dir), HF_HUB_OFFLINE="1", **env)
    command = [sys.executable, "-m", "streamlit", "run", "ui/app.py", "--server.headless", "true", "--server.port", str(port),
               "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"]
    if secrets is not None:
        command += ["--secrets.files", str(secrets)]
    url = f"http://127.0.0.1:{port}"
    data_dir.mkdir(parents=True, exist_ok=True)
    with running(command, data_dir.parent / f"streamlit-{port}.log", f"{url}/_stcore/health", full):
        yield url


@contextmanager
def chroma_server(path: Path) -> Iterator[str]:
    """`chroma run` on a loopback port; its URL."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    command = ["chroma", "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)]
    with running(command, path.parent / f"chroma-{port}.log", f"{url}/api/v2/heartbeat"):
        yield url


@contextmanager
def browser() -> Iterator[object]:
    """Debian's Chromium driven by Playwright (never a downloaded browser)."""
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed at /usr/bin/chromium (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()
