"""Tabel 4 self-assessment: professional identities, scoring, and how to frame co-creation for them."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from . import _curated
from ._scores import Statement, score
from .content import Advice, make_advice, motive_advice
from .models import IDENTITY_TYPE_IDS, IdentityAnswers, IdentityProfile
from .sources import get_table

_P05, _P06, _P07 = "del-3.interesse.p05", "del-3.interesse.p06", "del-3.interesse.p07"

IDENTITY_STATEMENTS: list[Statement] = [
    Statement("ekspert-1", "faglig_ekspert", "Jeg ser mig selv som garant for, at opgaverne løses bedst muligt.", "I see myself as the guarantor that tasks are carried out as well as possible.", _P05),
    Statement("ekspert-2", "faglig_ekspert", "Det vigtigste for mig er at levere den ydelse, som brugerne har behov for og krav på.", "What matters most to me is delivering the service the users need and are entitled to.", _P05),
    Statement("ekspert-3", "faglig_ekspert", "Co-creation giver mening for mig, hvis brugernes viden og erfaring øger kvaliteten af arbejdet.", "Co-creation makes sense to me if the users' knowledge and experience increase the quality of the work.", _P05),
    Statement("ekspert-4", "faglig_ekspert", "Jeg går nødig på kompromis med min faglighed – faglige fejl og mangler er svære at acceptere.", "I am reluctant to compromise on my professional expertise – professional errors and shortcomings are hard to accept.", "tabel-4"),
    Statement("hjaelper-1", "serviceorienteret_hjaelper", "Jeg ser mig selv som garant for, at brugerne får en god service.", "I see myself as the guarantor that the users receive good service.", _P06),
    Statement("hjaelper-2", "serviceorienteret_hjaelper", "Jeg vil helst imødekomme brugernes ønsker gennem hjælp til selvhjælp, så de hurtigt og effektivt kan hjælpe sig selv.", "I prefer to meet the users' wishes through help to self-help, so they can help themselves quickly and efficiently.", _P06),
    Statement("hjaelper-3", "serviceorienteret_hjaelper", "Co-creation giver mening for mig, hvis det hjælper os med at imødekomme brugernes ønsker.", "Co-creation makes sense to me if it helps us meet the users' wishes.", _P06),
    Statement("hjaelper-4", "serviceorienteret_hjaelper", "Det generer mig, hvis tid og ressourcer bruges på noget, der kunne klares på en mere simpel måde.", "It bothers me when time and resources go into something that could be done in a simpler way.", _P06),
    Statement("partner-1", "samarbejdende_partner", "Jeg ser mig selv som garant for, at brugerne får indflydelse på forhold, som vedrører dem selv.", "I see myself as the guarantor that the users gain influence on matters that concern them.", _P07),
    Statement("partner-2", "samarbejdende_partner", "Jeg lægger vægt på at involvere brugerne, så deres tilhørsforhold og tilknytning styrkes.", "I care about involving the users so that their sense of belonging and attachment grows.", _P07),
    Statement("partner-3", "samarbejdende_partner", "Co-creation giver mening for mig, når brugerne får reel indflydelse og ejerskab.", "Co-creation makes sense to me when the users get real influence and ownership.", _P07),
    Statement("partner-4", "samarbejdende_partner", "Faglig arrogance over for brugerne er noget af det værste, jeg ved.", "Professional arrogance towards the users is one of the things I dislike most.", "tabel-4"),
]


@dataclass(frozen=True)
class TypeInfo:
    """One ideal type of Tabel 4, with the report's description and how to frame co-creation for it."""

    id: str
    name_da: str
    name_en: str
    motive: str  # kvalitet / effektivitet / legitimitet
    value_da: str
    value_en: str
    potential_da: str
    potential_en: str
    aversion_da: str
    aversion_en: str
    description_da: str
    description_en: str
    framing_da: str
    framing_en: str
    source_ids: tuple[str, ...]
    advice: tuple[Advice, ...]  # every cited excerpt above, plus supporting quotes

    @property
    def value(self) -> str:
        return self.value_da

    @property
    def potential(self) -> str:
        return self.potential_da

    @property
    def aversion(self) -> str:
        return self.aversion_da

    def name(self, language: str = "da") -> str:
        return self.name_en if language == "en" else self.name_da


@dataclass(frozen=True)
class TeamProfile:
    """The identities of a team: mean shares, spread, dominant counts, and how to present the motives."""

    n: int
    mean_shares: dict[str, float]
    spread: dict[str, tuple[float, float]]  # type -> (min share, max share)
    dominant_counts: dict[str, int]
    mixed_count: int
    advice: list[Advice]


