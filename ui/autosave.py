"""Save while typing, a new step at its top, the browser's language: small trusted scripts of our own, no user text in them."""
from __future__ import annotations

from typing import Any

import streamlit as st

PAUSE_MS = 700  # a commit this long after the last keystroke; each commit reruns the page, which autosaves the draft

ENTER_CLICKS = "cocreate-enter-clicks"  # the key prefix of a container in which Enter in its text field clicks its button

# Our own fixed code, never user text. It presses the key Streamlit commits a field with (Ctrl+Enter in a text
# area, Enter in a text input), as a user would, so the value goes the usual way: widget -> rerun -> autosave.
# A press of Enter by the user (a trusted event, never the script's own) in a text input inside an ENTER_CLICKS
# container also clicks that container's button, after Streamlit has taken the value: Enter adds, like the button.
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
    doc.addEventListener("keydown", (event) => {
      const el = event.target;
      if (!event.isTrusted || event.key !== "Enter" || event.isComposing || typing.mounted < 1) return;
      if (!el || !el.matches || !el.matches('[data-testid="stTextInput"] input')) return;
      const box = el.closest('[class*="st-key-ENTER_CLICKS"]');
      const button = box && box.querySelector("button");
      if (!button) return;
      clearTimeout(typing.timers.get(el));
      typing.timers.delete(el);
      setTimeout(() => { if (button.isConnected && !button.disabled) button.click(); }, 0);
    }, true);
  }
  return () => { typing.mounted -= 1; };
}
""".replace("PAUSE_MS", str(PAUSE_MS)).replace("ENTER_CLICKS", ENTER_CLICKS)

_component: Any = None


def save_while_typing() -> None:
    """Mount the script on this page (once per page run); it does nothing where there are no text fields."""
    global _component
    if _component is None:
        _component = st.components.v2.component("cocreate.save_while_typing", js=_JS, isolate_styles=False)
    _component(key="cocreate.save_while_typing")


def enter_clicks(name: str) -> Any:
    """A container whose text field's Enter clicks its button (the page must mount save_while_typing)."""
    return st.container(key=f"{ENTER_CLICKS}-{name}")


# Our own fixed code: scroll the page to its top. Mounted once per wizard step (keyed by it), so a new step opens at
# its heading instead of where "Next" was clicked, at the bottom; reruns within a step keep the reader's place.
_TOP_JS = """
export default function (component) {
  const root = component.parentElement;
  const doc = (root && root.ownerDocument) || document;
  const win = doc.defaultView || window;
  for (const el of [doc.querySelector('[data-testid="stMain"]'), doc.querySelector('[data-testid="stAppViewContainer"]'), doc.scrollingElement]) {
    if (el) el.scrollTop = 0;
  }
  win.scrollTo(0, 0);
}
"""

_top: Any = None


def top_of_step(step_key: str) -> None:
    """Scroll to the top when this step is first shown in the tab."""
    global _top
    if _top is None:
        _top = st.components.v2.component("cocreate.top_of_step", js=_TOP_JS, isolate_styles=False)
    _top(key=f"cocreate.top.{step_key}")


# Our own fixed code: remember the page's language in this browser (a cookie the server reads when a new session
# starts without ?lang, e.g. from a bookmark). One script per language, so no value is ever put into the code.
_LANGUAGE_JS = """
export default function (component) {
  const doc = (component.parentElement && component.parentElement.ownerDocument) || document;
  doc.cookie = "COOKIE=LANG; path=/; max-age=31536000; SameSite=Lax";
}
"""

_language: dict[str, Any] = {}
LANG_COOKIE = "cocreate_lang"


def remember_language(language: str) -> None:
    """Keep ``language`` ("da" or "en") as this browser's choice."""
    lang = "en" if language == "en" else "da"
    if lang not in _language:
        js = _LANGUAGE_JS.replace("COOKIE", LANG_COOKIE).replace("LANG", lang)
        _language[lang] = st.components.v2.component(f"cocreate.language_{lang}", js=js, isolate_styles=False)
    _language[lang](key=f"cocreate.language.{lang}")
