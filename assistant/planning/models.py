"""The wizards' answers as pydantic models: validation, and the problems a final document would have."""
from __future__ import annotations

import math
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, field_validator

from ..bilingual import Bilingual
from ..labels import label

MAX_TEXT = 5000
MAX_HOURS = 10000.0

Motive = Literal["kvalitet", "effektivitet", "legitimitet"]
Focus = Literal["konceptudvikling", "designudvikling", "praksisudvikling"]
Partner = Literal["studerende", "studentermedhjælpere", "studenterorganisationer", "forskere", "kolleger", "andre institutioner"]
ProcessForm = Literal["formelt projekt", "små uformelle former"]
ProductKind = Literal["koncept", "design/prototype", "ny praksis"]
Level = Literal["grundlæggende", "udvidet", "avanceret"]
Support = Literal["formel", "uformel", "begge"]
Signal = Literal["tydelig prioritering", "grønt lys", "lov til at fejle"]

IDENTITY_TYPE_IDS = ("faglig_ekspert", "serviceorienteret_hjaelper", "samarbejdende_partner")
CULTURE_TYPE_IDS = ("public_administration", "new_public_management", "new_public_governance")
EVALUATION_LEVELS = ("reaktion", "laering", "adfaerd", "organisation")

# Tabel 2: each development focus yields its own kind of product.
FOCUS_PRODUCT: dict[str, str] = {"konceptudvikling": "koncept", "designudvikling": "design/prototype", "praksisudvikling": "ny praksis"}
LEVEL_RANK: dict[str, int] = {"grundlæggende": 1, "udvidet": 2, "avanceret": 3}


def _msg(da: str, en: str) -> Bilingual:
    return Bilingual(da=da, en=en)


class InvalidValue(ValueError):
    """A validation message in both languages (``message``); its text is "Dansk / English" for readers of the plain error."""

    def __init__(self, da: str, en: str) -> None:
        self.message = Bilingual(da=da, en=en)
        super().__init__(f"{da} / {en}")


def _none_to_empty(value: Any) -> Any:
    return "" if value is None else value


def _text(value: str) -> str:
    value = value.strip()
    if len(value) > MAX_TEXT:
        raise InvalidValue(
            f"Teksten er for lang: {len(value):,} tegn (højst {MAX_TEXT:,}).",
            f"The text is too long: {len(value):,} characters (at most {MAX_TEXT:,}).",
        )
    return value


def _unique(values: list[Any]) -> list[Any]:
    return list(dict.fromkeys(values))


def _hours(value: float | None) -> float | None:
    if value is not None and (not math.isfinite(value) or not 0 <= value <= MAX_HOURS):
        raise InvalidValue(
            f"Timetallet skal være mellem 0 og {MAX_HOURS:,.0f} (fik {value}).",
            f"Hours must be between 0 and {MAX_HOURS:,.0f} (got {value}).",
        )
    return value


Text = Annotated[str, BeforeValidator(_none_to_empty), AfterValidator(_text)]
Hours = Annotated[float | None, AfterValidator(_hours)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="ignore", validate_assignment=True)

    def problems(self, language: str = "da") -> list[str]:
        """What is missing or inconsistent for the final document, in ``language`` (Danish by default)."""
        return [issue.get(language) for issue in self._issues()]

    def problems_en(self) -> list[str]:
        """The same problems, in English."""
        return self.problems("en")

    def _issues(self) -> list[Bilingual]:
        return []


