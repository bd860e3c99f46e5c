"""Hybrid search: BM25 and dense rankings fused by weighted reciprocal rank, thesaurus expansion, distinct passages."""
from __future__ import annotations

import os
import re
import threading
from dataclasses import dataclass, replace
from typing import Any, Callable, Iterable, Literal, Sequence

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.embeddings import Embeddings
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from .chunking import KINDS, PARTS, Chunk
from .config import Settings
from .errors import InputError
from .index import VectorStore
from .language import detect_language, tokenize
from .lexical import BM25
from .question import is_fact
from .thesaurus import Thesaurus

# Weight of the thesaurus's report terms beside the question's own words (BM25 extra terms). Measured on the
# dev split (eval/README.md); the test split was not used to choose it.
THESAURUS_WEIGHT = 0.2
# A paragraph split into sub-chunks is returned as one passage (small-to-big): whole when it fits, else the
# window of its sentences around the sub-chunks that matched, up to this many characters.
WINDOW_CHARS = 900
TABLE_ROW = re.compile(r"^tabel-\d+\.r\d+$")
# Weight of the leg that ranks the passages of the planning need the query is about (topic map). Measured on dev.
NEED_WEIGHT = 0.2
# Weight of the leg that ranks whole tables for a question after a number or a name ("how many managers"). Dev.
TABLE_WEIGHT = 1.0

Mode = Literal["hybrid", "bm25", "dense"]
SPEAKERS = ("projektdeltager", "kollega", "leder")


@dataclass(frozen=True)
class Filters:
    """Restrict a search to kinds of passage, speaker roles or parts of the report."""

    kinds: tuple[str, ...] = ()
    speakers: tuple[str, ...] = ()
    parts: tuple[str, ...] = ()

    @classmethod
    def of(cls, kind: str | Sequence[str] | None = None, speaker: str | Sequence[str] | None = None, part: str | Sequence[str] | None = None) -> "Filters":
        def norm(value: str | Sequence[str] | None, allowed: tuple[str, ...], name: str) -> tuple[str, ...]:
            values = (value,) if isinstance(value, str) else tuple(value or ())
            values = tuple(v.strip().lower() for v in values if v and v.strip())
            bad = [v for v in values if v not in allowed]
            if bad:
                raise InputError(f"Unknown {name} {', '.join(map(repr, bad))}; choose from: {', '.join(allowed)}.")
            return values

        return cls(norm(kind, KINDS, "kind"), norm(speaker, SPEAKERS, "speaker"), norm(part, PARTS, "part"))

    def allows(self, chunk: Chunk) -> bool:
        return (
            (not self.kinds or chunk.kind in self.kinds)
            and (not self.speakers or (chunk.speaker or "") in self.speakers)
            and (not self.parts or chunk.part in self.parts)
        )

    def where(self) -> dict[str, Any] | None:
        clauses = [
            {field: {"$in": list(values)}}
            for field, values in (("kind", self.kinds), ("speaker", self.speakers), ("part", self.parts))
            if values
        ]
        if not clauses:
            return None
        return clauses[0] if len(clauses) == 1 else {"$and": clauses}


@dataclass(frozen=True)
class Hit:
    chunk: Chunk
    score: float
    bm25_rank: int | None = None
    dense_rank: int | None = None
    similarity: float | None = None  # cosine similarity of the dense match, when there is one
    bm25_score: float | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.chunk.id,
            "text": self.chunk.text,
            "kind": self.chunk.kind,
            "section": self.chunk.section,
            "speaker": self.chunk.speaker,
            "score": round(self.score, 6),
            # every passage id the hit's text stands for: its paragraph or table, and the sub-chunks or rows merged into it
            "covers": list(dict.fromkeys((self.chunk.id, *self.chunk.source_ids))),
        }


