"""What kind of question it is: a plan, a definition, a fact, a draft to write, or a claim to check."""
from __future__ import annotations

import re
from typing import Literal

from .bilingual import Bilingual
from .errors import InputError

QuestionKind = Literal["planning", "define", "fact", "draft", "premise"]

_FACT = re.compile(
    r"\b(hvor mange|hvor meget|hvor længe|hvilke biblioteker|hvilket bibliotek|hvem (var|deltog|stod|er)|hvornår|hvilket år|"
    r"hvad hed|hvad står der|hvilke tal|how many|how much|how long|which libraries|which library|who (was|were|took|ran|is)|"
    r"when did|what year|what numbers|in which table|hvilken tabel|what does table|hvad viser tabel|i tabellen|in the table|in table \d|"
    r"hvad sagde|hvad var det .{0,30} sagde|what did .{0,40} say|what was it that .{0,40} said|hvilke spørgsmål blev|what questions were|"
    # what the people in the study thought or told: "hvad mente lederne …", "what did the participants report …"
    r"hvad (mente|syntes|fortalte|oplevede|tænkte|oplyste) |what did .{0,40} (think|feel|tell|report|experience|find)|"
    # what the report or the study holds, not what to do: "blev lederne interviewet for sig selv?", "var der et bibliotek, der …",
    # "is there an example in the report of …", "did any of the managers say …", "hvad består modellen af?"
    r"blev (de|lederne|kollegerne|deltagerne|interviewene|interviewsene|fokusgrupperne|medarbejderne|projekterne) |"
    r"var der (et|nogen|noget) (bibliotek|af bibliotekerne|projekt|eksempel)|har nogen af bibliotekerne|"
    r"is there an example|are there examples|did any of the|were the (managers|leaders|interviews|focus groups)|"
    r"hvad består .{0,60} af|what (framework|model) (are|is|were|was)|which framework|hvilken (model|ramme) .{0,40} (bygger|organiseret)|"
    r"hvilke (trin|typer|niveauer|faser) er der)\b",
    re.IGNORECASE,
)
# A question that asks how to act or when it makes sense is a plan, even if it mentions "how much" or "when".
_PLAN = re.compile(
    r"\b(hvordan (kan|skal|får|gør|kommer|bør|griber)|giver det mening|bør vi|skal vi|bør man|skal man|"
    r"er det (smartest|bedst|klogest|bedre)|hvornår (er det|passer det)|"
    r"how (do|can|should|could) (i|we)|does it make sense|should we|is it wise|when is (it|the) (best|right|smartest)|"
    # what ought to be, anywhere: "hvor mange af os skal være eksperter?", "a sensible way to decide how much …"
    r"skal|bør|behøver|should|ought to|need to|needs?|sensible|fornuftig\w*|"
    r"hvor meget (betyder|vejer)|how much does .{0,30} matter|how important)\b",
    re.IGNORECASE,
)
_OUGHT = re.compile(r"\b(sensible|best|good|smart) (way|approach)\b|\b(fornuftig|bedste|god|smart) (måde|tilgang)\b", re.IGNORECASE)
_TABLE = re.compile(r"\b(tabel|table)\b", re.IGNORECASE)
_DEFINE = re.compile(
    r"^\W*(hvad er|hvad betyder|hvad menes|hvad går .{0,40} ud på|hvad dækker|hvorfor|what is|what are|what does|what's|why|"
    r"hvordan adskiller|hvori (består|ligger) forskellen|how (is|does|do) .{0,60}\b(differ|different))\b",
    re.IGNORECASE,
)
_DRAFT = re.compile(
    r"\b(skriv|skrive|udkast|formuler|formulere|lav|lave|forfat|draft|write|compose|prepare|sketch)\b.{0,80}?"
    r"\b(mail|e-?mail|mails|dagsorden|dagsordenen|agenda|oplæg|pitch|brev|invitation|notat|memo|tale|nyhedsbrev|opslag|"
    r"letter|newsletter|speech|slides|outline|post|announcement|plan for et møde|mødeplan)\b",
    re.IGNORECASE,
)
_PREMISE = re.compile(
    r"\b(rapporten (viser|siger|konkluderer|anbefaler|mener|fastslår|beviser|dokumenterer)|ifølge rapporten|"
    r"(the )?report (shows|says|finds|found|concludes|recommends|states|proves|claims)|according to the report|"
    r"er det (ikke )?rigtigt|er det korrekt|ikke sandt|isn'?t it true|is it true|right\?|correct\?|"
    r"since the report|da rapporten|eftersom rapporten|as the report)\b",
    re.IGNORECASE,
)


