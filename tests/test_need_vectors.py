"""The needs' phrasings as embeddings: cached per model and map, and how they reorder the planning needs."""
from __future__ import annotations

from pathlib import Path

import pytest

from assistant import Assistant
from assistant.needvectors import NeedVectors
from assistant.topics import load_topic_map

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def test_phrasings_are_embedded_once_per_model_and_map(tmp_path: Path, counting_embed):
    topic_map, embed = load_topic_map(CORPUS), counting_embed()
    NeedVectors(topic_map, embed, "hash-256", tmp_path)
    NeedVectors(topic_map, embed, "hash-256", tmp_path)
    assert embed.calls == 1 and len(list(tmp_path.glob("need-phrasings-*.npy"))) == 1
    NeedVectors(topic_map, embed, "another-model", tmp_path)  # another model: embedded again, the old file removed
    assert embed.calls == 2 and len(list(tmp_path.glob("need-phrasings-*.npy"))) == 1
    next(tmp_path.glob("need-phrasings-*.npy")).write_bytes(b"not an array")
    vectors = NeedVectors(topic_map, embed, "another-model", tmp_path)  # a damaged cache is rebuilt, not fatal
    assert embed.calls == 3 and len(vectors.closeness(embed.model.embed_query("x"), "da")) == len(topic_map.needs)


def test_a_question_worded_as_a_phrasing_is_closest_to_its_need(tmp_path: Path, counting_embed):
    topic_map = load_topic_map(CORPUS)
    embed = counting_embed()
    vectors = NeedVectors(topic_map, embed, "hash-256", None)  # no cache directory: embedded, nothing written
    for need in topic_map.needs[:5]:
        for language in ("da", "en"):
            phrasing = getattr(need.phrasings, language)[-1]
            close = vectors.closeness(embed.model.embed_query(phrasing), language)
            assert close[topic_map.needs.index(need)] == pytest.approx(max(close)) == pytest.approx(1.0, abs=1e-5)
    assert vectors.closeness([0.0] * 256, "en") == [0.0] * len(topic_map.needs)
    assert list(tmp_path.iterdir()) == []


def test_closeness_reorders_the_needs_but_leaves_the_scores_their_calibration(fake_assistant: Assistant):
    from assistant.routing import NeedRouter

    question = "Hvordan får vi de skeptiske kolleger med?"
    hits = fake_assistant.search(question, k=8)
    base = fake_assistant.router
    words = NeedRouter(base.topic_map, base.thesaurus, {}, None).route(question, hits, "da")
    needs = base.topic_map.needs
    assert words.need is not None and words.runner_up is not None
    weak = next(n for n in needs if n.id not in (words.need.id, words.runner_up.id))

    def favour(need_id: str):
        return lambda q, lang: [1.0 if n.id == need_id else 0.0 for n in needs]

    same = NeedRouter(base.topic_map, base.thesaurus, {}, favour(words.need.id)).route(question, hits, "da")
    assert same.need == words.need and same.score == pytest.approx(words.score)
    moved = NeedRouter(base.topic_map, base.thesaurus, {}, favour(words.runner_up.id)).route(question, hits, "da")
    assert moved.need == words.runner_up and moved.score == pytest.approx(words.runner_up_score) and moved.score < words.score
    assert moved.runner_up == words.need  # the words' best stays close by: its lead joins "what to do"
    lone = NeedRouter(base.topic_map, base.thesaurus, {}, favour(weak.id)).route(question, hits, "da")
    assert lone.need is None or lone.score >= 0.35  # closeness alone never makes a need the answer's
    focus = NeedRouter(base.topic_map, base.thesaurus, {}, favour(words.runner_up.id)).route(question, hits, "da", closeness=False)
    assert focus.need == words.need  # the search's focus reads the words alone (dev: closeness there cost MRR)