class Glossary:
    """English -> Danish query expansion from the curated glossary."""

    def __init__(self, pairs: Iterable[tuple[list[str], list[str]]]) -> None:
        self._entries: list[tuple[re.Pattern[str], list[str]]] = []
        vocabulary: set[str] = set()
        for danish, english in pairs:
            for phrase in english:
                vocabulary.update(phrase.split())
            pattern = re.compile(r"\b(?:" + "|".join(re.escape(e) for e in sorted(english, key=len, reverse=True)) + r")\b")
            stems = sorted({s for d in danish for s in tokenize(d)})
            self._entries.append((pattern, stems))
        self.english_vocabulary = frozenset(vocabulary)
        self.english_stems = frozenset(s for word in vocabulary for s in tokenize(word, "en"))

    def expand(self, query: str, weight: float = 0.5) -> dict[str, float]:
        text = query.lower()
        out: dict[str, float] = {}
        for pattern, stems in self._entries:
            if pattern.search(text):
                for stem in stems:
                    out[stem] = max(out.get(stem, 0.0), weight)
        return out


class SearchEngine:
    """Searches the chunks; BM25 in memory, dense through the vector store."""

    def __init__(
        self,
        chunks: list[Chunk],
        store: VectorStore | None,
        embeddings: Embeddings | None,
        glossary: Glossary,
        settings: Settings,
        thesaurus: Thesaurus | None = None,
    ) -> None:
        self.chunks = chunks
        self.store = store
        self.embeddings = embeddings
        self.glossary = glossary
        self.settings = settings
        # A table row is searched with its whole table, so a question about several rows ("how many participants,
        # colleagues and managers") finds the table; the rows then merge into one hit (small-to-big, below).
        tables: dict[str, list[Chunk]] = {}
        for c in chunks:
            if c.kind == "table" and TABLE_ROW.match(c.id):
                tables.setdefault(c.id.rsplit(".r", 1)[0], []).append(c)
        table_of = {c.id: t for t, rows in tables.items() for c in rows}
        self.bm25 = BM25([f"{c.heading}\n{c.text}" for c in chunks], english=[c.english or "" for c in chunks])
        self._table_ids = list(tables)
        self._tables = BM25(
            [" ".join(r.text for r in rows) for rows in tables.values()],
            english=[" ".join(r.english or "" for r in rows) for rows in tables.values()],
        ) if tables else None
        self.thesaurus = thesaurus or Thesaurus([], self.bm25.tokens)
        # The planning need a query is about (set by the Assistant from the topic map): its passages get a ranking leg.
        self.focus: Callable[[str, list[Hit]], set[str]] | None = None
        self._parts: dict[str, list[int]] = {}
        for i, c in enumerate(chunks):
            if "#" in c.id and c.kind == "paragraph":
                self._parts.setdefault(c.id.split("#")[0], []).append(i)
            elif c.id in table_of:
                self._parts.setdefault(table_of[c.id], []).append(i)
        self._by_id = {c.id: i for i, c in enumerate(chunks)}
        self._vectors: dict[str, list[float]] = {}
        self._cache_lock = threading.Lock()

    def query_vector(self, query: str) -> list[float]:
        """The query's embedding; the last few are cached (search and scope check share one)."""
        with self._cache_lock:
            if query in self._vectors:
                return self._vectors[query]
        vector = self.embeddings.embed_query(query)  # type: ignore[union-attr]
        with self._cache_lock:
            self._vectors[query] = vector
            while len(self._vectors) > 256:
                self._vectors.pop(next(iter(self._vectors)))
        return vector

    def forget_query_vectors(self) -> None:
        """Empty the query-embedding cache (the next search embeds its query afresh)."""
        with self._cache_lock:
            self._vectors.clear()

    def chunk(self, chunk_id: str) -> Chunk:
        return self.chunks[self._by_id[chunk_id]]

    def search(self, query: str, k: int | None = None, filters: Filters | None = None, mode: Mode = "hybrid", expand: bool | None = None) -> list[Hit]:
        k = k or self.settings.search_k
        filters = filters or Filters()
        allowed = {i for i, c in enumerate(self.chunks) if filters.allows(c)}
        depth = max(50, k * 10)
        bm25_ranked: list[int] = []
        dense_ranked: list[int] = []
        bm25_scores: dict[int, float] = {}
        similarities: dict[int, float] = {}
        language = detect_language(query, self.glossary.english_vocabulary)

        if mode in ("hybrid", "bm25"):
            extra = self.thesaurus.expand(query, THESAURUS_WEIGHT)
            expand = self.settings.query_expansion if expand is None else expand
            if expand and language == "en":
                for stem, weight in self.glossary.expand(query).items():
                    extra[stem] = max(extra.get(stem, 0.0), weight)
            found = self.bm25.search(query, depth, extra, allowed, "en" if language == "en" else "da")
            bm25_ranked = [i for i, _ in found]
            bm25_scores = dict(found)
        if mode in ("hybrid", "dense") and self.store is not None and self.embeddings is not None:
            vector = self.query_vector(query)
            n = min(depth * 2, max(1, len(self.chunks) * 2))
            matches = [(self._by_id[cid], sim) for cid, sim in self.store.query(vector, n, filters.where()) if cid in self._by_id]
            similarities = dict(matches)
            dense_ranked = [i for i, _ in matches if i in allowed]
        dense_weight = self.settings.dense_weight if language == "en" else self.settings.dense_weight_da
        legs: list[tuple[float, Sequence[int]]] = []
        if mode != "dense" and self._tables is not None and is_fact(query):  # a number or a name: tables hold them
            best_table = self._tables.search(query, 1, extra, None, "en" if language == "en" else "da")
            legs.append((TABLE_WEIGHT, [i for t, _ in best_table for i in self._parts[self._table_ids[t]] if i in allowed]))
        hits = self._fuse(bm25_ranked, dense_ranked, k, mode, bm25_scores, similarities, dense_weight, legs)
        if self.focus is None or mode != "hybrid" or not hits or NEED_WEIGHT <= 0:
            return hits
        wanted = self.focus(query, self._fuse(bm25_ranked, dense_ranked, 8, mode, bm25_scores, similarities, dense_weight, legs))
        if not wanted:
            return hits
        fused = self._fuse(bm25_ranked, dense_ranked, len(self.chunks), mode, bm25_scores, similarities, dense_weight, legs)
        order = {h.chunk.id: n for n, h in enumerate(fused)}
        need_ranked = [
            i for i in sorted(allowed, key=lambda i: order.get(self.chunks[i].id, len(order)))
            if {self.chunks[i].id.split("#")[0], self.chunks[i].paragraph_id or "", *self.chunks[i].source_ids} & wanted
        ]
        return self._fuse(bm25_ranked, dense_ranked, k, mode, bm25_scores, similarities, dense_weight, [*legs, (NEED_WEIGHT, need_ranked)])

    def _fuse(
        self,
        bm25_ranked: list[int],
        dense_ranked: list[int],
        k: int,
        mode: Mode,
        bm25_scores: dict[int, float],
        similarities: dict[int, float],
        dense_weight: float,
        legs: Sequence[tuple[float, Sequence[int]]] = (),
    ) -> list[Hit]:
        rrf = self.settings.rrf_k
        w_bm25 = self.settings.bm25_weight if mode != "dense" else 0.0
        w_dense = (dense_weight if mode == "hybrid" else 1.0) if mode != "bm25" else 0.0
        if mode == "dense":
            w_bm25 = 0.0
        scores: dict[int, float] = {}
        for rank, i in enumerate(bm25_ranked, start=1):
            scores[i] = scores.get(i, 0.0) + w_bm25 / (rrf + rank)
        for rank, i in enumerate(dense_ranked, start=1):
            scores[i] = scores.get(i, 0.0) + w_dense / (rrf + rank)
        for weight, ranked_leg in legs:  # the planning need's passages; the tables for a fact question
            for rank, i in enumerate(ranked_leg, start=1):
                scores[i] = scores.get(i, 0.0) + weight / (rrf + rank)
        b_rank = {i: r for r, i in enumerate(bm25_ranked, start=1)}
        d_rank = {i: r for r, i in enumerate(dense_ranked, start=1)}
        ranked = sorted(scores.items(), key=lambda x: (-x[1], x[0]))
        hits: list[Hit] = []
        texts: list[str] = []
        merged: dict[str, int] = {}
        for i, s in ranked:
            chunk = self.chunks[i]
            parent = parent_id(chunk.id)
            parent = parent if i in self._parts.get(parent, ()) else None
            if parent is not None and parent in merged:
                at = merged[parent]
                hits[at] = replace(hits[at], chunk=self._window(parent, hits[at].chunk, chunk))
                texts[at] = _norm(hits[at].chunk.text)
                continue
            text = _norm(chunk.text)
            if any(text == t or (len(text) > 40 and text in t) for t in texts):
                continue  # the same passage again (a statement and the paragraph sentence holding it)
            inside = next((n for n, t in enumerate(texts) if len(t) > 40 and t in text), None)
            if inside is not None:  # an earlier, smaller hit is part of this passage: show the passage in its place
                held = hits[inside].chunk
                hits[inside] = replace(hits[inside], chunk=replace(chunk, source_ids=tuple(dict.fromkeys((*chunk.source_ids, held.id, *held.source_ids)))))
                texts[inside] = text
                continue
            if parent is not None:
                merged[parent] = len(hits)
                chunk = self._window(parent, chunk, None)
                text = _norm(chunk.text)
            hits.append(Hit(chunk, s, b_rank.get(i), d_rank.get(i), similarities.get(i), bm25_scores.get(i)))
            texts.append(text)
            if len(hits) >= k:
                break
        return hits

    def _window(self, parent: str, current: Chunk, extra: Chunk | None) -> Chunk:
        """The passage a paragraph's sub-chunks stand for: the whole paragraph when it fits, else the matched parts.

        Keeps the first-matched sub-chunk's id (so its citation and the index agree); source_ids name the parent
        and every sub-chunk the passage covers.
        """
        parts = [self.chunks[i] for i in self._parts[parent]]
        covered = set(current.source_ids) | {current.id} | ({extra.id} if extra else set())
        chosen = parts if sum(len(p.text) for p in parts) <= WINDOW_CHARS else [p for p in parts if p.id in covered]
        if len(chosen) > 1 and sum(len(p.text) for p in chosen) > WINDOW_CHARS * 1.5:
            chosen = [current]
        english = [p.english for p in chosen if p.english]
        join = _table_text if current.kind == "table" else " ".join
        return replace(
            current,
            text=join([p.text for p in chosen]),
            english=join(english) if len(english) == len(chosen) else current.english,
            source_ids=tuple(dict.fromkeys((*current.source_ids, current.id, *(p.id for p in chosen), parent))),
        )


    def max_similarity(self, query: str) -> float:
        """Best cosine similarity of any chunk to ``query`` (0 without a dense index)."""
        if self.store is None or self.embeddings is None:
            return 0.0
        found = self.store.query(self.query_vector(query), 1)
        return found[0][1] if found else 0.0

    @property
    def vocabulary(self) -> frozenset[str]:
        """Every stemmed term in the indexed text (Danish and English renderings)."""
        return self.bm25.vocabulary


