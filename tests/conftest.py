"""Shared fixtures: an isolated data directory, deterministic fakes, and assistants over the real corpus."""
from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Iterator

import pytest

from assistant import Settings

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own data directory and no COCREATE_* settings from the machine."""
    for key in list(os.environ):
        if key.startswith("COCREATE_") or key == "OPENAI_API_KEY":
            monkeypatch.delenv(key, raising=False)
    data = tmp_path / "data"
    monkeypatch.setenv("COCREATE_DATA_DIR", str(data))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    return data


@pytest.fixture(scope="session")
def fake_assistant(tmp_path_factory: pytest.TempPathFactory):
    """The real corpus with deterministic hash embeddings: fast, no model."""
    from assistant import Assistant

    settings = Settings(data_dir=tmp_path_factory.mktemp("fake-data"), embed_model="hash-256")
    assistant = Assistant(settings)
    assistant.build_index()
    return assistant


@pytest.fixture(scope="session")
def real_assistant(tmp_path_factory: pytest.TempPathFactory):
    """The real corpus with the offline default embedding model (all-MiniLM-L6-v2)."""
    from assistant import Assistant

    settings = Settings(data_dir=tmp_path_factory.mktemp("real-data"))
    assistant = Assistant(settings)
    assistant.build_index()
    return assistant


@pytest.fixture(scope="session")
def built_data_dir(fake_assistant) -> Path:  # noqa: ANN001 - an Assistant
    """One data directory with the index built (hash embeddings): the fake assistant's, built once per session."""
    return fake_assistant.settings.data_dir


@pytest.fixture
def app_env(_isolated_env: Path, built_data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """For the Streamlit pages: hash embeddings, this test's data dir with a copy of the built index, no shared objects left."""
    import streamlit as st

    monkeypatch.setenv("COCREATE_EMBED_MODEL", "hash-256")
    shutil.copytree(built_data_dir / "index", _isolated_env / "index")
    st.cache_resource.clear()
    yield _isolated_env
    st.cache_resource.clear()


@pytest.fixture
def cli_data(built_data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The command line reads the shared built index (COCREATE_DATA_DIR, hash embeddings); for tests that only read."""
    monkeypatch.setenv("COCREATE_DATA_DIR", str(built_data_dir))
    monkeypatch.setenv("COCREATE_EMBED_MODEL", "hash-256")
    return built_data_dir


@pytest.fixture
def cli_data_copy(built_data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of the built data directory, for a test that changes, damages or locks it."""
    data = tmp_path / "built-data"
    shutil.copytree(built_data_dir, data)
    monkeypatch.setenv("COCREATE_DATA_DIR", str(data))
    monkeypatch.setenv("COCREATE_EMBED_MODEL", "hash-256")
    return data


class CountingEmbed:
    """Hash embeddings that count how often they are asked to embed (a cache test's witness)."""

    def __init__(self) -> None:
        from assistant.embeddings import HashEmbeddings

        self.calls = 0
        self.model = HashEmbeddings()

    def __call__(self, texts: list[str]) -> list[list[float]]:
        self.calls += 1
        return self.model.embed_documents(texts)


@pytest.fixture
def counting_embed() -> type[CountingEmbed]:
    """Makes embedders that count their calls."""
    return CountingEmbed
