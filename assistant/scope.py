"""Decides whether the report covers a question: task kind, unknown subjects, and how well it fits a planning need."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal, Sequence

from .bilingual import Bilingual
from .gaps import Gap, gap_asked
from .language import detect_language, tokenize, words
from .thesaurus import Thesaurus

# Requests for a kind of text the report cannot ground, whatever they are about.
_CREATIVE = re.compile(
    r"\b(poem|poems|poetry|digt|digte|haiku|limerick|sonnet|sonet|song|sang|sangtekst|lyrics|rap|joke|jokes|vittighed|vits|jokes?|"
    r"story|short story|novelle|eventyr|fairy tale|historie om|horoscope|horoskop|"
    r"python|javascript|typescript|sql|regex|html|css|code|kode|script)\b"
    # work on a text of the user's own: translating it, or summing up a document that is not this report
    r"|\b(translate|oversæt|oversætte) (this|the following|it|dette|følgende|teksten|den|det)\b"
    r"|\b(translate|oversæt|oversætte)\b.{0,60}\b(into|to|til) (english|engelsk|danish|dansk|german|tysk|svensk|swedish)\b|\b(summari[sz]e|opsummer\w*|resumér\w*|sammenfat\w*) (our|my|this|the attached|vores|min|mit|mine|denne|dette|vedhæftede)\b",
    re.IGNORECASE,
)
_MARKUP = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(\s[^<>]*)?/?>")
# Question words and fillers that say nothing about the topic.
_GENERIC_WORDS = (
    "hvad hvordan hvorfor hvornår hvilken hvilke hvem kan skal bør gøre får give giver siger sige fortæl forklar gerne godt "
    "nogen noget nogle tips råd ide idéer ideer hjælp hjælpe vores jeg vi os man mig egentlig lige bare helt også mest "
    "what how why when which who whom tell explain give make get do does should could would can says said say "
    "our we us me my i just really any some tips advice ideas help best good way ways start "
    "rapporten rapport report anbefaler recommend recommendation eksempel example mere more om about"
)
_GENERIC = frozenset(tokenize(_GENERIC_WORDS)) | frozenset(tokenize(_GENERIC_WORDS, "en"))
# "Qualtrics or Microsoft Forms?": a choice between named things; if one of them is unknown to the report, it cannot choose.
_CHOICE = re.compile(r"\b(or|eller|vs\.?|versus|compared (to|with)|sammenlignet med)\b", re.IGNORECASE)
# "en medarbejder i udlånet", "staff at the loans desk": people named by where they work; the place is not the subject.
_STAFF_AT = re.compile(
    r"\b(medarbejder\w*|kolleg\w*|personale\w*|bibliotekar\w*|folk(ene)?|staff|colleagues?|librarians?|people) "
    r"(i|på|ved|fra|in|on|at|from) (the |vores |our )?[\w-]+( desk| skranke\w*)?",
    re.IGNORECASE,
)
# Where the asker works, said of themselves ("Vi er et lille fagbibliotek i Odense", "we're a library in Aarhus"): the
# name sets the scene, it is not what they ask about.
_SELF_PLACE = re.compile(
    r"\b(vi er|jeg er|vi arbejder|jeg arbejder|hos os|we are|we're|i am|i'm|i work|we work|our library|vores bibliotek)\b"
    r"[^.?!:;]{0,60}\b(i|på|ved|in|at)\s*$",
    re.IGNORECASE,
)
_OWN = re.compile(r"\b(vores|vort|vor|our)\s*$", re.IGNORECASE)  # "udviklingen af vores LibGuides": the asker's own thing
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-ZÆØÅ][a-zæøå]+[A-Z]\w*|[A-ZÆØÅ][a-zæøåA-Z]{2,}|[A-Za-z]+\d+\w*)\b")


@dataclass(frozen=True)
class ScopeThresholds:
    """Calibrated on the dev split only (eval/README.md); the test split was never used to set them."""

    min_coverage: float = 0.6  # share of topic words the report, the thesaurus or the topic map knows
    strong_route: float = 1.5  # a need this clearly matched keeps a question in scope despite an unknown subject
    weak_route: float = 0.45  # below this, and with low coverage, the question is not about the report


ScopeCode = Literal["creative", "gap", "no-topic-words", "outside", "unknown-name", "unknown-words", "covered"]


@dataclass(frozen=True)
class ScopeCheck:
    in_scope: bool
    reason: str  # for people: what decided it
    coverage: float
    route: float
    code: ScopeCode = "covered"  # for code: which rule decided it
    detail: Bilingual | None = None  # for the user: which detail the report does not give (declined, or said first)


def _before(question: str, name: str) -> str:
    """The words before ``name``'s first occurrence in ``question`` (up to the sentence's start)."""
    head = question[: question.find(name)]
    return re.split(r"[.?!]\s", head)[-1]


def unknown_names(question: str, vocabulary: frozenset[str]) -> list[str]:
    """Capitalised or alphanumeric names in the question that the report never uses (a system, a product, a place)."""
    found = []
    for match in _NAME.finditer(question):
        word = match.group(1)
        if match.start() == 0 or question[: match.start()].rstrip().endswith((".", "?", "!", ":")):
            continue
        stems = set(tokenize(word)) | set(tokenize(word, "en"))
        if stems and not stems & vocabulary and word not in found:  # no stems: a common word in capitals ("ALLE", "AND")
            found.append(word)
    return found


def chooses_between(question: str, names: Sequence[str]) -> bool:
    """Whether an unknown name stands next to "or"/"eller"/"vs" (at most two words between): the question asks to choose."""
    for match in _CHOICE.finditer(question):
        before = question[: match.start()].split()[-3:]
        after = question[match.end() :].split()[:3]
        near = " ".join(before + after)
        if any(re.search(rf"\b{re.escape(n)}\b", near) for n in names):
            return True
    return False


def check_scope(
    question: str,
    vocabulary: frozenset[str],
    english_vocabulary: frozenset[str],
    outside: Thesaurus,
    route: float,
    anchored: bool,
    thresholds: ScopeThresholds = ScopeThresholds(),
    gaps: Sequence[Gap] = (),
) -> ScopeCheck:
    """Whether ``question`` is about what the report covers.

    ``route`` is how well it fits the best planning need; ``anchored`` whether it names a co-creation concept;
    ``gaps`` the details the report does not give (a question asking for one is declined, however well it fits).
    """
    question = _MARKUP.sub(" ", question)  # "<script>x</script>" pasted into a question is markup, not a request for code
    if _CREATIVE.search(question):
        return ScopeCheck(False, "a kind of text the report cannot ground", 0.0, route, "creative")
    gap = gap_asked(gaps, question)
    if gap is not None and gap.decline:
        return ScopeCheck(False, f"a detail the report does not give ({gap.id})", 0.0, route, "gap", gap.says)
    caveat = gap.says if gap is not None else None  # a detail the question can do without: answered, saying so first
    language = detect_language(question, english_vocabulary)
    terms = [t for t in tokenize(question, "en" if language == "en" else "da") if t not in _GENERIC]
    if not terms:
        return ScopeCheck(route >= thresholds.strong_route, "no topic words", 0.0, route, "no-topic-words")
    coverage = sum(1 for t in terms if t in vocabulary) / len(terms)
    if outside.concepts_in(_STAFF_AT.sub(" ", question)) and route < thresholds.strong_route:
        return ScopeCheck(False, "library operations or systems", coverage, route, "outside")
    named = unknown_names(question, vocabulary)
    where = [n for n in named if _SELF_PLACE.search(_before(question, n))]  # "Vi er et lille bibliotek i Odense"
    names = [n for n in named if n not in where and not _OWN.search(_before(question, n))]  # not "vores LibGuides"
    if names and chooses_between(question, names):
        return ScopeCheck(False, f"a choice involving something the report does not mention: {', '.join(names)}", coverage, route, "unknown-name")
    if names and not anchored and route < thresholds.strong_route:
        return ScopeCheck(False, f"something the report does not mention: {', '.join(names)}", coverage, route, "unknown-name")
    if coverage < thresholds.min_coverage and route < thresholds.weak_route:
        return ScopeCheck(False, "words the report does not use", coverage, route, "unknown-words")
    unnamed = [n for n in named if n not in where]  # the user's own place needs no remark; their own product does
    if unnamed and caveat is None:  # kept for what it asks about co-creation: say first that the name is not in the report
        listed = ", ".join(unnamed)
        caveat = Bilingual(
            da=f"Rapporten nævner ikke {listed}. Det, den siger om resten af spørgsmålet, er dette:",
            en=f"The report does not mention {listed}. What it says about the rest of the question is this:",
        )
    return ScopeCheck(True, "covered", coverage, route, "covered", caveat)


__all__ = ["ScopeCheck", "ScopeThresholds", "check_scope", "chooses_between", "unknown_names", "words"]
