"""The one encoder: sentence-transformers models exported to ONNX once, cached, and run on onnxruntime.

No multilingual weights exist offline, so the e5 path (prefixes, mean pooling, normalisation) is tested on tiny
randomly initialised BERT models these tests build themselves; the packaged MiniLM is checked in the slow suite.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from assistant import onnx_encoder
from assistant.embeddings import SentenceTransformerEmbeddings
from assistant.errors import CocreateError

TEXTS = [
    "Hvordan får vi kollegerne med?",
    "what",
    "passage query the " * 20,  # longer than the tiny model's 32 word pieces: truncated
    "Æbler, pærer og blåbær: hvad er det?",
]
VOCAB = (
    ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    + list("abcdefghijklmnopqrstuvwxyzæøå?.,:")
    + ["##" + c for c in "abcdefghijklmnopqrstuvwxyzæøå"]
    + ["query", "passage", "hvordan", "får", "vi", "kollegerne", "med", "the", "what", "##er", "##ne", "##en"]
)


def _tiny_model(root: Path, name: str, pooling: str, normalize: bool) -> Path:
    """A randomly initialised two-layer BERT with a WordPiece vocabulary, saved as a sentence-transformers folder."""
    import torch
    from sentence_transformers import SentenceTransformer
    from tokenizers import Tokenizer, models, normalizers, pre_tokenizers, processors
    from transformers import BertConfig, BertModel, PreTrainedTokenizerFast

    try:
        from sentence_transformers.sentence_transformer.modules import Normalize, Pooling, Transformer
    except ImportError:  # sentence-transformers < 6
        from sentence_transformers.models import Normalize, Pooling, Transformer

    raw = root / f"{name}-hf"
    raw.mkdir()
    wordpiece = Tokenizer(models.WordPiece({w: i for i, w in enumerate(VOCAB)}, unk_token="[UNK]"))
    wordpiece.normalizer = normalizers.BertNormalizer(lowercase=True, strip_accents=False)
    wordpiece.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    wordpiece.post_processor = processors.BertProcessing(("[SEP]", VOCAB.index("[SEP]")), ("[CLS]", VOCAB.index("[CLS]")))
    special = {f"{k}_token": f"[{k.upper()}]" for k in ("unk", "sep", "pad", "cls", "mask")}
    PreTrainedTokenizerFast(tokenizer_object=wordpiece, **special).save_pretrained(raw)
    torch.manual_seed(0)
    config = BertConfig(vocab_size=len(VOCAB), hidden_size=32, num_hidden_layers=2, num_attention_heads=4, intermediate_size=64, max_position_embeddings=64)
    BertModel(config).save_pretrained(raw)
    modules = [Transformer(str(raw), max_seq_length=32), Pooling(32, pooling_mode=pooling)] + ([Normalize()] if normalize else [])
    folder = root / name
    SentenceTransformer(modules=modules, device="cpu").save(str(folder))
    return folder


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Two tiny models (e5-named mean + normalise; cls without normalising), each exported once into a shared cache."""
    root = tmp_path_factory.mktemp("tiny-models")
    models = {
        "e5": _tiny_model(root, "tiny-e5-bert", "mean", normalize=True),
        "cls": _tiny_model(root, "tiny-bert-cls", "cls", normalize=False),
    }
    cache = root / "cache"
    for folder in models.values():
        SentenceTransformerEmbeddings(str(folder), cache_dir=cache).max_tokens()
    return {**models, "cache": cache}


@pytest.fixture
def cache(tiny: dict[str, Path], tmp_path: Path) -> Path:
    """A private copy of the shared export cache, for tests that damage it."""
    return Path(shutil.copytree(tiny["cache"], tmp_path / "cache"))


def _sentence_transformers(folder: Path, texts: list[str]) -> np.ndarray:
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(folder), device="cpu").encode(texts, convert_to_numpy=True)


