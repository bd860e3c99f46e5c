"""Save while typing: a small trusted script that commits a wizard's text field after a pause in typing and before the page goes."""
from __future__ import annotations

from typing import Any

import streamlit as st

PAUSE_MS = 700  # a commit this long after the last keystroke; each commit reruns the page, which autosaves the draft

# Our own fixed code, never user text. It presses the key Streamlit commits a field with (Ctrl+Enter in a text
# area, Enter in a text input), as a user would, so the value goes the usual way: widget -> rerun -> autosave.
_JS = """
export default function (component) {
  const root = component.parentElement;
  const doc = (root && root.ownerDocument) || document;
  const win = doc.defaultView || window;
  const typing = win.__cocreateTyping || (win.__cocreateTyping = { mounted: 0, timers: new Map(), installed: false });
  typing.mounted += 1;
  const fields = '[data-testid="stTextArea"] textarea, [data-testid="stTextInput"] input';
  const commit = (el) => {
    typing.timers.delete(el);
    if (!el.isConnected) return;
    const area = el.tagName === "TEXTAREA";
    el.dispatchEvent(new KeyboardEvent("keydown", {key: "Enter", code: "Enter", keyCode: 13, which: 13, ctrlKey: area, bubbles: true, cancelable: true}));
  };
  if (!typing.installed) {
    typing.installed = true;
    doc.addEventListener("input", (event) => {
      const el = event.target;
      if (typing.mounted < 1 || !el || !el.matches || !el.matches(fields) || el.closest('[data-testid="stForm"]')) return;
      clearTimeout(typing.timers.get(el));
      typing.timers.set(el, setTimeout(() => commit(el), PAUSE_MS));
    }, true);
    const flush = (event) => {
      if (typing.timers.size === 0) return;
      for (const [el, timer] of [...typing.timers]) { clearTimeout(timer); commit(el); }
      if (event.type === "beforeunload") { event.preventDefault(); event.returnValue = ""; }
    };
    win.addEventListener("beforeunload", flush);
    win.addEventListener("pagehide", flush);
  }
  return () => { typing.mounted -= 1; };
}
""".replace("PAUSE_MS", str(PAUSE_MS))

_component: Any = None


def save_while_typing() -> None:
    """Mount the script on this page (once per page run); it does nothing where there are no text fields."""
    global _component
    if _component is None:
        _component = st.components.v2.component("cocreate.save_while_typing", js=_JS, isolate_styles=False)
    _component(key="cocreate.save_while_typing")
