"""The wizards' answers as pydantic models: validation, and the problems a final document would have."""
from __future__ import annotations

import math
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, field_validator

from ..bilingual import Bilingual
from ..corpus.planning_content import planning_content
from ..labels import label, labels

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


def _problem(key: str, **values: str | Bilingual) -> Bilingual:
    """A problem of the final document by name (corpus/planning/documents.yaml), its {fields} filled per language."""
    text = planning_content().problems[key]

    def fill(language: str) -> str:
        return text.get(language).format(**{k: v.get(language) if isinstance(v, Bilingual) else v for k, v in values.items()})

    return Bilingual(da=fill("da"), en=fill("en"))


def _choice(value: str) -> Bilingual:
    """A choice as a problem names it: the value itself in Danish, its label in English."""
    return Bilingual(da=value, en=label(value, "en"))


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
            f"Teksten er for lang: {len(value):,} tegn (højst {MAX_TEXT:,}).".replace(",", "."),
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
            out.append(_problem("fourp.no_title"))
        if not self.pointe_purpose:
            out.append(_problem("fourp.no_purpose"))
        if not self.motives:
            out.append(_problem("fourp.no_motive"))
        if self.focus is None:
            out.append(_problem("fourp.no_focus"))
        if not self.partners:
            out.append(_problem("fourp.no_partners"))
        if not self.recruitment:
            out.append(_problem("fourp.no_recruitment"))
        if not self.retention:
            out.append(_problem("fourp.no_retention"))
        if self.process_form is None:
            out.append(_problem("fourp.no_form"))
        if not self.facilitation:
            out.append(_problem("fourp.no_facilitation"))
        if not self.timing:
            out.append(_problem("fourp.no_timing"))
        if self.process_form == "formelt projekt" and not self.hours_set_aside:
            out.append(_problem("fourp.no_hours"))
        if self.product_kind is None:
            out.append(_problem("fourp.no_product"))
        elif self.focus is not None and FOCUS_PRODUCT[self.focus] != self.product_kind:
            expected = FOCUS_PRODUCT[self.focus]
            out.append(_problem("fourp.product_mismatch", focus=_choice(self.focus), expected=_choice(expected), product=_choice(self.product_kind)))
        if not self.product_owner:
            out.append(_problem("fourp.no_owner"))
        if not self.continuation:
            out.append(_problem("fourp.no_continuation"))
        return out


def _rating(value: int) -> int:
    if isinstance(value, bool) or not 1 <= value <= 5:
        raise InvalidValue(f"En vurdering skal være mellem 1 og 5 (fik {value}).", f"A rating must be between 1 and 5 (got {value}).")
    return value


Rating = Annotated[int, AfterValidator(_rating)]


class IdentityAnswers(_Model):
    """Self-assessment answers: statement id -> rating 1 (disagree) .. 5 (agree)."""

    ratings: dict[str, Rating] = Field(default_factory=dict)

    def _issues(self) -> list[Bilingual]:
        return [] if self.ratings else [_problem("identity.none_rated")]  # no rating: no profile to report


class CultureAnswers(_Model):
    """Assessment of the organisation's values: statement id -> rating 1..5."""

    ratings: dict[str, Rating] = Field(default_factory=dict)

    def _issues(self) -> list[Bilingual]:
        return [] if self.ratings else [_problem("culture.none_rated")]


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
            out.append(_problem("priorities.no_library"))
        if not self.areas:
            out.append(_problem("priorities.no_areas"))
        seen: set[str] = set()
        for a in self.areas:
            key = a.area.casefold()
            if key in seen:
                out.append(_problem("priorities.area_twice", area=a.area))
            seen.add(key)
            if a.staff == 0:
                out.append(_problem("priorities.area_no_staff", area=a.area))
            if a.target_level in ("udvidet", "avanceret") and a.support == "uformel":
                out.append(_problem("priorities.area_formal_support", area=a.area))
            if not a.timing:
                out.append(_problem("priorities.area_no_timing", area=a.area))
        if self.hours_per_person is None:
            out.append(_problem("priorities.no_hours"))
        if not self.signals:
            out.append(_problem("priorities.no_signals"))
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
            out.append(_problem("evaluation.no_initiative"))
        for level, plan in self.levels.items():
            level_name = labels("levels")[level]
            if not plan.questions:
                out.append(_problem("evaluation.no_questions", level=level_name))
            if not plan.method:
                out.append(_problem("evaluation.no_method", level=level_name))
            if not plan.timing:
                out.append(_problem("evaluation.no_timing", level=level_name))
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
