"""Tabel 6: organisational perspectives, scoring an organisation's values, and questions for discussion."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from . import _curated
from ._scores import Statement, score
from .content import Advice, make_advice, normalize_language
from .models import CULTURE_TYPE_IDS, CultureAnswers, CultureProfile
from .sources import get_table

_P04, _P05, _P06, _P07 = "del-3.kulturer.p04", "del-3.kulturer.p05", "del-3.kulturer.p06", "del-3.kulturer.p07"

CULTURE_STATEMENTS: list[Statement] = [
    Statement("pa-1", "public_administration", "Hos os er høj faglighed den vigtigste værdi.", "In our organisation a high level of professional expertise is the most important value.", _P04),
    Statement("pa-2", "public_administration", "Vi lægger vægt på stabil og forudsigelig forvaltning af regler og procedurer.", "We put weight on stable and predictable administration of rules and procedures.", _P04),
    Statement("pa-3", "public_administration", "Faglig specialisering og klar styring beskytter os mod inkompetence og vilkårlighed.", "Professional specialisation and clear management protect us against incompetence and arbitrariness.", _P04),
    Statement("pa-4", "public_administration", "Vi ser først og fremmest biblioteket som en formel myndighed med fastlagte opgaver.", "We see the library first and foremost as a formal authority with fixed tasks.", "tabel-6"),
    Statement("npm-1", "new_public_management", "Hos os er god service den vigtigste værdi.", "In our organisation good service is the most important value.", _P05),
    Statement("npm-2", "new_public_management", "Vi følger brugertilfredshed tæt og sammenligner os med andre (benchmarking).", "We follow user satisfaction closely and compare ourselves with others (benchmarking).", _P05),
    Statement("npm-3", "new_public_management", "Vi lægger vægt på at betjene brugerne så effektivt som muligt.", "We put weight on serving the users as efficiently as possible.", _P05),
    Statement("npm-4", "new_public_management", "Ressourcespild og bureaukrati bliver mødt med skepsis hos os.", "Waste of resources and bureaucracy are met with scepticism here.", "tabel-6"),
    Statement("npg-1", "new_public_governance", "Hos os er inddragelse af brugerne den vigtigste værdi.", "In our organisation involving the users is the most important value.", _P06),
    Statement("npg-2", "new_public_governance", "Vi ser biblioteket som en arena for samarbejde med studerende, forskere og andre parter.", "We see the library as an arena for collaboration with students, researchers and other parties.", _P06),
    Statement("npg-3", "new_public_governance", "Brugerne får indflydelse på beslutninger, som vedrører dem selv.", "The users get influence on decisions that concern them.", _P06),
    Statement("npg-4", "new_public_governance", "Vi ser brugerne som ressourcer snarere end som modtagere af services.", "We see the users as resources rather than as recipients of services.", "del-3.kulturer.q02"),
]


@dataclass(frozen=True)
class CultureType:
    """One perspective of Tabel 6, with the report's description and its view of co-creation."""

    id: str
    name: str  # the same in Danish and English, e.g. "New Public Governance"
    ideal_da: str
    ideal_en: str
    values_da: tuple[str, ...]
    values_en: tuple[str, ...]
    aversions_da: tuple[str, ...]
    aversions_en: tuple[str, ...]
    description_da: str
    description_en: str
    cocreation_da: str  # how co-creation gains value in this perspective (del-3.kulturer.p07)
    cocreation_en: str
    source_ids: tuple[str, ...]
    advice: tuple[Advice, ...]


@dataclass(frozen=True)
class Question:
    """A question for discussion, written for cocreate, grounded in the passage ``source`` cites."""

    da: str
    en: str
    source: Advice

    def text(self, language: str = "da") -> str:
        return self.en if normalize_language(language) == "en" else self.da


_DESCRIPTIONS: dict[str, tuple[_curated.Entry, _curated.Entry]] = {
    "public_administration": (
        (_P04, "Public Administration ser offentlige organisationer som formelle myndigheder, der har til opgave at administrere og forvalte de myndigheds- og serviceopgaver, der er fastsat af lovgivningen. Grundværdien i denne type organisation er høj faglighed.", "Public Administration sees public organisations as formal authorities whose task is to administer and manage the regulatory and service tasks laid down by legislation. The core value in this type of organisation is a high level of professional expertise."),
        (_P07, "Co-creation kan bidrage til at øge den faglige kvalitet ved at inddrage brugernes erfaringer, hvilket vil være et Public Administration perspektiv på co-creation", "Co-creation can help increase professional quality by drawing on the users' experiences, which would be a Public Administration perspective on co-creation"),
    ),
    "new_public_management": (
        (_P05, "New Public Management ser offentlige organisationer som serviceleverandører, der har til opgave at betjene borgerne i forhold til offentlige services, så effektivt som muligt. Grundværdien i denne type organisation er god service.", "New Public Management sees public organisations as service providers whose task is to serve citizens with regard to public services as efficiently as possible. The core value in this type of organisation is good service."),
        (_P07, "Men co-creation kan også tillægges værdi inden for andre perspektiver: Co-creation kan bidrage til at øge den faglige kvalitet ved at inddrage brugernes erfaringer, hvilket vil være et Public Administration perspektiv på co-creation, eller bidrage til at øge brugernes tilfredshed ved at brugernes ønsker forsøges imødekommet, hvilket vil være et New Public Management perspektiv på co-creation.", "But co-creation can also be given value within other perspectives: Co-creation can help increase professional quality by drawing on the users' experiences, which would be a Public Administration perspective on co-creation, or help increase user satisfaction by trying to meet the users' wishes, which would be a New Public Management perspective on co-creation."),
    ),
    "new_public_governance": (
        (_P06, "New Public Governance ser offentlige organisationer som arenaer for samarbejde mellem forskellige aktører. Grundværdien i denne type organisation er inddragelse med henblik på at give borgere og brugere har indflydelse på beslutninger, som vedrører dem selv.", "New Public Governance sees public organisations as arenas for collaboration between different actors. The core value in this type of organisation is involvement, with a view to giving citizens and users influence on decisions that concern them."),
        (_P07, "Umiddelbart harmonerer co-creation godt med New Public Governance, og det er påfaldende, at den stigende interesse for co-creation falder tidsmæssigt sammen med udviklingen af New Public Governance.", "At first sight, co-creation fits well with New Public Governance, and it is striking that the growing interest in co-creation coincides in time with the development of New Public Governance."),
    ),
}

