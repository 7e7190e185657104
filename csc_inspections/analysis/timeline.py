"""Everything known about one LA, in date order: reports, letters and cited earlier inspections.

Events sort by the day the inspection or visit began, because that is the one date every kind
of event has: a cited earlier inspection is known only by the month it took place ("last
inspected in July 2012"), while a report's publication follows its inspection by weeks. Each
event says which date it sorts by and why (`basis`); where that date was not read, the next
best one is used and the basis says so. Same-day events keep the order cited, report, letter.

Cited inspections: several reports often cite the same earlier inspection (and one report
may cite it twice); those citations become one event listing every citation. Two citations
are the same inspection when they give the same month, the same wording of what was inspected
(case and spacing aside) and the same grade; without a month, only within one citing report.
Left out: a citation of an inspection whose own report is among the rows (see `_is_stored`),
and a citation with neither month nor grade, which says nothing a reader could place.

Framework `other` reports are events like any other report here: this is the LA's history,
not a count.

Published but unavailable: a publication Ofsted's site lists but answers "Report not found"
for (`store.publications.unavailable`) is an event of kind `unavailable` on its publication
date, the only date known of it, with the site's title and link, so the history does not
pretend the LA was not inspected or visited then.

A council made by a reorganisation inherits its predecessors' history (data/lineage.csv,
`reference.history_predecessors`): pass their rows with its own, and the events from them say
whose they were (`predecessor`), so that North Northamptonshire's history opens with
Northamptonshire's inspections, marked as such. Citations are matched against every report
passed, so a successor's citation of its predecessor's stored report is left out too; a cited
inspection is marked with the council of the earliest report citing it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

from ..model import HISTORY_AREAS
from ..records import CitationRecord, LetterRecord, PublicationRecord, ReportRecord
from . import grades

_KIND_ORDER = {"cited": 0, "report": 1, "letter": 2, "unavailable": 3}
Day = date  # for the class below, whose field named `date` hides the type in its body


@dataclass(frozen=True)
class Event:
    """One event of the LA's history, with the date it sorts by and why."""

    date: Day | None  # the date the event sorts by (None: no date read)
    basis: str  # why that date
    kind: str  # "report", "letter", "cited" or "unavailable"
    what: str  # report framework, letter kind, or what the citation says was inspected
    file: str | None  # the report or letter (None for a cited inspection)
    publication_date: Day | None
    start: Day | None
    end: Day | None
    grades: dict[str, str]  # canonical area -> grade (letters: none)
    topic: str | None = None  # letters: what the visit looked at
    cited_by: tuple[str, ...] = ()  # cited: every report citing it, in publication order
    citations: tuple[tuple[str, int | None], ...] = ()  # cited: (citing report, page) each
    predecessor: str | None = None  # the predecessor council the event belongs to
    link: str | None = None  # unavailable: the file link the site gives
    precision: str = "day"  # of `date`: day, or for a cited inspection month or year


def _dated(*candidates: tuple[date | None, str]) -> tuple[date | None, str]:
    """The first (value, basis) whose value was read, or (None, 'no date read')."""
    return next(((v, b) for v, b in candidates if v), (None, "no date read"))


def _report_event(row: ReportRecord) -> Event:
    when, basis = _dated(
        (row.inspection_start, "first day of the inspection"),
        (row.publication_date, "publication date (inspection dates not read)"),
    )
    return Event(
        date=when,
        basis=basis,
        kind="report",
        what=row.framework,
        file=row.file,
        publication_date=row.publication_date,
        start=row.inspection_start,
        end=row.inspection_end,
        grades=grades(row),
    )


def _letter_event(row: LetterRecord) -> Event:
    when, basis = _dated(
        (row.visit_start, "first day of the visit"),
        (row.letter_date, "date of the letter (visit dates not read)"),
        (row.publication_date, "publication date (visit and letter dates not read)"),
    )
    return Event(
        date=when,
        basis=basis,
        kind="letter",
        what=row.kind,
        file=row.file,
        publication_date=row.publication_date,
        start=row.visit_start,
        end=row.visit_end,
        grades={},
        topic=row.topic,
    )


def _unavailable_event(row: PublicationRecord) -> Event:
    """A publication listed on the site whose file the site cannot serve."""
    return Event(
        date=row.published,
        basis="publication date (the file is not available)" if row.published else "no date read",
        kind="unavailable",
        what=row.title,
        file=None,
        publication_date=row.published,
        start=None,
        end=None,
        grades={},
        link=row.url,
    )


def _cited_key(row: CitationRecord) -> tuple[date | None, str, str, str]:
    # Without a month, only citations by the same report can be told to be the same inspection.
    return (
        row.month,
        " ".join((row.what or "").lower().split()),
        row.grade or "",
        "" if row.month else row.cited_by,
    )


