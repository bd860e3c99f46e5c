"""`cocreate eval`: run the gold set (or score answers made elsewhere), print a table, write reports, gate on a baseline."""
from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import time
from pathlib import Path
from typing import Any, Sequence

from assistant import label_catalogue

from .metrics import (
    SupportThresholds,
    abstention_scores,
    answer_sentences,
    citation_precision_recall,
    cosine,
    key_point_coverage,
    lexical_support,
    matched_gold,
    percentile,
    quote_fidelity,
    retrieval_scores,
    shown_originals,
    support_score,
)
from .reference import Reference
from .report import compare_table, render_html, render_json, summary_table, write_reports
from .samples import GoldQuestion, Sample, load_gold

BASELINE = Path(__file__).resolve().parent / "baseline.json"
GATED = [
    "hit@5_da", "hit@5_en", "mrr", "support_rate", "quote_fidelity", "key_point_coverage", "answer_key_points", "answer_key_points_original",
    "recommendation_share", "abstention_recall", "in_scope_answered", "coherent_answers", "distinct_top5",
]


class EvalError(Exception):
    """A bad eval input: the message is for the user."""


# -- scoring one sample -------------------------------------------------------------------------------------------
def score_answer(sample: Sample, reference: Reference, embeddings: Any, thresholds: SupportThresholds) -> None:
    """Fill the sample's answer scores from its answer text and citations."""
    q = sample.question
    language = "en" if q.language == "en" else "da"
    sentences = answer_sentences(sample.answer) if not sample.abstained else []
    cited = sample.citations
    roles = {role: text.en.lower() for role, text in label_catalogue().group("speakers").items()}

    def texts_for(c: dict[str, Any]) -> list[str]:
        texts = [c.get("text", "")] + ([c["english"]] if c.get("english") else [])
        if c.get("speaker"):  # an attributed quote names its speaker's role
            texts.append(f"{c['speaker']} {roles.get(c['speaker'], '')} translated")
        return texts

    rows = []
    if sentences:
        vectors = embeddings.embed_documents([s.text for s in sentences] + [" ".join(texts_for(c)) for c in cited]) if cited else []
        sentence_vecs, cited_vecs = vectors[: len(sentences)], vectors[len(sentences) :]
        for n, sentence in enumerate(sentences):
            picks = [m - 1 for m in sentence.markers if 1 <= m <= len(cited)] or ([] if sentence.markers else list(range(len(cited))) if not any(s.markers for s in sentences) else [])
            passages = [t for i in picks for t in texts_for(cited[i])]
            lexical = lexical_support(sentence.text, passages, language) if passages else 0.0
            similarity = max((cosine(sentence_vecs[n], cited_vecs[i]) for i in picks), default=0.0) if cited else 0.0
            rows.append({
                "text": sentence.text, "lexical": round(lexical, 3), "embedding": round(similarity, 3),
                "support": support_score(lexical, similarity), "supported": thresholds.supported(lexical, similarity),
                "sources": [cited[i].get("id", str(i + 1)) for i in picks],
            })
    sample.sentences = rows
    scores = sample.scores
    scores["support_rate"] = sum(r["supported"] for r in rows) / len(rows) if rows else None
    quotes, verbatim = quote_fidelity(sample.answer, reference.is_verbatim)
    scores["quotes"] = quotes
    scores["quote_fidelity"] = verbatim / quotes if quotes else None
    if q.in_scope and q.passages and cited and all("id" in c for c in cited):
        precision, recall = citation_precision_recall([(c["id"], c.get("source_ids", [c["id"]])) for c in cited], q.passages, reference.parents)
        scores["citation_precision"], scores["citation_recall"] = precision, recall
    if q.in_scope and q.key_points and not sample.abstained:
        scores["key_point_coverage"] = key_point_coverage(q.key_points, [sample.answer] + [c.get("text", "") for c in cited])
    if q.in_scope and q.key_points:  # points found in the answer text itself, not in its cited passages
        scores["answer_key_points"] = 0.0 if sample.abstained else key_point_coverage(q.key_points, [sample.answer])
        # Most key points are written in Danish, also for English questions: an English answer is read through the Danish
        # originals of the sentences it shows (only those), so a point it renders is not missed for its language.
        shown = shown_originals(sample.answer, cited) if language == "en" else []
        scores["answer_key_points_original"] = 0.0 if sample.abstained else key_point_coverage(q.key_points, [sample.answer, *shown])
    if q.in_scope and q.recommendations and q.kind in ("planning", "draft", "premise"):
        scores["recommendation"] = float(any(set(c.get("source_ids", [c.get("id")])) & set(q.recommendations) or c.get("id") in q.recommendations for c in cited))
    if not sample.abstained and sample.answer:
        from assistant import flagged_sentences

        flagged = flagged_sentences(sample.answer, language)
        scores["flagged_sentences"] = len(flagged)
        if flagged:
            sample.sentences.append({"text": flagged[0], "flagged": True, "supported": True, "lexical": 0, "embedding": 0, "support": 0, "sources": []})