_HYBRIDS: _curated.Entry = (_P07, "De fleste organisationer har sammensatte værdier og perspektiver.", "Most organisations have composite values and perspectives.")
_SUBCULTURES: _curated.Entry = ("del-3.kulturer.p01", "Nogle af de kulturelle værdier er generelle, men nogle kan også være mere specifikke og gælde inden for en afdeling eller arbejdsgruppe af kolleger, hvorved der opstår sub-kulturer i form af små kulturelle fællesskaber, som kan være mere eller mindre hensigtsmæssige.", "Some of the cultural values are general, but some may also be more specific and apply within a department or a working group of colleagues, whereby sub-cultures arise in the form of small cultural communities, which may be more or less appropriate.")

# (da, en, source entry); per type: (perspective question, aversion question)
_OPENING = ("Harmonerer de organisatoriske værdier, der præger os, med co-creation – og hvordan?", "Do the organisational values that characterise us fit with co-creation – and how?", ("anbefaling.kulturer.4", "Helt konkret anbefales det, at bibliotekerne diskuterer, hvorvidt og hvordan de organisatoriske værdier, der præger bibliotekerne, harmonerer med co-creation.", None))
_PER_TYPE: dict[str, tuple[tuple[str, str, _curated.Entry], tuple[str, str, _curated.Entry]]] = {
    "public_administration": (
        ("Hvordan kan co-creation øge den faglige kvalitet ved at inddrage brugernes erfaringer – uden at vi går på kompromis med fagligheden?", "How can co-creation increase professional quality by drawing on the users' experiences – without compromising our professional expertise?", _DESCRIPTIONS["public_administration"][1]),
        ("Hvordan undgår vi, at faglighed og forudsigelighed bliver til ekspertvælde over for brugerne?", "How do we keep professionalism and predictability from turning into rule by experts towards the users?", ("tabel-6", "Ekspertvælde", None)),
    ),
    "new_public_management": (
        ("Hvordan kan co-creation øge brugernes tilfredshed ved at deres ønsker forsøges imødekommet?", "How can co-creation increase user satisfaction by trying to meet the users' wishes?", _DESCRIPTIONS["new_public_management"][1]),
        ("Hvornår er co-creation ressourcespild – og hvornår betaler samarbejdet sig?", "When is co-creation a waste of resources – and when does the collaboration pay off?", ("tabel-6", "Ressourcespild", None)),
    ),
    "new_public_governance": (
        ("Hvordan sikrer vi, at brugernes indflydelse på beslutninger, som vedrører dem selv, er reel?", "How do we make sure that the users' influence on decisions that concern them is real?", _DESCRIPTIONS["new_public_governance"][0]),
        ("Hvor risikerer vi passivisering af brugerne – at de bliver modtagere frem for medskabere?", "Where do we risk making the users passive – recipients rather than co-creators?", ("tabel-6", "Passivisering", None)),
    ),
}
_SINGLE = ("Jeres svar peger på ét dominerende perspektiv – men de fleste organisationer er hybrider. Hvor ser I spor af de andre perspektiver?", "Your answers point to one dominant perspective – but most organisations are hybrids. Where do you see traces of the other perspectives?", _HYBRIDS)
_SUBCULTURE_Q = ("Findes der sub-kulturer i afdelinger eller arbejdsgrupper, hvis værdier adskiller sig fra resten af biblioteket?", "Are there sub-cultures in departments or working groups whose values differ from the rest of the library?", _SUBCULTURES)
_CLOSING = (
    ("Værdsætter vi samarbejde med brugerne – også hvis der ikke kommer noget ud af det?", "Do we value collaboration with the users – even if nothing comes of it?", ("del-3.kulturer.p02", "Det er grundlæggende et spørgsmål om, hvorvidt og hvorfor man værdsætter samarbejde – og om det også værdsættes, hvis der ikke kommer noget ud af det.", "It is fundamentally a question of whether and why collaboration is valued – and whether it is also valued if nothing comes of it.")),
    ("Ser vi brugerne som ressourcer eller som modtagere af services?", "Do we see the users as resources or as recipients of services?", ("del-3.kulturer.q02", "Jeg tror, at vi generelt italesætter vores brugere som `brugere´ og ikke som `besøgende´ og derfor er vi langt. Men organisatorisk kunne man godt arbejde med den måde hvorpå vi ser på brugerne, som ressourcer i stedet for modtagere af services. Det handler om kultur.", None)),
    ("Tør vi engang imellem bare at gøre nogle ting og se, hvad der sker?", "Do we dare, now and then, to just do some things and see what happens?", ("del-3.kulturer.q04", "Jeg kunne ønske mig, at vi engang imellem var lidt mere modige i forhold til bare at gøre nogle ting og se hvad der sker.", None)),
)