def cited_when(row: CitationRecord) -> tuple[int, ...]:
    """A citation's date at the precision printed: (year, month), or (year,) where the citing
    report gives only the year (stored as its 1 January, at precision "year")."""
    if row.month is None:
        return ()
    return (row.month.year,) if row.precision == "year" else (row.month.year, row.month.month)


def _is_stored(row: CitationRecord, reports: Sequence[ReportRecord]) -> bool:
    """True when the citation names an inspection whose own report is among the rows.

    The cited month (or year) may be the inspection's or the publication's ("judged
    inadequate in November 2014"), so it is matched against those from the first day on site
    to publication; the grade, when given, must be one the report gives in some area.
    """
    when = cited_when(row)
    if not when:
        return False

    def cut(day: date) -> tuple[int, ...]:
        return (day.year, day.month)[: len(when)]

    return any(
        cut(r.inspection_start or r.publication_date) <= when <= cut(r.publication_date)
        and (not row.grade or row.grade in (r.grades.get(a) for a in HISTORY_AREAS))
        for r in reports
        if r.publication_date
    )


def _cited_area(what: str) -> str:
    """The area a citation grades: "children's services: help_protection" names it, else overall."""
    _, _, area = what.partition(": ")
    return area if area in HISTORY_AREAS else "overall"


def _cited_event(group: list[CitationRecord], reports: Mapping[str, ReportRecord]) -> Event:
    """One earlier inspection from all its citations, the earliest-published citing report first."""

    def published(c: CitationRecord) -> date:
        citing = reports.get(c.cited_by)
        return (citing.publication_date if citing else None) or date.min

    group = sorted(group, key=lambda c: (published(c), c.cited_by))
    first = group[0]
    citing = reports.get(first.cited_by)
    what = first.what or ""
    when, basis = _dated(
        (
            first.month,
            "year of the inspection as cited (month unknown: 1 January)"
            if first.precision == "year"
            else "month of the inspection as cited (day unknown: first of the month)",
        ),
        (
            _report_event(citing).date if citing else None,
            "month not read: placed just before the report citing it",
        ),
    )
    return Event(
        date=when,
        basis=basis,
        kind="cited",
        what=" ".join(what.split()),  # as the earliest citing report words it
        file=None,
        publication_date=None,
        start=first.month,
        end=first.month,
        grades={_cited_area(what): first.grade} if first.grade else {},
        cited_by=tuple(dict.fromkeys(c.cited_by for c in group)),
        citations=tuple((c.cited_by, c.page) for c in group),
        precision=first.precision if first.month else "day",
    )


def _cited_events(
    cited_rows: Iterable[CitationRecord], reports: Sequence[ReportRecord]
) -> list[Event]:
    by_file = {r.file: r for r in reports}
    groups: dict[tuple[date | None, str, str, str], list[CitationRecord]] = {}
    for row in cited_rows:
        if (row.month or row.grade) and not _is_stored(row, reports):
            groups.setdefault(_cited_key(row), []).append(row)
    return [_cited_event(group, by_file) for group in groups.values()]


def _mark(event: Event, urn: int | None, predecessors: Mapping[int, str]) -> Event:
    name = predecessors.get(urn) if urn is not None else None
    return replace(event, predecessor=name) if name else event


def _cited_owner(event: Event, reports: Sequence[ReportRecord]) -> int | None:
    """A cited inspection belongs to the council of the earliest report citing it."""
    first = event.cited_by[0] if event.cited_by else ""
    return next((r.urn for r in reports if r.file == first), None)


def timeline(
    history_rows: Iterable[ReportRecord],
    letter_rows: Iterable[LetterRecord],
    cited_rows: Iterable[CitationRecord],
    predecessors: Mapping[int, str] | None = None,
    unavailable_rows: Iterable[PublicationRecord] = (),
) -> list[Event]:
    """Every event of one LA in date order; see the module docstring. Pass that LA's rows, and
    with them its predecessors' rows and `predecessors` (URN -> name) to mark theirs."""
    marks = predecessors or {}
    reports = list(history_rows)
    events = [
        *(_mark(_report_event(r), r.urn, marks) for r in reports),
        *(_mark(_letter_event(r), r.urn, marks) for r in letter_rows),
        *(_mark(e, _cited_owner(e, reports), marks) for e in _cited_events(cited_rows, reports)),
        *(_mark(_unavailable_event(r), r.urn, marks) for r in unavailable_rows),
    ]
    return sorted(
        events,
        key=lambda e: (e.date or date.min, _KIND_ORDER[e.kind], e.file or "", e.what.lower()),
    )
