"""A NumPy forward pass for BERT sentence encoders with mean pooling: query embeddings without importing torch.

sentence-transformers pulls in torch, transformers and scikit-learn (about 8 s on this kind of machine)
before it can embed one query. For the default model, all-MiniLM-L6-v2, and any sentence-transformers
model that is a plain BertModel with mean pooling, the same vectors come from NumPy in a fraction of that.
"""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np


def supports(model_dir: str | Path) -> bool:
    """True for a local sentence-transformers BertModel directory with mean pooling."""
    root = Path(model_dir)
    try:
        config = json.loads((root / "config.json").read_text())
        modules = json.loads((root / "modules.json").read_text())
    except (OSError, ValueError):
        return False
    if config.get("model_type") != "bert" or config.get("hidden_act") != "gelu" or config.get("position_embedding_type", "absolute") != "absolute":
        return False
    if not (root / "model.safetensors").exists() or not (root / "tokenizer.json").exists():
        return False
    types = [m.get("type", "").rsplit(".", 1)[-1] for m in modules]
    if types[:2] != ["Transformer", "Pooling"] or any(t not in ("Transformer", "Pooling", "Normalize") for t in types):
        return False
    pooling_dir = next((m.get("path") for m in modules if m.get("type", "").endswith("Pooling")), "1_Pooling")
    try:
        pooling = json.loads((root / pooling_dir / "config.json").read_text())
    except (OSError, ValueError):
        return False
    return bool(pooling.get("pooling_mode_mean_tokens")) and not any(
        pooling.get(k) for k in ("pooling_mode_cls_token", "pooling_mode_max_tokens", "pooling_mode_mean_sqrt_len_tokens")
    )


def _erf(x: np.ndarray) -> np.ndarray:
    # Abramowitz & Stegun 7.1.26; |error| < 1.5e-7, below float32 noise in the activations.
    sign = np.sign(x)
    x = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * x)
    y = 1.0 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * np.exp(-x * x)
    return sign * y


def _gelu(x: np.ndarray) -> np.ndarray:
    return 0.5 * x * (1.0 + _erf(x / np.sqrt(2.0)))


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * weight + bias