def score_culture(answers: CultureAnswers) -> CultureProfile:
    """The profile of an organisation's answers; missing ratings count as neutral (3).

    Raises:
        ValueError: for unknown statement ids or ratings outside 1..5.
    """
    result = score(CULTURE_STATEMENTS, CULTURE_TYPE_IDS, dict(answers.ratings), "culture")
    return CultureProfile(shares=result.shares, dominant=result.dominant, hybrid=len(result.dominant) > 1, means=result.means)


@lru_cache(maxsize=1)
def _culture_types() -> tuple[CultureType, ...]:
    table = get_table("tabel-6")
    out = []
    for column, type_id in enumerate(CULTURE_TYPE_IDS, start=1):
        name = table.columns[column]
        ideal = make_advice(("tabel-6", str(table.rows[0][column]), None))
        values = [make_advice(("tabel-6", v, None)) for v in _items(table.rows[1][column])]
        aversions = [make_advice(("tabel-6", v, None)) for v in _items(table.rows[2][column])]
        description, cocreation = (make_advice(e) for e in _DESCRIPTIONS[type_id])
        advice = (ideal, *values, *aversions, description, cocreation)
        out.append(
            CultureType(
                id=type_id, name=name,
                ideal_da=ideal.text, ideal_en=ideal.english or ideal.text,
                values_da=tuple(v.text for v in values), values_en=tuple(v.english or v.text for v in values),
                aversions_da=tuple(a.text for a in aversions), aversions_en=tuple(a.english or a.text for a in aversions),
                description_da=description.text, description_en=description.english or description.text,
                cocreation_da=cocreation.text, cocreation_en=cocreation.english or cocreation.text,
                source_ids=tuple(dict.fromkeys(a.source_id for a in advice)), advice=advice,
            )
        )
    return tuple(out)


def culture_types() -> list[CultureType]:
    """The three perspectives of Tabel 6: Public Administration, New Public Management, New Public Governance."""
    return list(_culture_types())


def culture_type(type_id: str) -> CultureType:
    for info in _culture_types():
        if info.id == type_id:
            return info
    raise ValueError(f"Unknown culture type {type_id!r}; choose from: {', '.join(CULTURE_TYPE_IDS)}.")


def discussion_items(profile: CultureProfile | None) -> list[Question]:
    """Questions for discussing whether the organisation's values fit co-creation, with their sources."""
    profile = profile or CultureProfile()
    order = sorted(CULTURE_TYPE_IDS, key=lambda t: (-profile.shares[t], CULTURE_TYPE_IDS.index(t)))
    items = [_OPENING]
    for type_id in order:
        perspective, aversion = _PER_TYPE[type_id]
        items += [perspective, aversion] if type_id in profile.dominant else [perspective]
    if profile.hybrid:
        first, second = culture_type(order[0]), culture_type(order[1])
        items.append((
            f"Hvor kan vores værdier komme i konflikt med hinanden – for eksempel {first.values_da[0].lower()} over for {second.values_da[0].lower()}?",
            f"Where might our values clash – for example {first.values_en[0].lower()} versus {second.values_en[0].lower()}?",
            (_P07, "Forskningslitteraturen beskriver sådanne organisationer som ”hybrider”, der er karakteriseret ved, at diskussioner om hvorvidt og hvordan de organisatoriske værdier harmonerer kan opstå – nogle gange uventet (Byrkjeflot & Kragh Jespersen, 2014).", "The research literature describes such organisations as \"hybrids\", characterised by the fact that discussions about whether and how the organisational values fit together can arise – sometimes unexpectedly (Byrkjeflot & Kragh Jespersen, 2014)."),
        ))
    else:
        items.append(_SINGLE)
    items += [_SUBCULTURE_Q, *_CLOSING]
    return [Question(da, en, make_advice(source)) for da, en, source in items]


def discussion_questions(profile: CultureProfile | None, language: str = "da") -> list[str]:
    """Questions for discussion (hybrids are the norm): the profile's own perspectives first."""
    return [q.text(language) for q in discussion_items(profile)]


def _items(cell: str | list[str]) -> list[str]:
    return list(cell) if isinstance(cell, list) else [cell]
