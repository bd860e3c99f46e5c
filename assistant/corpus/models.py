"""The structured corpus as typed, frozen values: sections, paragraphs, quotes, recommendations, tables, figures."""
from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Speaker = Literal["projektdeltager", "kollega", "leder"]
Tier = Literal["generel", "mere specifikt", "helt konkret"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Section(_Frozen):
    id: str
    title: str
    level: int
    path: list[str] = Field(description="Titles from the top-level part down to this section.")
    parent: str | None = None
    source: str = "report"


class Paragraph(_Frozen):
    id: str
    section_id: str
    path: list[str]
    text: str
    label: str | None = Field(default=None, description="The box sub-heading the paragraph sits under, if any.")
    items: list[str] = Field(default_factory=list, description="List items, for a list paragraph.")
    tables: list[str] = Field(default_factory=list, description="Tables and figures printed at this paragraph.")
    source: str = "report"


class Quote(_Frozen):
    id: str
    text: str = Field(description="Verbatim, without the quotation marks.")
    speaker: Speaker
    paragraph_id: str
    section_id: str
    path: list[str]
    level: str | None = Field(default=None, description="Kirkpatrick level (Del 2).")
    dimension: str | None = Field(default=None, description="Dimension of competence development (Del 3).")


class Statement(_Frozen):
    id: str
    tier: Tier
    text: str
    paragraph_id: str


class Recommendation(_Frozen):
    id: str
    section_id: str
    path: list[str]
    dimension: str
    title: str
    recommendation: str = Field(description="The general recommendation.")
    statements: list[Statement]

    @property
    def concrete(self) -> list[Statement]:
        return [s for s in self.statements if s.tier == "helt konkret"]


Cell = str | list[str]


class Table(_Frozen):
    id: str
    number: int
    caption: str
    title: str
    subtitle: str | None = None
    columns: list[str]
    rows: list[list[Cell]]
    note: str | None = None
    section_id: str = ""
    path: list[str] = Field(default_factory=list)


class FigureElement(_Frozen):
    model_config = ConfigDict(frozen=True, extra="allow")

    name: str
    description: str = ""
    group: str | None = None
    shape: str | None = None


class Figure(_Frozen):
    model_config = ConfigDict(frozen=True, extra="allow")

    id: str
    number: int
    caption: str
    title: str
    description: str = ""
    elements: list[FigureElement]
    relations: list[Any] = Field(default_factory=list)
    section_id: str = ""
    path: list[str] = Field(default_factory=list)


class Corpus(_Frozen):
    """The whole structured corpus: the report, plus any ingested documents."""

    sections: list[Section]
    paragraphs: list[Paragraph]
    quotes: list[Quote]
    recommendations: list[Recommendation]
    tables: list[Table]
    figures: list[Figure]

    def section(self, section_id: str) -> Section:
        for section in self.sections:
            if section.id == section_id:
                return section
        raise KeyError(section_id)
