"""Planning answers: topic map and thesaurus as checked data, recommendation-first composition, scope, conversation."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from assistant import Assistant, CorpusError, Filters
from assistant.coherence import depends_on_previous, flagged_sentences
from assistant.corpus import load_corpus
from assistant.question import asks_why, question_kind
from assistant.topics import check_topic_map, load_topic_map

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


def test_topic_map_cites_only_what_the_corpus_has():
    topic_map = load_topic_map(CORPUS)
    assert len(topic_map.needs) >= 14
    assert check_topic_map(topic_map, load_corpus(CORPUS)) == []


def test_topic_map_with_an_unknown_id_fails_the_build(tmp_path):
    data = yaml.safe_load((CORPUS / "source" / "topics.yaml").read_text(encoding="utf-8"))
    data["needs"][0]["quotes"].append("del-2.reaktioner.q99")
    data["needs"][1]["findings"].append("anbefaling.indhold.1")  # a statement where a paragraph belongs
    partial = next(n for n in data["needs"] if n.get("partial"))
    partial["partial"]["shows"] = ["del-3.strukturer.q77"]
    data["spelled_out"][0]["sentence"] = "Motivet kan være alt muligt."  # not in its paragraph
    broken = load_topic_map_from(tmp_path, data)
    problems = check_topic_map(broken, load_corpus(CORPUS))
    assert any("del-2.reaktioner.q99" in p and "not in the corpus" in p for p in problems)
    assert any("anbefaling.indhold.1" in p and "statement" in p for p in problems)
    assert any("partial.shows" in p and "del-3.strukturer.q77" in p for p in problems)
    assert any(p.startswith("spelled_out: the sentence for 'anbefaling.interesse.2'") for p in problems)


def test_corpus_build_refuses_a_broken_topic_map(tmp_path):
    import shutil

    from assistant.corpus import build_corpus

    copy = tmp_path / "corpus"
    shutil.copytree(CORPUS, copy)
    data = yaml.safe_load((copy / "source" / "topics.yaml").read_text(encoding="utf-8"))
    data["needs"][0]["lead"] = ["anbefaling.nope.1"]
    (copy / "source" / "topics.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(CorpusError, match="anbefaling.nope.1"):
        build_corpus(copy)


def load_topic_map_from(tmp_path: Path, data: dict) -> object:
    (tmp_path / "source").mkdir(exist_ok=True)
    (tmp_path / "source" / "topics.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return load_topic_map(tmp_path)


@pytest.mark.parametrize(
    ("question", "concept"),
    [("Alt skal være perfekt hos os", "zero-error"), ("vores tilfredshedsskemaer", "satisfaction"), ("they call it a fad", "scepticism")],
)
def test_thesaurus_maps_everyday_words_to_report_concepts(fake_assistant: Assistant, question: str, concept: str):
    assert concept in fake_assistant.thesaurus.concepts_in(question)


def test_thesaurus_matches_inflected_danish_forms_the_stemmer_cuts_differently(fake_assistant: Assistant):
    # "kvalitet" stems to "kvalit" but "kvaliteten" to "kvalitet": the inflected form still names the motive
    assert "motives" in fake_assistant.thesaurus.concepts_in("De er bange for, at kvaliteten ryger")
    # only longer cuts of the same word count: "grundelementer" is not a value ("grund-" is not "grundighed")
    assert "values" not in fake_assistant.thesaurus.concepts_in("Hvad er de to grundelementer i co-creation?")
    # an English trigger is not inflected with Danish endings
    assert not fake_assistant.thesaurus.concepts_in("How is co-creation different from the UX work we already do?") & {"values", "zero-error"}


def test_everyday_words_reach_the_report_term(fake_assistant: Assistant):
    ids = [h.chunk.id for h in fake_assistant.search("Alt skal være perfekt, ingen tør prøve noget nyt", 5, mode="bm25")]
    assert any(i.startswith(("del-3.indhold.p03", "tabel-2.r3")) for i in ids), ids  # nulfejlskultur


def test_top_five_never_repeats_a_text(fake_assistant: Assistant):
    for question in ("Hvilke kompetenceudviklingstiltag anbefales?", "co-creation konceptudvikling designudvikling praksisudvikling"):
        texts = [re.sub(r"\s+", " ", h.chunk.text) for h in fake_assistant.search(question, 5)]
        assert len(texts) == len(set(texts))
        assert not any(a != b and a in b for a in texts for b in texts)


@pytest.mark.parametrize("question", ["How many project participants, colleagues and managers were interviewed?", "hvor mange kolleger og chefer var med i interviewene?"])
def test_a_count_question_gets_the_whole_table(fake_assistant: Assistant, question: str):
    hits = fake_assistant.search(question, 5, mode="bm25")  # the hash embeddings of the fast suite mean nothing
    tables = [h for h in hits if h.chunk.id.startswith("tabel-1.r")]
    assert len(tables) == 1, [h.chunk.id for h in hits]  # the rows merge into one passage: the whole table
    assert all(f"tabel-1.r{n}" in tables[0].chunk.source_ids for n in range(1, 6))
    assert "Ledere 15" in tables[0].chunk.text and "Kolleger 35" in tables[0].chunk.text


@pytest.mark.parametrize(
    ("sentence", "language", "dependent"),
    [
        ("På den baggrund holder det fast ved dette indhold.", "da", True),
        ("Men det er lettere sagt end gjort.", "da", True),
        ("Som det fremgår, er der en stigende grad af kompleksitet igennem niveauerne.", "da", True),
        ("Firstly, tests measure what the participants can remember.", "en", True),
        ("Den samme pointe udtrykkes i fokusgrupperne med medarbejdere.", "da", True),
        ("I fokusgrupperne gives der udtryk for, at denne udvikling også præger bibliotekerne.", "da", True),
        ("As part of realising this goal, it was decided that the experiences should be evaluated.", "en", True),
        ("Not surprisingly, it is a recurring theme in the focus groups with staff.", "en", True),
        ("Som sådan kan de godt se mening med co-creation.", "da", True),
        ("Det er en gennemgående pointe i fokusgrupperne.", "da", True),
        ("På disse møder blev der talt om co-creation.", "da", True),
        ("At these meetings the participants discussed co-creation.", "en", True),
        ("I del 3 vil der blive givet anbefalinger til, hvordan bibliotekerne kan gøre dette.", "da", True),  # points elsewhere
        ("Andre projektdeltagere har oplevet, at initiativet er kommet fra dem selv.", "da", True),  # a contrast with the one before
        ("Lederne giver også udtryk for en vis ambivalens.", "da", True),
        ("The managers also express a certain ambivalence.", "en", True),
        ("Ikke overraskende er det særligt projektdeltagere, der benytter muligheden.", "da", False),
        ("Det anbefales, at bibliotekerne opererer med mindst tre niveauer af kompetence.", "da", False),
        ("Concretely, it is recommended that the libraries continue with the initiatives.", "en", False),
    ],
)
def test_dependent_sentences_are_recognised(sentence: str, language: str, dependent: bool):
    assert depends_on_previous(sentence, language) is dependent


def test_connectives_lean_on_the_neighbour_but_read_alone():
    from assistant.coherence import leans_on_previous

    sentence = "På den baggrund anbefales det, at bibliotekerne adresserer de organisatoriske værdier."
    assert leans_on_previous(sentence, "da") and not depends_on_previous(sentence, "da")


def test_flag_check_allows_a_dependent_sentence_after_its_neighbour():
    assert flagged_sentences("- Fokusgrupperne viser noget vigtigt. Men det er lettere sagt end gjort. [1]", "da") == []
    assert flagged_sentences("- Men det er lettere sagt end gjort. [1]", "da")


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Kan du skrive en mail til mine kolleger om co-creation?", "draft"),
        ("How is this different from the partnerships we already have with faculty?", "define"),
        ("Hvordan adskiller det sig fra de UX-test, vi laver?", "define"),
        ("Write an agenda for our staff meeting on co-creation", "draft"),
        ("Rapporten viser jo, at tilfredshedsskemaer er den bedste måling, ikke?", "premise"),
        ("How many managers were interviewed?", "fact"),
        ("Hvad er co-creation?", "define"),
        ("Hvordan får vi de skeptiske kolleger med?", "planning"),
        # "how much" or "when" inside a question about how to act is still a plan
        ("Hvordan kan jeg dele folk op efter hvor meget de skal kunne ift co-creation?", "planning"),
        ("Hvornår giver det mening at måle om kurset har ændret noget?", "planning"),
        ("Hvor mange ledere blev interviewet?", "fact"),
        ("How many rows does table 5 have, and how should we use it?", "fact"),
        # what the people in the study thought is the report's content, not a plan
        ("Hvad mente lederne i fokusgrupperne om co-creation?", "fact"),
        ("What did the project participants report as the downsides?", "fact"),
        ("What did we do wrong, and how should we fix it?", "planning"),
        ("Hvornår på semestret er det smartest at spørge de studerende?", "planning"),
        ("When is the best time in the term to invite students?", "planning"),
        # "how much/how many" asking what ought to be is a plan, not a number from the study
        ("What's a sensible way to decide how much co-creation skill each librarian needs?", "planning"),
        ("Hvor mange af vores ansatte skal egentlig kunne facilitere en workshop?", "planning"),
        ("How many libraries took part in the project?", "fact"),
    ],
)
def test_question_kinds(question: str, kind: str):
    assert question_kind(question) == kind


@pytest.mark.parametrize(
    "question, why",
    [
        ("Hvad får vi ud af at samarbejde med de studerende?", True),
        ("Jeg skal forklare kollegerne, hvorfor vi skal gøre det", True),
        ("What's the point of co-creating with students?", True),
        ("Which arguments for co-creation hold up with management?", True),
        ("Hvordan får vi de skeptiske kolleger med?", False),
        ("What should we offer staff as training?", False),
    ],
)
def test_why_questions_are_told_apart(question: str, why: bool):
    assert asks_why(question) is why


def test_sceptic_question_in_everyday_danish_gets_the_recommendation_first(fake_assistant: Assistant):
    answer = fake_assistant.ask("Flere af de erfarne kolleger kalder det en modedille. Hvordan tager vi snakken med dem?")
    assert not answer.abstained
    first = answer.answer.split("\n\n")[0]
    assert "anbefales det" in first
    assert any(c.id.startswith("anbefaling.interesse") for c in answer.citations)
    assert "«Professionelle identiteter»" in answer.answer
    assert flagged_sentences(answer.answer, "da") == []
    for citation in answer.citations:  # every cited paragraph, statement and quote is the report's own text
        if citation.kind not in ("table", "figure"):
            assert citation.text in fake_assistant.corpus_text


def test_english_planning_answer_stays_english(fake_assistant: Assistant):
    answer = fake_assistant.ask("How do we get sceptical colleagues on board?")
    body, note = answer.answer.rsplit("\n\n", 1)
    assert note.startswith("_English rendering")  # the note that it is a rendering comes last: the first line answers
    assert "anbefales" not in body and " og " not in body and "kolleger" not in body
    assert "recommended" in body.split("\n\n")[0]
    assert "«Professional identities»" in body


def test_a_recommendation_the_search_found_joins_what_to_do(fake_assistant: Assistant):
    # The map routes "the point of it" to getting started, whose own steps are indhold.4/5; the recommendation about
    # motives (interesse.2) stands beside the reasons the question asks for, so it joins them.
    answer = fake_assistant.ask("Hvad er egentlig pointen med at inddrage studerende i udviklingen? Hvad får vi som bibliotek ud af det, som vi ikke får i forvejen?")
    todo = answer.answer.split("**Det kan I gøre**")[1].split("**Det bygger på**")[0]
    assert "motiver, der er for co-creation" in todo
    assert "anbefaling.interesse.2" in {c.id for c in answer.citations}
    assert flagged_sentences(answer.answer, "da") == []


@pytest.mark.parametrize(
    "question",
    ["Hvordan får vi kollegerne med?", "Nogle bibliotekarer føler, at de giver køb på deres faglighed. Hvad kan man sige til dem?",
     "How do we organise support?", "Hvordan evaluerer vi en kursusdag?"],
)
def test_evidence_is_at_most_two_findings_and_two_quotes(fake_assistant: Assistant, question: str):
    answer = fake_assistant.ask(question).answer
    heading = "**What it rests on**" if question.startswith("How") else "**Det bygger på**"
    evidence = [line for line in answer.split(heading)[1].split("\n\n")[1 if answer.split(heading)[1].startswith("\n\n") else 0].splitlines() if line.startswith("- ")]
    quotes = [line for line in evidence if re.match(r"- (En|A) [^:]{3,40}(\(translated\))?: ", line)]
    tables = [line for line in evidence if line.startswith(("- TABEL", "- TABLE", "- FIGUR"))]
    assert len(evidence) - len(quotes) - len(tables) <= 2 and 1 <= len(quotes) <= 2 and len(tables) <= 1


@pytest.mark.parametrize("question", ["Hvad er co-creation?", "Hvad går co-creation ud på?", "What does co-creation mean?", "Hvad er samskabelse?"])
def test_what_is_questions_lead_with_the_definition(fake_assistant: Assistant, question: str):
    answer = fake_assistant.ask(question)  # routed to the definitions however the search ranks (the real model ranked
    assert answer.citations[0].id.startswith(("indledning.p01", "del-3.indhold.p02"))  # competence levels first)


@pytest.mark.parametrize("question", [
    "Hvorfor skal vi lave co-creation med de studerende?",
    "Jeg skal forklare kollegerne, hvorfor vi overhovedet skal samarbejde med de studerende. Hvilke argumenter holder?",
    "Why should our library bother with co-creation at all?",
])
def test_a_why_question_leads_with_the_reasons_not_a_recommendation(fake_assistant: Assistant, question: str):
    answer = fake_assistant.ask(question)
    lead = answer.answer.split("\n\n")[0]
    assert answer.citations[0].id.startswith("del-3.interesse.p02")  # the motives: quality, efficiency, legitimacy
    assert re.search(r"\b(motiv\w*|kvalitet\w*|effektivitet|legitimitet|motives?|quality|efficiency|legitimacy)\b", lead)
    assert not re.search(r"anbefales|recommended", lead)  # the recommendations come under "what to do"


def test_the_definition_need_must_explain(tmp_path):
    data = yaml.safe_load((CORPUS / "source" / "topics.yaml").read_text(encoding="utf-8"))
    data["definition"]["need"] = "no-such-need"
    problems = check_topic_map(load_topic_map_from(tmp_path, data), load_corpus(CORPUS))
    assert any("definition" in p and "no-such-need" in p for p in problems)


def test_quotes_vary_with_the_question(fake_assistant: Assistant):
    questions = ["Hvordan får vi kollegerne med?", "Hvordan organiserer vi sparring og støtte?", "Hvad skal ledelsen gøre?", "Hvordan evaluerer vi en kursusdag?"]
    quotes = [tuple(c.id for c in fake_assistant.ask(q).citations if c.kind == "quote") for q in questions]
    assert len(set(quotes)) == len(quotes)


@pytest.mark.parametrize(
    "question",
    [
        "How do I configure the Koha integrated library system?",
        "How do I set up a Zotero workshop for PhD students?",
        "Hvordan sætter vi fjernlån op i vores system?",
        "Write a poem about the library at night",
        "Hvad er hovedstaden i Frankrig?",
        "Hvad er opskriften på en god æblekage?",  # everyday life: food, fiction, ... (thesaurus outside: everyday-life)
        "Hvad er opskriften på en god lasagne?",  # a librarian's trial: "god" alone matched the report's "god service"
        "What is a good recipe for lasagne?",
        "Since the report found that students were paid 500 kr per hour, how should we budget?",  # a pay figure it never gives
        "Kan du anbefale en god krimi?",
        "Hvordan laver man en god kop kaffe til personalemødet?",
        "Kan du hjælpe mig med at lave et spørgeskema til de studerende i SurveyXact?",  # a system beside students, not co-creation
        "Translate this into English please: 'Kære kolleger, husk personalemødet torsdag'",  # work on the user's own text
        "Summarise our library's strategy 2025 for me",
        "Hvordan bruger jeg flipped classroom i min undervisning?",  # teaching methods the report does not treat
        "Hvordan arbejder kommunerne med samskabelse på ældreområdet?",  # another sector
        "Der er vandskade i studiezonen, hvem ringer vi til?",  # the building (a blind writer's roof)
        "How do I reset a patron's PIN code at the self-service machine?",
        "Hvordan laver man co-creation med elever i indskolingen?",  # pupils at school: another setting
        "What did a follow-up study in 2023 show about the eight libraries?",  # after the project: gaps.yaml "later"
        "Hvor lang tid tager det at køre fra Vejle til Esbjerg?",  # places that are not where the asker works
        "Write a <b>python</b> script that counts loans",
    ],
)
def test_questions_outside_the_report_are_declined(fake_assistant: Assistant, question: str):
    assert fake_assistant.ask(question).abstained


@pytest.mark.parametrize(
    "question",
    [
        "giv mig en simpel opskrift på co-creation",
        "What is a novel way to involve students?",
        "Hvordan regner vi ud, hvor mange timer et forløb tager?",
        "How do we translate the recommendations into practice?",
        "Kan du opsummere rapportens anbefalinger?",
        "We are a small team with no extra budget. Can we do co-creation in a small way without a big formal project?",
        "Hvad skal en medarbejder i udlånet kunne for at deltage i co-creation?",  # staff named by where they work
        "What do staff at the loans desk need to know to join in?",
        "We are eleven librarians in the team. How much co-creation competence does each of us need?",  # not Danish "elever"
        # a librarian's trial: a place they work, their own product, a typo and pasted markup were declined
        "Vi er et lille fagbibliotek i Vejle – hvordan får vi kolleger med?",
        "We're a small library in Esbjerg. How do we get colleagues on board?",
        "Hvordan inddrager vi ph.d.-studerende i udviklingen af vores LibGuides?",
        "Hvordan får vi kolegaerne med?",
        "Hvordan får vi kollegerne med? <b>hurtigt</b>",
    ],
)
def test_everyday_words_used_about_co_creation_stay_in_scope(fake_assistant: Assistant, question: str):
    assert not fake_assistant.ask(question).abstained


def test_everyday_life_words_are_not_in_the_report(fake_assistant: Assistant):
    """The outside concept for everyday life may only name what the report never does (else it would decline its own words)."""
    from assistant.language import tokenize

    outside = next(c for c in fake_assistant.answerer.parts.outside.concepts if c.id == "everyday-life")
    vocabulary = fake_assistant.engine.vocabulary
    in_report = [w for lang in ("da", "en") for w in getattr(outside.everyday, lang) if set(tokenize(w, lang)) <= vocabulary]
    assert in_report == []


def test_an_off_topic_turn_never_declines_the_next_question(fake_assistant: Assistant):
    history = [
        {"role": "user", "content": "Hvad er hovedstaden i Frankrig?"},
        {"role": "assistant", "content": fake_assistant.ask("Hvad er hovedstaden i Frankrig?").answer},
    ]
    answer = fake_assistant.ask("Hvordan får vi kollegerne med?", history)
    assert not answer.abstained
    assert "Frankrig" not in answer.retrieval_query


def test_draft_request_gets_the_recommendations_and_a_notice(fake_assistant: Assistant):
    answer = fake_assistant.ask("Kan du skrive en mail til mine kolleger, der forklarer hvorfor vi skal i gang med co-creation?")
    assert not answer.abstained
    assert any("COCREATE_LLM" in n for n in answer.notices)  # JSON carries it as a notice
    assert answer.answer.startswith("_Selve udkastet skrives af en sprogmodel")  # said first, before the recommendations
    assert answer.render_text().count("COCREATE_LLM") == 1  # and said once
    assert any(c.kind == "recommendation" for c in answer.citations)


def test_an_english_draft_request_is_answered_in_english(fake_assistant: Assistant):
    # "for" is as Danish as it is English: "Write a one-page outline ... for all library staff" was read as Danish
    answer = fake_assistant.ask("Write a one-page outline for an internal training day on co-creation for all library staff.")
    assert answer.language == "en" and answer.answer.startswith("_The draft itself")
    assert "anbefales" not in answer.answer and "**What to do**" in answer.answer


def test_a_filter_that_leaves_nothing_says_so(fake_assistant: Assistant):
    answer = fake_assistant.ask("Hvordan får vi kollegerne med?", kind="quote", part="del-1")
    assert "type: Citat" in answer.answer and "del: Del 1 · Evalueringsdesign" in answer.answer  # as the user chose it
    assert "dækker ikke" not in answer.answer and answer.notices == [answer.answer]
    assert answer.declined_because == "no-passages" and answer.as_json()["declined_because"] == "no-passages"
    english = fake_assistant.ask("How do we get colleagues on board?", kind="quote", part="forord")
    assert "kind: Quote" in english.answer and "part: Foreword" in english.answer


def test_json_carries_notices(fake_assistant: Assistant):
    answer = fake_assistant.ask("Skriv et udkast til en dagsorden for et personalemøde om co-creation")
    data = json.loads(json.dumps(answer.as_json()))
    assert data["notices"] and data["notices"] == answer.notices


def _turns(assistant: Assistant, *questions: str) -> list[dict[str, str]]:
    history: list[dict[str, str]] = []
    for question in questions:
        history += [{"role": "user", "content": question}, {"role": "assistant", "content": assistant.ask(question, history).answer}]
    return history


def test_a_new_topic_mid_conversation_is_answered_on_its_own(fake_assistant: Assistant):
    history = _turns(fake_assistant, "Hvad skal ledelsen gøre for at støtte co-creation?")
    answer = fake_assistant.ask("Hvordan evaluerer vi vores kompetenceudviklingsdag?", history)
    assert "«Evalueringsplan»" in answer.answer and "ledelsen" not in answer.retrieval_query


def test_an_off_topic_question_mid_conversation_is_declined(fake_assistant: Assistant):
    history = _turns(fake_assistant, "Hvordan får vi kollegerne med?", "Hvad skal ledelsen gøre?")
    assert fake_assistant.ask("Hvad er klokken i New York lige nu?", history).abstained
    assert fake_assistant.ask("What is the capital of Australia?", history).abstained


def test_two_findings_that_are_neighbours_in_the_report_are_one_line_in_its_order(fake_assistant: Assistant):
    from assistant.recommend import Piece, Report, _joined

    sentences = Report(fake_assistant.chunks, {}).paragraph["del-3.interesse.p02"]
    first = next(s for s in sentences if s.text.startswith("Forskningslitteraturen angiver"))
    second = next(s for s in sentences if s.text.startswith("Overordnet set kan motivet"))
    lead = Piece("lead", (sentences[0],))
    joined = _joined([lead, Piece("finding", (second,)), Piece("finding", (first,))])  # as chosen: the later one first
    assert joined == [lead, Piece("finding", (first, second))]
    apart = Piece("finding", (sentences[-1],))
    assert _joined([Piece("finding", (first,)), apart]) == [Piece("finding", (first,)), apart]  # not neighbours: kept apart


def test_a_lead_after_a_quoted_example_comes_with_the_finding_before_the_example(fake_assistant: Assistant):
    body = fake_assistant.ask("Hvad med dem der er bange for at lave fejl?").answer
    lead = "På den baggrund anbefales det, at bibliotekerne adresserer de organisatoriske værdier"
    if lead in body:  # the lead never opens the answer alone; the quote between them is not repeated
        first = body.split("\n")[0]
        assert first.startswith("Af fokusgrupperne med projektdeltagere, kolleger og ledere fremgår det") and lead in first, first


def test_a_question_about_two_rows_of_a_table_shows_both(fake_assistant: Assistant):
    body = fake_assistant.ask("Hvad er forskellen på grundlæggende og avanceret kompetence?").answer
    assert "1. Grundlæggende kompetence" in body and "3. Avanceret kompetence" in body, body


@pytest.mark.parametrize("follow_up", ["Kan du give et konkret eksempel?", "Can you give an example?", "Uddyb gerne"])
def test_a_request_for_an_example_keeps_the_topic_of_the_turn_before(fake_assistant: Assistant, follow_up: str):
    history = _turns(fake_assistant, "Hvordan får vi kollegerne med?")
    answer = fake_assistant.ask(follow_up, history)
    assert "kollegerne med" in answer.retrieval_query and not answer.abstained


@pytest.mark.parametrize(("question", "follow_up"), [("Hvordan får vi kollegerne med?", "Kan du give et eksempel?"), ("How do we get colleagues on board?", "Can you give an example?")])
def test_an_example_follow_up_opens_with_quotes_the_answer_before_did_not_show(fake_assistant: Assistant, question: str, follow_up: str):
    history = _turns(fake_assistant, question)
    before = history[-1]["content"]
    answer = fake_assistant.ask(follow_up, history)
    opening = [p for p in answer.answer.split("\n\n") if p.strip()][:2]
    assert all(re.match(r"(En|A) [^:]{3,40}(\(translated\))?: ", p) for p in opening), opening  # the report's voices first
    assert all(p.split(": ", 1)[1][:60] not in before for p in opening)  # not the quotes it showed already
    assert answer.answer.split("\n\n")[0] != before.split("\n\n")[0]
    assert flagged_sentences(answer.answer, answer.language) == []


def test_a_short_follow_up_about_a_new_need_answers_that_need(fake_assistant: Assistant):
    history = _turns(fake_assistant, "Hvordan kan bibliotekarer og undervisere arbejde bedre sammen om co-creation?")
    answer = fake_assistant.ask("og hvad med ledelsen?", history)
    assert "«Ledelsens prioritering»" in answer.answer


@pytest.mark.parametrize(
    ("question", "need"),
    [
        ("Hvordan får vi de studerende til overhovedet at dukke op?", "recruiting-students"),  # "overhovedet" is a filler
        ("Some senior colleagues think co-creation is a waste of time. How do I win them over?", "colleagues-on-board"),
        ("How do we get started with co-creation when nobody on the team has done it before?", "getting-started"),  # not "team" -> support
        ("Vi har ingen erfaring med co-creation – hvordan kommer vi i gang?", "getting-started"),
        ("Vi vil gerne i gang med co-creation med studerende på vores bibliotek – hvor skal vi starte?", "getting-started"),
    ],
)
def test_fillers_and_everyday_words_do_not_steer_the_need(fake_assistant: Assistant, question: str, need: str):
    _, route, _ = fake_assistant.answerer.retrieve(question, Filters())
    assert route.need is not None and route.need.id == need


@pytest.mark.parametrize(
    "question",
    [
        "Hvordan finder vi ud af, om vores interne kursus i co-creation faktisk har virket?",
        "How do we find out whether our co-creation course worked?",
        "Hvordan finder vi tid til co-creation?",
        "How do we find time for co-creation?",
    ],
)
def test_finding_out_is_not_finding_students(fake_assistant: Assistant, question: str):
    _, route, _ = fake_assistant.answerer.retrieve(question, Filters())
    assert route.need is not None and route.need.id != "recruiting-students", route


@pytest.mark.parametrize(
    ("question", "first"),
    [
        ("Hvordan får vi fat i studerende, der har lyst til at være med?", "_Rapporten dækker kun spørgsmålet delvist"),
        ("How do we recruit students for a workshop?", "_The report covers this question only in part"),
    ],
)
def test_a_need_the_report_covers_in_part_says_so_first(fake_assistant: Assistant, question: str, first: str):
    answer = fake_assistant.ask(question)  # before the lead, so the lead is not read as the report's full answer
    assert answer.answer.startswith(first) and answer.answer.count(first) == 1


def test_a_sentence_with_a_quoted_term_is_evidence_not_speech(fake_assistant: Assistant):
    """”happy sheets” in quotation marks is a term; the sentence naming it can back the answer."""
    answer = fake_assistant.ask("Rapporten anbefaler at evaluere kompetenceudvikling med happy sheets. Hvordan laver jeg et godt happy sheet?")
    assert "såkaldte ”happy sheets”" in answer.answer, answer.answer
    assert flagged_sentences(answer.answer, "da") == []


def test_a_need_covered_in_part_shows_what_its_note_sums_up(fake_assistant: Assistant):
    """Recruiting: the note names student organisations, timing and not wearing students out; the quotes are shown, cited."""
    answer = fake_assistant.ask("Hvordan får vi fat i studerende, der vil være med?")
    assert answer.answer.startswith("_Rapporten dækker kun spørgsmålet delvist")
    cited = {c.id for c in answer.citations}
    assert {"del-3.strukturer.q05", "del-2.forandringer.q03", "del-2.reaktioner.q07"} <= cited, cited
    assert "eks. cafeen" in answer.answer and "timingen" in answer.answer


def test_what_to_do_follows_the_reports_order_of_a_recommendation_group(fake_assistant: Assistant):
    """ "Mere specifikt …" before "Helt konkret …", as the report has them, and the markers still count up."""
    answer = fake_assistant.ask("Hvordan får vi kollegerne med i co-creation?")
    text = answer.answer
    assert "Helt konkret" in text and "Mere specifikt" in text, text
    assert text.index("Mere specifikt") < text.index("Helt konkret"), text
    markers = [int(n) for n in re.findall(r"\[(\d+)\]", text)]
    assert markers == sorted(markers), markers


@pytest.mark.parametrize("question", ["How is co-creation different from UX testing?", "Hvad er forskellen på co-creation og UX-test?"])
def test_a_how_is_it_different_question_leads_with_what_tells_them_apart(fake_assistant: Assistant, question: str):
    lead = fake_assistant.ask(question).answer.split("\n\n")[0]
    assert "UX" in lead, lead  # the sentence that tells co-creation from UX methods, not one about "different things"


def test_a_recommendation_that_names_a_list_comes_with_the_list(fake_assistant: Assistant):
    """ "… sætter fokus på de motiver, der er for co-creation" is shown with the motives the report names."""
    answer = fake_assistant.ask("Hvilke motiver er der for co-creation, og hvordan taler vi om dem med kollegerne?")
    assert {"anbefaling.interesse.2", "anbefaling.interesse.3"} & {c.id for c in answer.citations}, answer.answer
    assert "øget kvalitet, effektivitet eller legitimitet" in answer.answer, answer.answer


def test_a_false_premise_is_met_by_what_the_report_says_on_that_point(fake_assistant: Assistant):
    answer = fake_assistant.ask("The report says satisfaction forms are the best way to measure training, right?")
    lead = answer.answer.split("\n\n")[1]  # after the line saying the premise is not necessarily the report's
    assert "poor measure" in lead, answer.answer
    assert "all four levels" in answer.answer  # the map's lead still comes, under what to do


def test_a_list_named_only_in_what_to_do_is_spelled_out_only_when_asked_about(fake_assistant: Assistant):
    """The motives' list comes with a lead that names it, or when the question asks about motives; not with every
    answer whose "what to do" mentions them."""
    answer = fake_assistant.ask("Hvordan får vi kollegerne med?").answer
    lead, todo = answer.split("**Det kan I gøre**")[0], answer.split("**Det kan I gøre**")[1].split("**Det bygger på**")[0]
    assert "de motiver" in todo and "motiver" not in lead, answer  # what to do names the motives, the lead does not
    assert "øget kvalitet, effektivitet eller legitimitet" not in answer, answer


@pytest.mark.parametrize(
    "question",
    ["Our staff are worried that if a student project flops, it'll reflect badly on them. How should we handle that fear of failure?",
     "What did the eight libraries try out with students, and what should we do first?"],
)
def test_the_introductions_account_of_the_project_is_no_evidence_for_a_plan(fake_assistant: Assistant, question: str):
    """The search may rank the introduction high ("In a national DEFF project …"); it describes the project, not a finding."""
    cited = [c.id for c in fake_assistant.ask(question).citations]
    assert cited and not [i for i in cited if i.startswith(("indledning", "forord"))], cited


def test_an_answer_opens_with_a_sentence_that_reads_alone(fake_assistant: Assistant):
    """A lead opening "På den baggrund …" comes only after its ground; otherwise another lead of the need opens."""
    from assistant.coherence import leans_on_previous
    from assistant.corpus.text import split_sentences

    topic_map = load_topic_map(CORPUS)
    opened = 0
    for need in topic_map.needs:
        for language, phrasing in (("da", need.phrasings.da[0]), ("en", need.phrasings.en[0])):
            answer = fake_assistant.ask(phrasing)
            if answer.abstained:
                continue
            first = answer.answer.split("\n\n")[0]
            if first.startswith("_"):  # a partial or premise note comes first
                first = answer.answer.split("\n\n")[1]
            sentences = split_sentences(re.sub(r"\s*\[\d+\]", "", first))
            opened += 1
            if leans_on_previous(sentences[0], language):  # only when every lead of the need leans and its ground is not shown
                leads = [c for c in fake_assistant.chunks if c.id in need.lead]
                assert all(leans_on_previous(c.text, "da") for c in leads), (phrasing, first)
    assert opened >= 20


def test_a_planning_answer_names_its_need_and_wizard_in_json(fake_assistant: Assistant):
    answer = fake_assistant.ask("Flere af de erfarne kolleger kalder det en modedille. Hvordan tager vi snakken med dem?")
    payload = answer.as_json()
    assert answer.need and payload["need"] == answer.need and payload["wizard"] == answer.wizard
    need = next(n for n in load_topic_map(CORPUS).needs if n.id == answer.need)
    assert answer.wizard == need.wizard
    declined = fake_assistant.ask("Hvordan konfigurerer jeg fjernlån i bibliotekssystemet?").as_json()
    assert declined["abstained"] and "need" not in declined and "wizard" not in declined
