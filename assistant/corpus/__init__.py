"""The structured corpus of the report: build it from the raw text, load it, ingest more documents."""
from .build import BUILT_FILES, BuildResult, build_corpus, stale_files, write_corpus
from .ingest import ingest_file
from .models import Corpus, Figure, FigureElement, Paragraph, Quote, Recommendation, Section, Statement, Table
from .store import Translations, load_corpus, load_glossary, load_translations, packaged_corpus_dir

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
    "load_corpus",
    "load_glossary",
    "load_translations",
    "packaged_corpus_dir",
    "stale_files",
    "write_corpus",
]
