"""Routes a question to the planning need it is about (topic map), and tells what kind of question it is."""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from typing import Callable, Sequence

from .language import tokenize
from .retrieval import Hit
from .thesaurus import Thesaurus
from .topics import Need, TopicMap

# Tuned on the dev split only (eval/README.md).
CONCEPT_WEIGHT = 0.5  # the thesaurus concepts the question names that the need's phrasings also name
PHRASE_WEIGHT = 0.5  # the best-matching everyday phrasing of the need (share of its words, idf-weighted)
PHRASE_FLOOR = 3.0  # a phrasing of only common words ("co-creation") cannot count as a full match
VOTE_WEIGHT = 0.5  # the retrieved passages that belong to the need
PROFILE_WEIGHT = 0.2  # BM25 of the question over each need's phrasings, title and recommendations together (dev-tuned)
PROFILE_FULL = 10.0  # a profile score this high counts in full; a weak best match counts in part (dev-tuned)
ROUTE_MIN = 0.35  # below this the question is answered from the passages alone, not from a need
EMBED_WEIGHT = 2.0  # the embedding closeness of the question to the need's phrasings, beside the other evidence (dev-tuned)

Closeness = Callable[[str, str], list[float]]  # (question, language) -> per need, how close it is to its phrasings

@dataclass(frozen=True)
class Route:
    need: Need | None
    score: float
    runner_up: Need | None = None
    runner_up_score: float = 0.0


class NeedRouter:
    """Scores every need by the concepts and phrasings it shares with the question and the retrieved passages it holds."""

    def __init__(
        self, topic_map: TopicMap, thesaurus: Thesaurus, statements: dict[str, tuple[str, str]], closeness: Closeness | None = None
    ) -> None:
        self.topic_map = topic_map
        self.thesaurus = thesaurus
        self.closeness = closeness
        self._items = [set(need.items()) for need in topic_map.needs]
        self._concepts: list[Counter[str]] = []
        self._phrases: dict[str, list[list[frozenset[str]]]] = {"da": [], "en": []}  # each need's, by language
        for need in topic_map.needs:
            texts = [need.title.da, need.title.en, *need.phrasings.da, *need.phrasings.en]
            concepts: Counter[str] = Counter()
            for text in texts + [t for i in (*need.lead, *need.do) for t in statements.get(i, ("", ""))]:
                concepts.update(thesaurus.concepts_in(text))
            self._concepts.append(concepts)
            for lang in ("da", "en"):  # a question is matched to the phrasings of its own language
                own = [getattr(need.title, lang), *getattr(need.phrasings, lang)]
                self._phrases[lang].append([p for p in (_stems(t) for t in own) if p])
        from .lexical import BM25

        self._profiles = BM25(
            [" ".join([need.title.da, *need.phrasings.da, *(statements.get(i, ("", ""))[0] for i in (*need.lead, *need.do))]) for need in topic_map.needs],
            english=[" ".join([need.title.en, *need.phrasings.en, *(statements.get(i, ("", ""))[1] for i in (*need.lead, *need.do))]) for need in topic_map.needs],
        )
        n = len(topic_map.needs)
        df: Counter[str] = Counter(c for concepts in self._concepts for c in concepts)
        self._idf = {c: math.log((n + 1) / (f + 0.5)) for c, f in df.items()}
        stem_df: Counter[str] = Counter(s for da, en in zip(self._phrases["da"], self._phrases["en"]) for s in set().union(*da, *en))
        self._stem_idf = {t: math.log((n + 1) / (f + 0.5)) for t, f in stem_df.items()}

    def route(self, question: str, hits: Sequence[Hit], language: str, closeness: bool = True) -> Route:
        """The need the question is about, or none when nothing fits well enough.

        The embedding closeness only reorders the needs: a route's score stays that of the words, concepts and passages,
        so the scope check and the focus that read it keep their calibration.
        """
        close = self.closeness(question, language) if closeness and self.closeness is not None and EMBED_WEIGHT else None
        question = _IDIOMS.sub(" ", question)
        asked = self.thesaurus.concepts_in(question)
        stems = _stems(question)
        total = sum(self._idf.get(c, 0.0) for c in asked) or 1.0
        votes: dict[int, float] = {}
        ranks = [1.0 / r for r in range(1, min(len(hits), 8) + 1)]
        for weight, hit in zip(ranks, hits):
            ids = {hit.chunk.id, hit.chunk.id.split("#")[0], *hit.chunk.source_ids, hit.chunk.paragraph_id or ""}
            for i, items in enumerate(self._items):
                if ids & items:
                    votes[i] = votes.get(i, 0.0) + weight / sum(ranks)
        profile = dict(self._profiles.search(question, len(self.topic_map.needs), None, None, "en" if language == "en" else "da")) if PROFILE_WEIGHT else {}
        top = max(max(profile.values(), default=0.0), PROFILE_FULL)
        scored = []
        for i in range(len(self.topic_map.needs)):
            concept = sum(self._idf.get(c, 0.0) * min(1.0, self._concepts[i][c] / 2) for c in asked) / total
            phrase = max(
                (sum(self._stem_idf.get(t, 0.0) for t in p & stems) / max(sum(self._stem_idf.get(t, 0.0) for t in p), PHRASE_FLOOR) for p in self._phrases["en" if language == "en" else "da"][i]),
                default=0.0,
            )
            scored.append((CONCEPT_WEIGHT * concept + PHRASE_WEIGHT * phrase + VOTE_WEIGHT * votes.get(i, 0.0) + PROFILE_WEIGHT * profile.get(i, 0.0) / top, i))
        if close:
            mean = sum(close) / len(close)
            scored.sort(key=lambda x: -(x[0] + EMBED_WEIGHT * (close[x[1]] - mean)))
        else:
            scored.sort(reverse=True)
        (best, i), (second, j) = scored[0], scored[1]
        needs = self.topic_map.needs
        if best < ROUTE_MIN:
            return Route(None, best, needs[i], best)
        return Route(needs[i], best, needs[j], second)


# Fillers that carry no topic ("hvad går det overhovedet ud på", "what do we actually gain"): never matched to a need.
_FILLERS = "overhovedet egentlig faktisk lige bare helt vel nu jo actually really just even ever anyway basically"
_FILLER_STEMS = frozenset(tokenize(_FILLERS, "da")) | frozenset(tokenize(_FILLERS, "en"))
# Idioms whose words mean something else alone: "finde ud af om kurset virkede" is not about finding students, nor
# is "finde tid".
_IDIOMS = re.compile(
    r"\b(find(e|er|es)?|fandt|fundet)( (vi|de|jeg|man|i|du|hun|han))? ud af\b|\b(find(s|ing)?|found|figure[sd]?|figuring) out\b"
    r"|\b(find(e|er|es)?|fandt)(?= (vi |de |jeg |man |i )?(tid|tiden|timer)\b)|\b(find(s|ing)?|found)(?= (the )?time\b)"
    # "at samarbejde med de studerende", "working with students": co-creation itself, not finding students
    r"|\b(samarbejd\w*|arbejde sammen|work(ing)?|collaborat\w*|partner(ing)?) (sammen )?(med|with) (de |vores |our |the )?(studerende|students)\b",
    re.IGNORECASE,
)


def _stems(text: str) -> frozenset[str]:
    return (frozenset(tokenize(text, "da")) | frozenset(tokenize(text, "en"))) - _FILLER_STEMS
