"""The sentence encoder: a sentence-transformers model exported to ONNX once, cached in the data dir, run on onnxruntime.

Queries and documents go through the same ONNX graph and the same fast tokenizer, then the pooling and
normalisation that the model's own ``modules.json`` and pooling config name. torch is needed only for the
one-time export, which runs in a child process (``python -m assistant.onnx_encoder MODEL OUT_DIR``), so a
search or an index build never imports it and its memory is returned when the export ends.

Cache layout: ``<data dir>/models/<model>-<fingerprint>/`` with ``model.onnx`` (+ ``model.onnx.data``, its
weights), ``tokenizer.json`` and ``encoder.json``. The fingerprint hashes the model folder's configs, tokenizer and
weights; ``encoder.json`` is written last and holds the size and SHA-256 of every other file, so a partial or
damaged entry is detected and exported again.
"""
from __future__ import annotations

import gc
import hashlib
import inspect
import json
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .errors import CocreateError

log = logging.getLogger(__name__)

FORMAT = 1  # bump when the cache layout or the export changes
_MANIFEST = "encoder.json"
_MEMO = "fingerprints.json"
_WEIGHTS = ("model.safetensors", "pytorch_model.bin")
_POOLING = ("cls", "max", "mean", "mean_sqrt_len_tokens", "weightedmean", "lasttoken")  # sentence-transformers' order
_LEGACY_POOLING = {"cls": "cls_token", "max": "max_tokens", "mean": "mean_tokens", "weightedmean": "weightedmean_tokens"}
_HUB_FILES = ["*.json", "*.txt", "*.model", "model.safetensors"]


# -- locating and fingerprinting the model --------------------------------------------------------------------
def model_folder(name: str, download: bool = False) -> Path | None:
    """The local folder of a model given as a path or a Hugging Face id; None when it is not on disk yet.

    With ``download`` a hub model is fetched once (configs, tokenizer and weights only).
    """
    if Path(name).expanduser().is_dir():
        return Path(name).expanduser().resolve()
    if name.startswith((".", "/", "~")):
        raise CocreateError(f"The embedding model folder {name!r} does not exist. Check COCREATE_EMBED_MODEL.")
    from huggingface_hub import snapshot_download

    for repo in (name, f"sentence-transformers/{name}") if "/" not in name else (name,):
        try:
            folder = Path(snapshot_download(repo, allow_patterns=_HUB_FILES, local_files_only=not download))
            if not any((folder / w).exists() for w in _WEIGHTS):  # an older repo without safetensors
                folder = Path(snapshot_download(repo, allow_patterns=["pytorch_model.bin"], local_files_only=not download))
            return folder
        except Exception:  # noqa: BLE001 - not cached / not found / offline: try the next spelling
            continue
    return None


def fingerprint(folder: Path, memo_path: Path | None = None) -> str:
    """SHA-256 over the model's configs, tokenizer and weights; weight digests are memoised by size and mtime."""
    memo: dict[str, list] = {}
    if memo_path is not None:
        try:
            memo = json.loads(memo_path.read_text())
        except (OSError, ValueError):
            memo = {}
    files = sorted(
        p for p in folder.rglob("*")
        if p.is_file() and (p.name in _WEIGHTS or p.suffix in (".json", ".txt", ".model")) and not {"onnx", "openvino"} & set(p.relative_to(folder).parts)
    )
    total, changed = hashlib.sha256(), False
    for path in files:
        stat = path.stat()
        key = str(path.resolve())
        known = memo.get(key)
        if known and known[:2] == [stat.st_size, stat.st_mtime_ns]:
            digest = known[2]
        else:
            digest = _sha256(path)
            memo[key], changed = [stat.st_size, stat.st_mtime_ns, digest], True
        total.update(f"{path.relative_to(folder).as_posix()}\0{digest}\n".encode())
    if changed and memo_path is not None:
        _write_atomic(memo_path, json.dumps(memo).encode())
    return total.hexdigest()


def _slug(name: str) -> str:
    """A readable folder name for a model: the last two parts of its id or path ("intfloat-multilingual-e5-small")."""
    parts = [p for p in re.split(r"[/\\]+", name) if p not in ("", ".", "..", "~")][-2:]
    return re.sub(r"[^A-Za-z0-9_-]+", "-", "-".join(parts)).strip("-")[-80:] or "model"