class FourPPlan(_Model):
    """A co-creation plan along the 4P model: Pointe, Partnere, Processer, Produkt."""

    title: Text = ""
    pointe_purpose: Text = ""
    motives: Annotated[list[Motive], AfterValidator(_unique)] = Field(default_factory=list)
    focus: Focus | None = None
    partners: Annotated[list[Partner], AfterValidator(_unique)] = Field(default_factory=list)
    recruitment: Text = ""
    retention: Text = ""
    process_form: ProcessForm | None = None
    facilitation: Text = ""
    timing: Text = ""
    hours_set_aside: Hours = None
    group_dynamics: Text = ""
    product_kind: ProductKind | None = None
    product_owner: Text = ""
    continuation: Text = ""

    def _issues(self) -> list[Bilingual]:
        out: list[Bilingual] = []
        if not self.title:
            out.append(_msg("Planen mangler en titel.", "The plan has no title."))
        if not self.pointe_purpose:
            out.append(_msg("Pointe: beskriv, hvad I vil bruge co-creation til.", "Point: describe what you want to use co-creation for."))
        if not self.motives:
            out.append(_msg("Pointe: vælg mindst ét motiv (kvalitet, effektivitet eller legitimitet).", "Point: choose at least one motive (quality, efficiency or legitimacy)."))
        if self.focus is None:
            out.append(_msg("Pointe: vælg et udviklingsfokus (konceptudvikling, designudvikling eller praksisudvikling).", "Point: choose a development focus (concept, design or practice development)."))
        if not self.partners:
            out.append(_msg("Partnere: vælg, hvem der skal deltage.", "Partners: choose who takes part."))
        if not self.recruitment:
            out.append(_msg("Partnere: beskriv, hvordan deltagerne rekrutteres.", "Partners: describe how the participants are recruited."))
        if not self.retention:
            out.append(_msg("Partnere: beskriv, hvordan I fastholder deltagerne i samarbejdet.", "Partners: describe how you keep the participants in the collaboration."))
        if self.process_form is None:
            out.append(_msg("Processer: vælg en form (formelt projekt eller små uformelle former).", "Processes: choose a form (formal project or small informal forms)."))
        if not self.facilitation:
            out.append(_msg("Processer: beskriv, hvem der faciliterer samarbejdet, og hvordan.", "Processes: describe who facilitates the collaboration, and how."))
        if not self.timing:
            out.append(_msg("Processer: angiv timingen – hvornår passer det deltagerne?", "Processes: give the timing – when does it suit the participants?"))
        if self.process_form == "formelt projekt" and not self.hours_set_aside:
            out.append(_msg(
                "Processer: et formelt projekt kræver aftale om ressourcer – angiv de timer, der er afsat.",
                "Processes: a formal project needs an agreement on resources – give the hours set aside.",
            ))
        if self.product_kind is None:
            out.append(_msg("Produkt: vælg, hvad der skal komme ud af samarbejdet.", "Product: choose what the collaboration should produce."))
        elif self.focus is not None and FOCUS_PRODUCT[self.focus] != self.product_kind:
            expected = FOCUS_PRODUCT[self.focus]
            out.append(_msg(
                f"Produkt: udviklingsfokus '{self.focus}' fører til '{expected}', ikke '{self.product_kind}' (tabel 2).",
                f"Product: the focus '{label(self.focus, 'en')}' leads to '{label(expected, 'en')}', not '{label(self.product_kind, 'en')}' (table 2).",
            ))
        if not self.product_owner:
            out.append(_msg("Produkt: angiv, hvem der ejer resultatet bagefter.", "Product: say who owns the result afterwards."))
        if not self.continuation:
            out.append(_msg("Produkt: beskriv, hvordan resultatet videreføres.", "Product: describe how the result is carried forward."))
        return out


def _rating(value: int) -> int:
    if isinstance(value, bool) or not 1 <= value <= 5:
        raise InvalidValue(f"En vurdering skal være mellem 1 og 5 (fik {value}).", f"A rating must be between 1 and 5 (got {value}).")
    return value


Rating = Annotated[int, AfterValidator(_rating)]


class IdentityAnswers(_Model):
    """Self-assessment answers: statement id -> rating 1 (disagree) .. 5 (agree)."""

    ratings: dict[str, Rating] = Field(default_factory=dict)