def _chunk_record(hit: Any) -> dict[str, Any]:
    return {"id": hit.chunk.id, "text": hit.chunk.text, "kind": hit.chunk.kind, "source_ids": list(hit.chunk.source_ids), "english": hit.chunk.english}


def run_gold(assistant: Any, questions: list[GoldQuestion], reference: Reference, mode: str, judge: Any = None) -> list[Sample]:
    from assistant import Citation  # noqa: F401 - the public answer type, for readers

    thresholds = SupportThresholds()
    samples = []
    for q in questions:
        sample = Sample(q)
        t = time.perf_counter()
        answer = assistant.ask(q.question, list(q.history))
        sample.latency_ms["ask"] = (time.perf_counter() - t) * 1000
        query = answer.retrieval_query or q.question
        t = time.perf_counter()
        hits = assistant.search(query, 10, mode=mode) if q.in_scope else []
        sample.latency_ms["search"] = (time.perf_counter() - t) * 1000
        sample.retrieved = [_chunk_record(h) for h in hits]
        sample.answer, sample.abstained, sample.backend = answer.answer, answer.abstained, answer.backend
        chunk_sources = {c.id: c.source_ids for c in assistant.chunks}
        sample.citations = [
            {"id": c.id, "text": c.text, "kind": c.kind, "speaker": c.speaker, "english": c.english, "source_ids": list(chunk_sources.get(c.id, (c.id,)))}
            for c in answer.citations
        ]
        if q.in_scope:
            matches = [matched_gold(h.chunk.id, h.chunk.source_ids, q.passages, reference.parents) for h in hits]
            sample.scores.update(retrieval_scores(matches, q.passages))
        score_answer(sample, reference, assistant.embeddings, thresholds)
        if judge is not None and not sample.abstained and sample.citations:
            from .judge import faithfulness

            sample.scores["faithfulness"], _ = faithfulness(judge, sample.answer, [c["text"] for c in sample.citations])
        samples.append(sample)
    return samples


