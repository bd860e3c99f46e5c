"""cocreate: plan co-creation with students in academic libraries, grounded in the DEFF evaluation report."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .config import Settings
from .errors import BackendError, CocreateError, CorpusError, InputError, StoreError

if TYPE_CHECKING:
    from .answers import Answer, AnswerEvent, Citation
    from .bilingual import Bilingual
    from .grounding import fence
    from .chunking import table_row_text
    from .coherence import flagged_sentences
    from .compose import align_sentences
    from .corpus import Corpus, Translations, is_verbatim, load_corpus, load_translations, packaged_corpus_dir, reading_text
    from .corpus.text import QUOTE, comparable, split_sentences
    from .app import Assistant
    from .labels import LabelCatalogue, label, label_catalogue
    from .language import detect_language, tokenize
    from .llm import get_chat_model
    from .prompts import load_prompt_spec
    from .retrieval import Filters, Hit

__all__ = [
    # The assistant, its settings, answers and errors: what the app and the command line use.
    "Answer",
    "AnswerEvent",
    "Assistant",
    "Bilingual",
    "BackendError",
    "Citation",
    "CocreateError",
    "CorpusError",
    "Filters",
    "Hit",
    "InputError",
    "Settings",
    "StoreError",
    # The report as data, and the text tools that read it the way the core does (the eval suite scores with them).
    "Corpus",
    "QUOTE",
    "Translations",
    "align_sentences",
    "comparable",
    "detect_language",
    "flagged_sentences",
    "is_verbatim",
    "load_corpus",
    "load_translations",
    "packaged_corpus_dir",
    "reading_text",
    "split_sentences",
    "table_row_text",
    "tokenize",
    # The one label catalogue of enumerated values (kinds, parts, speakers, levels, choices), in both languages.
    "LabelCatalogue",
    "label",
    "label_catalogue",
    # Language models and prompt files, for a judge model that checks answers.
    "fence",
    "get_chat_model",
    "load_prompt_spec",
]

_LAZY = {
    "Assistant": "app",
    "Bilingual": "bilingual",
    "Filters": "retrieval",
    "Hit": "retrieval",
    "Answer": "answers",
    "AnswerEvent": "answers",
    "Citation": "answers",
    "fence": "grounding",
    "Corpus": "corpus",
    "Translations": "corpus",
    "is_verbatim": "corpus",
    "load_corpus": "corpus",
    "load_translations": "corpus",
    "packaged_corpus_dir": "corpus",
    "reading_text": "corpus",
    "QUOTE": "corpus.text",
    "comparable": "corpus.text",
    "split_sentences": "corpus.text",
    "table_row_text": "chunking",
    "flagged_sentences": "coherence",
    "align_sentences": "compose",
    "detect_language": "language",
    "tokenize": "language",
    "get_chat_model": "llm",
    "load_prompt_spec": "prompts",
    "LabelCatalogue": "labels",
    "label": "labels",
    "label_catalogue": "labels",
}


def __getattr__(name: str) -> Any:
    """Heavy parts load on first use, so `import assistant` stays fast."""
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
