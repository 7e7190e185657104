"""What the store gives back: frozen, typed records, one class per kind of stored row.

Dates are `date | None` and a value not read is None, never ''; grades are a mapping of
canonical area to grade (an area not judged is absent). The analysis library, the answers
layer, the web pages and the JSON API all read these; only the exports (`export.py`) turn them
into the wide rows of CSV, where a missing value is '' and each area is a column.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True)
class Stored:
    """What every stored report and letter says about itself and its LA (from the lookup)."""

    inspection_id: int
    file: str  # the stored label: <LA folder>/<file name>
    kind: str  # report kind (data/frameworks.csv) or letter kind (data/letter_kinds.csv)
    urn: int | None
    la_name: str | None  # the lookup's name; None when the LA was not resolved
    la_name_printed: str | None
    la_code: str | None
    ons_code: str | None
    region: str | None
    publication_date: date | None
    publication_date_source: str | None  # "text" or "file_name"


@dataclass(frozen=True)
class ReportRecord(Stored):
    """A stored report with its grades."""

    framework: str  # the label files' framework (export_as), coarser than `kind`
    inspection_start: date | None
    inspection_end: date | None
    lead_inspector: str | None
    grades: Mapping[str, str] = field(hash=False)  # area -> grade; read-only

    def grade(self, area: str) -> str | None:
        return self.grades.get(area)


@dataclass(frozen=True)
class LetterRecord(Stored):
    """A stored letter between inspections."""

    visit_start: date | None
    visit_end: date | None
    letter_date: date | None
    inspectors: str | None
    topic: str | None


Record = ReportRecord | LetterRecord


@dataclass(frozen=True)
class ContentRecord:
    """What every row of a document's content says about its document."""

    file: str
    urn: int | None
    la_name: str | None
    report_kind: str  # the document's kind, report or letter
    publication_date: date | None


@dataclass(frozen=True)
class RecommendationRecord(ContentRecord):
    scope: str  # main | lscb | agencies
    number: int  # its place in the list as read, from 1
    printed_number: int | None  # the number printed before it; None when bulleted
    group: str | None  # the list it is printed under (data/item_groups.csv)
    form: str  # listed (a recommendation) or narrative (a JTAI area for improvement)
    heading: str | None
    text: str
    framework_ref: str | None
    agencies: str | None  # '; '-joined
    page: int | None
    themes: tuple[str, ...] = ()  # practice themes (data/themes.csv), the likeliest first


@dataclass(frozen=True)
class FindingRecord(ContentRecord):
    number: int
    heading: str | None
    text: str
    page: int | None
    themes: tuple[str, ...] = ()  # practice themes (data/themes.csv), the likeliest first


@dataclass(frozen=True)
class FigureRecord(ContentRecord):
    name: str
    unit: str
    as_at: date | None
    page: int | None
    source_text: str | None
    value: int | float | str | None  # a whole number as int


@dataclass(frozen=True)
class CitationRecord:
    """An earlier inspection known from a later report's citation (month precision)."""

    urn: int | None
    what: str | None
    month: date | None  # the first of the month (of January when only the year is printed)
    precision: str  # month, or year where the citing report gives only the year
    grade: str | None
    grade_area: str | None  # what the grade is for: overall (effectiveness) or an aspect
    cited_by: str  # the citing report's file
    page: int | None
    text: str | None


@dataclass(frozen=True)
class JudgementRecord:
    """One graded area as printed, with its page."""

    area: str
    grade: str
    area_text: str
    grade_text: str
    page: int | None


@dataclass(frozen=True)
class SectionRecord:
    """A section of a stored document; `text` has a form feed at each page break."""

    ordinal: int
    kind: str
    heading: str
    page_start: int
    page_end: int
    text: str
    footnotes: tuple[str, ...] = ()  # printed at the foot of its pages, kept out of `text`


@dataclass(frozen=True)
class ProblemRecord:
    file: str
    field: str
    message: str
    page: int | None


@dataclass(frozen=True)
class Detail:
    """One stored report or letter with its judgements and content."""

    record: Record
    judgements: tuple[JudgementRecord, ...]
    sections: tuple[SectionRecord, ...]
    findings: tuple[FindingRecord, ...]
    recommendations: tuple[RecommendationRecord, ...]
    figures: tuple[FigureRecord, ...]
    cited: tuple[CitationRecord, ...]

    @property
    def family(self) -> str:
        return "report" if isinstance(self.record, ReportRecord) else "letter"


@dataclass(frozen=True)
class PublicationRecord:
    """A publication `sync` saw on Ofsted's site, and what became of it (`store.publications`)."""

    url: str
    urn: int | None
    la_name: str | None
    kind: str
    title: str
    published: date | None
    state: str  # listed | held | missing | failed
    label: str | None  # the stored document's label, once held
    message: str | None
    checked_at: datetime | None


@dataclass(frozen=True)
class Hit:
    """A passage that matches a search: where it is, and the text around the matches (marked
    with `store.search.MARK_START` / `MARK_END`)."""

    file: str
    inspection_id: int
    kind: str
    urn: int | None
    la_name: str | None
    publication_date: date | None
    page: int
    section: str
    heading: str | None
    snippet: str
    score: float