def _cosines(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return (a * b).sum(1) / np.linalg.norm(a, axis=1) / np.linalg.norm(b, axis=1)


@pytest.mark.parametrize("kind", ["e5", "cls"])
def test_onnx_vectors_equal_sentence_transformers(tiny: dict[str, Path], kind: str):
    folder = tiny[kind]
    embeddings = SentenceTransformerEmbeddings(str(folder), cache_dir=tiny["cache"])
    prefixes = ("query: ", "passage: ") if kind == "e5" else ("", "")
    assert (embeddings.query_prefix, embeddings.passage_prefix) == prefixes

    queries = np.array([embeddings.embed_query(t) for t in TEXTS])
    documents = np.array(embeddings.embed_documents(TEXTS))  # one padded batch of mixed lengths
    expected_queries = _sentence_transformers(folder, [prefixes[0] + t for t in TEXTS])
    expected_documents = _sentence_transformers(folder, [prefixes[1] + t for t in TEXTS])
    assert np.all(_cosines(queries, expected_queries) > 0.9999)
    assert np.all(_cosines(documents, expected_documents) > 0.9999)
    assert np.allclose(np.linalg.norm(documents, axis=1), 1.0, atol=1e-5) == (kind == "e5")  # Normalize module or not
    if kind == "e5":  # the prefixes change the vectors
        assert not np.allclose(queries, documents, atol=1e-4)


def test_token_counts_and_limit_follow_the_model(tiny: dict[str, Path]):
    from sentence_transformers import SentenceTransformer

    embeddings = SentenceTransformerEmbeddings(str(tiny["e5"]), cache_dir=tiny["cache"])
    tokenizer = SentenceTransformer(str(tiny["e5"]), device="cpu").tokenizer
    assert embeddings.max_tokens() == 32
    assert tokenizer.tokenize("Hvordan får vi kollegerne?") == ["hvordan", "får", "vi", "kollegerne", "?"]
    for text in TEXTS:
        assert embeddings.count_tokens(text) == len(tokenizer("passage: " + text)["input_ids"])
    assert embeddings.count_tokens(TEXTS[2]) > 32  # counted before truncation


def test_a_second_load_reuses_the_cache(cache: Path, tiny: dict[str, Path], monkeypatch: pytest.MonkeyPatch):
    [entry] = [p for p in cache.iterdir() if p.is_dir() and "tiny-e5-bert-" in p.name]
    before = (entry / "model.onnx").stat().st_mtime_ns

    def no_export(*args, **kwargs):
        raise AssertionError("exported again")

    monkeypatch.setattr(onnx_encoder, "_export", no_export)
    assert len(SentenceTransformerEmbeddings(str(tiny["e5"]), cache_dir=cache).embed_query("hvordan")) == 32
    assert (entry / "model.onnx").stat().st_mtime_ns == before


def _damage(entry: Path, how: str) -> None:
    model = entry / "model.onnx.data"  # the weights
    data = model.read_bytes()
    if how == "truncate":  # an interrupted write
        model.write_bytes(data[: len(data) // 2])
    elif how == "flip":  # same size, other bytes
        model.write_bytes(data[:-64] + bytes(64))
    elif how == "no-manifest":  # the export stopped before its last step
        (entry / "encoder.json").unlink()
    elif how == "bad-manifest":
        (entry / "encoder.json").write_text("{")
    elif how == "no-graph":
        (entry / "model.onnx").unlink()


@pytest.mark.parametrize("how", ["truncate", "flip", "no-manifest", "bad-manifest", "no-graph"])
def test_a_damaged_cache_entry_is_detected(cache: Path, how: str):
    [entry] = [p for p in cache.iterdir() if p.is_dir() and "tiny-e5-bert-" in p.name]
    assert onnx_encoder._load_cached(entry) is not None
    _damage(entry, how)
    assert onnx_encoder._load_cached(entry) is None


def test_a_damaged_cache_is_rebuilt(cache: Path, tiny: dict[str, Path], monkeypatch: pytest.MonkeyPatch):
    [entry] = [p for p in cache.iterdir() if p.is_dir() and "tiny-e5-bert-" in p.name]
    _damage(entry, "truncate")
    exports = []
    real_export = onnx_encoder._export
    monkeypatch.setattr(onnx_encoder, "_export", lambda *a: exports.append(a) or real_export(*a))

    vector = SentenceTransformerEmbeddings(str(tiny["e5"]), cache_dir=cache).embed_query("hvordan")
    assert len(exports) == 1
    assert onnx_encoder._load_cached(entry) is not None  # the same entry, whole again
    expected = _sentence_transformers(tiny["e5"], ["query: hvordan"])
    assert _cosines(np.array([vector]), expected)[0] > 0.9999
    assert not [p for p in cache.iterdir() if p.name.startswith(".export-")]  # no temporary folder left behind


def test_a_hugging_face_id_is_exported_from_the_hub_cache(tiny: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The deployment path (``COCREATE_EMBED_MODEL=intfloat/multilingual-e5-small``), offline: the id resolves to the
    Hugging Face cache that sentence-transformers/huggingface_hub fill on first use, and the e5 prefixes apply."""
    import huggingface_hub.constants

    hub = tmp_path / "hub"
    repo = hub / "models--intfloat--tiny-e5-small"
    shutil.copytree(tiny["e5"], repo / "snapshots" / ("0" * 40))
    (repo / "refs").mkdir()
    (repo / "refs" / "main").write_text("0" * 40)
    monkeypatch.setenv("HF_HUB_CACHE", str(hub))
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_CACHE", str(hub))

    embeddings = SentenceTransformerEmbeddings("intfloat/tiny-e5-small", cache_dir=tmp_path / "cache")
    assert (embeddings.query_prefix, embeddings.passage_prefix) == ("query: ", "passage: ")
    vector = embeddings.embed_query("hvordan")
    assert _cosines(np.array([vector]), _sentence_transformers(tiny["e5"], ["query: hvordan"]))[0] > 0.9999
    assert [p.name for p in (tmp_path / "cache").iterdir() if p.is_dir()][0].startswith("intfloat-tiny-e5-small-")


def test_a_query_never_imports_torch(tiny: dict[str, Path]):
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from assistant.embeddings import SentenceTransformerEmbeddings\n"
        f"e = SentenceTransformerEmbeddings({str(tiny['e5'])!r}, cache_dir=Path({str(tiny['cache'])!r}))\n"
        "assert len(e.embed_query('hvordan')) == 32 and e.count_tokens('hvordan') == 5\n"
        "heavy = [m for m in ('torch', 'transformers', 'sentence_transformers') if m in sys.modules]\n"
        "assert not heavy, heavy\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_a_missing_model_is_a_settings_error(tmp_path: Path):
    embeddings = SentenceTransformerEmbeddings(str(tmp_path / "no-such-model"), cache_dir=tmp_path / "cache")
    with pytest.raises(CocreateError, match="COCREATE_EMBED_MODEL"):
        embeddings.embed_query("hvordan")


def test_pooling_configs_old_and_new():
    assert onnx_encoder.pooling_modes({"pooling_mode_mean_tokens": True, "pooling_mode_cls_token": False}) == ("mean",)
    assert onnx_encoder.pooling_modes({"pooling_mode": ["cls", "mean"]}) == ("cls", "mean")
    with pytest.raises(CocreateError):
        onnx_encoder.pooling_modes({"pooling_mode": "weightedmean"})


@pytest.mark.slow
def test_packaged_minilm_on_onnx_equals_sentence_transformers(real_assistant):
    from sentence_transformers import SentenceTransformer

    embeddings = real_assistant.embeddings
    model = SentenceTransformer(embeddings.path, device="cpu")
    texts = ["Hvordan får vi kollegerne med?", "What should management signal?", real_assistant.chunks[0].embed_text()]
    expected = model.encode(texts, convert_to_numpy=True, normalize_embeddings=True)
    assert np.all(_cosines(np.array([embeddings.embed_query(t) for t in texts]), expected) > 0.9999)
    assert np.all(_cosines(np.array(embeddings.embed_documents(texts)), expected) > 0.9999)
    assert embeddings.max_tokens() == 256
    assert all(embeddings.count_tokens(t) == len(model.tokenizer(t)["input_ids"]) for t in texts)
