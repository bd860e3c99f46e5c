"""The Assistant: one object that wires corpus, index, retrieval and the answer chain; what the UI, CLI and eval call."""
from __future__ import annotations

import threading
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterator, Sequence

from .chunking import Chunk, make_chunks
from .config import Settings
from .corpus import Corpus, Translations, load_corpus, load_glossary, load_translations, packaged_corpus_dir
from .errors import InputError
from .index import Progress, SyncReport, VectorStore
from .question import clean_question
from .retrieval import Filters, Glossary, Hit, Mode, SearchEngine

if TYPE_CHECKING:
    from langchain_core.embeddings import Embeddings
    from langchain_core.language_models import BaseChatModel

    from .answers import Answer, AnswerEvent
    from .chain import Answerer
    from .needvectors import NeedVectors
    from .routing import NeedRouter
    from .sentencevectors import SentenceVectors
    from .thesaurus import Thesaurus
    from .topics import TopicMap

FOCUS_ROUTE = 0.75  # how clearly a query must fit a planning need before that need's passages are favoured (dev-tuned)
class Assistant:
    """Plans co-creation from the report: search passages, answer questions with citations.

    Thread-safe: one instance can serve every session of the app.
    """

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        embeddings: "Embeddings | None" = None,
        chat_model: "BaseChatModel | None" = None,
        notify: Callable[[str], None] | None = None,
    ) -> None:
        self.settings = settings or Settings()
        self._embeddings = embeddings
        self._chat_model = chat_model
        self.notify = notify or (lambda message: None)
        self._lock = threading.RLock()
        self._index_checked = False

    # -- data --------------------------------------------------------------------------------------------
    @property
    def corpus_dir(self) -> Path:
        return self.settings.corpus_dir or packaged_corpus_dir()

    @cached_property
    def corpus(self) -> Corpus:
        return load_corpus(self.corpus_dir, self.settings.ingest_dir())

    @cached_property
    def translations(self) -> Translations:
        return load_translations(self.corpus_dir)

    @cached_property
    def glossary(self) -> Glossary:
        return Glossary(load_glossary(self.corpus_dir))

    @cached_property
    def embeddings(self) -> "Embeddings":
        if self._embeddings is None:
            from .embeddings import get_embeddings

            self._embeddings = get_embeddings(self.settings)
        return self._embeddings

    @cached_property
    def chunks(self) -> list[Chunk]:
        counter = getattr(self.embeddings, "count_tokens", None)
        limit = getattr(self.embeddings, "max_tokens", lambda: 256)()
        return make_chunks(self.corpus, self.translations, counter, limit)

    @cached_property
    def store(self) -> VectorStore:
        return VectorStore(self.settings, self.embeddings, self.notify)

    @cached_property
    def engine(self) -> SearchEngine:
        engine = SearchEngine(self.chunks, self.store, self.embeddings, self.glossary, self.settings, self.thesaurus)
        engine.focus = self._need_passages
        return engine

    def _need_passages(self, query: str, hits: list[Hit]) -> set[str]:
        """The corpus ids of the planning need ``query`` is clearly about (none when no need fits well)."""
        from .language import detect_language

        route = self.router.route(query, hits, detect_language(query, self.glossary.english_vocabulary), closeness=False)
        return set(route.need.items()) if route.need is not None and route.score >= FOCUS_ROUTE else set()

    @cached_property
    def corpus_text(self) -> str:
        """The report's own text (and ingested documents), for checking that a citation is verbatim."""
        from .corpus import reading_text

        return reading_text(self.corpus)

    @cached_property
    def thesaurus(self) -> "Thesaurus":
        from .lexical import BM25
        from .thesaurus import Thesaurus, load_concepts

        lexicon = BM25([c.text for c in self.chunks])
        return Thesaurus(load_concepts(self.corpus_dir), lexicon.tokens)

    @cached_property
    def router(self) -> "NeedRouter":
        """Which planning need a question is about (topic map, thesaurus, retrieved passages)."""
        from .routing import NeedRouter

        statements = {c.id: (c.text, c.english or "") for c in self.chunks if c.kind == "recommendation"}
        for paragraph in self.corpus.paragraphs:
            statements.setdefault(paragraph.id, (paragraph.text, self.translations.get(paragraph.id) or ""))
        return NeedRouter(self.topic_map, self.thesaurus, statements, self._closeness)

    def _closeness(self, question: str, language: str) -> list[float]:
        """How close the question's embedding (the one the search uses) is to each need's phrasings."""
        return self.need_vectors.closeness(self.engine.query_vector(question), language)

    @cached_property
    def need_vectors(self) -> "NeedVectors":
        """The needs' phrasings embedded once per model and map (cached in the index directory)."""
        from .needvectors import NeedVectors

        name = getattr(self.embeddings, "model_name", type(self.embeddings).__name__)
        return NeedVectors(self.topic_map, self.embeddings.embed_documents, name, self.settings.index_dir())

    @cached_property
    def topic_map(self) -> "TopicMap":
        from .topics import check_topic_map, load_topic_map

        topic_map = load_topic_map(self.corpus_dir)
        problems = check_topic_map(topic_map, self.corpus)
        if problems:
            from .errors import CorpusError

            raise CorpusError("The planning-topic map cites what the corpus lacks: " + "; ".join(problems[:5]))
        return topic_map

    # -- index -------------------------------------------------------------------------------------------
    def build_index(self, progress: Progress | None = None) -> SyncReport:
        """Bring the vector index up to date with the corpus (only what changed is embedded)."""
        with self._lock:
            report = self.store.sync(self.chunks, progress)
            _ = self.need_vectors, self.sentence_vectors  # embedded with the index, not on the first question
            self._index_checked = True
            return report

    def ensure_index(self, progress: Progress | None = None) -> SyncReport | None:
        """Build or update the index if it is missing or stale; None when it was current."""
        with self._lock:
            if self._index_checked:
                return None
            if self.store.is_current(self.chunks):
                self._index_checked = True
                return None
            self.notify("Building the search index (first use or changed corpus)…")
            return self.build_index(progress)

    # -- search ------------------------------------------------------------------------------------------
    def search(
        self,
        query: str,
        k: int | None = None,
        *,
        kind: str | Sequence[str] | None = None,
        speaker: str | Sequence[str] | None = None,
        part: str | Sequence[str] | None = None,
        mode: Mode = "hybrid",
    ) -> list[Hit]:
        """The passages that best answer ``query``, best first."""
        query = clean_question(query, self.settings.max_question_chars)
        if k is not None and not 1 <= k <= 100:
            raise InputError("k must be between 1 and 100.")
        filters = Filters.of(kind, speaker, part)
        if mode != "bm25":
            self.ensure_index()
        return self.engine.search(query, k, filters, mode)

    def retriever(self, k: int | None = None, filters: Filters | None = None, mode: Mode = "hybrid") -> Any:
        """A LangChain retriever over the same engine."""
        from .retrieval import HybridRetriever

        if mode != "bm25":
            self.ensure_index()
        return HybridRetriever(engine=self.engine, k=k or self.settings.search_k, filters=filters or Filters(), mode=mode)

    def forget_query_vectors(self) -> None:
        """Forget cached query embeddings, so each next search embeds its query afresh (to time it, say)."""
        self.engine.forget_query_vectors()

    # -- answers -----------------------------------------------------------------------------------------
    def ask(self, question: str, history: Sequence[dict[str, str]] | None = None, **filters: Any) -> "Answer":
        """A grounded answer with citations, in the question's language."""
        return self.answerer.ask(question, history or [], Filters.of(**filters))

    def stream(self, question: str, history: Sequence[dict[str, str]] | None = None, **filters: Any) -> Iterator["AnswerEvent"]:
        """Answer events: text pieces as they come, then the finished answer with its sources."""
        return self.answerer.stream(question, history or [], Filters.of(**filters))

    @cached_property
    def answerer(self) -> "Answerer":
        """The answer chain, built from the parts this Assistant wires (it never reaches back into the Assistant)."""
        from .chain import AnswerParts, Answerer
        from .gaps import load_gaps
        from .thesaurus import Thesaurus, load_concepts

        parts = AnswerParts(
            settings=self.settings,
            engine=self.engine,
            router=self.router,
            thesaurus=self.thesaurus,
            outside=Thesaurus(load_concepts(self.corpus_dir, "outside"), self.engine.bm25.tokens),
            gaps=load_gaps(self.corpus_dir),
            glossary=self.glossary,
            topic_map=self.topic_map,
            chunks=self.chunks,
            sentence_english=self.sentence_english,
            ensure_index=self.ensure_index,
            chat_model=self._chat_model,
            meaning=self._meaning,
        )
        return Answerer(parts)

    def _meaning(self, question: str, language: str) -> Callable[[str], float]:
        """How close the question's embedding (the one the search uses) is to a report sentence (by its Danish text)."""
        return self.sentence_vectors.scorer(self.engine.query_vector(question), language)

    @cached_property
    def sentence_vectors(self) -> "SentenceVectors":
        """The report's sentences embedded once per model and text (cached in the index directory)."""
        from .corpus.text import split_sentences
        from .sentencevectors import SentenceVectors

        pairs: list[tuple[str, str | None]] = []
        for chunk in self.chunks:
            if chunk.kind == "paragraph":
                pairs += [(text, self.sentence_english.get(text)) for text in split_sentences(chunk.text)]
            else:
                pairs.append((chunk.text, chunk.english))
        name = getattr(self.embeddings, "model_name", type(self.embeddings).__name__)
        return SentenceVectors(pairs, self.embeddings.embed_documents, name, self.settings.index_dir())

    @cached_property
    def sentence_english(self) -> dict[str, str]:
        """Each sentence of the report's paragraphs -> its English rendering (where the sentences align)."""
        from .compose import align_sentences

        out: dict[str, str] = {}
        for paragraph in self.corpus.paragraphs:
            out.update(align_sentences(paragraph.text, self.translations.get(paragraph.id)))
        return out
