"""The wizards' domain layer, UI-free: content cited from the report, models, scoring, documents, drafts."""
from typing import Any

from ..corpus.planning_content import PlanningContent, check_planning, load_planning, planning_content
from ._scores import TIE_POINTS, Statement, interleaved, valid_ratings
from .advice import Advice, normalize_language
from .content import (
    advice_for,
    coherence_advice,
    evaluation_question,
    excerpt_advice,
    focus_advice,
    focus_excerpts,
    focus_risks,
    motive_advice,
    signal_advice,
    step_advice,
    step_query,
    step_risks,
    step_title,
    wizard_steps,
    wizard_title,
)
from .culture import (
    CultureType,
    Question,
    culture_statements,
    culture_type,
    culture_types,
    discussion_items,
    discussion_questions,
    score_culture,
)
from .conversations import ConversationStore
from .documents import priorities_chart_data, render_docx, render_markdown
from .drafts import Draft, DraftStore, backup_size
from .identity import (
    TeamProfile,
    TypeInfo,
    framing_for,
    identity_statements,
    identity_type,
    identity_types,
    score_identity,
    team_profile,
)
from .inventory import all_advice
from .models import (
    CULTURE_TYPE_IDS,
    EVALUATION_LEVELS,
    FOCUS_PRODUCT,
    IDENTITY_TYPE_IDS,
    LEVEL_RANK,
    MAX_TEXT,
    MODELS,
    CultureAnswers,
    CultureProfile,
    EvaluationLevel,
    EvaluationPlan,
    FourPPlan,
    IdentityAnswers,
    IdentityProfile,
    InvalidValue,
    PrioritisationDraft,
    PriorityArea,
    default_levels,
    label,
    load_model,
)
from .repeats import flat, longest, readable, unseen, within
from .sources import source_exists, source_label, source_path, source_speaker, source_texts

# Read from corpus/planning on first use, so importing the package reads no files.
_LAZY = {"STEPS": "content", "STEP_TITLES": "content", "WIZARDS": "content", "WIZARD_TITLES_EN": "content",
         "IDENTITY_STATEMENTS": "identity", "CULTURE_STATEMENTS": "culture"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "backup_size",
    "interleaved",
    "valid_ratings",
    "Advice",
    "CULTURE_STATEMENTS",
    "CULTURE_TYPE_IDS",
    "CultureAnswers",
    "CultureProfile",
    "CultureType",
    "Draft",
    "ConversationStore",
    "DraftStore",
    "EVALUATION_LEVELS",
    "EvaluationLevel",
    "EvaluationPlan",
    "FOCUS_PRODUCT",
    "FourPPlan",
    "IDENTITY_STATEMENTS",
    "IDENTITY_TYPE_IDS",
    "IdentityAnswers",
    "IdentityProfile",
    "InvalidValue",
    "LEVEL_RANK",
    "MAX_TEXT",
    "MODELS",
    "PrioritisationDraft",
    "PriorityArea",
    "Question",
    "STEPS",
    "STEP_TITLES",
    "Statement",
    "TeamProfile",
    "TIE_POINTS",
    "TypeInfo",
    "WIZARDS",
    "WIZARD_TITLES_EN",
    "all_advice",
    "advice_for",
    "check_planning",
    "culture_statements",
    "evaluation_question",
    "excerpt_advice",
    "focus_excerpts",
    "identity_statements",
    "load_planning",
    "planning_content",
    "wizard_steps",
    "PlanningContent",
    "coherence_advice",
    "culture_type",
    "culture_types",
    "default_levels",
    "discussion_items",
    "discussion_questions",
    "focus_advice",
    "focus_risks",
    "framing_for",
    "identity_type",
    "identity_types",
    "label",
    "load_model",
    "motive_advice",
    "normalize_language",
    "priorities_chart_data",
    "render_docx",
    "render_markdown",
    "score_culture",
    "score_identity",
    "signal_advice",
    "source_exists",
    "source_label",
    "source_speaker",
    "source_path",
    "source_texts",
    "step_advice",
    "step_query",
    "step_risks",
    "step_title",
    "team_profile",
    "wizard_title",
    "flat",
    "longest",
    "readable",
    "unseen",
    "within",
]
