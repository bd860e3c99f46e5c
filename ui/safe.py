"""Untrusted text (corpus, user, language model) made safe for st.markdown: no HTML, links, images or math."""
from __future__ import annotations

import re

# Backslash-escaping these stops Markdown links, images, autolinks, HTML, math and Streamlit's
# :color[...] directives; emphasis, lists and headings still render.
_SPECIAL = re.compile(r"([\\\[\]()!<>$@`])")
_URL = re.compile(r"(?i)\b(https?|ftp|file|javascript|data|mailto)(:)(//)?")
_WWW = re.compile(r"(?i)\bwww\.")


def md(text: str | None) -> str:
    """``text`` for st.markdown: rendered as written, but never as a link, image, HTML or formula."""
    if not text:
        return ""
    out = _SPECIAL.sub(r"\\\1", str(text))
    out = _URL.sub(lambda m: m.group(1) + "\\:" + ("\\/\\/" if m.group(3) else ""), out)
    return _WWW.sub(lambda m: m.group(0)[:3] + "\\.", out)


def md_inline(text: str | None) -> str:
    """Like `md`, on one line (for labels and captions)."""
    return md(" ".join(str(text or "").split()))
