"""Recommendation-first planning answers: lead, what to do, evidence, the wizard that plans it; verbatim and cited."""
from __future__ import annotations

import re
from typing import Callable, Sequence

from .answers import DRAFT_NOTICE
from .bilingual import Bilingual
from .chunking import Chunk
from .coherence import depends_on_previous, leans_on_previous, points_elsewhere
from .compose import with_marker
from .corpus.text import QUOTE
from .corpus.planning_content import planning_content
from .labels import label_catalogue
from .language import tokenize
from .retrieval import Hit, parent_id
from .question import QuestionKind, asks_why
from .reportsentences import Piece, Report, Sentence
from .topics import Need, SpelledOut

HEADINGS = {
    "do": Bilingual(da="Det kan I gøre", en="What to do"),
    "evidence": Bilingual(da="Det bygger på", en="What it rests on"),
}
WIZARD_LINE = Bilingual(da="Planlæg det med guiden «{title}» i appen.", en="Plan it with the «{title}» wizard in the app.")
PARTIAL_LINE = Bilingual(da="Rapporten dækker kun spørgsmålet delvist: {what}", en="The report covers this question only in part: {what}")
PREMISE_LINE = Bilingual(
    da="Spørgsmålet bygger på en antagelse, som rapporten ikke nødvendigvis deler. Sådan siger rapporten selv om emnet:",
    en="Your question rests on an assumption the report does not necessarily share. This is what the report itself says on the subject:",
)
MAX_LEAD = 1
LEAD_PRIOR = 0.5  # the map's first lead is its curated answer: another wins only when it fits the question's words far better
DEFINE_PRIOR = 0.15  # for a what-is question the first passage that explains counts only a little more than the others
MAX_DO = 2
MAX_FINDINGS = 2  # the answer shape: at most two findings (and the best row of a table the need or the search brings)
MAX_QUOTES = 2
MAX_ROWS = 3  # rows of one table an answer may show, when they fit the question about as well as the best (dev-tuned)
ROW_MARGIN = 0.1
FINDING_SPREAD = 0.2  # a second finding from the passage the first came from counts this much less: two passages, not one twice (dev-tuned)
FINDING_PRIOR = 0.0  # how much the topic map's order of findings counts beside the question's words (dev-tuned)
# The project and how it was studied: a retrieved passage from these is no evidence for a planning answer (a need's
# own curated findings may still come from them).
METHOD_SECTIONS = ("forord", "indledning", "del-1", "del-1.data", "del-2")
EXPANSION_WEIGHT = 0.25  # a report term the question reaches through the thesaurus counts this much beside its own words (dev-tuned)
QUOTE_MIN = 0.34  # how well a retrieved quote outside the need's own must fit the question's words (dev-tuned)
RECOMMENDATION_HITS = 5  # a recommendation among this many top passages may join "what to do" (dev-tuned)
RECOMMENDATION_MIN = 0.2  # ... when its words fit the question this well (dev-tuned)
SPEECH_WORDS = 4  # a quoted span longer than this is speech (a quote), shorter a quoted term
HIT_EVIDENCE = 4  # the top retrieved passages also offer evidence, beside the need's own findings (dev-tuned)
ROW_COUNT_BONUS = 0.2  # a table row counts this much more when the question asks how many or how much (dev-tuned)
MEANING_WEIGHT = 0.5  # how much a sentence's embedding closeness to the question counts when choosing evidence (dev-tuned)
HIT_WEIGHT = 0.3  # how much a sentence's passage ranking high in the search counts beside the question's words (dev-tuned)


_COUNTING = re.compile(r"\b(hvor mange|hvor meget|hvor stor en (del|andel)|how many|how much|what share|which share)\b", re.IGNORECASE)


