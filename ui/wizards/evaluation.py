"""The evaluation plan: Kirkpatrick's four levels, starting from the report's interview questions a-d."""
from __future__ import annotations

from functools import partial
from typing import Any

import streamlit as st

from assistant.planning import EVALUATION_LEVELS, EvaluationPlan, default_levels, evaluation_question
from ui.i18n import label, t
from ui.safe import md_inline
from ui.wizard import Form, Wizard


def initiativ(form: Form) -> None:
    form.text("initiative", t("evaluation.initiative"), area=True)
    st.markdown(f"**{t('evaluation.model')}**")
    for letter, level in zip("abcd", EVALUATION_LEVELS):
        question = evaluation_question(level)
        form.evidence.note(question)  # quoted here, so not again beside the step
        st.markdown(f"{letter}) **{label(level)}:** {md_inline(question.get(form.language))}")


def level_step(level: str, form: Form) -> None:
    levels: dict[str, Any] = dict(form.data.get("levels") or {})
    current = dict(levels.get(level) or {})
    question = evaluation_question(level)
    form.evidence.note(question)  # the report's question is the step's subject: quoted here, not again beside it
    st.markdown(f"**{t('evaluation.report_question')}:** {md_inline(question.get(form.language))}")
    questions = st.text_area(t("evaluation.questions"), value="\n".join(current.get("questions") or []), key=form.key(f"{level}.questions"),
                             height=140, max_chars=10000)
    current["questions"] = [q.strip() for q in questions.splitlines() if q.strip()]
    current["method"] = st.text_input(t("evaluation.method"), value=current.get("method") or "", key=form.key(f"{level}.method"),
                                      placeholder=t("evaluation.method.placeholder"), max_chars=1000)
    current["timing"] = st.text_input(t("evaluation.timing"), value=current.get("timing") or "", key=form.key(f"{level}.timing"),
                                      placeholder=t("evaluation.timing.placeholder"), max_chars=1000)
    levels[level] = current
    form.data["levels"] = levels


def _new_data(language: str) -> dict[str, Any]:
    return EvaluationPlan(levels=default_levels(language)).model_dump(mode="json")


WIZARD = Wizard(
    "evaluation", EvaluationPlan,
    {"initiativ": initiativ, **{level: partial(level_step, level) for level in EVALUATION_LEVELS}},
    new_data=_new_data,
)
