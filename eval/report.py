"""Eval reports: a Markdown and an HTML page (inline SVG charts, everything escaped) and JSON for machines."""
from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

from .samples import Sample

SUMMARY_KEYS = [
    ("split", "split"), ("questions", "questions"),
    ("hit@5_da", "hit@5 (da)"), ("hit@5_en", "hit@5 (en)"), ("recall@5", "recall@5"), ("mrr", "MRR"), ("ndcg@5", "nDCG@5"),
    ("support_rate", "supported sentences"), ("citation_precision", "citation precision"), ("citation_recall", "citation recall"),
    ("quote_fidelity", "verbatim quotes"), ("key_point_coverage", "key points"), ("abstention_precision", "abstention precision"),
    ("abstention_recall", "out-of-scope declined"), ("in_scope_refusals", "in-scope refusals"),
    ("answer_key_points", "key points in answer text"),
    ("answer_key_points_original", "key points in answer text, an English answer also through the Danish it renders"),
    ("recommendation_share", "planning answers with the need's recommendation"),
    ("flagged_sentences", "sentences leaning on a missing neighbour"), ("coherent_answers", "answers with no such sentence"),
    ("distinct_top5", "top 5 with distinct texts"), ("chars_top5", "characters in top 5"), ("faithfulness", "judge faithfulness"),
    ("search_p50_ms", "search p50 ms"), ("search_p95_ms", "search p95 ms"), ("ask_p50_ms", "ask p50 ms"), ("ask_p95_ms", "ask p95 ms"),
    ("peak_rss_mb", "peak RSS MB"),
]


def fmt(value: Any) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, float):
        return f"{value:.3f}" if value <= 1.0 else f"{value:.1f}"
    return str(value)


def summary_table(summary: dict[str, Any]) -> str:
    rows = [f"| {label} | {fmt(summary.get(key))} |" for key, label in SUMMARY_KEYS if key in summary]
    return "\n".join(["| metric | value |", "|---|---|", *rows])


def compare_table(configs: dict[str, dict[str, Any]]) -> str:
    keys = ["hit@5_da", "hit@5_en", "recall@5", "mrr", "ndcg@5", "chars_top5"]
    head = "| configuration | " + " | ".join(keys) + " |"
    lines = [head, "|---" * (len(keys) + 1) + "|"]
    for name, values in configs.items():
        lines.append(f"| {name} | " + " | ".join(fmt(values.get(k)) for k in keys) + " |")
    return "\n".join(lines)


def render_markdown(summary: dict[str, Any], samples: list[Sample], configs: dict[str, dict[str, Any]] | None = None) -> str:
    out = ["# cocreate eval", "", f"Backend: {summary.get('backend')}, retriever: {summary.get('retriever')}, {summary.get('questions')} questions.", "", summary_table(summary), ""]
    if configs:
        out += ["## Retrieval configurations", "", compare_table(configs), ""]
    out += ["## Questions", ""]
    for s in samples:
        q = s.question
        out += [f"### {q.id} ({q.language}{'' if q.in_scope else ', out of scope'})", "", f"> {q.question}", ""]
        out += ["Scores: " + ", ".join(f"{k} {fmt(v)}" for k, v in s.scores.items()), ""]
        for sentence in s.sentences:
            out.append(f"- {'✓' if sentence['supported'] else '✗'} {sentence['support']:.2f} — {sentence['text']} (sources: {', '.join(sentence['sources']) or 'none'})")
        out.append("")
    return "\n".join(out)