class BertEncoder:
    """Embeds text exactly as sentence-transformers would (Transformer -> mean pooling -> normalise)."""

    def __init__(self, model_dir: str | Path) -> None:
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        root = Path(model_dir)
        self.config = json.loads((root / "config.json").read_text())
        st_config = json.loads((root / "sentence_bert_config.json").read_text()) if (root / "sentence_bert_config.json").exists() else {}
        self.max_seq_length = int(st_config.get("max_seq_length", self.config.get("max_position_embeddings", 512)))
        modules = json.loads((root / "modules.json").read_text())
        self.normalize = any(m.get("type", "").endswith("Normalize") for m in modules)
        weights = load_file(str(root / "model.safetensors"))
        self.w = {k.removeprefix("bert."): np.ascontiguousarray(v.T if k.endswith(".weight") and v.ndim == 2 and "embeddings" not in k else v, dtype=np.float32) for k, v in weights.items()}
        for n in range(int(self.config["num_hidden_layers"])):
            p = f"encoder.layer.{n}.attention.self."
            self.w[p + "qkv.weight"] = np.ascontiguousarray(np.concatenate([self.w[p + m + ".weight"] for m in ("query", "key", "value")], axis=1))
            self.w[p + "qkv.bias"] = np.concatenate([self.w[p + m + ".bias"] for m in ("query", "key", "value")])
        self.tokenizer = Tokenizer.from_file(str(root / "tokenizer.json"))
        self.tokenizer.enable_truncation(max_length=self.max_seq_length)
        self.tokenizer.no_padding()
        self.heads = int(self.config["num_attention_heads"])
        self.layers = int(self.config["num_hidden_layers"])
        self.eps = float(self.config.get("layer_norm_eps", 1e-12))

    def count_tokens(self, text: str) -> int:
        """Word pieces with special tokens, before truncation."""
        encoding = self.tokenizer.encode(text)
        return len(encoding.ids) + len(encoding.overflowing[0].ids) - 2 if encoding.overflowing else len(encoding.ids)

    def encode(self, texts: list[str], batch_size: int = 16) -> np.ndarray:
        out = []
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for start in range(0, len(texts), batch_size):
            idx = order[start : start + batch_size]
            out.append((idx, self._batch([texts[i] for i in idx])))
        result = np.zeros((len(texts), int(self.config["hidden_size"])), dtype=np.float32)
        for idx, vectors in out:
            result[idx] = vectors
        return result

    def _batch(self, texts: list[str]) -> np.ndarray:
        encodings = self.tokenizer.encode_batch(texts)
        length = max(len(e.ids) for e in encodings)
        ids = np.zeros((len(texts), length), dtype=np.int64)
        types = np.zeros_like(ids)
        mask = np.zeros((len(texts), length), dtype=np.float32)
        for row, e in enumerate(encodings):
            ids[row, : len(e.ids)] = e.ids
            types[row, : len(e.type_ids)] = e.type_ids
            mask[row, : len(e.ids)] = 1.0
        w = self.w
        x = w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][np.arange(length)][None] + w["embeddings.token_type_embeddings.weight"][types]
        x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"], self.eps)
        batch, _, hidden = x.shape
        head = hidden // self.heads
        bias = ((1.0 - mask) * -1e9)[:, None, None, :]
        for n in range(self.layers):
            p = f"encoder.layer.{n}."

            def linear(t: np.ndarray, name: str) -> np.ndarray:
                weight = w[p + name + ".weight"]
                return (t.reshape(-1, t.shape[-1]) @ weight + w[p + name + ".bias"]).reshape(*t.shape[:-1], weight.shape[1])

            def split(t: np.ndarray) -> np.ndarray:
                return t.reshape(batch, length, self.heads, head).transpose(0, 2, 1, 3)

            q, k, v = (split(t) for t in np.split(linear(x, "attention.self.qkv"), 3, axis=-1))
            scores = q @ k.transpose(0, 1, 3, 2) / np.sqrt(head) + bias
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            context = (scores @ v).transpose(0, 2, 1, 3).reshape(batch, length, hidden)
            x = _layer_norm(linear(context, "attention.output.dense") + x, w[p + "attention.output.LayerNorm.weight"], w[p + "attention.output.LayerNorm.bias"], self.eps)
            inner = _gelu(linear(x, "intermediate.dense"))
            x = _layer_norm(linear(inner, "output.dense") + x, w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"], self.eps)
        pooled = (x * mask[..., None]).sum(1) / np.maximum(mask.sum(1, keepdims=True), 1e-9)
        if self.normalize:
            pooled /= np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
        return pooled.astype(np.float32)


class TorchBertEncoder:
    """The same encoder on torch, for embedding many documents fast: BertModel + mean pooling, no sentence-transformers.

    Skipping sentence-transformers (and the scikit-learn it imports) keeps an index build near 0.6 GB of memory.
    """

    def __init__(self, model_dir: str | Path, numpy_encoder: BertEncoder) -> None:
        import torch
        from transformers import BertModel

        self.torch = torch
        self.model = BertModel.from_pretrained(str(model_dir)).eval()
        self.tokenizer = numpy_encoder.tokenizer
        self.normalize = numpy_encoder.normalize

    def encode(self, texts: list[str], batch_size: int = 8) -> np.ndarray:
        torch = self.torch
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        result = np.zeros((len(texts), self.model.config.hidden_size), dtype=np.float32)
        with torch.inference_mode():
            for start in range(0, len(texts), batch_size):
                idx = order[start : start + batch_size]
                encodings = self.tokenizer.encode_batch([texts[i] for i in idx])
                length = max(len(e.ids) for e in encodings)
                ids = torch.zeros((len(idx), length), dtype=torch.long)
                mask = torch.zeros((len(idx), length), dtype=torch.long)
                for row, e in enumerate(encodings):
                    ids[row, : len(e.ids)] = torch.tensor(e.ids)
                    mask[row, : len(e.ids)] = 1
                hidden = self.model(input_ids=ids, attention_mask=mask, token_type_ids=torch.zeros_like(ids)).last_hidden_state
                weights = mask.unsqueeze(-1).to(hidden.dtype)
                pooled = (hidden * weights).sum(1) / weights.sum(1).clamp(min=1e-9)
                if self.normalize:
                    pooled = torch.nn.functional.normalize(pooled, p=2, dim=1)
                result[idx] = pooled.numpy()
        return result
