"""Routes a question to the planning need it is about (topic map), and tells what kind of question it is."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from .lexical import BM25
from .question import QuestionKind, question_kind
from .retrieval import Hit
from .thesaurus import Thesaurus
from .topics import Need, TopicMap

# Tuned on the dev split only (eval/README.md).
VOTE_WEIGHT = 0.6  # weight of "the retrieved passages belong to this need" beside the phrasing match
SATURATION = 6.0  # BM25 score at which the phrasing match counts half
ROUTE_MIN = 0.35  # below this the question is answered from the passages alone, not from a need

@dataclass(frozen=True)
class Route:
    need: Need | None
    score: float
    runner_up: Need | None = None


class NeedRouter:
    """Scores every need by how its everyday phrasings match the question and how many retrieved passages it holds."""

    def __init__(self, topic_map: TopicMap, thesaurus: Thesaurus, statements: dict[str, tuple[str, str]]) -> None:
        self.topic_map = topic_map
        self.thesaurus = thesaurus
        da_docs, en_docs = [], []
        for need in topic_map.needs:
            lead = [statements.get(i, ("", "")) for i in (*need.lead, *need.do)]
            da_docs.append(" . ".join([need.title.da, *need.phrasings.da, *(d for d, _ in lead)]))
            en_docs.append(" . ".join([need.title.en, *need.phrasings.en, *(e for _, e in lead)]))
        self.bm25 = BM25(da_docs, english=en_docs)
        self._items = [set(need.items()) for need in topic_map.needs]

    def route(self, question: str, hits: Sequence[Hit], language: str) -> Route:
        """The need the question is about, or none when nothing fits well enough."""
        extra = self.thesaurus.expand(question, 0.5)
        lexical: dict[int, float] = {}
        for lang in ("da", "en"):
            for i, score in self.bm25.search(question, len(self.topic_map.needs), extra, language=lang):
                lexical[i] = max(lexical.get(i, 0.0), score)
        votes: dict[int, float] = {}
        ranks = [1.0 / r for r in range(1, min(len(hits), 8) + 1)]
        for weight, hit in zip(ranks, hits):
            ids = {hit.chunk.id, hit.chunk.id.split("#")[0], *hit.chunk.source_ids, hit.chunk.paragraph_id or ""}
            for i, items in enumerate(self._items):
                if ids & items:
                    votes[i] = votes.get(i, 0.0) + weight / sum(ranks)
        scored = sorted(
            ((lexical.get(i, 0.0) / (lexical.get(i, 0.0) + SATURATION) + VOTE_WEIGHT * votes.get(i, 0.0), i) for i in range(len(self.topic_map.needs))),
            reverse=True,
        )
        (best, i), (_, j) = scored[0], scored[1]
        needs = self.topic_map.needs
        if best < ROUTE_MIN:
            return Route(None, best, needs[i])
        return Route(needs[i], best, needs[j])