def _bars(title: str, values: dict[str, float], width: int = 520) -> str:
    """A horizontal bar chart as inline SVG (values 0..1)."""
    row = 22
    height = row * len(values) + 30
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" aria-label="{html.escape(title)}">',
             f'<text x="0" y="14" font-size="13" font-weight="bold">{html.escape(title)}</text>']
    for n, (label, value) in enumerate(values.items()):
        y = 24 + n * row
        w = max(0.0, min(1.0, value or 0.0)) * (width - 220)
        parts.append(f'<text x="0" y="{y + 14}" font-size="12">{html.escape(label)}</text>')
        parts.append(f'<rect x="170" y="{y + 3}" width="{w:.1f}" height="14" fill="#2b6cb0"/>')
        parts.append(f'<text x="{175 + w:.1f}" y="{y + 14}" font-size="12">{fmt(value)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _histogram(title: str, values: list[float], bins: int = 10, width: int = 520, height: int = 160) -> str:
    counts = [0] * bins
    for v in values:
        counts[min(bins - 1, max(0, int(v * bins)))] += 1
    top = max(counts) or 1
    bar = (width - 40) / bins
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" aria-label="{html.escape(title)}">',
             f'<text x="0" y="14" font-size="13" font-weight="bold">{html.escape(title)}</text>']
    for n, c in enumerate(counts):
        h = (height - 50) * c / top
        x = 20 + n * bar
        parts.append(f'<rect x="{x:.1f}" y="{height - 25 - h:.1f}" width="{bar - 2:.1f}" height="{h:.1f}" fill="#38a169"/>')
        parts.append(f'<text x="{x:.1f}" y="{height - 10}" font-size="10">{n / bins:.1f}</text>')
    parts.append("</svg>")
    return "".join(parts)


def render_html(summary: dict[str, Any], samples: list[Sample], configs: dict[str, dict[str, Any]] | None = None) -> str:
    e = html.escape
    rows = "".join(f"<tr><td>{e(label)}</td><td>{e(fmt(summary.get(key)))}</td></tr>" for key, label in SUMMARY_KEYS if key in summary)
    charts = []
    if configs:
        for metric in ("hit@5_da", "hit@5_en", "mrr"):
            charts.append(_bars(f"{metric} by configuration", {name: v.get(metric) or 0.0 for name, v in configs.items()}))
    supports = [s["support"] for sample in samples for s in sample.sentences]
    if supports:
        charts.append(_histogram("Support scores of answer sentences", supports))
    details = []
    for s in samples:
        q = s.question
        sentences = "".join(
            f"<li class=\"{'ok' if x['supported'] else 'bad'}\">{x['support']:.2f} — {e(x['text'])} <small>({e(', '.join(x['sources']) or 'no source')})</small></li>"
            for x in s.sentences
        )
        scores = ", ".join(f"{e(k)} {e(fmt(v))}" for k, v in s.scores.items())
        details.append(
            f"<details><summary>{e(q.id)} — {e(q.question)}</summary><p><b>Answer</b> ({e(s.backend)}{', abstained' if s.abstained else ''}):</p>"
            f"<pre>{e(s.answer)}</pre><p>{scores}</p><ul>{sentences}</ul></details>"
        )
    return (
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>cocreate eval</title>"
        "<style>body{font-family:sans-serif;max-width:60rem;margin:2rem auto}td{padding:2px 8px}.ok{color:#276749}.bad{color:#9b2c2c}pre{white-space:pre-wrap;background:#f7f7f7;padding:8px}</style>"
        f"</head><body><h1>cocreate eval</h1><p>Backend {e(str(summary.get('backend')))}, retriever {e(str(summary.get('retriever')))}, {e(str(summary.get('questions')))} questions.</p>"
        f"<table>{rows}</table>{''.join(charts)}<h2>Questions</h2>{''.join(details)}</body></html>"
    )


def render_json(summary: dict[str, Any], samples: list[Sample], configs: dict[str, dict[str, Any]] | None = None) -> str:
    return json.dumps(
        {
            "summary": summary,
            "configurations": configs or {},
            "questions": [
                {"id": s.question.id, "question": s.question.question, "answer": s.answer, "abstained": s.abstained, "scores": s.scores, "sentences": s.sentences}
                for s in samples
            ],
        },
        ensure_ascii=False,
        indent=1,
    )


def write_reports(directory: Path, summary: dict[str, Any], samples: list[Sample], configs: dict[str, dict[str, Any]] | None = None) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "report.md").write_text(render_markdown(summary, samples, configs), encoding="utf-8")
    (directory / "report.html").write_text(render_html(summary, samples, configs), encoding="utf-8")
    (directory / "report.json").write_text(render_json(summary, samples, configs), encoding="utf-8")
