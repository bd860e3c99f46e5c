"""The structured corpus of the report: build it from the raw text, load it, ingest more documents."""
from .build import BUILT_FILES, BuildResult, build_corpus, stale_files, write_corpus
from .ingest import ingest_file
from .models import Corpus, Figure, FigureElement, Paragraph, Quote, Recommendation, Section, Statement, Table
from .store import Translations, is_verbatim, load_corpus, load_glossary, load_translations, packaged_corpus_dir, reading_text

__all__ = [
    "BUILT_FILES",
    "BuildResult",
    "Corpus",
    "Figure",
    "FigureElement",
    "Paragraph",
    "Quote",
    "Recommendation",
    "Section",
    "Statement",
    "Table",
    "Translations",
    "build_corpus",
    "ingest_file",
    "is_verbatim",
    "load_corpus",
    "load_glossary",
    "load_translations",
    "packaged_corpus_dir",
    "reading_text",
    "stale_files",
    "write_corpus",
]