def _table_text(rows: list[str]) -> str:
    """Rows of one table as one passage: the caption they share once, then a row a line."""
    if len(rows) < 2:
        return "\n".join(rows)
    shared = os.path.commonprefix(rows)
    cut = shared.find(": ") + 2  # the caption ends at its first ": "
    return "\n".join([rows[0][: cut - 2], *(row[cut:] for row in rows)]) if cut >= 2 else "\n".join(rows)


def parent_id(chunk_id: str) -> str:
    """The passage a sub-chunk belongs to: a paragraph for "p03#2", a table for "tabel-1.r3"."""
    return chunk_id.rsplit(".r", 1)[0] if TABLE_ROW.match(chunk_id) else chunk_id.split("#")[0]


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


class HybridRetriever(BaseRetriever):
    """The search engine as a LangChain retriever; documents carry the chunk's citation metadata."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    engine: SearchEngine
    k: int = 5
    filters: Filters = Filters()
    mode: Mode = "hybrid"

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        hits = self.engine.search(query, self.k, self.filters, self.mode)
        # "hit" keeps the whole search result (its passage window, ranks and the ids it stands for) for the answer chain.
        return [Document(page_content=h.chunk.text, id=h.chunk.id, metadata={**h.as_json(), "english": h.chunk.english, "hit": h}) for h in hits]
