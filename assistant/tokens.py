"""Token counting with tiktoken's cl100k_base, offline: the BPE file ships inside the package."""
from __future__ import annotations

import functools
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import tiktoken

_BPE_FILE = "cl100k_base.tiktoken"
_BPE_SHA256 = "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7"  # tiktoken's own expected hash
# cl100k_base as tiktoken_ext.openai_public defines it (that constructor would fetch the file by URL).
_PATTERN = r"""'(?i:[sdmt]|ll|ve|re)|[^\r\n\p{L}\p{N}]?+\p{L}++|\p{N}{1,3}+| ?[^\s\p{L}\p{N}]++[\r\n]*+|\s++$|\s*[\r\n]|\s+(?!\S)|\s"""
_SPECIAL = {"<|endoftext|>": 100257, "<|fim_prefix|>": 100258, "<|fim_middle|>": 100259, "<|fim_suffix|>": 100260, "<|endofprompt|>": 100276}


@functools.lru_cache(maxsize=1)
def encoding() -> "tiktoken.Encoding":
    """cl100k_base, built from the packaged BPE file (never downloaded; the environment is left alone)."""
    import tiktoken
    from tiktoken.load import load_tiktoken_bpe

    with resources.as_file(resources.files("assistant") / "data" / "tiktoken" / _BPE_FILE) as path:
        if not path.is_file():
            raise RuntimeError(f"The packaged tiktoken file is missing ({path}); reinstall cocreate.")
        ranks = load_tiktoken_bpe(str(path), expected_hash=_BPE_SHA256)
    return tiktoken.Encoding(name="cl100k_base", pat_str=_PATTERN, mergeable_ranks=ranks, special_tokens=_SPECIAL)


def count_tokens(text: str) -> int:
    """How many cl100k_base tokens ``text`` is (special-token look-alikes count as text)."""
    return len(encoding().encode(text, disallowed_special=()))


def truncate_tokens(text: str, limit: int) -> str:
    """``text`` cut to its first ``limit`` tokens."""
    ids = encoding().encode(text, disallowed_special=())
    return text if len(ids) <= limit else encoding().decode(ids[:limit])