# id -> (Tabel 4 column, name_en, motive, description entry, framing entry, supporting quote)
_TYPES: dict[str, tuple[int, str, str, _curated.Entry, _curated.Entry, _curated.Entry]] = {
    "faglig_ekspert": (
        1, "Professional expert", "kvalitet",
        (_P05, "Den faglige ekspert ser sig selv som garant for at bestemte opgaver løses bedst muligt.", "The professional expert sees himself or herself as the guarantor that particular tasks are carried out as well as possible."),
        (_P05, "Som sådan kan de godt se mening med co-creation og motiveres, hvis inddragelse af brugernes viden og erfaring øger kvaliteten af arbejdet, men de kan til gengæld også reagere med modstand, hvis de skal gå på kompromis med egen faglighed i samarbejdet med brugere.", "As such, they can see the point of co-creation and be motivated if involving the users' knowledge and experience increases the quality of the work, but they may also react with resistance if they have to compromise on their own professional expertise in the collaboration with users."),
        ("del-2.laering.q05", "Man kan tænke brugerne ind uden at man går på kompromis med sin egen faglighed. Det handler om samspillet.", None),
    ),
    "serviceorienteret_hjaelper": (
        2, "Service-oriented helper", "effektivitet",
        (_P06, "Den serviceorienterede hjælper ser sig selv som garant for, at brugerne får en god service.", "The service-oriented helper sees himself or herself as the guarantor that the users receive good service."),
        (_P06, "Som sådan kan medarbejdere, hvis professionelle identitet har karakter af at være serviceorienteret hjælper, godt se mening med co-creation og motiveres, hvis inddragelse af brugerne bidrager til at imødekomme deres ønsker, men de kan også reagere med modstand, hvis de oplever, at det er spild af tid og ressourcer, eksempelvis hvis brugernes ønsker kan imødekommes på mere simple måder.", "As such, staff whose professional identity is that of a service-oriented helper can see the point of co-creation and be motivated if involving the users helps to meet their wishes, but they may also react with resistance if they feel that it is a waste of time and resources, for example if the users' wishes can be met in simpler ways."),
        ("del-2.adfaerd.q04", "Man kan godt lave nogle bruger-scenarier, som ikke er så tunge. Det kan være lidt kortere forløb. Det behøver ikke at være så forkromet og så stort sat op.", None),
    ),
    "samarbejdende_partner": (
        3, "Collaborating partner", "legitimitet",
        (_P07, "Den samarbejdende partner ser sig selv som garant for, at brugerne får indflydelse på forhold, som vedrører dem selv.", "The collaborating partner sees himself or herself as the guarantor that the users gain influence on matters that concern them."),
        (_P07, "Som sådan kan de godt se mening med co-creation og motiveres, hvis inddragelse af brugerne giver dem indflydelse og ejerskab, men de kan til gengæld reagere med modstand, hvis indflydelsen ikke er reel, men bliver tilsidesat, når det kommer til stykket", "As such, they can see the point of co-creation and be motivated if involving the users gives them influence and ownership, but they may in turn react with resistance if the influence is not real but is set aside when it comes to the crunch."),
        ("del-2.laering.q02", "Jeg har fået øjnene op for, at man får meget ud af den indstilling, at brugerne har ressourcer, som er relevante for biblioteket. Det har åbnet mit perspektiv på udvikling. Der er noget godt i samspillet.", None),
    ),
}

_MIXED: tuple[_curated.Entry, ...] = (
    ("del-3.interesse.p08", "Tværtimod kan medarbejdere have sammensatte identiteter, hvilket i praksis betyder, at det er muligt at appellere til de fleste ved at tydeliggøre motiverne for at arbejde med co-creation.", "On the contrary, staff can have composite identities, which in practice means that it is possible to appeal to most people by making the motives for working with co-creation clear."),
    ("del-3.interesse.p03", "Det kan eksempelvis være, hvis motivet for at arbejde med co-creation er sammensat og bestå af en sammenblanding af to eller alle tre motiver, hvorved de kan supplere men også komme til at modarbejde hinanden.", "This may be the case, for example, if the motive for working with co-creation is composite and consists of a mixture of two or all three motives, whereby they can complement each other but can also end up working against each other."),
)
_DIVERSE_TEAM: _curated.Entry = ("del-3.interesse.p04", "De overordnede motiver for co-creation (kvalitet, effektivitet og legitimitet) appellerer til forskellige professionelle identiteter og selvforståelse. Med andre ord kan de hver især motivere nogle – men de-motivere og måske endda skabe modstand hos andre.", "The overall motives for co-creation (quality, efficiency and legitimacy) appeal to different professional identities and self-understandings. In other words, each of them can motivate some – but de-motivate, and perhaps even create resistance in, others.")
_UNIFORM_TEAM: _curated.Entry = ("del-3.interesse.p08", "Omvendt er det også altid muligt, at medarbejdere oplever manglende motivation og modstand, hvis motiverne for at arbejde med co-creation ikke harmonerer med deres dominerende professionelle identitet.", "Conversely, it is also always possible that staff experience a lack of motivation and resistance if the motives for working with co-creation do not fit with their dominant professional identity.")
_INTEGRATE: _curated.Entry = ("anbefaling.interesse.3", "Helt konkret anbefales det, at bibliotekerne gør det til en integreret del af de kompetenceudviklingstiltag, der tages, uanset om det er informationsmøder, workshop eller deltagelse i projekter, at tematisere de motiver for co-creation og reaktionerne på dem, som man kan møde.", None)


