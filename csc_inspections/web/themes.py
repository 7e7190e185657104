"""The theme pages: what councils were asked to improve, theme by year (era, grade or region),
the inspections behind every number, the table to take away, and an LA's themes.

Every number is `answers.themes` (which the command line and the JSON API call too): the
share of graded SIF and ILACS reports with improvement points read that asked for a theme,
each report counted once per theme. The pages only lay it out: the table, a heat map of it
(`heatmap`), and links from each number to the inspections behind it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from ..analysis.themes import NO_GRADE, Asked, Cell, LaTheme, ThemeTable
from ..answers import themes
from ..errors import UsageError
from ..export import recovered_rows, theme_table_rows
from ..records import LetterRecord, RecommendationRecord
from ..themes.scores import MEASURED_MICRO_F1
from ..vocabulary import Theme, current
from .data import Site, parse_day, pdf_available
from .deps import render, site
from .downloads import Format, download
from .heatmap import HeatMap, Value, heat_map
from .text import GRADE_FULL

router = APIRouter(include_in_schema=False)
SiteDep = Annotated[Site, Depends(site)]
Text = Annotated[str, Query(max_length=500)]
From = Annotated[str, Query(alias="from", max_length=500)]
To = Annotated[str, Query(alias="to", max_length=500)]

TAGGER_F1 = f"{MEASURED_MICRO_F1:.2f}"  # what the pages say a count may be off by
GROUPINGS = {"year": "Year", "era": "Framework", "grade": "Overall grade", "region": "Region"}


@dataclass(frozen=True)
class Filters:
    """What the table is of: its grouping and the dates of the inspections counted."""

    by: str
    start: date | None
    end: date | None

    def _dates(self) -> dict[str, str]:
        given = {"from": self.start, "to": self.end}
        return {k: v.isoformat() for k, v in given.items() if v is not None}

    def query(self, **more: str) -> str:
        """The filters (the dates only when set) and `more`, as a URL's query."""
        return urlencode({"by": self.by, **more, **self._dates()})

    def dates(self) -> str:
        """The dates alone, as a query ('' when none is set)."""
        return urlencode(self._dates())


def read_filters(by: str, start: str, end: str) -> Filters:
    """The form's values read (a usage error names a field that cannot be)."""
    found = Filters(themes.grouping(by), parse_day(start, "from"), parse_day(end, "to"))
    if found.start and found.end and found.start > found.end:
        raise UsageError(f"from: {found.start} is after to: {found.end}")
    return found


def group_label(by: str, group: str) -> str:
    """A column's heading: '2019', 'SIF 2013-18', 'Requires improvement', 'London'."""
    if by == "grade" and group == NO_GRADE:
        return "No overall grade"
    if by == "grade":
        return GRADE_FULL.get(group, group).capitalize()
    if group == "unknown":
        return f"{GROUPINGS.get(by, by)} not known"
    return group


def group_phrase(by: str, group: str) -> str:
    """The group in a sentence: 'in 2019', 'judged good', 'in London'."""
    if by == "grade":
        label = GRADE_FULL.get(group, group)
        return "without an overall grade" if group == NO_GRADE else f"judged {label}"
    return {
        "year": f"in {group}",
        "era": f"of the {group} framework",
        "region": f"in {group}",
    }.get(by, group)


@dataclass(frozen=True)
class Linked:
    """A number of the table and the page of the inspections behind it."""

    cell: Cell
    href: str


@dataclass(frozen=True)
class TableRow:
    theme: Theme
    cells: tuple[Linked, ...]  # in the table's group order
    total: Linked


def table_rows(found: ThemeTable, f: Filters) -> list[TableRow]:
    """Each theme with its share in each group and in all, each linking to its inspections."""
    dates = f.dates()
    rows = []
    for key in found.themes:
        cells = tuple(
            Linked(found.cell(key, g), f"/themes/{key}?{f.query(group=g)}") for g in found.groups
        )
        total = Linked(found.total(key), f"/themes/{key}" + (f"?{dates}" if dates else ""))
        rows.append(TableRow(current().theme(key), cells, total))
    return rows


def table_chart(found: ThemeTable, rows: list[TableRow]) -> HeatMap:
    """The table as a heat map: themes down, groups across."""
    labels = [group_label(found.by, g) for g in found.groups]
    values = [
        [
            Value(c.cell.percent, f"{r.theme.label}, {label}: {_share(c.cell)}", c.href)
            for label, c in zip(labels, r.cells, strict=True)
        ]
        for r in rows
    ]
    sizes = [found.sizes.get(g, 0) for g in found.groups]
    columns = list(zip(labels, sizes, strict=True))
    return heat_map([r.theme.label for r in rows], columns, values)