class Composer:
    """Builds a planning answer for one need, in the question's language."""

    def __init__(
        self,
        report: Report,
        statements_by_text: dict[str, Chunk],
        expand: Callable[[str, float], dict[str, float]] | None = None,
        spelled_out: Sequence[SpelledOut] = (),
        meaning: Callable[[str, str], Callable[[str], float]] | None = None,
    ) -> None:
        self.report = report
        self.statements_by_text = statements_by_text
        self.expand = expand  # the thesaurus: everyday words -> the report's terms, so sentences in the report's words score
        self.spelled_out = tuple(spelled_out)  # topics.yaml: a list an item names, and the sentence that spells it out
        self.meaning = meaning  # (question, language) -> how close a sentence's embedding is to the question's

    def compose(
        self, question: str, language: str, need: Need, hits: Sequence[Hit], kind: QuestionKind, partial: bool, also: Need | None = None,
        shown: str = "",
    ) -> list[Piece]:
        """The pieces of the answer; ``also`` is a second need the question fits almost as well (its lead joins "what to do");
        ``shown`` is the answer before it when this one is asked for an example: two quotes it did not show come first."""
        lang = "en" if language == "en" else "da"
        terms = _terms(question) - (_COMPARING if kind == "define" else frozenset())  # "different" says how it asks, not what
        extra = {t: w for t, w in (self.expand(question, EXPANSION_WEIGHT) if self.expand else {}).items() if t not in terms}
        in_hits = {i: 1.0 / n for n, h in enumerate(hits, start=1) for i in {h.chunk.id, h.chunk.id.split("#")[0], *h.chunk.source_ids}}
        used: set[str] = set()
        pieces: list[Piece] = []
        near = self.meaning(question, lang) if self.meaning is not None and MEANING_WEIGHT else None

        def score(sentence: Sentence, prior: float = 0.0, evidence: bool = False) -> float:
            stems = _terms(f"{sentence.text} {sentence.english or ''}")
            overlap = (len(terms & stems) + sum(w for t, w in extra.items() if t in stems)) / (len(terms) or 1)
            meant = MEANING_WEIGHT * near(sentence.text) if near is not None and evidence else 0.0  # evidence only: the lead and steps read the words
            return overlap + meant + HIT_WEIGHT * in_hits.get(sentence.chunk.id, in_hits.get(sentence.chunk.id.split("#")[0], 0.0)) + prior

        def take(part: str, candidates: list[tuple[float, Sentence]], limit: int, alone: bool = True, spread: float = 0.0) -> None:
            """The best ``limit`` candidates that can be shown; ``spread``: a passage this part already shows counts this much less."""
            taken = 0
            pool = sorted(candidates, key=lambda x: -x[0])
            while taken < limit and pool:
                shown = {_place(s) for p in pieces if p.part == part for s in p.sentences} if spread else set()
                best = max(pool, key=lambda x: x[0] - (spread if _place(x[1]) in shown else 0.0))
                pool.remove(best)
                piece = self._piece(part, best[1], lang, used, alone)
                if piece is not None:
                    pieces.append(piece)
                    used.update(s.text for s in piece.sentences)
                    taken += 1

        why = kind in ("define", "planning") and bool(need.why) and asks_why(question)  # the point: the passage that says why
        lead_ids = need.why if why else need.explains if kind == "define" and need.explains else need.lead
        # A recommendation's paragraph opens with its point; a passage that explains holds it anywhere: there the words decide.
        define = why or (kind == "define" and bool(need.explains))
        prior, opening = (DEFINE_PRIOR, 0.0) if define else (0.0, 0.0) if kind == "premise" else (LEAD_PRIOR, 0.2)
        lead = [
            (score(s, prior if n == 0 else 0.0) + (opening if k == 0 else 0.0), s) for n, item in enumerate(lead_ids) for k, s in enumerate(self.report.sentences_of(item))
            if not (why and s.text in self.statements_by_text)  # why: the reasons, not the recommendation beside them (it comes under "what to do")
        ]
        explained = [x for x in lead if x[1].text not in self.statements_by_text] if define else []
        lead = explained or lead  # what is: the passage's explanation, its recommendation under "what to do"
        if kind == "premise":  # a claim about the report: lead with what it says on that very point, a finding if that fits best
            said = list(dict.fromkeys([*need.findings, *(h.chunk.paragraph_id or "" for h in hits[:HIT_EVIDENCE] if h.chunk.kind == "paragraph")]))
            lead += [(score(s), s) for item in said if item for s in self.report.sentences_of(item) if not _speech(s.text)]
        take("lead", lead, MAX_LEAD, alone=False)  # the opening reads alone: "På den baggrund …" only after its ground
        if not pieces:
            take("lead", lead, MAX_LEAD)
        if why and pieces:  # "there are several reasons …" comes with the sentence after it, which names them
            pieces[0] = self._with_next(pieces[0], lang, used)
        # What to do: the recommendation the lead gave way to (another of the need's leads, or its first when a passage
        # explained), the need's steps, a second need's lead, and a recommendation the search found for this question
        # (from any need, when it fits the question's words).
        beside = [s for item in need.why for s in self.report.sentences_of(item) if s.text in self.statements_by_text] if why else []
        if beside:  # why: the recommendation beside the reasons ("… sætter fokus på de motiver …")
            take("do", [(score(s), s) for s in beside], 1)
        else:
            take("do", [(score(s, LEAD_PRIOR if n == 0 else 0.0), s) for n, item in enumerate(need.lead) for s in self.report.sentences_of(item)], 1)
        take("do", [(score(s, 0.05 * -n), s) for n, item in enumerate(need.do) for s in self.report.sentences_of(item)], MAX_DO)
        if also is not None and kind != "define":  # a what-is answer keeps to its need's own steps
            take("do", [(score(s), s) for item in also.lead for s in self.report.sentences_of(item)], 1)
        found = [
            (fit, s) for h in hits[:RECOMMENDATION_HITS] for item in dict.fromkeys((h.chunk.paragraph_id or "", *h.chunk.source_ids)) if item
            for s in self.report.sentences_of(item)
            if s.text in self.statements_by_text and (fit := score(s)) >= RECOMMENDATION_MIN
        ]
        take("do", [] if kind == "define" else found, 1)
        retrieved = [h.chunk for h in hits[:HIT_EVIDENCE] if h.chunk.section_id not in METHOD_SECTIONS]
        central = list(dict.fromkeys([*need.explains, *need.findings]))  # curated: the most central first
        prior = {item: FINDING_PRIOR * (1 - n / len(central)) for n, item in enumerate(central)}
        finding_ids = list(dict.fromkeys([*central, *(c.paragraph_id or "" for c in retrieved if c.kind == "paragraph")]))
        findings = [(score(s, prior.get(item, 0.0), True), s) for item in finding_ids for s in self.report.sentences_of(item) if _evidence(s)]
        shows = need.partial.shows if partial and need.partial else ()  # a need covered in part shows what its note sums up
        before = len(pieces)
        for sentence in [] if shows else self._spelled_out(pieces, terms):  # "de motiver …" comes with the motives
            take("finding", [(0.0, sentence)], 1)
        take("finding", findings, MAX_FINDINGS - (len(pieces) - before), spread=FINDING_SPREAD)
        row_ids = list(dict.fromkeys([*need.tables, *(c.id for c in retrieved if c.kind in ("table", "figure"))]))
        bonus = 0.05 + (ROW_COUNT_BONUS if _COUNTING.search(question) else 0.0)  # "how many should have it": table 5's spread
        rows = [(score(s, 0.0, True) + bonus, s) for item in row_ids for s in self.report.sentences_of(item)]
        best_row = max(rows, key=lambda x: x[0], default=None)
        best_finding = max((f for f in findings if f[1].text not in used), key=lambda x: x[0], default=None)
        if best_row:  # the table that says it row by row: its best row joins the findings (dev: more key points than only when it beat them)
            take("table", [best_row], 1)
            if best_finding is None or best_row[0] > best_finding[0]:  # the rows are what is asked: those that fit as well come too
                table = parent_id(best_row[1].chunk.id)  # "grundlæggende og avanceret" asks for both rows
                take("table", [r for r in rows if parent_id(r[1].chunk.id) == table and r[0] >= best_row[0] - ROW_MARGIN], MAX_ROWS - 1)
        quote_ids = list(dict.fromkeys([*need.quotes, *(c.id for c in retrieved if c.kind == "quote")]))
        own = set(need.quotes)
        quotes = [
            (score(s, 0.02 * -n, True), s)
            for n, item in enumerate(quote_ids)
            for s in self.report.sentences_of(item)
            if item in own or score(s) >= QUOTE_MIN  # a quote from outside the need must be about the question
        ]
        if shows:  # each passage the partial note sums up, once
            shown = {p.sentences[0].chunk.paragraph_id or p.sentences[0].chunk.id for p in pieces}
            for item in shows:
                chunk = self.report.by_id.get(item)
                if chunk is not None and chunk.kind == "quote":
                    take("quote", [(0.0, s) for s in self.report.sentences_of(item)], 1)
                elif item not in shown:
                    take("finding", [(score(s), s) for s in self.report.sentences_of(item) if _evidence(s)], 1)
            return _in_report_order(pieces)
        if shown:  # an example: the report's own voices, those the answer before did not show
            said = " ".join(shown.split())
            fresh = [(fit, q) for fit, q in quotes if not any(t and " ".join(t.split()[:8]) in said for t in (q.text, q.english))]
            take("quote", fresh or quotes, MAX_QUOTES)
            return _in_report_order(pieces)
        take("quote", quotes, 1)
        second = sorted(quotes, key=lambda x: -x[0])[1:2]
        if second and second[0][0] >= 0.34:
            take("quote", second, 1)
        return _in_report_order(pieces)

    def _spelled_out(self, pieces: Sequence[Piece], terms: set[str]) -> list[Sentence]:
        """The sentences that spell out a list the answer names (each once, at most MAX_FINDINGS): always for a list
        the lead names; for one named only in "what to do", when the question asks about what the list holds (its
        words, ``terms``). Shown for every mention, the motives' list came with a third of all answers."""
        def ids(lead: bool) -> set[str]:
            return {i for p in pieces if (p.part == "lead") == lead for s in p.sentences for i in (s.chunk.id, s.chunk.paragraph_id or "")}

        led, named = ids(True), ids(False)
        wanted = list(dict.fromkeys(
            (e.passage, " ".join(e.sentence.split())) for e in self.spelled_out if e.spells(led) or (e.spells(named) and terms & _terms(e.sentence))
        ))
        found = [s for passage, text in wanted for s in self.report.sentences_of(passage) if " ".join(s.text.split()) == text]
        return found[:MAX_FINDINGS]

    def _piece(self, part: str, sentence: Sentence, lang: str, used: set[str], alone: bool = True) -> Piece | None:
        """The line ``sentence`` makes, with the neighbour it leans on; None when it cannot be shown (``alone``: a
        sentence opening with a connective may stand without its neighbour)."""
        if sentence.text in used or sentence.get(lang) is None or points_elsewhere(sentence.text):
            return None
        statement = self.statements_by_text.get(sentence.text)
        if statement is not None and sentence.chunk.kind == "paragraph":
            sentence = Sentence(statement.text, statement.english, statement, sentence.previous)
        hard = depends_on_previous(sentence.get(lang) or "", lang) or depends_on_previous(sentence.text, "da")
        if not hard and not _leans(sentence, lang):
            return Piece(part, (sentence,))
        before = self._usable(sentence.previous, lang, used)
        if before is None and part == "lead" and not hard and sentence.previous is not None and _speech(sentence.previous.text):
            # "På den baggrund anbefales …" after a quoted example: the finding before the example is its ground
            before = self._usable(sentence.previous.previous, lang, used)
        if before is None:
            return None if hard or not alone else Piece(part, (sentence,))
        # The answer's opening reads alone: a lead whose neighbour also opens "On that basis" comes with the one before it.
        first = self._usable(before.previous, lang, used) if part == "lead" and _leans(before, lang) else None
        return Piece(part, (first, before, sentence) if first is not None else (before, sentence))

    def _with_next(self, piece: Piece, lang: str, used: set[str]) -> Piece:
        """``piece`` and the sentence after it in its paragraph, when that one can follow it (not a recommendation, a
        quote or a sentence already shown)."""
        last = piece.sentences[-1]
        paragraph = self.report.paragraph.get(last.chunk.paragraph_id or "", [])
        following = next((paragraph[n + 1] for n, s in enumerate(paragraph[:-1]) if s.text == last.text), None)
        if (
            following is None or following.text in used or following.text in self.statements_by_text or following.get(lang) is None
            or _speech(following.text) or points_elsewhere(following.text)
        ):
            return piece
        used.add(following.text)
        return Piece(piece.part, (*piece.sentences, following))

    def _usable(self, before: Sentence | None, lang: str, used: set[str]) -> Sentence | None:
        """``before`` as the neighbour a sentence is shown after (a statement cited as one), or None when it cannot be."""
        if (
            before is None or before.text in used or before.get(lang) is None or _speech(before.text)
            or depends_on_previous(before.get(lang) or "", lang) or depends_on_previous(before.text, "da")
        ):
            return None
        statement = self.statements_by_text.get(before.text)  # a recommendation is cited as one, not as its paragraph
        if statement is not None and before.chunk.kind == "paragraph":
            return Sentence(statement.text, statement.english, statement, before.previous)
        return before