# -- the encoder -----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class EncoderSpec:
    """What the export read from the sentence-transformers model: everything the runtime needs besides the graph."""

    pooling: tuple[str, ...]
    normalize: bool
    max_seq_length: int
    dimension: int
    inputs: tuple[str, ...]


class OnnxEncoder:
    """Tokenize (``tokenizers``) -> ONNX transformer (onnxruntime) -> pooling -> normalise; thread-safe."""

    def __init__(self, directory: Path) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        manifest = _read_manifest(directory)
        if manifest is None or not all(_intact(directory / name, expected) for name, expected in manifest["files"].items()):
            raise CocreateError(f"The ONNX encoder cache {directory} is incomplete or damaged.")
        self.directory = directory
        self.spec = EncoderSpec(**{k: tuple(v) if isinstance(v, list) else v for k, v in manifest["spec"].items()})
        options = ort.SessionOptions()
        options.log_severity_level = 3
        self.session = ort.InferenceSession(str(directory / "model.onnx"), options, providers=["CPUExecutionProvider"])
        self._counter = Tokenizer.from_file(str(directory / "tokenizer.json"))
        self._counter.no_padding()
        self._counter.no_truncation()
        self.tokenizer = Tokenizer.from_file(str(directory / "tokenizer.json"))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(max_length=self.spec.max_seq_length)

    @property
    def max_seq_length(self) -> int:
        return self.spec.max_seq_length

    def count_tokens(self, text: str) -> int:
        """Word pieces with special tokens, before truncation."""
        return len(self._counter.encode(text).ids)

    def encode(self, texts: list[str], batch_size: int = 8) -> np.ndarray:
        """One vector per text, as sentence-transformers' ``encode`` would give (batched by length)."""
        result = np.zeros((len(texts), self.spec.dimension), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for start in range(0, len(texts), batch_size):
            idx = order[start : start + batch_size]
            result[idx] = self._batch([texts[i] for i in idx])
        return result

    def _batch(self, texts: list[str]) -> np.ndarray:
        encodings = self.tokenizer.encode_batch(texts)
        length = max(len(e.ids) for e in encodings)
        feed = {name: np.zeros((len(texts), length), dtype=np.int64) for name in self.spec.inputs}
        for row, e in enumerate(encodings):
            n = len(e.ids)
            feed["input_ids"][row, :n] = e.ids
            feed["attention_mask"][row, :n] = 1
            if "token_type_ids" in feed:
                feed["token_type_ids"][row, :n] = e.type_ids
        hidden = self.session.run(None, feed)[0]
        return _pool(hidden, feed["attention_mask"], self.spec.pooling, self.spec.normalize)


def _pool(hidden: np.ndarray, mask: np.ndarray, modes: tuple[str, ...], normalize: bool) -> np.ndarray:
    """sentence-transformers' Pooling (its modes concatenated in the configured order), then its Normalize."""
    weights = mask[..., None].astype(hidden.dtype)
    lengths = np.maximum(weights.sum(1), 1e-9)
    parts = []
    for mode in modes:
        if mode == "cls":
            parts.append(hidden[:, 0])
        elif mode == "max":
            parts.append(np.where(weights > 0, hidden, -1e9).max(1))
        elif mode == "mean":
            parts.append((hidden * weights).sum(1) / lengths)
        elif mode == "mean_sqrt_len_tokens":
            parts.append((hidden * weights).sum(1) / np.sqrt(lengths))
        elif mode == "lasttoken":
            parts.append(hidden[np.arange(len(hidden)), mask.sum(1).astype(np.int64) - 1])
        else:
            raise CocreateError(f"Unsupported pooling mode {mode!r}.")
    pooled = np.concatenate(parts, axis=1).astype(np.float32)
    if normalize:
        pooled /= np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
    return pooled


# -- the cache -------------------------------------------------------------------------------------------------
_lock = threading.Lock()


def load_encoder(name: str, cache_root: Path) -> OnnxEncoder:
    """The encoder for model ``name`` (a path or a Hugging Face id), exporting it on first use.

    A cache entry that is partial or damaged is exported again; a cross-process lock keeps two processes from
    exporting the same model at once. Raises CocreateError when the model cannot be found or exported.
    """
    from filelock import FileLock

    with _lock:
        cache_root.mkdir(parents=True, exist_ok=True)
        folder = model_folder(name)  # None: a hub id never downloaded; the export fetches it
        directory = cache_root / f"{_slug(name)}-{fingerprint(folder, cache_root / _MEMO)[:16]}" if folder else None
        if directory is not None and (encoder := _load_cached(directory)) is not None:
            return encoder
        with FileLock(cache_root / f".{_slug(name)}.lock"):
            if directory is not None and (encoder := _load_cached(directory)) is not None:
                return encoder  # another process exported it while this one waited
            directory = _export(name, cache_root)
            for stale in cache_root.glob(f"{_slug(name)}-*"):  # older exports of the same model
                if stale != directory and stale.is_dir():
                    shutil.rmtree(stale, ignore_errors=True)
            return OnnxEncoder(directory)


def _load_cached(directory: Path) -> OnnxEncoder | None:
    """The cached encoder, or None when the entry is missing, partial or damaged."""
    if _read_manifest(directory) is None:
        return None
    try:
        return OnnxEncoder(directory)
    except CocreateError:
        log.warning("The ONNX encoder cache %s is damaged; exporting the model again.", directory)
        return None


def _export(name: str, cache_root: Path) -> Path:
    """Export in a child process into a temporary folder, then rename it into place; the entry's path.

    The child imports torch, so this process never does, and the child's memory is returned when it ends.
    """
    log.warning("Exporting the embedding model %s to ONNX (once; this takes a minute)", name)
    tmp = Path(tempfile.mkdtemp(prefix=f".export-{_slug(name)}-", dir=cache_root))
    try:
        env = {**os.environ, "TOKENIZERS_PARALLELISM": "false"}
        if Path(name).expanduser().is_dir():
            env.setdefault("HF_HUB_OFFLINE", "1")
        done = subprocess.run([sys.executable, "-m", __name__, name, str(tmp), str(cache_root / _MEMO)], env=env, capture_output=True, text=True)
        manifest = _read_manifest(tmp)
        if done.returncode != 0 or manifest is None:
            errors = [line for line in done.stderr.splitlines() if re.match(r"[\w.]*(Error|Exception): ", line)]
            detail = (errors or done.stderr.strip().splitlines() or ["no output"])[-1]
            raise CocreateError(
                f"Cannot export the embedding model {name!r} to ONNX ({detail}). Check COCREATE_EMBED_MODEL: a "
                "sentence-transformers name needs internet on first use; a local path must hold a sentence-transformers model."
            )
        directory = cache_root / f"{_slug(name)}-{manifest['fingerprint'][:16]}"
        tmp.chmod(0o755)
        shutil.rmtree(directory, ignore_errors=True)  # a damaged entry (the caller holds the export lock)
        tmp.rename(directory)
        return directory
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _read_manifest(directory: Path) -> dict | None:
    try:
        manifest = json.loads((directory / _MANIFEST).read_text())
    except (OSError, ValueError):
        return None
    ok = manifest.get("format") == FORMAT and {"model.onnx", "tokenizer.json"} <= set(manifest.get("files", {}))
    return manifest if ok else None


def _sha256(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _intact(path: Path, expected: dict) -> bool:
    """The file has the size and SHA-256 the manifest recorded."""
    try:
        return path.stat().st_size == expected.get("size") and _sha256(path) == expected.get("sha256")
    except OSError:
        return False


def _write_atomic(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.fchmod(fd, 0o644)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


def pooling_modes(config: dict) -> tuple[str, ...]:
    """The pooling modes a sentence-transformers pooling config names: ``pooling_mode`` (v6) or the older booleans."""
    if "pooling_mode" in config:
        mode = config["pooling_mode"]
        modes = (mode,) if isinstance(mode, str) else tuple(mode)
    else:
        modes = tuple(m for m in _POOLING if config.get(f"pooling_mode_{_LEGACY_POOLING.get(m, m)}"))
    unsupported = [m for m in modes if m not in _POOLING or m == "weightedmean"]
    if not modes or unsupported:
        raise CocreateError(f"Unsupported pooling in {config}: cls, max, mean, mean_sqrt_len_tokens or lasttoken expected.")
    return modes


# -- the export (child process; imports torch) -----------------------------------------------------------------
def export_model(model: str, out_dir: Path, memo_path: Path | None = None) -> None:
    """Export a sentence-transformers model (Transformer -> Pooling [-> Normalize]) into ``out_dir``.

    Checks the ONNX vectors against sentence-transformers' own before writing the manifest.
    """
    import torch
    from sentence_transformers import SentenceTransformer

    folder = model_folder(model, download=True)
    if folder is None:
        raise CocreateError(f"Cannot find or download the embedding model {model!r}.")
    modules = json.loads((folder / "modules.json").read_text())
    kinds = [m.get("type", "").rsplit(".", 1)[-1] for m in modules]
    if kinds[:2] != ["Transformer", "Pooling"] or any(k not in ("Transformer", "Pooling", "Normalize") for k in kinds):
        raise CocreateError(f"Unsupported sentence-transformers modules {kinds}: expected Transformer, Pooling[, Normalize].")
    pooling = pooling_modes(json.loads((folder / modules[1].get("path", "1_Pooling") / "config.json").read_text()))

    st = SentenceTransformer(str(folder), device="cpu")
    transformer = st[0].auto_model.eval()
    inputs = ("input_ids", "attention_mask") + (("token_type_ids",) if "token_type_ids" in inspect.signature(transformer.forward).parameters else ())

    class _Graph(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.transformer = transformer

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor, token_type_ids: torch.Tensor | None = None) -> torch.Tensor:
            extra = {} if token_type_ids is None else {"token_type_ids": token_type_ids}
            return self.transformer(input_ids=input_ids, attention_mask=attention_mask, **extra, return_dict=True).last_hidden_state

    example = {n: torch.ones((2, 8), dtype=torch.long) if n != "token_type_ids" else torch.zeros((2, 8), dtype=torch.long) for n in inputs}
    limit = int(getattr(transformer.config, "max_position_embeddings", 512))
    batch, seq = torch.export.Dim("batch"), torch.export.Dim("sequence", max=limit)
    with torch.no_grad():
        program = torch.onnx.export(
            _Graph().eval(), (), kwargs=example, dynamo=True, input_names=list(inputs), output_names=["last_hidden_state"],
            dynamic_shapes={n: {0: batch, 1: seq} for n in inputs}, verbose=False,
        )
    # Weights go to model.onnx.data as they are written: serialising them into one file would double the peak memory.
    program.save(str(out_dir / "model.onnx"), external_data=True)
    (out_dir / "tokenizer.json").write_text(st.tokenizer.backend_tokenizer.to_str(), encoding="utf-8")
    spec = EncoderSpec(pooling, any(k == "Normalize" for k in kinds), int(st.max_seq_length), int(st.get_sentence_embedding_dimension()), inputs)
    probe = ["Hvordan får vi kollegerne med?", "What should management signal? " * 3, "x"]
    theirs = st.encode(probe, convert_to_numpy=True)
    del program, st, transformer  # torch's memory, before onnxruntime loads the model for the check
    gc.collect()

    files = {p.name: {"size": p.stat().st_size, "sha256": _sha256(p)} for p in sorted(out_dir.iterdir()) if p.name != _MANIFEST}
    manifest = {"format": FORMAT, "model": str(folder), "fingerprint": fingerprint(folder, memo_path), "spec": spec.__dict__, "files": files}
    _write_atomic(out_dir / _MANIFEST, json.dumps(manifest, indent=1).encode())
    ours = OnnxEncoder(out_dir).encode(probe)
    cosine = (ours * theirs).sum(1) / np.linalg.norm(ours, axis=1) / np.linalg.norm(theirs, axis=1)
    if not np.all(cosine > 0.9999):
        (out_dir / _MANIFEST).unlink()
        raise CocreateError(f"The ONNX export of {model!r} does not match sentence-transformers (cosine {cosine.min():.5f}).")


if __name__ == "__main__":  # python -m assistant.onnx_encoder MODEL OUT_DIR [FINGERPRINT_MEMO]
    try:
        export_model(sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]) if len(sys.argv) > 3 else None)
    except CocreateError as exc:
        print(exc, file=sys.stderr)
        sys.exit(1)