class CultureAnswers(_Model):
    """Assessment of the organisation's values: statement id -> rating 1..5."""

    ratings: dict[str, Rating] = Field(default_factory=dict)


def _check_shares(shares: dict[str, float], types: tuple[str, ...]) -> dict[str, float]:
    if set(shares) != set(types):
        raise ValueError(f"shares must have exactly the keys {', '.join(types)}.")
    if any(not 0.0 <= v <= 1.0 for v in shares.values()) or abs(sum(shares.values()) - 1.0) > 1e-6:
        raise ValueError("shares must each lie in 0..1 and sum to 1.")
    return {t: shares[t] for t in types}


class IdentityProfile(_Model):
    """The share of each professional identity (Tabel 4) in one person's answers."""

    shares: dict[str, float] = Field(default_factory=lambda: {t: 1 / 3 for t in IDENTITY_TYPE_IDS})
    dominant: list[str] = Field(default_factory=lambda: list(IDENTITY_TYPE_IDS))
    mixed: bool = True
    means: dict[str, float] = Field(default_factory=dict, description="Mean rating 1..5 per type.")

    @field_validator("shares")
    @classmethod
    def _shares(cls, value: dict[str, float]) -> dict[str, float]:
        return _check_shares(value, IDENTITY_TYPE_IDS)


class CultureProfile(_Model):
    """The share of each organisational perspective (Tabel 6) in the answers; hybrids are the norm."""

    shares: dict[str, float] = Field(default_factory=lambda: {t: 1 / 3 for t in CULTURE_TYPE_IDS})
    dominant: list[str] = Field(default_factory=lambda: list(CULTURE_TYPE_IDS))
    hybrid: bool = True
    means: dict[str, float] = Field(default_factory=dict, description="Mean rating 1..5 per type.")

    @field_validator("shares")
    @classmethod
    def _shares(cls, value: dict[str, float]) -> dict[str, float]:
        return _check_shares(value, CULTURE_TYPE_IDS)


def _area(value: str) -> str:
    value = value.strip()
    if not 1 <= len(value) <= 200:
        raise InvalidValue(f"Området skal have et navn på 1-200 tegn (fik {len(value)}).", f"The area needs a name of 1-200 characters (got {len(value)}).")
    return value


def _staff(value: int) -> int:
    if not 0 <= value <= 10000:
        raise InvalidValue(f"Antal medarbejdere skal være 0-10000 (fik {value}).", f"Staff must be 0-10,000 (got {value}).")
    return value


class PriorityArea(_Model):
    """One area of the library where co-creation is prioritised, at a target competence level."""

    area: Annotated[str, BeforeValidator(_none_to_empty), AfterValidator(_area)]
    target_level: Level = "grundlæggende"
    staff: Annotated[int, AfterValidator(_staff)] = 0
    support: Support = "begge"
    timing: Text = ""


class PrioritisationDraft(_Model):
    """Management's prioritisation: areas x target level x staff, support and signals."""

    library: Text = ""
    areas: list[PriorityArea] = Field(default_factory=list)
    hours_per_person: Hours = None
    signals: Annotated[list[Signal], AfterValidator(_unique)] = Field(default_factory=list)
    notes: Text = ""

    def _issues(self) -> list[Bilingual]:
        out: list[Bilingual] = []
        if not self.library:
            out.append(_msg("Notatet mangler bibliotekets navn.", "The memo has no library name."))
        if not self.areas:
            out.append(_msg("Vælg mindst ét område, hvor I vil arbejde med co-creation.", "Choose at least one area where you will work with co-creation."))
        seen: set[str] = set()
        for a in self.areas:
            key = a.area.casefold()
            if key in seen:
                out.append(_msg(f"Området '{a.area}' står der flere gange.", f"The area '{a.area}' is listed more than once."))
            seen.add(key)
            if a.staff == 0:
                out.append(_msg(f"Området '{a.area}' har ingen medarbejdere tilknyttet.", f"The area '{a.area}' has no staff assigned."))
            if a.target_level in ("udvidet", "avanceret") and a.support == "uformel":
                out.append(_msg(
                    f"Området '{a.area}': medarbejdere med udvidet eller avanceret kompetence bør stå til rådighed for formel støtte og sparring.",
                    f"The area '{a.area}': staff with extended or advanced competence should be available for formal support and sparring.",
                ))
            if not a.timing:
                out.append(_msg(f"Området '{a.area}' mangler en tidsplan.", f"The area '{a.area}' has no timing."))
        if self.hours_per_person is None:
            out.append(_msg("Angiv, hvor mange timer hver medarbejder har til co-creation.", "Give the hours each staff member has for co-creation."))
        if not self.signals:
            out.append(_msg(
                "Vælg mindst ét ledelsessignal: ledelsens opbakning handler om, at prioritering og grundlag er klart og tydeligt.",
                "Choose at least one management signal: management backing is about the priorities and the basis being clear.",
            ))
        return out


