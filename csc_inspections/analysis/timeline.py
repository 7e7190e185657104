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

from ..model import HISTORY_AREAS
from . import Row, grades

_KIND_ORDER = {"cited": 0, "report": 1, "letter": 2, "unavailable": 3}


@dataclass(frozen=True)
class Event:
    """One event of the LA's history, with the date it sorts by and why."""

    date: str  # ISO date the event sorts by
    basis: str  # why that date
    kind: str  # "report", "letter", "cited" or "unavailable"
    what: str  # report framework, letter kind, or what the citation says was inspected
    file: str  # the report or letter ('' for a cited inspection)
    publication_date: str
    start: str
    end: str
    grades: dict[str, str]  # canonical area -> grade (letters: none)
    topic: str = ""  # letters: what the visit looked at
    cited_by: tuple[str, ...] = ()  # cited: every report citing it, in publication order
    citations: tuple[tuple[str, int | None], ...] = ()  # cited: (citing report, page) each
    predecessor: str = ""  # the predecessor council the event belongs to ('' = the LA's own)
    link: str = ""  # unavailable: the file link the site gives


def _dated(*candidates: tuple[str, str]) -> tuple[str, str]:
    """The first (value, basis) whose value was read, or ('', 'no date read')."""
    return next(((v, b) for v, b in candidates if v), ("", "no date read"))


def _report_event(row: Row) -> Event:
    when, basis = _dated(
        (row.get("inspection_start", ""), "first day of the inspection"),
        (row.get("publication_date", ""), "publication date (inspection dates not read)"),
    )
    return Event(
        date=when,
        basis=basis,
        kind="report",
        what=row.get("framework", ""),
        file=row.get("file", ""),
        publication_date=row.get("publication_date", ""),
        start=row.get("inspection_start", ""),
        end=row.get("inspection_end", ""),
        grades=grades(row),
    )


def _letter_event(row: Row) -> Event:
    when, basis = _dated(
        (row.get("visit_start", ""), "first day of the visit"),
        (row.get("letter_date", ""), "date of the letter (visit dates not read)"),
        (row.get("publication_date", ""), "publication date (visit and letter dates not read)"),
    )
    return Event(
        date=when,
        basis=basis,
        kind="letter",
        what=row.get("kind", ""),
        file=row.get("file", ""),
        publication_date=row.get("publication_date", ""),
        start=row.get("visit_start", ""),
        end=row.get("visit_end", ""),
        grades={},
        topic=row.get("topic", ""),
    )


def _unavailable_event(row: Row) -> Event:
    """A publication listed on the site whose file the site cannot serve."""
    published = row.get("published", "")
    return Event(
        date=published,
        basis="publication date (the file is not available)" if published else "no date read",
        kind="unavailable",
        what=row.get("title", ""),
        file="",
        publication_date=published,
        start="",
        end="",
        grades={},
        link=row.get("url", ""),
    )


def _cited_key(row: Row) -> tuple[str, str, str, str]:
    # Without a month, only citations by the same report can be told to be the same inspection.
    month = row.get("month", "")
    return (
        month,
        " ".join(row.get("what", "").lower().split()),
        row.get("grade", ""),
        "" if month else row.get("cited_by", ""),
    )


def _is_stored(row: Row, reports: Sequence[Row]) -> bool:
    """True when the citation names an inspection whose own report is among the rows.

    The cited month may be the inspection's or the publication's ("judged inadequate in
    November 2014"), so it is matched against the months from the first day on site to
    publication; the grade, when given, must be one the report gives in some area.
    """
    month, grade = cited_when(row), row.get("grade", "")
    return bool(month) and any(
        (r.get("inspection_start") or r["publication_date"])[: len(month)] <= month
        and month <= r["publication_date"][: len(month)]
        and grade in ("", *(r.get(area, "") for area in HISTORY_AREAS))
        for r in reports
        if r.get("publication_date")
    )


def cited_when(row: Row) -> str:
    """A citation's date at the precision printed: "2013-07", or "2013" where the citing report
    gives only the year (stored as its first day, at precision "year")."""
    month = str(row.get("month") or "")
    return month[:4] if row.get("precision") == "year" else month[:7]


def _cited_area(what: str) -> str:
    """The area a citation grades: "children's services: help_protection" names it, else overall."""
    _, _, area = what.partition(": ")
    return area if area in HISTORY_AREAS else "overall"


def _cited_event(group: list[Row], reports: Mapping[str, Row]) -> Event:
    """One earlier inspection from all its citations, the earliest-published citing report first."""

    def citing(c: Row) -> Row:
        return reports.get(c.get("cited_by", ""), {})

    group = sorted(group, key=lambda c: (citing(c).get("publication_date", ""), c["cited_by"]))
    first = group[0]
    month, grade, what = first.get("month", ""), first.get("grade", ""), first.get("what", "")
    when, basis = _dated(
        (
            month,
            "year of the inspection as cited (month unknown: 1 January)"
            if first.get("precision") == "year"
            else "month of the inspection as cited (day unknown: first of the month)",
        ),
        (
            _report_event(citing(first)).date if citing(first) else "",
            "month not read: placed just before the report citing it",
        ),
    )
    return Event(
        date=when,
        basis=basis,
        kind="cited",
        what=" ".join(what.split()),  # as the earliest citing report words it
        file="",
        publication_date="",
        start=month,
        end=month,
        grades={_cited_area(what): grade} if grade else {},
        cited_by=tuple(dict.fromkeys(c.get("cited_by", "") for c in group)),
        citations=tuple((c.get("cited_by", ""), c.get("page")) for c in group),
    )


def _cited_events(cited_rows: Iterable[Row], reports: Sequence[Row]) -> list[Event]:
    by_file = {r.get("file", ""): r for r in reports}
    groups: dict[tuple[str, str, str, str], list[Row]] = {}
    for row in cited_rows:
        if (row.get("month") or row.get("grade")) and not _is_stored(row, reports):
            groups.setdefault(_cited_key(row), []).append(row)
    return [_cited_event(group, by_file) for group in groups.values()]


def _mark(event: Event, urn: object, predecessors: Mapping[int, str]) -> Event:
    name = predecessors.get(urn) if isinstance(urn, int) else None
    return replace(event, predecessor=name) if name else event


def _cited_owner(event: Event, reports: Sequence[Row]) -> object:
    """A cited inspection belongs to the council of the earliest report citing it."""
    first = event.cited_by[0] if event.cited_by else ""
    return next((r.get("urn") for r in reports if r.get("file") == first), None)


def timeline(
    history_rows: Iterable[Row],
    letter_rows: Iterable[Row],
    cited_rows: Iterable[Row],
    predecessors: Mapping[int, str] | None = None,
    unavailable_rows: Iterable[Row] = (),
) -> list[Event]:
    """Every event of one LA in date order; see the module docstring. Pass that LA's rows, and
    with them its predecessors' rows and `predecessors` (URN -> name) to mark theirs."""
    marks = predecessors or {}
    reports = list(history_rows)
    events = [
        *(_mark(_report_event(r), r.get("urn"), marks) for r in reports),
        *(_mark(_letter_event(r), r.get("urn"), marks) for r in letter_rows),
        *(_mark(e, _cited_owner(e, reports), marks) for e in _cited_events(cited_rows, reports)),
        *(_mark(_unavailable_event(r), r.get("urn"), marks) for r in unavailable_rows),
    ]
    return sorted(events, key=lambda e: (e.date, _KIND_ORDER[e.kind], e.file, e.what.lower()))
