"""Every table of the site to take away, as CSV (UTF-8 behind a byte-order mark, so that Excel
reads apostrophes and accents) or XLSX: the LA list with latest grades, the national and
regional tables, the counts per year, an LA's timeline and neighbours, search results and a
comparison.

Each download is the rows of the answer its page shows, built by the same functions as the
command line's exports (`export.latest_rows`, `export.event_row`, `compare_render.to_rows`,
`answers.national.shares`), so a number taken away is the number on the page and in the
terminal. A route ends in `.csv` or `.xlsx` beside the page it belongs to.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from datetime import date
from enum import StrEnum
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response

from ..analysis import SCALE
from ..analysis.compare_render import to_rows
from ..analysis.neighbours import LatestGrades
from ..answers import local_authority, national
from ..answers import search as searching
from ..answers.comparisons import comparison
from ..answers.histories import events
from ..answers.neighbours import neighbours
from ..export import cells, event_row, write
from ..vocabulary import current
from . import data
from .data import Row, Site
from .deps import site

router = APIRouter(include_in_schema=False)
SiteDep = Annotated[Site, Depends(site)]
Text = Annotated[str, Query(max_length=500)]
SEARCH_ROWS = 500  # the most hits one download holds (the command line's --limit allows as many)


class Format(StrEnum):
    """What a table is taken away as."""

    csv = "csv"
    xlsx = "xlsx"


MEDIA = {
    Format.csv: "text/csv; charset=utf-8",
    Format.xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def download(rows: list[Row], fmt: Format, name: str) -> Response:
    """`rows` as an attachment named `name`.csv or .xlsx (CSV with a BOM: see the module)."""
    out = io.BytesIO()
    write(rows, fmt.value, out, bom=True)
    disposition = f'attachment; filename="{name}.{fmt.value}"'
    return Response(
        out.getvalue(), media_type=MEDIA[fmt], headers={"Content-Disposition": disposition}
    )


def count_row(first: Mapping[str, Any], counts: Mapping[str, int]) -> Row:
    """A row of a grade table: its leading cells, a column per grade, the total and the
    headline shares of the counts (`answers.national.share`)."""
    share = national.share(counts)
    return {
        **first,
        **{grade: counts.get(grade, 0) for grade in SCALE},
        "total": sum(counts.values()),
        "graded": share["graded"],
        "good_or_outstanding": share["good_or_outstanding"],
        "good_or_outstanding_pct": share["good_or_outstanding_pct"],
        "inadequate_pct": share["inadequate_pct"],  # of `graded`; the count is a grade column
    }


def area_rows(stats: dict[str, Any]) -> list[Row]:
    """The national page's grades per area, with the date counted at."""
    return [count_row({"as_at": stats["as_at"], "area": a}, c) for a, c in stats["areas"].items()]


def region_rows(stats: dict[str, Any]) -> list[Row]:
    """Overall effectiveness per region with its shares, as the national page and `stats`."""
    return [
        count_row({"as_at": stats["as_at"], "region": name}, r["overall"])
        for name, r in stats["regions"].items()
    ]


def year_rows(years: list[dict[str, Any]], area: str) -> list[Row]:
    """The over-time table: the count on 31 March of each year, and the moves in the year."""
    return [
        {
            **count_row({"as_at": y["as_at"].isoformat(), "area": area}, y["counts"]),
            "moved_up": y["up"],
            "moved_down": y["down"],
        }
        for y in years
    ]


def neighbour_row(row: LatestGrades, place: str) -> Row:
    """An LA beside its neighbours: its latest graded report and its grades."""
    return cells(
        {
            "place": place,
            "urn": row.urn,
            "la_code": row.la_code,
            "la_name": row.la_name,
            "region": row.region,
            "publication_date": row.publication_date,
            "framework": row.framework,
            **{area: row.grades.get(area, "") for area in current().history_areas},
            "file": row.file,
        }
    )


def _as_at(as_at: str) -> date | None:
    return data.parse_day(as_at, "as_at")


@router.get("/la.{fmt}")
def las_download(s: SiteDep, fmt: Format, region: Text = "") -> Response:
    """The LA list with latest grades: the rows of `csc-inspections export latest`."""
    return download(data.la_rows(s.history(), region.strip()), fmt, "local-authorities-latest")


@router.get("/national/areas.{fmt}")
def areas_download(s: SiteDep, fmt: Format, as_at: Text = "") -> Response:
    stats = national.picture(s, _as_at(as_at))
    return download(area_rows(stats), fmt, f"grades-per-area-{stats['as_at']}")


@router.get("/national/regions.{fmt}")
def regions_download(s: SiteDep, fmt: Format, as_at: Text = "") -> Response:
    stats = national.picture(s, _as_at(as_at))
    return download(region_rows(stats), fmt, f"overall-by-region-{stats['as_at']}")


@router.get("/national/years.{fmt}")
def years_download(s: SiteDep, fmt: Format, as_at: Text = "", area: Text = "overall") -> Response:
    day = _as_at(as_at) or s.today()
    years = national.year_counts(s, day, national.counted_area(area))
    return download(year_rows(years, area), fmt, f"{area}-per-year-{day.isoformat()}")


@router.get("/la/{urn}/timeline.{fmt}")
def timeline_download(s: SiteDep, urn: int, fmt: Format) -> Response:
    """The LA's timeline: the rows of `csc-inspections history --format csv`."""
    la = local_authority(urn)
    return download([event_row(e) for e in events(s, la)], fmt, f"timeline-{urn}")


@router.get("/la/{urn}/neighbours.{fmt}")
def neighbours_download(s: SiteDep, urn: int, fmt: Format) -> Response:
    """The LA and its statistical neighbours, closest first, as the LA page's table."""
    local_authority(urn)
    view = neighbours(s, urn)
    rows = [neighbour_row(view.la, "this LA")]
    rows += [neighbour_row(n, str(k)) for k, n in enumerate(view.neighbours, start=1)]
    return download(rows, fmt, f"neighbours-{urn}")


@router.get("/la/{urn}/compare.{fmt}")
def compare_download(s: SiteDep, urn: int, fmt: Format, a: Text, b: Text) -> Response:
    """Two inspections area by area: the rows of `csc-inspections compare --format csv`."""
    c = comparison(s, urn, a, b)
    name = f"compare-{urn}-{c.a.inspection_id}-{c.b.inspection_id}"
    return download(to_rows(c, urn), fmt, name)


@router.get("/search.{fmt}")
def search_download(
    s: SiteDep,
    fmt: Format,
    q: Text,
    la: Text = "",
    kind: Text = "",
    section: Text = "",
    since: Text = "",
    until: Text = "",
) -> Response:
    """The first SEARCH_ROWS hits, best first, as the JSON API gives them (plain snippets)."""
    where = data.form_filters(la, kind, section, since, until)
    found = searching.results(s, q, where, size=SEARCH_ROWS)
    rows = [cells(data.hit_json(h, doc)) for h, doc in data.with_documents(s, found)]
    return download(rows, fmt, "search")
