"""The eval suite's metrics, answer scoring, reports and gate, on hand-made inputs."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from fakellm import FakeLLMServer, Reply

from eval.metrics import (
    SupportThresholds,
    abstention_scores,
    answer_sentences,
    citation_precision_recall,
    key_point_coverage,
    lexical_support,
    matched_gold,
    quote_fidelity,
    retrieval_scores,
)
from eval.reference import Reference
from eval.report import render_html
from eval.run import EvalError, gate, load_answers, main, score_answer
from eval.samples import GoldQuestion, Sample, load_gold

REF = Reference.default()


def test_gold_set_meets_its_brief():
    gold = load_gold()
    da = [q for q in gold if q.language == "da"]
    en = [q for q in gold if q.language == "en"]
    out = [q for q in gold if not q.in_scope]
    assert len(gold) >= 80 and len(da) >= 50 and len(en) >= 20 and len(out) >= 10
    assert sum(1 for q in gold if q.history) >= 6
    for q in gold:
        assert all(p in REF.texts for p in q.passages), q.id
        assert bool(q.passages) == q.in_scope, q.id


def test_relevance_matcher():
    parents = REF.parents
    assert matched_gold("del-3.strukturer.p04#2", ("del-3.strukturer.p04",), ["del-3.strukturer.p04"], parents)
    assert matched_gold("tabel-5.r2", ("tabel-5",), ["tabel-5"], parents)
    quote_paragraph = parents["del-2.forandringer.q10"]
    assert matched_gold(quote_paragraph, (quote_paragraph,), ["del-2.forandringer.q10"], parents)
    assert matched_gold("del-2.forandringer.q10", ("del-2.forandringer.q10", quote_paragraph), [quote_paragraph], parents)
    assert not matched_gold("tabel-4.r1", ("tabel-4",), ["tabel-5"], parents)


def test_retrieval_scores():
    scores = retrieval_scores([set(), {"a"}, set(), {"b"}], ["a", "b"], (1, 3, 5))
    assert scores["hit@1"] == 0 and scores["hit@3"] == 1 and scores["mrr"] == 0.5
    assert scores["recall@3"] == 0.5 and scores["recall@5"] == 1.0
    assert 0 < scores["ndcg@5"] < 1
    assert retrieval_scores([set()] * 5, ["a"])["mrr"] == 0.0


def test_sentence_support_separates_copies_from_wrong_claims():
    passage = "Samlet blev der som grundlag for evalueringen gennemført 19 gruppeinterviews sidst i projektperioden."
    thresholds = SupportThresholds()
    assert lexical_support("Der blev gennemført 19 gruppeinterviews.", [passage]) == 1.0
    wrong = lexical_support("Der blev gennemført 42 gruppeinterviews i Aarhus.", [passage])
    assert wrong < 1.0 and not thresholds.supported(wrong, 0.6)


def test_answer_sentences_take_the_line_markers():
    text = "**Rapportens anbefalinger**\n- Første sætning her. Anden sætning her. [2]\n_note_\n- En kollega: ”Tid er vigtigt for os.” [1][3]"
    sentences = answer_sentences(text)
    assert [s.markers for s in sentences] == [(2,), (2,), (1, 3)]


def test_quote_fidelity_catches_a_misquote():
    good = "En leder: ”Vi skal som ledelse turde sige, at det er OK, hvis man fejler.” [1]"
    bad = "En leder: ”Vi skal som ledelse altid undgå at fejle.” [1]"
    assert quote_fidelity(good, REF.is_verbatim) == (1, 1)
    assert quote_fidelity(bad, REF.is_verbatim) == (1, 0)


def test_citations_key_points_and_abstention():
    precision, recall = citation_precision_recall([("tabel-5.r1", ("tabel-5",)), ("forord.p01", ("forord.p01",))], ["tabel-5", "tabel-3"], REF.parents)
    assert precision == 0.5 and recall == 0.5
    assert key_point_coverage(["tre niveauer", "avanceret kompetence"], ["Bibliotekerne bør have tre niveauer: ... avanceret."]) == 0.5
    scores = abstention_scores([(True, False), (True, True), (False, True), (False, False)])
    assert scores == {"abstention_precision": 0.5, "abstention_recall": 0.5, "in_scope_refusals": 0.5}


def test_gate_flags_only_drops_beyond_tolerance():
    baseline = {"hit@5_da": 0.95, "mrr": 0.7, "support_rate": 1.0}
    assert gate({"hit@5_da": 0.94, "mrr": 0.71, "support_rate": 1.0}, baseline, 0.02) == []
    assert gate({"hit@5_da": 0.90, "mrr": 0.71, "support_rate": 1.0}, baseline, 0.02) == ["hit@5_da: 0.950 -> 0.900"]


def test_html_report_escapes_everything():
    question = GoldQuestion("x-1", "<script>alert(1)</script>", "en", True, "t", (), ())
    sample = Sample(question, answer="<img src=x onerror=alert(1)>", sentences=[{"text": "<b>", "support": 0.5, "supported": False, "sources": ["<i>"]}])
    page = render_html({"backend": "<x>", "questions": 1}, [sample])
    assert "<script>" not in page and "&lt;script&gt;" in page and "<img src" not in page


def test_external_answers_are_scored(tmp_path: Path, fake_assistant):
    gold = load_gold()
    q = next(g for g in gold if "tabel-1" in g.passages)
    path = tmp_path / "answers.jsonl"
    rows = [
        {"question": q.question, "answer": "Der blev gennemført 19 interviews [1].", "citations": [{"id": "tabel-1.r2", "text": "TABEL 1. DATA: Interviews 19"}]},
        {"question": "Something else entirely", "answer": "Ingen kilde her.", "contexts": ["En anden tekst."]},
    ]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    samples = load_answers(path, gold)
    assert samples[0].question.id == q.id and samples[1].question.id == "line-2"
    for sample in samples:
        score_answer(sample, REF, fake_assistant.embeddings, SupportThresholds())
    assert samples[0].sentences[0]["sources"] == ["tabel-1.r2"]


@pytest.mark.parametrize("content", ["not json\n", '{"answer": "x"}\n', ""])
def test_bad_answer_files_exit_2(tmp_path: Path, content: str, capsys, monkeypatch):
    monkeypatch.setenv("COCREATE_EMBED_MODEL", "hash-256")
    path = tmp_path / "bad.jsonl"
    path.write_text(content, encoding="utf-8")
    assert main(["--answers", str(path)]) == 2
    assert capsys.readouterr().err.startswith("error: ")
    with pytest.raises(EvalError):
        load_answers(path, load_gold())


def test_judge_faithfulness_over_http():
    from langchain_openai import ChatOpenAI

    from eval.judge import faithfulness

    with FakeLLMServer() as server:
        server.script(Reply("Der blev gennemført 19 interviews.\nAlle biblioteker havde et budget."), Reply("SUPPORTED"), Reply("UNSUPPORTED"))
        model = ChatOpenAI(base_url=server.base_url, api_key="x", model="m", max_retries=0)
        score, verdicts = faithfulness(model, "Der blev gennemført 19 interviews [1].", ["TABEL 1. DATA: Interviews 19"])
    assert score == 0.5 and [v for _, v in verdicts] == [True, False]


def test_eval_run_on_a_few_questions(fake_assistant, monkeypatch, capsys, tmp_path: Path):
    monkeypatch.setenv("COCREATE_EMBED_MODEL", "hash-256")
    monkeypatch.setenv("COCREATE_DATA_DIR", str(fake_assistant.settings.data_dir))
    assert main(["--limit", "4", "--json", "--report-dir", str(tmp_path)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["summary"]["questions"] == 4 and len(data["questions"]) == 4
    assert {"report.md", "report.html", "report.json"} <= {p.name for p in tmp_path.iterdir()}


@pytest.mark.slow
def test_real_eval_figures_are_in_range(real_assistant, monkeypatch, capsys):
    monkeypatch.setenv("COCREATE_DATA_DIR", str(real_assistant.settings.data_dir))
    assert main(["--split", "dev", "--limit", "30", "--json"]) == 0  # the first 30 dev questions (the original set)
    summary = json.loads(capsys.readouterr().out)["summary"]
    assert summary["split"] == "dev"
    assert summary["hit@5_da"] >= 0.85 and summary["quote_fidelity"] in (None, 1.0) and summary["support_rate"] >= 0.9


def test_the_default_run_is_the_blind_test_split(fake_assistant, monkeypatch, capsys):
    monkeypatch.setenv("COCREATE_EMBED_MODEL", "hash-256")
    monkeypatch.setenv("COCREATE_DATA_DIR", str(fake_assistant.settings.data_dir))
    assert main(["--limit", "3", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["summary"]["split"] == "test" and all(q["id"].startswith("t-") for q in data["questions"])


def test_gold_splits_are_disjoint_and_test_is_blind():
    gold = load_gold()
    test = [q for q in gold if q.split == "test"]
    dev = [q for q in gold if q.split == "dev"]
    assert len(test) >= 75 and len(dev) > len(test)
    assert not {q.question for q in test} & {q.question for q in dev}
    assert sum(q.language == "da" and q.in_scope for q in test) >= 40 and sum(q.language == "en" and q.in_scope for q in test) >= 20
    assert sum(not q.in_scope for q in test) >= 15


def test_an_english_answer_is_read_through_the_danish_it_renders():
    from eval.metrics import key_point_coverage, shown_originals

    cited = [{
        "id": "x", "text": "Tid er vigtigt. Ledelsen skal prioritere tid til det.",
        "english": "Time is important. Management must prioritise time for it.",
    }]
    answer = "- Management must prioritise time for it. [1]"
    assert shown_originals(answer, cited) == ["Ledelsen skal prioritere tid til det."]  # only the sentence it shows
    assert key_point_coverage(["prioritere tid"], [answer]) == 0.0  # a Danish key point never matches English text
    assert key_point_coverage(["prioritere tid"], [answer, *shown_originals(answer, cited)]) == 1.0
    assert key_point_coverage(["tid er vigtigt"], [answer, *shown_originals(answer, cited)]) == 0.0  # not shown, not counted


def test_a_nested_table_row_is_cited_by_its_caption_line():
    from eval.metrics import answer_sentences

    answer = "**Fra rapportens tabeller**\n- TABEL 1. DATA (Datamaterialet i tal) [3]\n  - Biblioteker 8 i alt\n  - Ledere 15 i alt"
    sentences = answer_sentences(answer)
    assert [s.markers for s in sentences] == [(3,), (3,), (3,)]
