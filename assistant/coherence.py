"""Which sentences lean on a neighbour ("På den baggrund …", "This …"), so an answer never shows them alone."""
from __future__ import annotations

import re

from .sentences import split_sentences

_OPENERS = {
    "da": (
        r"men|og|eller|dette|denne|disse|hermed|herved|som det ses|som det fremgår|som nævnt|som beskrevet|det kan bibliotekerne|del 3 giver|det gælder|det betyder|det kan fremmes|det er lettere|det er netop|det er også|her|heller ikke|"
        r"også|til at tematisere dette|for det første|for det andet|for det tredje|omvendt|tilsvarende|samtidig|således|"
        r"i den forbindelse|i den sammenhæng|i det lys|det udtrykker|det viser|det samme|den samme|de samme|herunder|heraf|sådanne|førnævnte|ovennævnte|samlet set|"
        r"ikke overraskende er det et|som sådan|den pointe|det synspunkt|det er en gennemgående pointe|(på|i|ved|under|efter|med|fra|af|om) disse|"
        r"andre projektdeltagere har|(lederne|kollegerne|projektdeltagerne) giver også|blandt (lederne|kollegerne|projektdeltagerne) gives der således også"
    ),
    "en": (
        r"however|but|and|or|this|these|that|those|as can be seen|as it appears|as mentioned|as described|hereby|the libraries can build on|part 3 gives|it can be promoted|"
        r"it is easier|firstly|secondly|thirdly|conversely|similarly|in that context|in that connection|in this connection|also|"
        r"to address this|as such|such|this expresses|the same|at the same time|overall|a similar|"
        r"it is precisely|in other words|not surprisingly, it is a|it is a recurring point|(at|in|on|during|after|with|from|of) (these|those)|"
        r"other project participants have|the (managers|colleagues|project participants) also express|among the (managers|colleagues|project participants), too\b"
    ),
}
_PATTERNS = {lang: re.compile(rf"^\W*(?:{body})\b", re.IGNORECASE) for lang, body in _OPENERS.items()}
# Connectives that tie a sentence to the one before it while the sentence still makes sense alone ("On that basis,
# it is recommended that …"): the composer shows the neighbour when it can, and the sentence alone otherwise.
_CONNECTIVES = {
    "da": re.compile(r"^\W*(på (den|denne) baggrund|i forlængelse heraf|derfor|det anbefales derfor|dermed|desuden|derudover|endvidere|mere specifikt|helt konkret anbefales det på denne baggrund|ikke overraskende)\b", re.IGNORECASE),
    "en": re.compile(r"^\W*(on (that|this) basis|following on from this|therefore|thus|it is therefore|more specifically|concretely, it is recommended on this basis|not surprisingly)\b", re.IGNORECASE),
}
_INSIDE = {
    "da": re.compile(r"\b(dette spørgsmål|bygge videre på dette|opmærksomme på dette|dette indhold|ovenfor|ovenstående|førnævnte|nævnt ovenfor|ved dette|fast ved dette|"
                      r"dette mål|denne udvikling|denne pointe|denne tendens|i del \d vil|vil der blive givet|"
                      r"det bør bibliotekerne være opmærksomme på)\b", re.IGNORECASE),
    "en": re.compile(r"\b(this question|build on this|aware of this|this content|(?<!from )above|aforementioned|mentioned above|on to and builds on this|"
                      r"this goal|this aim|this development|this point|this trend|in part \d,? (?:we )?will|will be given in part)\b", re.IGNORECASE),
}


# Sentences that only point to another part of the report ("I del 3 vil der blive givet anbefalinger til, hvordan ..."):
# no answer shows them, with or without their neighbour.
_POINTERS = re.compile(
    r"\b(i del \d vil|vil der blive givet anbefalinger|del \d giver anbefalinger|in part \d,? (?:we )?will|part \d gives recommendations|"
    r"will be given in part \d)\b",
    re.IGNORECASE,
)


def points_elsewhere(sentence: str) -> bool:
    """True for a sentence whose content is a pointer to another part of the report."""
    return bool(_POINTERS.search(sentence))


def depends_on_previous(sentence: str, language: str) -> bool:
    """True when ``sentence`` only makes sense after the sentence before it in the report."""
    lang = "en" if language == "en" else "da"
    text = sentence.strip().lstrip("-*• ").strip()
    return bool(_PATTERNS[lang].search(text) or _INSIDE[lang].search(text))


def leans_on_previous(sentence: str, language: str) -> bool:
    """True for a connective opening ("On that basis, …"): better shown after its neighbour, readable without it."""
    lang = "en" if language == "en" else "da"
    return bool(_CONNECTIVES[lang].search(sentence.strip().lstrip("-*• ").strip()))


def flagged_sentences(answer: str, language: str) -> list[str]:
    """Answer lines whose first sentence leans on a neighbour the answer leaves out.

    A line (bullet or paragraph) is one unit: a dependent sentence is fine after its own predecessor on the same line.
    """
    flagged = []
    for line in answer.splitlines():
        line = re.sub(r"\s*\[\d{1,3}\]", "", line).strip()
        if not line or line.startswith(("**", "_", "(!)")):
            continue
        line = line.lstrip("-*• ").strip()
        line = re.sub(r"^[^:\u201c\u201d]{0,60}(?:\(translated\))?:\s*[\u201c\u201d]", "", line)  # "A colleague: ”…”"
        sentences = split_sentences(line)
        if sentences and depends_on_previous(sentences[0], language):
            flagged.append(sentences[0])
    return flagged