def _share(cell: Cell) -> str:
    return f"{cell.percent}% ({cell.asked} of {cell.of})" if cell.of else "none counted"


@router.get("/themes")
def themes_page(
    request: Request, s: SiteDep, by: Text = "year", start: From = "", end: To = ""
) -> Response:
    f = read_filters(by, start, end)
    found = themes.table(s, f.by, f.start, f.end)
    rows = table_rows(found, f)
    context = {"f": f, "table": found, "rows": rows, "chart": table_chart(found, rows)}
    context |= {"groupings": GROUPINGS, "labels": {g: group_label(f.by, g) for g in found.groups}}
    context |= {"counted": sum(found.sizes.values()), "f1": TAGGER_F1}
    context |= {"recovered": themes.recovered(s)}
    return render(request, "themes.html", context)


@router.get("/themes.{fmt}")
def themes_download(
    s: SiteDep, fmt: Format, by: Text = "year", start: From = "", end: To = ""
) -> Response:
    """The themes page's table: one row per theme and group (asked, inspections, share)."""
    f = read_filters(by, start, end)
    found = themes.table(s, f.by, f.start, f.end)
    dates = "".join(f"-{d.isoformat()}" if d else "" for d in (f.start, f.end))
    return download(theme_table_rows(found), fmt, f"themes-by-{f.by}{dates}")


@dataclass(frozen=True)
class Behind:
    """An inspection behind a number: the points that asked for the theme, and the id of
    its PDF when the PDF is here (None: no link)."""

    ask: Asked
    points: tuple[RecommendationRecord, ...]
    document_id: int | None


@router.get("/themes/recovered.{fmt}")
def recovered_download(s: SiteDep, fmt: Format) -> Response:
    """What the councils that came out of inadequate were no longer asked, theme by theme."""
    return download(recovered_rows(themes.recovered(s)), fmt, "themes-after-inadequate")


@router.get("/themes/{key}")
def theme_page(
    request: Request,
    s: SiteDep,
    key: str,
    by: Text = "",
    group: Text = "",
    start: From = "",
    end: To = "",
) -> Response:
    """The inspections behind one number of the table: of one group (`by` and `group`), or of
    all (neither), between the dates."""
    found = themes.theme(key)
    f = read_filters(by or "year", start, end)
    grouped = bool(by and group)
    number = themes.behind_number(
        s, key, f.by if grouped else None, group if grouped else None, f.start, f.end
    )
    ids = s.document_ids()
    behind = []
    for a in number.asks:
        document = ids.get(a.document.inspection_id)
        held = document if document is not None and pdf_available(s, document) else None
        behind.append(Behind(a, a.points[key], held))
    context = {"theme": found, "f": f, "behind": behind, "grouped": grouped, "group": group}
    context |= {"cell": number.cell}
    context |= {"phrase": group_phrase(f.by, group) if grouped else "", "f1": TAGGER_F1}
    return render(request, "theme.html", context)


@dataclass(frozen=True)
class Asking:
    """A report or letter that asked for a theme: the numbers its points are printed under
    ("2, 5") and the anchor of the first on the report's page."""

    ask: Asked
    numbers: str
    anchor: str


@dataclass(frozen=True)
class LaThemeRow:
    """One theme of an LA's page: the LA's reports and letters that asked for it, beside the
    shares of its neighbours', its region's and England's reports."""

    row: LaTheme
    label: str
    reports: int
    letters: int
    asking: tuple[Asking, ...]  # oldest first


def la_rows(s: Site, urn: int) -> list[LaThemeRow]:
    """An LA's themes (`answers.themes.for_la`), kept with the other per-LA answers."""
    return s.cached(f"la_themes:{urn}", lambda: [_la_row(r) for r in themes.for_la(s, urn)])


def _la_row(r: LaTheme) -> LaThemeRow:
    letters = sum(isinstance(a.document, LetterRecord) for a in r.documents)
    asking = tuple(asking_of(a, a.points[r.theme]) for a in r.documents)
    label = current().theme(r.theme).label
    return LaThemeRow(r, label, len(r.documents) - letters, letters, asking)


def asking_of(ask: Asked, points: tuple[RecommendationRecord, ...]) -> Asking:
    numbers = ", ".join(str(p.printed_number or p.number) for p in points)
    first = points[0]
    return Asking(ask, numbers, f"point-{first.scope}-{first.number}")