def render(pieces: Sequence[Piece], language: str, need: Need, number: dict[str, int], kind: QuestionKind, partial: bool, example: bool = False) -> str:
    """The answer text: the lead as a paragraph, then what to do and the evidence as cited bullets (``example``: the
    quotes open the answer, one paragraph each, and the lead heads what to do)."""
    lang = "en" if language == "en" else "da"
    lines: list[str] = []
    if partial:  # first: the reader knows before the lead that the report answers only part of this
        what = need.partial.get(lang) if need.partial else ""
        lines += [f"_{PARTIAL_LINE.get(lang).format(what=what).rstrip(': ').rstrip()}{'' if what else '.'}_", ""]
    if kind == "draft":  # first: no draft is written here, and these are what one should build on
        lines += [f"_{DRAFT_NOTICE[lang]}_", ""]
    if kind == "premise":
        lines += [PREMISE_LINE.get(lang), ""]
    lead = [p for p in pieces if p.part == "lead"]
    voices = [p for p in pieces if p.part == "quote"] if example else []
    for piece in voices:
        lines += [_line(piece, lang, number), ""]
    if lead and not voices:
        lines += [" ".join(_line(p, lang, number) for p in lead), ""]
    do = [*(lead if voices else []), *(p for p in pieces if p.part == "do")]
    if do:
        lines.append(f"**{HEADINGS['do'].get(lang)}**")
        lines += [f"- {_line(p, lang, number)}" for p in do]
        lines.append("")
    evidence = [p for p in pieces if p.part in ("finding", "table", "quote") and p not in voices]
    if evidence:
        lines.append(f"**{HEADINGS['evidence'].get(lang)}**")
        lines += [f"- {_line(p, lang, number)}" for p in sorted(evidence, key=lambda p: p.part == "quote")]
        lines.append("")
    title = planning_content().wizards[need.wizard].title.get(lang)  # the wizard's own title, as the app shows it
    lines += [f"_{WIZARD_LINE.get(lang).format(title=title)}_", ""]  # a paragraph of its own (Markdown joins lines)
    return "\n".join(lines).strip()