def summarise(samples: list[Sample], backend: str, retriever: str) -> dict[str, Any]:
    def mean(key: str, pick: Any = lambda s: True) -> float | None:
        values = [s.scores[key] for s in samples if pick(s) and s.scores.get(key) is not None]
        return statistics.mean(values) if values else None

    in_scope = lambda s: s.question.in_scope  # noqa: E731
    splits = sorted({s.question.split for s in samples})
    summary: dict[str, Any] = {"backend": backend, "retriever": retriever, "split": "+".join(splits), "questions": len(samples)}
    for lang in ("da", "en"):
        summary[f"hit@5_{lang}"] = mean("hit@5", lambda s, lang=lang: in_scope(s) and s.question.language == lang)
    for key in ("hit@1", "hit@3", "hit@10", "recall@5", "mrr", "ndcg@5"):
        summary[key] = mean(key, in_scope)
    sentences = [r for s in samples for r in s.sentences]
    summary["support_rate"] = sum(r["supported"] for r in sentences if not r.get("flagged")) / len(sentences) if sentences else None
    quotes = sum(int(s.scores.get("quotes") or 0) for s in samples)
    verbatim = sum(round((s.scores.get("quote_fidelity") or 0) * (s.scores.get("quotes") or 0)) for s in samples)
    summary["quote_fidelity"] = verbatim / quotes if quotes else None
    for key in ("citation_precision", "citation_recall", "key_point_coverage", "faithfulness"):
        summary[key] = mean(key)
    summary.update(abstention_scores([(s.question.in_scope, s.abstained) for s in samples]))
    summary["answer_key_points"] = mean("answer_key_points")
    summary["answer_key_points_original"] = mean("answer_key_points_original")
    summary["recommendation_share"] = mean("recommendation")
    scope = [s for s in samples if s.question.in_scope]
    summary["in_scope_answered"] = sum(not s.abstained for s in scope) / len(scope) if scope else None
    answered = [s for s in samples if "flagged_sentences" in s.scores]
    summary["flagged_sentences"] = sum(int(s.scores["flagged_sentences"] or 0) for s in answered)
    summary["coherent_answers"] = sum(not s.scores["flagged_sentences"] for s in answered) / len(answered) if answered else None
    tops = [s for s in samples if s.retrieved]
    summary["distinct_top5"] = sum(len({r["text"] for r in s.retrieved[:5]}) == len(s.retrieved[:5]) for s in tops) / len(tops) if tops else None
    summary["chars_top5"] = statistics.mean(sum(len(r["text"]) for r in s.retrieved[:5]) for s in tops) if tops else None
    for kind in ("search", "ask"):
        values = [s.latency_ms[kind] for s in samples if kind in s.latency_ms and (kind == "ask" or s.question.in_scope)]
        summary[f"{kind}_p50_ms"], summary[f"{kind}_p95_ms"] = percentile(values, 0.5), percentile(values, 0.95)
    summary["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return summary


# -- compare ------------------------------------------------------------------------------------------------------
def compare(questions: list[GoldQuestion], reference: Reference) -> dict[str, dict[str, Any]]:
    """bm25, dense, hybrid, hybrid with glossary query expansion, and the LangChain tutorial peer, side by side."""
    from assistant import Assistant, Settings

    from .peer import TutorialPeer, text_matches

    base = Assistant(Settings())
    expanded = Assistant(Settings(query_expansion=True), embeddings=base.embeddings)
    singles = [q for q in questions if q.in_scope and not q.history]
    runs = {
        "bm25": lambda q: base.search(q, 5, mode="bm25"),
        "dense": lambda q: base.search(q, 5, mode="dense"),
        "hybrid": lambda q: base.search(q, 5),
        "hybrid + glossary expansion": lambda q: expanded.search(q, 5),
    }
    configs: dict[str, dict[str, Any]] = {}
    for name, search in runs.items():
        configs[name] = _retrieval_summary(singles, lambda q, s=search: [(matched_gold(h.chunk.id, h.chunk.source_ids, q.passages, reference.parents), h.chunk.text) for h in s(q.question)])
    peer = TutorialPeer(base.embeddings, (base.corpus_dir / "raw" / "report.txt").read_text(encoding="utf-8"))
    configs["langchain tutorial peer"] = _retrieval_summary(singles, lambda q: [(text_matches(t, q.passages, reference.texts), t) for t in peer.search(q.question, 5)])
    return configs


def _retrieval_summary(questions: list[GoldQuestion], ranked: Any) -> dict[str, Any]:
    per_lang: dict[str, list[dict[str, float]]] = {"da": [], "en": []}
    chars = []
    for q in questions:
        results = ranked(q)
        per_lang[q.language].append(retrieval_scores([m for m, _ in results], q.passages, (1, 3, 5)))
        chars.append(sum(len(t) for _, t in results))
    everything = per_lang["da"] + per_lang["en"]
    avg = lambda rows, key: statistics.mean(r[key] for r in rows) if rows else None  # noqa: E731
    return {
        "hit@5_da": avg(per_lang["da"], "hit@5"), "hit@5_en": avg(per_lang["en"], "hit@5"), "recall@5": avg(everything, "recall@5"),
        "mrr": avg(everything, "mrr"), "ndcg@5": avg(everything, "ndcg@5"), "chars_top5": statistics.mean(chars) if chars else None,
    }


# -- answers made elsewhere -------------------------------------------------------------------------------------
def load_answers(path: Path, gold: list[GoldQuestion]) -> list[Sample]:
    """Samples from a JSONL file of {"question", "answer", "contexts" | "citations"} records."""
    by_text = {q.question.strip(): q for q in gold}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise EvalError(f"Cannot read {path}: {exc}") from exc
    samples = []
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise EvalError(f"{path}:{n} is not JSON ({exc.msg}).") from exc
        if not isinstance(record, dict) or not isinstance(record.get("question"), str) or not isinstance(record.get("answer"), str):
            raise EvalError(f'{path}:{n} needs "question" and "answer" strings.')
        question = by_text.get(record["question"].strip()) or GoldQuestion(f"line-{n}", record["question"], "en" if _english(record["question"]) else "da", True, "external", (), ())
        citations = record.get("citations")
        contexts = record.get("contexts")
        if citations is not None and not isinstance(citations, list) or contexts is not None and not isinstance(contexts, list):
            raise EvalError(f'{path}:{n}: "citations" and "contexts" must be lists.')
        cited = [c if isinstance(c, dict) else {"text": str(c)} for c in (citations or [])] or [{"text": str(c)} for c in (contexts or [])]
        abstained = bool(record.get("abstained")) or ("does not cover" in record["answer"] or "dækker ikke" in record["answer"])
        samples.append(Sample(question, answer=record["answer"], citations=cited, abstained=abstained, backend="external"))
    if not samples:
        raise EvalError(f"{path} holds no answers.")
    return samples


def _english(text: str) -> bool:
    from assistant import detect_language

    return detect_language(text) == "en"


# -- gate -----------------------------------------------------------------------------------------------------------
def gate(summary: dict[str, Any], baseline: dict[str, Any], tolerance: float) -> list[str]:
    """Metrics that dropped beyond tolerance against the baseline."""
    drops = []
    for key in GATED:
        old, new = baseline.get(key), summary.get(key)
        if old is None:
            continue
        if new is None or new < old - tolerance:
            drops.append(f"{key}: {old:.3f} -> {'n/a' if new is None else f'{new:.3f}'}")
    return drops


# -- main -------------------------------------------------------------------------------------------------------------
def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="cocreate eval", description="Measure retrieval and answer groundedness on the gold set.")
    p.add_argument("--backend", choices=["extractive", "openai", "ollama"], help="answer backend (default: COCREATE_LLM)")
    p.add_argument("--retriever", choices=["hybrid", "bm25", "dense"], default="hybrid")
    p.add_argument("--json", action="store_true", help="print the results as JSON")
    p.add_argument("--report", type=Path, help="write an HTML report to this file")
    p.add_argument("--report-dir", type=Path, help="write report.md, report.html and report.json here")
    p.add_argument("--compare", action="store_true", help="retrieval configurations side by side, with the LangChain tutorial peer")
    p.add_argument("--answers", type=Path, help="score answers produced elsewhere (JSONL)")
    p.add_argument("--gate", action="store_true", help="exit 1 when a metric drops beyond --tolerance against eval/baseline.json")
    p.add_argument("--update-baseline", action="store_true", help="store this run as eval/baseline.json")
    p.add_argument("--tolerance", type=float, default=0.02)
    p.add_argument("--limit", type=int, help="only the first N questions")
    p.add_argument("--questions", help="comma-separated question ids")
    p.add_argument("--split", choices=["dev", "test", "all"], default="test", help="which questions: dev (tuned on), test (blind, never tuned on; default), all")
    p.add_argument("--judge", action="store_true", help="also score faithfulness with the configured language model")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(list(argv) if argv is not None else None)
    try:
        return _main(args)
    except EvalError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


