"""The report's own content per wizard step: titles, cited advice and risks, and search queries."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from . import _curated
from .sources import english_for


@dataclass(frozen=True)
class Advice:
    """One excerpt of the report, verbatim, with the passage id to cite."""

    text: str  # Danish, verbatim from the report (a sentence or table cell)
    source_id: str  # passage id to cite
    english: str | None = None  # English rendering, from corpus/en, if one exists

    @property
    def fragment(self) -> bool:
        """True for a label that is no sentence on its own (a figure's "hvem der deltage"): not shown as advice."""
        return not self.text[:1].isupper()

    def in_language(self, language: str = "da") -> str:
        """The English rendering for "en" (Danish when there is none), else the Danish text."""
        return (self.english or self.text) if normalize_language(language) == "en" else self.text


WIZARDS: dict[str, str] = {
    "fourp": "4P-planlægger",
    "identity": "Faglige identiteter",
    "culture": "Organisationskultur",
    "priorities": "Ledelsens prioritering",
    "evaluation": "Evalueringsplan",
}

WIZARD_TITLES_EN: dict[str, str] = {
    "fourp": "4P planner",
    "identity": "Professional identities",
    "culture": "Organisational culture",
    "priorities": "Management priorities",
    "evaluation": "Evaluation plan",
}

STEPS: dict[str, list[str]] = {
    "fourp": ["pointe", "partnere", "processer", "produkt", "summary"],
    "identity": ["typologi", "vurdering", "profil", "team", "summary"],
    "culture": ["typologi", "vurdering", "profil", "diskussion", "summary"],
    "priorities": ["omraader", "niveauer", "stoette", "signaler", "summary"],
    "evaluation": ["initiativ", "reaktion", "laering", "adfaerd", "organisation", "summary"],
}

STEP_TITLES: dict[tuple[str, str], tuple[str, str]] = {
    ("fourp", "pointe"): ("Pointe: hvad vil I bruge co-creation til?", "Point: what do you want to use co-creation for?"),
    ("fourp", "partnere"): ("Partnere: hvem deltager?", "Partners: who takes part?"),
    ("fourp", "processer"): ("Processer: hvordan foregår samarbejdet?", "Processes: how does the collaboration take place?"),
    ("fourp", "produkt"): ("Produkt: hvad kommer der ud af det?", "Product: what comes out of it?"),
    ("fourp", "summary"): ("Samlet plan", "Complete plan"),
    ("identity", "typologi"): ("Tre professionelle identiteter", "Three professional identities"),
    ("identity", "vurdering"): ("Selvvurdering", "Self-assessment"),
    ("identity", "profil"): ("Din profil", "Your profile"),
    ("identity", "team"): ("Teamets profil", "The team's profile"),
    ("identity", "summary"): ("Notat", "Memo"),
    ("culture", "typologi"): ("Tre organisationsperspektiver", "Three organisational perspectives"),
    ("culture", "vurdering"): ("Vurdering af jeres værdier", "Assessing your values"),
    ("culture", "profil"): ("Jeres profil", "Your profile"),
    ("culture", "diskussion"): ("Spørgsmål til diskussion", "Questions for discussion"),
    ("culture", "summary"): ("Notat", "Memo"),
    ("priorities", "omraader"): ("Områder for co-creation", "Areas for co-creation"),
    ("priorities", "niveauer"): ("Kompetenceniveauer og bemanding", "Competence levels and staffing"),
    ("priorities", "stoette"): ("Støtte og opbakning", "Support and backing"),
    ("priorities", "signaler"): ("Ledelsens signaler", "Management signals"),
    ("priorities", "summary"): ("Prioriteringsnotat", "Prioritisation memo"),
    ("evaluation", "initiativ"): ("Tiltaget", "The initiative"),
    ("evaluation", "reaktion"): ("Umiddelbar reaktion", "Immediate reaction"),
    ("evaluation", "laering"): ("Faktisk læring", "Actual learning"),
    ("evaluation", "adfaerd"): ("Ændret adfærd", "Changed behaviour"),
    ("evaluation", "organisation"): ("Organisatorisk forandring", "Organisational change"),
    ("evaluation", "summary"): ("Evalueringsplan", "Evaluation plan"),
}

_QUERIES: dict[tuple[str, str], tuple[str, str]] = {
    ("fourp", "pointe"): ("motiver for co-creation kvalitet effektivitet legitimitet", "motives for co-creation quality efficiency legitimacy"),
    ("fourp", "partnere"): ("samarbejde med studerende studentermedhjælpere fastholde de studerende", "collaborating with students student assistants retaining the students"),
    ("fourp", "processer"): ("facilitering af co-creation proceskompetencer gruppedynamik slippe kontrollen", "facilitating co-creation process competences group dynamics letting go of control"),
    ("fourp", "produkt"): ("konceptudvikling designudvikling praksisudvikling nye idéer prototype ny praksis", "concept development design development practice development new ideas prototype new practice"),
    ("fourp", "summary"): ("4P-model pointe partnere processer produkt sammenhæng", "4P model point partners processes product coherence"),
    ("identity", "typologi"): ("professionelle identiteter faglig ekspert serviceorienteret hjælper samarbejdende partner", "professional identities professional expert service-oriented helper collaborating partner"),
    ("identity", "vurdering"): ("professionel identitet selvforståelse motivation modstand", "professional identity self-understanding motivation resistance"),
    ("identity", "profil"): ("sammensatte identiteter dominerende professionel identitet", "composite identities dominant professional identity"),
    ("identity", "team"): ("tematisere motiver for co-creation i kompetenceudviklingstiltag", "address the motives for co-creation in competence development initiatives"),
    ("identity", "summary"): ("anbefalinger interesse og identitet motiver modstand", "recommendations interest and identity motives resistance"),
    ("culture", "typologi"): ("Public Administration New Public Management New Public Governance organisatoriske værdier", "Public Administration New Public Management New Public Governance organisational values"),
    ("culture", "vurdering"): ("organisatoriske værdier kultur sub-kulturer bibliotekerne", "organisational values culture sub-cultures libraries"),
    ("culture", "profil"): ("hybrider sammensatte værdier co-creation harmonerer", "hybrids composite values co-creation fit"),
    ("culture", "diskussion"): ("diskutere om organisatoriske værdier harmonerer med co-creation", "discuss whether organisational values fit with co-creation"),
    ("culture", "summary"): ("anbefalinger organisatoriske kulturer og praksisser", "recommendations organisational cultures and practices"),
    ("priorities", "omraader"): ("hvilke dele af organisationen skal arbejde med co-creation generel opgave specialistopgave", "which parts of the organisation should work with co-creation general task specialist task"),
    ("priorities", "niveauer"): ("grundlæggende udvidet avanceret kompetence udbredelse", "basic extended advanced competence spread"),
    ("priorities", "stoette"): ("formel og uformel organisering af støtte og opbakning sparring", "formal and informal organisation of support and backing sparring"),
    ("priorities", "signaler"): ("ledelsens opbakning prioritering grønt lys lov til at fejle", "management backing prioritisation green light permission to fail"),
    ("priorities", "summary"): ("organisatoriske strukturer tid ressourcer kerneopgave", "organisational structures time resources core task"),
    ("evaluation", "initiativ"): ("evaluering af kompetenceudvikling fire niveauer Kirkpatrick", "evaluating competence development four levels Kirkpatrick"),
    ("evaluation", "reaktion"): ("umiddelbare reaktioner tilfredshed happy sheets", "immediate reactions satisfaction happy sheets"),
    ("evaluation", "laering"): ("faktisk læring viden og færdigheder tests", "actual learning knowledge and skills tests"),
    ("evaluation", "adfaerd"): ("ændret adfærd kompetent handling tid", "changed behaviour competent action time"),
    ("evaluation", "organisation"): ("organisatorisk forandring arbejdsformer organisering af arbejdsopgaver", "organisational change working methods organisation of work tasks"),
    ("evaluation", "summary"): ("formativ evaluering fokusgruppeinterviews kvalitative data", "formative evaluation focus group interviews qualitative data"),
}


def normalize_language(language: str) -> str:
    """"da" or "en" (accepts e.g. "en-GB", "DA"); ValueError for anything else."""
    value = (language or "").strip().lower()
    for code in ("da", "en"):
        if value == code or value.startswith(code + "-") or value.startswith(code + "_"):
            return code
    raise ValueError(f"Unknown language {language!r}; use 'da' or 'en'.")


def step_advice(wizard: str, step: str) -> list[Advice]:
    """The report's advice for one wizard step (2-6 items), each citing its passage."""
    return list(_step(wizard, step)[0])


def step_risks(wizard: str, step: str) -> list[Advice]:
    """The risks and reservations the report names for one step (may be empty)."""
    return list(_step(wizard, step)[1])


def step_title(wizard: str, step: str, language: str = "da") -> str:
    _check(wizard, step)
    da, en = STEP_TITLES[(wizard, step)]
    return en if normalize_language(language) == "en" else da


def wizard_title(wizard: str, language: str = "da") -> str:
    _check(wizard)
    return WIZARD_TITLES_EN[wizard] if normalize_language(language) == "en" else WIZARDS[wizard]


def step_query(wizard: str, step: str, language: str = "da") -> str:
    """A query the UI can pass to ``Assistant.search`` to show more cited passages for this step."""
    _check(wizard, step)
    da, en = _QUERIES[(wizard, step)]
    return en if normalize_language(language) == "en" else da


def motive_advice(motive: str) -> Advice:
    """What the report says about one motive: "kvalitet", "effektivitet" or "legitimitet"."""
    if motive not in _curated.MOTIVES:
        raise ValueError(f"Unknown motive {motive!r}; choose from: {', '.join(_curated.MOTIVES)}.")
    return make_advice(_curated.MOTIVES[motive])


def focus_advice(focus: str) -> list[Advice]:
    """Definition, hallmark (Tabel 2) and process competence for a development focus."""
    return [make_advice(e) for e in _focus(_curated.FOCUS_ADVICE, focus)]


def focus_risks(focus: str) -> list[Advice]:
    """The hindrance to handle for a development focus: gruppetænkning, silotænkning or nulfejlskultur."""
    return [make_advice(e) for e in _focus(_curated.FOCUS_RISKS, focus)]


def signal_advice(signal: str) -> Advice:
    """The passage behind a management signal: "tydelig prioritering", "grønt lys" or "lov til at fejle"."""
    if signal not in _curated.SIGNALS:
        raise ValueError(f"Unknown signal {signal!r}; choose from: {', '.join(_curated.SIGNALS)}.")
    return make_advice(_curated.SIGNALS[signal])


def coherence_advice() -> Advice:
    """The 4P model's point: coherence between Pointe, Partnere, Processer and Produkt (figur 1)."""
    return make_advice(_curated.COHERENCE)


def make_advice(entry: _curated.Entry) -> Advice:
    """An Advice from a curated (source id, Danish, English or None) entry."""
    source_id, text, english = entry
    return Advice(text=text, source_id=source_id, english=english if english is not None else english_for(source_id, text))


def all_advice() -> list[Advice]:
    """Every curated excerpt the wizards can show, for checks and for the eval suite."""
    from .culture import culture_types, discussion_items
    from .identity import identity_types

    items = [a for w, steps in STEPS.items() for s in steps for a in step_advice(w, s) + step_risks(w, s)]
    items += [motive_advice(m) for m in _curated.MOTIVES]
    items += [a for f in _curated.FOCUS_ADVICE for a in focus_advice(f) + focus_risks(f)]
    items += [signal_advice(s) for s in _curated.SIGNALS]
    for info in identity_types():
        items += list(info.advice)
    for culture in culture_types():
        items += list(culture.advice)
    items += [item.source for item in discussion_items(None)]
    return items


@lru_cache(maxsize=None)
def _step(wizard: str, step: str) -> tuple[tuple[Advice, ...], tuple[Advice, ...]]:
    _check(wizard, step)
    advice, risks = _curated.STEP_CONTENT[(wizard, step)]
    return tuple(make_advice(e) for e in advice), tuple(make_advice(e) for e in risks)


def _focus(table: dict[str, tuple[_curated.Entry, ...]], focus: str) -> tuple[_curated.Entry, ...]:
    if focus not in table:
        raise ValueError(f"Unknown development focus {focus!r}; choose from: {', '.join(table)}.")
    return table[focus]


def _check(wizard: str, step: str | None = None) -> None:
    if wizard not in WIZARDS:
        raise ValueError(f"Unknown wizard {wizard!r}; choose from: {', '.join(WIZARDS)}.")
    if step is not None and step not in STEPS[wizard]:
        raise ValueError(f"Unknown step {step!r} for wizard {wizard!r}; choose from: {', '.join(STEPS[wizard])}.")