def _in_report_order(pieces: list[Piece]) -> list[Piece]:
    """The "what to do" recommendations of one group in the report's order (general, "Mere specifikt", "Helt konkret"),
    groups as met; every other piece where it was."""
    do = [p for p in pieces if p.part == "do"]
    groups: dict[str, int] = {}
    for piece in do:
        groups.setdefault(piece.chunk.id.rsplit(".", 1)[0], len(groups))

    def key(piece: Piece) -> tuple[int, int]:
        group, _, n = piece.chunk.id.rpartition(".")
        return groups[group], int(n) if n.isdigit() else 0

    ordered = iter(sorted(do, key=key))
    return _joined([next(ordered) if p.part == "do" else p for p in pieces])


def _joined(pieces: list[Piece]) -> list[Piece]:
    """Two findings that are neighbours in the report become one line, in the report's order (not two, reversed)."""
    out: list[Piece] = []
    for piece in pieces:
        for n, other in enumerate(out):
            if piece.part != "finding" or other.part != "finding":
                continue
            if _follows(piece, other):
                out[n] = Piece("finding", other.sentences + piece.sentences)
                break
            if _follows(other, piece):
                out[n] = Piece("finding", piece.sentences + other.sentences)
                break
        else:
            out.append(piece)
    return out


def _follows(later: Piece, earlier: Piece) -> bool:
    """Whether ``later`` opens with the sentence right after ``earlier``'s last one."""
    before, last = later.sentences[0].previous, earlier.sentences[-1]
    return before is not None and before.text == last.text and before.chunk.paragraph_id == last.chunk.paragraph_id


