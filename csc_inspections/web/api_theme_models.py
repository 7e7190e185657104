"""The JSON API's answers about practice themes (`answers.themes`): the national table, the
inspections behind one of its numbers, an LA's themes and what councils that came out of
inadequate were no longer asked. Apart from `api_models` for size; the same conventions."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import ConfigDict, Field

from ..analysis.themes import GROUPINGS
from .api_models import ISO, Answer, Day, Grade, Maybe, MaybeGrade, OneOf, ThemeKey

COUNTED = (
    "graded SIF and ILACS reports with improvement points read, each counted once, dated by its "
    "last day on site"
)


class Dated(Answer):
    """Answers over a window of dates, `from` and `to` as asked (JSON keys `from`, `to`)."""

    model_config = ConfigDict(
        extra="allow", serialize_by_alias=True, validate_by_alias=True, validate_by_name=True
    )

    since: Maybe[date] = Field(alias="from", description=f"First day counted, {ISO}; null: all")
    until: Maybe[date] = Field(alias="to", description=f"Last day counted, {ISO}; null: all")


class ThemeShare(Answer):
    """Of `of` inspections, `asked` asked the council to improve the theme."""

    asked: int = Field(description="Inspections asking to improve it")
    of: int = Field(description="Inspections counted: the denominator")
    share: float | None = Field(description="asked / of, 0 to 1; null when none is counted")
    percent: int | None = Field(description="The share as a whole percentage (halves up)")


class ThemeCell(ThemeShare):
    """One number of the table: a theme in one group of inspections."""

    group: str = Field(description="The group (a year, an era, an overall grade or a region)")
    points: str = Field(description="The inspections behind the number, with their points")


class ThemeTotal(ThemeShare):
    """A theme over every group."""

    points: str = Field(description="The inspections behind the number, with their points")


class ThemeNamed(Answer):
    """A practice theme of data/themes.csv."""

    theme: ThemeKey = Field(description="The theme's id")
    label: str = Field(description="The theme in words, e.g. Management oversight and supervision")
    covers: str = Field(description="What it covers, as the labelling guide defines it")


class ThemeRow(ThemeNamed):
    """A theme across the groups of the table."""

    total: ThemeTotal = Field(description="Of every inspection counted")
    cells: list[ThemeCell] = Field(description="Of each group's inspections, in groups' order")


class ThemeGroup(Answer):
    group: str = Field(
        description="A year, an era, an overall grade (none: no overall grade, the 2026 "
        "framework) or a region"
    )
    inspections: int = Field(description="Inspections counted in it")


class ThemeTable(Dated):
    """The share of inspections asking to improve each practice theme, by group."""

    counted: str = Field(description="What the shares count, in words")
    by: Annotated[str, OneOf(GROUPINGS)] = Field(description="year, era, grade or region")
    inspections: int = Field(description=f"Inspections counted: {COUNTED}")
    groups: list[ThemeGroup] = Field(
        description="The groups, in order: years, eras by date, grades best first, regions by name"
    )
    themes: list[ThemeRow] = Field(description="Every theme, in data/themes.csv's order")


class ThemePoint(Answer):
    """An improvement point tagged with the theme."""

    number: int = Field(description="Position in its list, from 1")
    printed_number: Maybe[int] = Field(description="The number printed before it; null: bulleted")
    page: Maybe[int] = Field(description="Page (1-based)")
    text: str = Field(description="What the report or letter asks to improve")
    themes: list[ThemeKey] = Field(description="Every theme it is tagged with, likeliest first")
    page_url: Maybe[str] = Field(description="The page's text on this site; null: page not read")


class ThemeDocument(Answer):
    """A report or letter that asked for the theme, with the points that asked."""

    inspection_id: int = Field(description="The report's or letter's id: /api/inspections/{id}")
    file: str = Field(description="The stored PDF")
    urn: Maybe[int] = Field(description="The LA's URN")
    la_name: Maybe[str] = Field(description="The LA's name (ONS)")
    region: Maybe[str] = Field(description="English region of the LA")
    kind: str = Field(description="Report kind (data/frameworks.csv) or letter kind")
    date: Maybe[Day] = Field(
        description=f"Last day on site (of a letter's visit), else the nearest date read, {ISO}"
    )
    publication_date: Maybe[Day] = Field(description=f"Publication date, {ISO}")
    overall: MaybeGrade = Field(description="A report's overall grade; null: none, or a letter")
    report_url: str = Field(description="The report's or letter's page on this site")
    points: list[ThemePoint] = Field(description="Its points tagged with the theme, in order")


class ThemeInspections(Dated):
    """The inspections behind one number of /api/themes, newest first."""

    theme: ThemeNamed = Field(description="The theme")
    by: Maybe[Annotated[str, OneOf(GROUPINGS)]] = Field(description="The grouping; null: all")
    group: Maybe[str] = Field(description="The group of `by`; null: every inspection counted")
    asked: int = Field(description="Inspections asking to improve it: those listed")
    of: int = Field(description=f"Inspections counted in the group: {COUNTED}")
    share: float | None = Field(description="asked / of, 0 to 1; null when none is counted")
    percent: int | None = Field(description="The share as a whole percentage (halves up)")
    inspections: list[ThemeDocument] = Field(description="Each with its points, newest first")


class LaNamed(Answer):
    urn: int = Field(description="The LA's URN")
    name: str = Field(description="The LA's name (ONS)")
    region: Maybe[str] = Field(description="English region of the LA")


class LaThemeRow(ThemeNamed):
    """One theme an LA's reports and letters (its predecessors' too) asked for."""

    times: int = Field(description="Reports and letters asking for it")
    recurring: bool = Field(description="Whether more than one asked for it")
    first: Maybe[date] = Field(description=f"The first of them, by last day on site, {ISO}")
    last: Maybe[date] = Field(description=f"The last of them, {ISO}")
    la: ThemeShare = Field(description=f"Of the LA's own inspections ({COUNTED})")
    neighbours: ThemeShare = Field(description="Of its ten statistical neighbours' inspections")
    region: ThemeShare = Field(description="Of its region's inspections (its own included)")
    national: ThemeShare = Field(description="Of every inspection counted in England")
    documents: list[ThemeDocument] = Field(description="Those asking for it, oldest first")


class LaThemes(Dated):
    """An LA's themes, most asked first, beside its neighbours', region's and England's."""

    la: LaNamed = Field(description="The LA")
    themes: list[LaThemeRow] = Field(description="Every theme asked of it; none: never asked")


class RecoveredTheme(ThemeNamed):
    """One theme across the councils that came out of inadequate."""

    recoveries: int = Field(description="Recoveries counted, every theme alike")
    asked_when_inadequate: int = Field(description="Recoveries whose inadequate report asked it")
    no_longer_asked: int = Field(description="Of those, the better report did not ask it")
    still_asked: int = Field(description="Of those, the better report asked it again")
    newly_asked: int = Field(description="The better report asked it, the inadequate one had not")
    share_no_longer_asked: Maybe[float] = Field(
        description="no_longer_asked / asked_when_inadequate, 0 to 1; null when not asked"
    )


class RecoverySide(Answer):
    inspection_id: int = Field(description="The report's id (/api/inspections/{id})")
    file: str = Field(description="The stored PDF")
    last_day_on_site: Maybe[date] = Field(description=f"Its last day on site, {ISO}")
    grade: Maybe[Grade] = Field(description="Its overall grade")
    themes: list[ThemeKey] = Field(description="The themes its main improvement points asked")


class Recovery(Answer):
    urn: Maybe[int] = Field(description="The LA's URN")
    la_name: Maybe[str] = Field(description="The LA's name")
    inadequate: RecoverySide = Field(description="The first inadequate report of the spell")
    better: RecoverySide = Field(description="The report that ended it with a better grade")


class RecoveredThemes(Answer):
    """What the councils that came out of inadequate were no longer asked, theme by theme."""

    counted: str = Field(description="What is counted, in words")
    themes: list[RecoveredTheme] = Field(description="Themes asked either side, most dropped first")
    recoveries: list[Recovery] = Field(description="Each recovery counted")