# Asks why one would do it, anywhere in the question ("… forklare kollegerne, hvorfor vi skal …", "what's the point").
_WHY = re.compile(
    r"\b(hvorfor|why|hvad (får|opnår|vinder) (vi|man|biblioteket|bibliotekerne) (\w+ ){0,2}(ud af|ved)|hvad er (\w+ )?(pointen|gevinsten|meningen|formålet|fordelen)|"
    r"argument(er|erne)? for|begrundelse[rn]?\w*|gode grunde|arguments? for|good reasons|reasons (to|for|why)|"
    r"what('s| is) the (point|gain|benefit|payoff)|what do (we|libraries|you) (gain|get out of)|what('s| is) in it for)\b",
    re.IGNORECASE,
)


# Asks for an example of what was just said ("Kan du give et konkret eksempel?", "any real examples?").
_EXAMPLE = re.compile(r"\b(eksempel|eksempler|eksemplet|examples?|for instance)\b", re.IGNORECASE)


def asks_for_example(question: str) -> bool:
    """Whether the question asks for an example (a follow-up answered with the report's quotes first)."""
    return bool(_EXAMPLE.search(question))


def asks_why(question: str) -> bool:
    """Whether the question asks why (the point, the gain) rather than what or how."""
    return bool(_WHY.search(question))


def question_kind(question: str) -> QuestionKind:
    """What the user asks for: a draft, a check of a claim, a fact, a definition, or a plan."""
    if _DRAFT.search(question):
        return "draft"
    if _PREMISE.search(question):
        return "premise"
    if is_fact(question):
        return "fact"
    if _DEFINE.search(question) and not _OUGHT.search(question):  # "what's a sensible way to …" asks for a plan
        return "define"
    return "planning"


def is_fact(question: str) -> bool:
    """A question for a number, a name or a table (answered best by a table row or a list)."""
    if not _FACT.search(question):
        return False
    return bool(_TABLE.search(question)) or not _PLAN.search(question)


_SUBJECT = re.compile(r"\b(om|omkring|angående|der forklarer|som forklarer|about|on|explaining|that explains|why)\b\s+(.*)$", re.IGNORECASE | re.DOTALL)


def draft_subject(question: str) -> str:
    """What a draft request is about ("skriv en mail til kollegerne om X" -> "X"); the question itself otherwise."""
    match = _DRAFT.search(question)
    if not match:
        return question
    rest = question[match.end():]
    subject = _SUBJECT.search(rest)
    text = (subject.group(2) if subject else rest).strip(" .?!:")
    return text if len(text.split()) >= 3 else question


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def clean_question(text: str | None, max_chars: int) -> str:
    """The question without control characters; InputError when empty or too long."""
    if text is None or not str(text).strip():
        raise InputError(Bilingual(da="Skriv et spørgsmål (feltet var tomt).", en="Please write a question (it was empty)."))
    text = str(text)
    if len(text) > max_chars:
        raise InputError(
            Bilingual(
                da=f"Spørgsmålet er {len(text):,} tegn langt; grænsen er {max_chars:,}. Gør det kortere.".replace(",", "."),
                en=f"The question is {len(text):,} characters long; the limit is {max_chars:,}. Please shorten it.",
            )
        )
    cleaned = _CONTROL.sub(" ", text)
    cleaned = re.sub(r"[ \t]+", " ", cleaned).strip()
    if not cleaned or not any(ch.isalnum() for ch in cleaned):
        raise InputError(
            Bilingual(
                da="Skriv spørgsmålet med ord (det rummede kun tegn eller styrekoder).",
                en="Please write a question in words (it held only symbols or control characters).",
            )
        )
    return cleaned
