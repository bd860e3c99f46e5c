"""Language of a question (Danish or English), tokenisation with stemming, and stop words."""
from __future__ import annotations

import functools
import re
from typing import Literal

Language = Literal["da", "en", "other"]

DANISH_STOP = frozenset(
    """ad af alle alt anden andet andre at bare blev blive bliver da de dem den denne der deres det dette dig din
    disse dog du efter eller en end er et for fra ham han hans har havde have hende her hos hun hvad hvem hvis
    hvor hvordan hvilke hvilken hvorfor i ikke ind jeg jer jo kan kun kunne man mange med meget men mig min mine
    mit mod må ned noget nogle nu når og også om op os over på sig sin sine sit skal skulle som så sådan til
    ud under var vi vil ville vor være været blandt samt ift dvs osv eks mht ml hhv ja nej""".split()
)
ENGLISH_STOP = frozenset(
    """a about above after again all am an and any are as at be been before being below between both but by can
    could did do does doing down during each few for from further had has have having he her here hers him his how
    i if in into is it its itself just me more most my no nor not now of off on once only or other our ours out
    over own same she should so some such than that the their them then there these they this those through to too
    under until up very was we were what when where which while who whom why will with would you your yours
    report says say tell us please""".split()
)
_DANISH_MARKERS = frozenset(
    "og ikke det er at en af på med til som for hvordan hvad hvorfor hvilke skal kan vi der den de har bliver "
    "hvor hvornår hvem hvilket hvilken mange meget fik fra jeg mig vores os man også eller når".split()
)
# "for" is in both lists and cancels out; an English word a Danish question may hold too ("have", "under", "it") is in neither.
_ENGLISH_MARKERS = frozenset(
    "the and of to is what how why which should we do does our in for with can are who about a an all on this that you your my "
    "from when where there they their was were will would could been be some any if or not".split()
)
_OTHER_MARKERS = frozenset(
    """le la les est une des du dans pour qui que quelle quel die das und ist nicht ein eine wie el los las
    una por para qué cómo es il della che sono non""".split()
)
_WORD = re.compile(r"[a-zæøåéüö0-9]+(?:-[a-zæøåéüö0-9]+)*", re.IGNORECASE)


def detect_language(text: str, english_vocabulary: frozenset[str] = frozenset()) -> Language:
    """'da', 'en' or 'other' from stop-word and letter evidence; ambiguous short questions count as Danish.

    ``english_vocabulary`` (e.g. the glossary's English side) lets a one-word English query count as English.
    """
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return "other"
    if sum(1 for ch in letters if ch > "\u024f") > len(letters) / 3:
        return "other"
    tokens = [w.lower() for w in _WORD.findall(text)]
    da = sum(w in _DANISH_MARKERS for w in tokens) + 2 * len(re.findall(r"[æøå]", text.lower()))
    en = sum(w in _ENGLISH_MARKERS for w in tokens)
    other = sum(w in _OTHER_MARKERS for w in tokens) + len(re.findall(r"[àâçèêëîïôûùÿñ¿¡ßäö]", text.lower()))
    if other > max(da, en):
        return "other"
    if da == 0 and en == 0:
        en = sum(w in english_vocabulary for w in tokens)
        return "en" if en else "da"
    return "da" if da >= en else "en"


@functools.lru_cache(maxsize=2)
def _stemmer(language: str):  # noqa: ANN202 - Stemmer.Stemmer
    import Stemmer

    return Stemmer.Stemmer("danish" if language == "da" else "english")


def words(text: str) -> list[str]:
    """Lowercase words, hyphenated compounds also split into their parts ("co-creation" -> co-creation, co, creation)."""
    out: list[str] = []
    for word in _WORD.findall(text.lower()):
        out.append(word)
        if "-" in word:
            out.extend(part for part in word.split("-") if len(part) > 1)
    return out


# Irregular Danish verb forms Snowball leaves apart ("går galt" / "gå galt"), read as their infinitive; forms that are
# also other words ("tog", a train; "ved", a preposition; "så", so; "få", few) are left as they are.
_DANISH_IRREGULAR = {
    form: lemma
    for lemma, forms in {
        "gå": "går gik gået", "gøre": "gør gjorde gjort", "stå": "står stod stået",
        "sige": "siger sagde sagt", "deltage": "deltog", "foregå": "foregår foregik foregået", "give": "gav",
        "vide": "vidste vidst", "lægge": "lagde lagt", "finde": "fandt fundet", "tage": "taget",
    }.items()
    for form in forms.split()
}


def tokenize(text: str, language: str = "da") -> list[str]:
    """Stemmed content words for BM25: Snowball Danish (keeping æ/ø/å, irregular verbs as their infinitive) or English."""
    stem = _stemmer("en" if language == "en" else "da").stemWord
    irregular = _DANISH_IRREGULAR if language != "en" else {}
    return [
        stem(irregular.get(w, w)) for w in words(text) if w not in DANISH_STOP and w not in ENGLISH_STOP and (len(w) > 1 or w.isdigit())
    ]
