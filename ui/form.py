"""A wizard step's form: widgets that start from the open draft's data and write back what the user enters."""
from __future__ import annotations

import re
from typing import Any, Literal, Sequence, get_args, get_origin

import streamlit as st
from pydantic import BaseModel

from assistant.planning import MAX_TEXT

from ui import state
from ui.evidence import Evidence
from ui.i18n import label, number, t


MAX_NUMBER = 10_000.0


def parse_number(text: str, language: str = "da") -> float | None:
    """A number as a Danish or English user types it; None when it is not one.

    The page's language reads the separators: in Danish "1.000" is a thousand and "7,5" a decimal, in English "1,000"
    and "7.5". The other separator alone still reads as a decimal ("7.5" on a Danish page), and with both, the last
    one is the decimal separator ("1.000,5", "1,000.5").
    """
    cleaned = text.strip().replace(" ", "").replace("\u00a0", "")
    if not cleaned:
        return None
    thousands = "." if language == "da" else ","
    if "." in cleaned and "," in cleaned:
        decimal = "," if cleaned.rfind(",") > cleaned.rfind(".") else "."
        whole, _, fraction = cleaned.rpartition(decimal)
        if not _GROUPED.fullmatch(whole.replace("," if decimal == "." else ".", "_")):
            return None
        cleaned = whole.replace(",", "").replace(".", "") + "." + fraction
    elif thousands in cleaned and _GROUPED.fullmatch(cleaned.replace(thousands, "_")):
        cleaned = cleaned.replace(thousands, "")
    else:
        cleaned = cleaned.replace(",", ".")
    try:
        number = float(cleaned)
    except ValueError:
        return None
    return number if number == number and abs(number) != float("inf") else None  # no NaN, no infinity


_GROUPED = re.compile(r"[+-]?\d{1,3}(_\d{3})+|[+-]?\d+")  # digits in groups of three after the first (a thousands separator)


def format_number(value: float, language: str) -> str:
    """``value`` as the page's language writes it: 7,5 in Danish, 7.5 in English; 40 without decimals."""
    text = f"{value:g}"
    return text.replace(".", ",") if language == "da" else text


def options(model: type[BaseModel], name: str) -> tuple[str, ...]:
    """The values a model's field allows (its Literal), so the choices offered are the core's, not a copy."""

    def literal(annotation: Any) -> tuple[str, ...]:
        if get_origin(annotation) is Literal:
            return get_args(annotation)
        for arg in get_args(annotation):
            if found := literal(arg):
                return found
        return ()

    return literal(model.model_fields[name].annotation)