def score_identity(answers: IdentityAnswers) -> IdentityProfile:
    """The profile of one person's answers; missing ratings count as neutral (3).

    Raises:
        ValueError: for unknown statement ids or ratings outside 1..5.
    """
    result = score(IDENTITY_STATEMENTS, IDENTITY_TYPE_IDS, dict(answers.ratings), "identity")
    return IdentityProfile(shares=result.shares, dominant=result.dominant, mixed=len(result.dominant) > 1, means=result.means)


@lru_cache(maxsize=1)
def _type_infos() -> tuple[TypeInfo, ...]:
    infos = []
    for type_id, (column, name_en, motive, description, framing, quote) in _TYPES.items():
        cells = [make_advice(("tabel-4", _tabel4()[row][column], None)) for row in range(4)]
        name, value, potential, aversion = cells
        desc, frame = make_advice(description), make_advice(framing)
        advice = (value, potential, aversion, desc, frame, make_advice(quote))
        infos.append(
            TypeInfo(
                id=type_id, name_da=name.text, name_en=name_en, motive=motive,
                value_da=value.text, value_en=value.english or value.text,
                potential_da=potential.text, potential_en=potential.english or potential.text,
                aversion_da=aversion.text, aversion_en=aversion.english or aversion.text,
                description_da=desc.text, description_en=desc.english or desc.text,
                framing_da=frame.text, framing_en=frame.english or frame.text,
                source_ids=tuple(dict.fromkeys(a.source_id for a in advice)),
                advice=advice,
            )
        )
    return tuple(infos)


def _tabel4() -> list[list[str]]:
    """Tabel 4 as rows: the header row (type names), then value, potential and aversion."""
    table = get_table("tabel-4")
    return [list(table.columns)] + [[str(c) for c in row] for row in table.rows]


def identity_types() -> list[TypeInfo]:
    """The three ideal types of Tabel 4: faglig ekspert, serviceorienteret hjælper, samarbejdende partner."""
    return list(_type_infos())


def identity_type(type_id: str) -> TypeInfo:
    for info in _type_infos():
        if info.id == type_id:
            return info
    raise ValueError(f"Unknown identity type {type_id!r}; choose from: {', '.join(IDENTITY_TYPE_IDS)}.")


def framing_for(profile: IdentityProfile) -> list[Advice]:
    """How to present co-creation to this profile: per dominant type its framing and motive; mixed: several."""
    out: list[Advice] = []
    if profile.mixed:
        out += [make_advice(e) for e in _MIXED]
    for type_id in profile.dominant:
        info = identity_type(type_id)
        out += [info.advice[4], motive_advice(info.motive), info.advice[5]]
    return _dedupe(out)


def team_profile(profiles: list[IdentityProfile]) -> TeamProfile:
    """Aggregate several people's profiles and advise how to present the motives to the team."""
    if not profiles:
        raise ValueError("A team profile needs at least one profile (got none).")
    n = len(profiles)
    mean = {t: sum(p.shares[t] for p in profiles) / n for t in IDENTITY_TYPE_IDS}
    spread = {t: (min(p.shares[t] for p in profiles), max(p.shares[t] for p in profiles)) for t in IDENTITY_TYPE_IDS}
    counts = {t: sum(t in p.dominant for p in profiles) for t in IDENTITY_TYPE_IDS}
    present = sorted((t for t in IDENTITY_TYPE_IDS if counts[t]), key=lambda t: (-counts[t], -mean[t]))
    advice = [make_advice(_DIVERSE_TEAM if len(present) > 1 else _UNIFORM_TEAM)]
    if len(present) > 1:
        advice.append(make_advice(_MIXED[0]))
    advice += [motive_advice(identity_type(t).motive) for t in present]
    advice.append(make_advice(_INTEGRATE))
    return TeamProfile(
        n=n, mean_shares=mean, spread=spread, dominant_counts=counts,
        mixed_count=sum(p.mixed for p in profiles), advice=_dedupe(advice),
    )


def _dedupe(items: list[Advice]) -> list[Advice]:
    return list(dict.fromkeys(items))
