"""Retrieval: chunks within model limits, hybrid search with filters, index lifecycle, Chroma server, CLI contract."""
from __future__ import annotations

import json
import socket
import subprocess
import time
from pathlib import Path

import pytest

from assistant import Assistant, InputError, Settings
from assistant.cli import main
from assistant.index import VectorStore
from assistant.tokens import count_tokens, encoding


def test_tiktoken_works_offline_from_the_packaged_file():
    enc = encoding()
    assert enc.name == "cl100k_base"
    assert count_tokens("hello world") == 2


def test_chunks_are_units_with_citation_metadata(fake_assistant: Assistant):
    chunks = fake_assistant.chunks
    kinds = {c.kind for c in chunks}
    assert kinds == {"paragraph", "recommendation", "quote", "table", "figure"}
    ids = [c.id for c in chunks]
    assert len(ids) == len(set(ids))
    quote = next(c for c in chunks if c.kind == "quote")
    assert quote.speaker in ("projektdeltager", "kollega", "leder") and quote.paragraph_id
    assert all(c.section for c in chunks)
    assert all(count_tokens(c.text) <= 300 for c in chunks)
    rows = [c for c in chunks if c.id.startswith("tabel-4.r")]
    assert len(rows) == 3 and any("Faglig arrogance" in c.text for c in rows)


def test_search_returns_cited_hits_and_filters(fake_assistant: Assistant):
    hits = fake_assistant.search("formel og uformel støtte og opbakning", k=5)
    assert len(hits) == 5
    assert any(h.chunk.section_id == "del-3.strukturer" for h in hits)
    quotes = fake_assistant.search("ledelsen skal turde sige det er ok at fejle", k=5, kind="quote", speaker="leder")
    assert quotes and all(h.chunk.kind == "quote" and h.chunk.speaker == "leder" for h in quotes)
    assert quotes[0].chunk.id == "del-2.forandringer.q10"
    part3 = fake_assistant.search("kompetenceniveauer", k=8, part="del-3")
    assert all(h.chunk.part == "del-3" for h in part3)
    with pytest.raises(InputError, match="Unknown kind"):
        fake_assistant.search("tid", kind="poem")


@pytest.mark.parametrize("bad", ["", "   ", "\x00\x01", "?!?"])
def test_empty_or_symbol_questions_are_refused(fake_assistant: Assistant, bad: str):
    with pytest.raises(InputError):
        fake_assistant.search(bad)


def test_huge_question_is_refused(fake_assistant: Assistant):
    with pytest.raises(InputError, match="limit"):
        fake_assistant.search("co-creation " * 10_000)


def test_english_question_reaches_danish_passage_through_glossary_and_renderings(fake_assistant: Assistant):
    hits = fake_assistant.search("What is the professional aversion of the collaborating partner?", k=5)
    assert any(h.chunk.id.startswith("tabel-4") for h in hits)


def test_incremental_index_and_model_change(tmp_path: Path):
    settings = Settings(data_dir=tmp_path, embed_model="hash-64")
    assistant = Assistant(settings)
    first = assistant.build_index()
    from assistant.index import vector_records

    assert first.added == len(vector_records(assistant.chunks)) > len(assistant.chunks) and first.unchanged == 0
    again = assistant.build_index()
    assert again.added == again.updated == again.removed == 0
    # a changed chunk re-embeds only itself
    from dataclasses import replace

    changed = list(assistant.chunks)
    changed[0] = replace(changed[0], text=changed[0].text + " (rettet)")
    report = assistant.store.sync(changed[:-1])
    assert report.updated == 1 + (1 if changed[0].english else 0)
    assert report.removed == 1 + (1 if changed[-1].english else 0)
    # another model: the index is rebuilt, never mixed
    messages: list[str] = []
    other = Assistant(Settings(data_dir=tmp_path, embed_model="hash-32"), notify=messages.append)
    rebuilt = other.build_index()
    assert rebuilt.added == first.added and any("rebuilding" in m for m in messages)