class Form:
    """The open draft's data, and widgets that read their start value from it and write back what the user enters."""

    def __init__(self, draft_id: str, data: dict[str, Any], language: str) -> None:
        self.draft_id = draft_id
        self.data = data
        self.language = language
        self.rerun = False  # set by a step that changed the data's shape (added or removed a row)
        self.too_long: list[str] = []  # text fields over the limit: not saved yet, so the page does not move on
        self.invalid: list[str] = []  # the titles of number fields holding what is not a number in range: not saved yet, likewise
        self.waiting: list[str] = []  # the titles of every field above: what the page must not call saved
        self.evidence = Evidence()  # the report's excerpts this page has shown: the step's, then "What the report says"

    def key(self, name: str) -> str:
        return state.widget_key(self.draft_id, name)

    def choice_key(self, name: str) -> str:
        """A key per language for widgets that show labels: switching language draws them afresh from the saved value."""
        return state.widget_key(self.draft_id, f"{name}.{self.language}")

    def text(self, name: str, title: str, *, area: bool = False, help: str | None = None, placeholder: str | None = None) -> str:
        value = str(self.data.get(name) or "")
        widget = st.text_area if area else st.text_input
        # No max_chars: the browser would refuse a long paste without a word. The text arrives whole, stays in the
        # field, and the field says how much too long it is (the draft keeps its last valid version until then).
        self.data[name] = widget(title, value=value, key=self.key(name), help=help, placeholder=placeholder)
        if len(self.data[name].strip()) > MAX_TEXT:
            self.text_waits(name, title)
            st.warning(t("wizard.text_too_long", n=number(len(self.data[name].strip())), max=number(MAX_TEXT)), icon=":material/warning:")
        return self.data[name]

    def text_waits(self, name: str, title: str) -> None:
        """The text typed into field ``name`` (labelled ``title``) is too long: not saved yet, and not to be left behind."""
        self.too_long.append(name)
        self.waiting.append(title)

    def choice(self, name: str, options: Sequence[str], title: str, *, help: str | None = None) -> str | None:
        """One of ``options`` or none (click the chosen one again to clear it)."""
        current = self.data.get(name)
        self.data[name] = st.pills(
            title, list(options), default=current if current in options else None, format_func=label, key=self.choice_key(name), help=help, wrap=True
        )
        return self.data[name]

    def choices(self, name: str, options: Sequence[str], title: str, *, help: str | None = None) -> list[str]:
        current = [v for v in self.data.get(name) or [] if v in options]
        self.data[name] = list(
            st.pills(title, list(options), selection_mode="multi", default=current, format_func=label, key=self.choice_key(name), help=help, wrap=True)
        )
        return self.data[name]

    def number(self, name: str, title: str, *, help: str | None = None) -> float | None:
        """A number of hours or the like, typed as text so the page can say in its own language what is wrong.

        Accepts "7,5" and "7.5"; shows a decimal the way the page's language writes it. A number outside 0..10,000 or
        text that is not a number stays in the field with a message there, and the draft keeps its last valid value.
        """
        return self.number_in(self.data, name, self.key(name), title, help=help)

    def number_in(self, target: dict[str, Any], name: str, key: str, title: str, *, whole: bool = False, help: str | None = None) -> Any:
        """``number`` for a value kept in ``target`` (a row of the draft); ``whole``: a count, empty meaning 0."""
        current = target.get(name)
        value = float(current) if isinstance(current, (int, float)) and not isinstance(current, bool) else None
        shown = "" if value is None else format_number(value, self.language)
        typed = st.text_input(title, value=shown, key=key, help=help, placeholder=t("wizard.number_placeholder"))
        parsed = parse_number(typed, self.language)
        if typed.strip() and (parsed is None or not 0 <= parsed <= MAX_NUMBER or (whole and parsed != int(parsed))):
            self.invalid.append(title)
            self.waiting.append(title)
            st.warning(t("wizard.whole_number_invalid" if whole else "wizard.number_invalid", typed=typed.strip()[:40]), icon=":material/warning:")
            return current
        target[name] = (int(parsed) if parsed is not None else 0) if whole else parsed
        return target[name]

    def rating(self, statement_id: str, title: str) -> None:
        """A 1-5 slider with a "rated" tick: a statement counts once its slider was moved or the tick was set.

        An untouched slider stands at 3 and is no rating. Moving the slider sets the tick; a user who means the middle
        (3), which moves nothing, sets the tick by hand, and unticking leaves the statement unrated again.
        """
        ratings: dict[str, int] = dict(self.data.get("ratings") or {})
        key = self.key(f"rating.{statement_id}")
        counted_key = self.key(f"rating.{statement_id}.counted")
        state.init_widget(counted_key, statement_id in ratings)
        row = st.container(horizontal=True, vertical_alignment="bottom", gap="medium")  # the tick as wide as its label, the slider the rest
        value = row.slider(title, 1, 5, value=int(ratings.get(statement_id, 3)), key=key, on_change=state.set_widget, args=(counted_key, True))
        if row.checkbox(t("rating.counted"), key=counted_key, help=t("rating.counted.help"), width="content"):
            ratings[statement_id] = value
        else:
            ratings.pop(statement_id, None)
        self.data["ratings"] = ratings
