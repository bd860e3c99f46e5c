"""The report's sentences as embeddings: cached per model and text, and how closeness chooses an answer's evidence."""
from __future__ import annotations

from pathlib import Path

import pytest

from assistant import Assistant
from assistant.recommend import Composer
from assistant.retrieval import Filters
from assistant.sentencevectors import SentenceVectors

PAIRS = [("Kolleger er skeptiske over for co-creation.", "Colleagues are sceptical about co-creation."), ("Ledelsen giver grønt lys.", None)]


def test_sentences_are_embedded_once_per_model_and_text(tmp_path: Path, counting_embed):
    embed = counting_embed()
    SentenceVectors(PAIRS, embed, "hash-256", tmp_path)
    SentenceVectors(PAIRS, embed, "hash-256", tmp_path)
    assert embed.calls == 1 and len(list(tmp_path.glob("report-sentences-*.npy"))) == 1
    SentenceVectors(PAIRS[:1], embed, "hash-256", tmp_path)  # other text: embedded again, the old file removed
    assert embed.calls == 2 and len(list(tmp_path.glob("report-sentences-*.npy"))) == 1
    next(tmp_path.glob("report-sentences-*.npy")).write_bytes(b"not an array")
    SentenceVectors(PAIRS[:1], embed, "hash-256", tmp_path)  # a damaged cache is rebuilt, not fatal
    assert embed.calls == 3


def test_closeness_reads_the_sentence_in_the_questions_language(counting_embed):
    embed = counting_embed()
    vectors = SentenceVectors(PAIRS, embed, "hash-256", None)
    danish, english = PAIRS[0]
    in_english = vectors.scorer(embed.model.embed_query(english), "en")
    assert in_english(danish) == pytest.approx(1.0, abs=1e-5)  # keyed by the Danish text, read through its rendering
    assert in_english(PAIRS[1][0]) < 1.0  # no rendering: read in Danish
    in_danish = vectors.scorer(embed.model.embed_query(danish), "da")
    assert in_danish(danish) == pytest.approx(1.0, abs=1e-5)
    assert in_danish("En sætning, rapporten ikke har.") == 0.0
    assert vectors.scorer([0.0] * 256, "da")(danish) == 0.0


def test_closeness_chooses_the_evidence_but_not_the_lead_or_the_steps(fake_assistant: Assistant):
    answerer = fake_assistant.answerer
    question = "Hvordan får vi de skeptiske kolleger med?"
    hits, route, _ = answerer.retrieve(question, Filters())
    assert route.need is not None
    base = answerer.composer
    plain = Composer(base.report, base.statements_by_text, base.expand, base.spelled_out)
    before = plain.compose(question, "da", route.need, hits, "plan", False)
    shown = {s.text for p in before for s in p.sentences}
    wanted = next(
        s for item in route.need.findings for s in base.report.sentences_of(item)
        if s.text not in shown and "”" not in s.text and len(s.text) > 60 and not s.text.startswith(("På den", "I forlængelse", "Det ", "Men "))
    )
    favoured = Composer(base.report, base.statements_by_text, base.expand, base.spelled_out, lambda q, lang: lambda text: 10.0 if text == wanted.text else 0.0)
    after = favoured.compose(question, "da", route.need, hits, "plan", False)
    assert wanted.text in {s.text for p in after if p.part == "finding" for s in p.sentences}
    assert [p for p in after if p.part in ("lead", "do")] == [p for p in before if p.part in ("lead", "do")]