class EvaluationLevel(_Model):
    """What to ask, how and when, at one Kirkpatrick level."""

    questions: list[Text] = Field(default_factory=list, max_length=50)
    method: Text = ""
    timing: Text = ""

    @field_validator("questions")
    @classmethod
    def _drop_blank(cls, value: list[str]) -> list[str]:
        return [q for q in value if q]


def default_levels(language: str = "da") -> dict[str, EvaluationLevel]:
    """The four levels, each with the report's interview question (del-1.data.p05) as its default."""
    from .content import evaluation_question

    return {level: EvaluationLevel(questions=[evaluation_question(level).get(language)]) for level in EVALUATION_LEVELS}


class EvaluationPlan(_Model):
    """An evaluation plan for a competence development initiative, per Kirkpatrick level."""

    initiative: Text = ""
    levels: dict[str, EvaluationLevel] = Field(default_factory=default_levels)

    @field_validator("levels")
    @classmethod
    def _levels(cls, value: dict[str, EvaluationLevel]) -> dict[str, EvaluationLevel]:
        unknown = [k for k in value if k not in EVALUATION_LEVELS]
        if unknown:
            raise InvalidValue(f"Ukendt niveau {unknown[0]!r}; brug {', '.join(EVALUATION_LEVELS)}.", f"Unknown level {unknown[0]!r}.")
        defaults = default_levels()
        return {level: value.get(level, defaults[level]) for level in EVALUATION_LEVELS}

    def _issues(self) -> list[Bilingual]:
        out: list[Bilingual] = []
        if not self.initiative:
            out.append(_msg("Angiv, hvilket kompetenceudviklingstiltag der skal evalueres.", "Name the competence development initiative to evaluate."))
        for level, plan in self.levels.items():
            da, en = label(level, "da", "levels"), label(level, "en", "levels")
            if not plan.questions:
                out.append(_msg(
                    f"{da}: tilføj mindst ét spørgsmål – evalueringen bør tage alle fire niveauer i betragtning.",
                    f"{en}: add at least one question – the evaluation should take all four levels into account.",
                ))
            if not plan.method:
                out.append(_msg(f"{da}: vælg en metode.", f"{en}: choose a method."))
            if not plan.timing:
                out.append(_msg(f"{da}: angiv, hvornår der evalueres.", f"{en}: say when to evaluate."))
        return out


MODELS: dict[str, type[_Model]] = {
    "fourp": FourPPlan,
    "identity": IdentityAnswers,
    "culture": CultureAnswers,
    "priorities": PrioritisationDraft,
    "evaluation": EvaluationPlan,
}


def load_model(kind: str, data: dict[str, Any] | None) -> _Model:
    """The wizard's model for a draft's data (ValueError if ``kind`` is unknown or the data invalid)."""
    if kind not in MODELS:
        raise ValueError(f"Unknown wizard {kind!r}; choose from: {', '.join(MODELS)}.")
    return MODELS[kind].model_validate(data or {})