def test_index_from_an_older_version_is_rebuilt_with_a_wide_search(tmp_path: Path):
    import chromadb
    from assistant.index import COLLECTION
    from chromadb.config import Settings as ChromaSettings

    settings = Settings(data_dir=tmp_path, embed_model="hash-64")
    first = Assistant(settings).build_index()
    client = chromadb.PersistentClient(path=str(tmp_path / "index" / "chroma"), settings=ChromaSettings(anonymized_telemetry=False))
    client.get_collection(COLLECTION).modify(metadata={"embed_model": "hash-64", "schema": "2"})  # as session 10 left it
    del client
    messages: list[str] = []
    again = Assistant(settings, notify=messages.append)
    assert again.build_index().added == first.added
    assert any("older version" in m for m in messages) and not any("never mix" in m for m in messages)
    configuration = again.store.collection().configuration
    assert configuration["hnsw"]["ef_search"] == 400 and configuration["hnsw"]["space"] == "cosine"


def test_corrupt_store_is_moved_aside_and_rebuilt(tmp_path: Path):
    settings = Settings(data_dir=tmp_path, embed_model="hash-64")
    Assistant(settings).build_index()
    db = tmp_path / "index" / "chroma" / "chroma.sqlite3"
    db.write_bytes(b"this is not a database" * 100)
    messages: list[str] = []
    assistant = Assistant(settings, notify=messages.append)
    hits = assistant.search("støtte og sparring")
    assert hits and any("damaged" in m for m in messages)
    assert list(tmp_path.joinpath("index").glob("chroma.damaged-*"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.e2e
def test_chroma_server_gives_the_same_results_as_the_embedded_store(tmp_path: Path, fake_assistant: Assistant):
    port = _free_port()
    server = subprocess.Popen(
        ["chroma", "run", "--path", str(tmp_path / "server"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        settings = Settings(data_dir=tmp_path / "client", embed_model="hash-256", chroma_url=f"http://127.0.0.1:{port}")
        deadline = time.time() + 60
        while True:
            try:
                remote = Assistant(settings)
                remote.build_index()
                break
            except Exception:
                if time.time() > deadline or server.poll() is not None:
                    raise
                time.sleep(0.5)
        for question in ("Hvordan får vi kollegerne med?", "tid og timing", "What should management signal?"):
            local = fake_assistant.search(question, k=5)
            served = remote.search(question, k=5)
            assert [h.chunk.id for h in served] == [h.chunk.id for h in local]
            # hash embeddings tie often; ties may be broken in another order by the server's HNSW
            assert [h.score for h in served] == pytest.approx([h.score for h in local], abs=1e-3)
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_unreachable_chroma_server_names_the_setting(tmp_path: Path):
    from assistant.errors import StoreError

    settings = Settings(data_dir=tmp_path, embed_model="hash-64", chroma_url=f"http://127.0.0.1:{_free_port()}")
    with pytest.raises(StoreError, match="COCREATE_CHROMA_URL"):
        VectorStore(settings, Assistant(settings).embeddings).collection()


def test_cli_search_json_contract(cli_data: Path, capsys):
    assert main(["search", "Hvad siger lederne om at fejle?", "-k", "3", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["query"] == "Hvad siger lederne om at fejle?"
    assert len(out["hits"]) == 3
    for hit in out["hits"]:
        assert set(hit) == {"id", "text", "kind", "section", "speaker", "score", "covers"}
        assert (hit["speaker"] is None) == (hit["kind"] != "quote")


def test_cli_search_jsonl_reads_stdin(cli_data: Path, monkeypatch: pytest.MonkeyPatch, capsys):
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("tid og timing\n\nHvad er 4P-modellen?\n" + "x" * 5000 + "\n"))
    assert main(["search", "--jsonl", "-k", "2", "--kind", "paragraph"]) == 0  # the batch ran: bad lines get error lines
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(lines) == 4  # one output line per input line, blank ones included
    assert lines[0]["query"] == "tid og timing" and lines[2]["query"] == "Hvad er 4P-modellen?"
    assert all(h["kind"] == "paragraph" for line in (lines[0], lines[2]) for h in line["hits"])
    assert "error" in lines[1] and "limit" in lines[3]["error"]


@pytest.mark.parametrize("argv", [["search", ""], ["search", "   "], ["search"], ["search", "x" * 3000]])
def test_cli_bad_questions_exit_nonzero_with_a_message(cli_data: Path, capsys, argv: list[str]):
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "Traceback" not in err


@pytest.mark.slow
def test_real_model_chunks_fit_the_model_limit(real_assistant: Assistant):
    embeddings = real_assistant.embeddings
    limit = embeddings.max_tokens()
    assert limit == 256
    assert all(embeddings.count_tokens(c.embed_text()) <= limit for c in real_assistant.chunks)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Hvor mange gruppeinterviews blev der gennemført?", ("tabel-1", "del-1.data.p04")),
        ("Hvad siger lederne om at det er ok at fejle?", "del-2.forandringer.q10"),
        ("Hvilke tre kompetenceniveauer anbefaler rapporten?", "tabel-3"),
        ("What is the professional aversion of the service-oriented helper?", "tabel-4"),
        ("How should support be organised, formally or informally?", ("anbefaling.strukturer.6", "del-3.strukturer.p05")),
        ("What are the four P's of the 4P model?", "figur-1"),
        ("How many project participants, colleagues and managers were interviewed?", "tabel-1"),
    ],
)
def test_real_retrieval_finds_the_answer_passage(real_assistant: Assistant, question: str, expected: str | tuple[str, ...]):
    accepted = (expected,) if isinstance(expected, str) else expected
    hits = real_assistant.search(question, k=5)
    found = [h.chunk.id for h in hits]
    assert any(a in h.chunk.source_ids or h.chunk.id.startswith(a) for h in hits for a in accepted), found


def test_a_query_that_clearly_fits_a_need_favours_that_needs_passages(fake_assistant: Assistant):
    engine = fake_assistant.engine
    query = "Alt skal være perfekt hos os, og ingen tør prøve noget halvfærdigt af"
    focused = [h.chunk.id for h in engine.search(query, 5)]
    need = fake_assistant.topic_map.need("mistakes-values")
    focus, engine.focus = engine.focus, None
    try:
        plain = [h.chunk.id for h in engine.search(query, 5)]
    finally:
        engine.focus = focus
    inside = lambda ids: sum(i.split("#")[0] in need.items() for i in ids)  # noqa: E731
    assert inside(focused) >= inside(plain) and inside(focused) >= 1


def test_search_json_names_every_passage_a_hit_stands_for(fake_assistant):
    hits = fake_assistant.search("How many project participants, colleagues and managers were interviewed?", 5, mode="bm25")  # hash embeddings mean nothing
    table = next(h.as_json() for h in hits if h.chunk.id.startswith("tabel-1"))
    assert "tabel-1" in table["covers"] and {f"tabel-1.r{n}" for n in range(1, 6)} <= set(table["covers"])
    for hit in hits:
        data = hit.as_json()
        assert data["covers"][0] == data["id"] and len(set(data["covers"])) == len(data["covers"])


def test_irregular_danish_verbs_meet_their_infinitive():
    """Snowball keeps "går" and "gå" apart; an everyday "det går galt" must still meet "gå galt" and the report's "deltage"."""
    from assistant.language import tokenize

    assert tokenize("det går galt") == tokenize("det gik galt") == tokenize("gå galt")
    assert tokenize("deltog") == tokenize("deltage") and tokenize("foregik") == tokenize("foregå")
    assert tokenize("tog") != tokenize("tage")  # a form that is also another word ("tog", a train) is left alone
    assert tokenize("går", "en") != tokenize("gå", "en")  # the table is Danish: English stemming is untouched


def test_a_sentence_may_open_with_an_accented_capital():
    from assistant.sentences import split_sentences

    text = "Overordnet set kan motivet være øget kvalitet, effektivitet eller legitimitet (Lystbæk et al., 2018). Ét motiv er kvalitet."
    assert split_sentences(text) == [text.split(" Ét")[0], "Ét motiv er kvalitet."]


def test_leaders_find_the_managers_row_of_table_1(fake_assistant):
    """The report's "Ledere" are "managers" or "leaders" in English; "focus group" must not pull Tabel 2's "Development focus"."""
    hits = fake_assistant.search("How many focus group interviews were held in the evaluation, and how many leaders took part?", 5)
    assert any(h.chunk.id.startswith("tabel-1") for h in hits), [h.chunk.id for h in hits]