def _line(piece: Piece, lang: str, number: dict[str, int]) -> str:
    marker = f"[{number[piece.chunk.id]}]"
    if piece.part == "quote":
        sentence = piece.sentences[0]
        attributions = label_catalogue().attributions  # who said it, as the label catalogue words it
        speaker = attributions.get(sentence.chunk.speaker or "", attributions["deltager"])
        if lang == "en":
            return f"{speaker.en} (translated): \u201c{sentence.english}\u201d {marker}"
        return f"{speaker.da}: {QUOTE}{sentence.text}{QUOTE} {marker}"
    out = []
    for n, sentence in enumerate(piece.sentences):
        last = n == len(piece.sentences) - 1
        own = last or sentence.chunk.id != piece.sentences[n + 1].chunk.id
        text = sentence.get(lang) or ""
        out.append(with_marker(text, f"[{number[sentence.chunk.id]}]") if own else text.replace("\n", "; "))
    return " ".join(out)


# Words that ask how two things differ: in "how is co-creation different from UX?" they name the kind of question, so
# a sentence with "different things" must not beat the one that tells co-creation from UX.
_COMPARING = frozenset(
    tokenize("forskel forskellen forskellig forskellige adskiller adskille skelne sammenlignet sammenligne", "da")
    + tokenize("different difference differences differ distinguish distinguishes compared compare versus", "en")
)


def _leans(sentence: Sentence, lang: str) -> bool:
    """True for a sentence opening with a connective ("På den baggrund ...") in the shown or the Danish text."""
    return leans_on_previous(sentence.get(lang) or "", lang) or leans_on_previous(sentence.text, "da")


def _place(sentence: Sentence) -> str:
    """The passage a sentence stands in (its paragraph, quote or table)."""
    return sentence.chunk.paragraph_id or sentence.chunk.id.split("#")[0]


def _evidence(sentence: Sentence) -> bool:
    """A sentence that can stand as a finding: no quoted speech, and long enough to say something."""
    return not _speech(sentence.text) and len(sentence.text.split()) >= 6


def _speech(text: str) -> bool:
    """Whether ``text`` holds quoted speech; a term in quotation marks (”happy sheets”) is not speech."""
    return any(len(span.split()) > SPEECH_WORDS for span in re.findall(rf"{QUOTE}([^{QUOTE}]*){QUOTE}", text)) or text.count(QUOTE) % 2 == 1


def _terms(text: str) -> set[str]:
    return set(tokenize(text, "da")) | set(tokenize(text, "en"))
