"""What a parsed document is, as frozen values.

Parsers return these and nothing else, so the store, the exports and the tests share one
vocabulary. Every value read from a document carries a `Provenance`; a value that could not be
read is `None` (and usually a `Problem`), never a guess.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Generic, TypeVar

from .vocabulary import current

T = TypeVar("T")

# The vocabulary (data/): every grade of every scale, best first ("adequate" is the 2009-13
# third grade, "satisfactory" that of older inspections of services that reports cite); the
# areas of the history export (labels.csv's columns), then every other canonical area; the
# kinds of letter between inspections (report kinds are the rows of data/frameworks.csv).
GRADES: tuple[str, ...] = current().grade_keys
HISTORY_AREAS: tuple[str, ...] = current().history_areas
AREAS: tuple[str, ...] = current().area_keys
LETTER_KINDS: tuple[str, ...] = tuple(k.kind for k in current().letter_kinds)


@dataclass(frozen=True)
class Provenance:
    """Where a value was read: the document label, a 1-based page, and the text itself.

    `page` is None when the value came from the file name rather than the document's text.
    """

    file: str
    page: int | None
    text: str


@dataclass(frozen=True)
class Fact(Generic[T]):
    """A value together with where it was read."""

    value: T
    source: Provenance


@dataclass(frozen=True)
class Judgement:
    """One graded area, verbatim and normalised."""

    area: str
    grade: str
    area_text: str
    grade_text: str
    source: Provenance


@dataclass(frozen=True)
class Problem:
    """Something the parser expected and did not find, or found twice and disagreeing."""

    field: str
    message: str
    page: int | None = None


@dataclass(frozen=True)
class Section:
    """A titled stretch of a document, kept whole for reading and search.

    `kind` is canonical (see data/sections.csv: summary, recommendations, strengths, progress,
    children_summary, area_information, inspection_information, judgement_help_protection, ...,
    lscb, ...); a heading we do not know is kept with kind "other", never dropped. `text` is
    the body after the heading, lines as printed, with a form feed ("\\f") at each page break
    (the page of a line is page_start plus the form feeds before it); `heading` is "" where
    none is printed (the "front" section before the first heading, an ILACS headline summary).
    `footnotes`: the footnotes printed at the foot of the pages the section runs over, kept out
    of its text.
    """

    kind: str
    heading: str
    page_start: int
    page_end: int
    text: str
    footnotes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Recommendation:
    """One numbered or bulleted improvement point, in the order printed.

    `number`: the position in its list (scope), from 1; `printed_number`: the number printed
    before the point ("18."), None for a bulleted point. `group`: the list the point is printed
    under, a key of data/item_groups.csv ("priority" for priority actions, "improvement" for
    areas for improvement, "what_needs_to_improve", "recommendation", ...); None where the
    document prints no heading that names one. `form`: "listed" for a recommendation, or
    "narrative" for a paragraph of evaluation printed as a point (the "Areas for improvement"
    of JTAI letters of 2016-2020), so that counts of recommendations can leave those out.
    `scope`: "main" (the local authority's list), "lscb" (the LSCB's own list), or, for JTAI
    letters, "agencies". `framework_ref`: ILACS cross-reference to the national framework, as
    printed. `agencies`: JTAI points addressed to named agencies.
    """

    number: int
    text: str
    source: Provenance
    group: str | None = None
    heading: str | None = None
    scope: str = "main"
    framework_ref: str | None = None
    agencies: tuple[str, ...] = ()
    printed_number: int | None = None
    form: str = "listed"


@dataclass(frozen=True)
class Finding:
    """One key finding: a bullet of the summary of findings, or a letter's finding."""

    number: int
    text: str
    source: Provenance
    heading: str | None = None


@dataclass(frozen=True)
class Figure:
    """A context figure from "Information about this local authority area".

    `name` is canonical (e.g. children_under_18, child_protection_plans, looked_after_rate);
    `unit` one of count, percent, per_10000, date, text; `as_at` the date the figure is "at",
    at `as_at_precision`: "day", or "month" where the report prints only a month ("At December
    2014"; the date is then the month's first day, not a day the report gives).
    """

    name: str
    value: float | str
    unit: str
    source: Provenance
    as_at: date | None = None
    as_at_precision: str = "day"


@dataclass(frozen=True)
class CitedInspection:
    """An earlier inspection a report cites ("Child protection arrangements were last inspected
    in July 2012 and were judged to be adequate"): what, when, grade.

    `month` is the first day of the month printed, at `precision` "month"; where only a year is
    printed ("the child protection inspection in 2013") it is 1 January of that year at
    precision "year", so the year is kept and no month is invented. `area` is the aspect the
    grade is for: "overall" (overall effectiveness, or no aspect named), else the 2009-13
    aspect the sentence names ("capacity_to_improve", ...; data/areas.csv, legacy rows).
    """

    what: str
    month: date | None
    grade: str | None
    source: Provenance
    precision: str = "month"
    area: str = "overall"


@dataclass(frozen=True)
class Content:
    """Everything a document says beyond its headline facts."""

    sections: tuple[Section, ...] = ()
    recommendations: tuple[Recommendation, ...] = ()
    findings: tuple[Finding, ...] = ()
    figures: tuple[Figure, ...] = ()
    cited: tuple[CitedInspection, ...] = ()


@dataclass(frozen=True)
class Report:
    """A graded inspection report of any era."""

    file: str
    kind: str
    la_name: Fact[str] | None
    inspection_start: Fact[date] | None
    inspection_end: Fact[date] | None
    publication_date: Fact[date] | None
    lead_inspectors: Fact[tuple[str, ...]] | None
    judgements: tuple[Judgement, ...] = ()
    problems: tuple[Problem, ...] = ()
    content: Content = Content()

    def grade(self, area: str) -> str | None:
        """The normalised grade of an area, or None where the report does not judge it."""
        return next((j.grade for j in self.judgements if j.area == area), None)


@dataclass(frozen=True)
class Letter:
    """A letter between inspections: focused visit, JTAI, monitoring visit, JAR progress."""

    file: str
    kind: str
    la_name: Fact[str] | None
    letter_date: Fact[date] | None
    visit_start: Fact[date] | None
    visit_end: Fact[date] | None
    publication_date: Fact[date] | None
    inspectors: Fact[tuple[str, ...]] | None = None
    topic: Fact[str] | None = None
    problems: tuple[Problem, ...] = ()
    content: Content = Content()


Parsed = Report | Letter


@dataclass(frozen=True)
class Page:
    """One page of cleaned text, numbered from 1 as printed by a PDF viewer. `footnotes`: the
    footnotes printed at its foot ("2 The system in which ..."), once parsing has taken them
    out of `text` (parse/furniture.py). `paragraph_starts`: the lines (`text.paragraph_key`)
    that open a paragraph after a blank space on the printed page, which the text alone does
    not show when the line before is full."""

    number: int
    text: str
    footnotes: tuple[str, ...] = ()
    paragraph_starts: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Document:
    """A PDF as read from disk: identity and pages, before parsing."""

    path: str
    label: str
    sha256: str
    size: int
    pages: tuple[Page, ...] = field(repr=False)