def _main(args: argparse.Namespace) -> int:
    from assistant import Assistant, Settings

    gold = load_gold()
    if args.split != "all" and not args.questions:
        gold = [q for q in gold if q.split == args.split]
    if args.questions:
        wanted = {i.strip() for i in args.questions.split(",") if i.strip()}
        unknown = wanted - {q.id for q in gold}
        if unknown:
            raise EvalError(f"Unknown question ids: {', '.join(sorted(unknown))}")
        gold = [q for q in gold if q.id in wanted]
    if args.limit:
        gold = gold[: args.limit]
    reference = Reference.default()
    settings = Settings(**({"llm": args.backend} if args.backend else {}))
    assistant = Assistant(settings)
    configs = None
    if args.answers:
        samples = load_answers(args.answers, load_gold())
        thresholds = SupportThresholds()
        for sample in samples:
            score_answer(sample, reference, assistant.embeddings, thresholds)
        summary = summarise(samples, "external", "n/a")
    else:
        assistant.ensure_index()
        judge = None
        if args.judge:
            from assistant import get_chat_model

            judge = get_chat_model(settings)
            if judge is None:
                print("note: --judge needs a language model (COCREATE_LLM); faithfulness is n/a on the extractive backend.", file=sys.stderr)
        samples = run_gold(assistant, gold, reference, args.retriever, judge)
        summary = summarise(samples, settings.llm, args.retriever)
        if args.compare:
            configs = compare(gold, reference)
    if args.json:
        print(render_json(summary, samples, configs))
    else:
        print(summary_table(summary))
        if configs:
            print()
            print(compare_table(configs))
    if args.report:
        args.report.parent.mkdir(parents=True, exist_ok=True)
        args.report.write_text(render_html(summary, samples, configs), encoding="utf-8")
    if args.report_dir:
        write_reports(args.report_dir, summary, samples, configs)
    if args.update_baseline:
        BASELINE.write_text(json.dumps({k: summary.get(k) for k in GATED}, indent=1) + "\n", encoding="utf-8")
        print(f"baseline written to {BASELINE}", file=sys.stderr)
    if args.gate:
        if not BASELINE.exists():
            raise EvalError(f"No baseline at {BASELINE}; run with --update-baseline first.")
        drops = gate(summary, json.loads(BASELINE.read_text(encoding="utf-8")), args.tolerance)
        if drops:
            print("REGRESSION beyond tolerance: " + "; ".join(drops), file=sys.stderr)
            return 1
        print("gate: no metric dropped beyond tolerance", file=sys.stderr)
    return 0
