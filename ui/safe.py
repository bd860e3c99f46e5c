"""Untrusted text (corpus, user, language model) made safe for st.markdown: no HTML, links, images or math."""
from __future__ import annotations

import re

# Backslash-escaping these stops Markdown links, images, autolinks, HTML, math and Streamlit's
# :color[...] directives; emphasis, lists, headings, tables and block quotes still render.
_LINKISH = "[]()!<$@`"
_URL = re.compile(r"(?i)\b(https?|ftp|file|javascript|vbscript|data|mailto)(\\?:)(\\?/\\?/)?")
_WWW = re.compile(r"(?i)\bwww\\?\.")
_JOIN = "\u2060"  # word joiner: invisible, breaks the autolinker's patterns


def md(text: str | None) -> str:
    """Plain text for st.markdown: shown as written (bold and lists still work), never as a link, image, HTML or formula."""
    if not text:
        return ""
    return _neutralise_urls("".join("\\" + ch if ch == "\\" or ch in _LINKISH else ch for ch in str(text)))


def md_inline(text: str | None) -> str:
    """Like `md`, on one line (for labels and captions)."""
    return md(" ".join(str(text or "").split()))


def md_document(markdown: str | None) -> str:
    """Markdown that the core already escaped (its documents): keep its escapes and structure, neutralise links."""
    if not markdown:
        return ""
    out: list[str] = []
    chars = iter(str(markdown))
    for ch in chars:
        if ch == "\\":  # an existing escape pair stays as it is
            out.append(ch + next(chars, ""))
        elif ch in _LINKISH:
            out.append("\\" + ch)
        else:
            out.append(ch)
    return _neutralise_urls("".join(out))


def _neutralise_urls(text: str) -> str:
    """Break what GitHub-flavoured Markdown turns into links by itself (www., scheme://, e-mail addresses).

    Backslash escapes alone do not stop it: the autolinker runs on the text after escapes are resolved. An invisible
    word joiner (U+2060) inside each pattern does, and the text still reads and copies as written.
    """
    text = _URL.sub(lambda m: m.group(1) + "\\:" + _JOIN + ("\\/\\/" if m.group(3) else ""), text)
    text = _WWW.sub(lambda m: m.group(0)[:3] + _JOIN + "\\.", text)
    return text.replace("\\@", "\\@" + _JOIN)
