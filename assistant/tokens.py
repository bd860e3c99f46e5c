"""Token counting with tiktoken's cl100k_base, offline: the BPE file ships inside the package."""
from __future__ import annotations

import functools
import os
from importlib import resources

_BPE_NAME = "9b5ad71b2ce5302211f9c61530b329a4922fc6a4"  # sha1 of cl100k_base's URL: tiktoken's cache key


@functools.lru_cache(maxsize=1)
def encoding():  # noqa: ANN201 - tiktoken.Encoding, imported lazily
    """cl100k_base, loaded from the packaged BPE file (never downloaded)."""
    cache_dir = str(resources.files("assistant") / "data" / "tiktoken")
    if not os.path.exists(os.path.join(cache_dir, _BPE_NAME)):
        raise RuntimeError(f"The packaged tiktoken file is missing from {cache_dir}; reinstall cocreate.")
    previous = os.environ.get("TIKTOKEN_CACHE_DIR")
    os.environ["TIKTOKEN_CACHE_DIR"] = cache_dir
    try:
        import tiktoken

        return tiktoken.get_encoding("cl100k_base")
    finally:
        if previous is None:
            os.environ.pop("TIKTOKEN_CACHE_DIR", None)
        else:
            os.environ["TIKTOKEN_CACHE_DIR"] = previous


def count_tokens(text: str) -> int:
    return len(encoding().encode(text, disallowed_special=()))


def truncate_tokens(text: str, limit: int) -> str:
    ids = encoding().encode(text, disallowed_special=())
    return text if len(ids) <= limit else encoding().decode(ids[:limit])
