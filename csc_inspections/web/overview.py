"""The national picture for the home page, the national page and the Atom feeds.

Counts follow the library's rules (`analysis.national`): each LA once, by its latest graded
report published on or before the date. The year-by-year picture is the same count taken on
31 December of each year (or the as-at date in its own year).
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, timedelta
from typing import Any
from urllib.parse import quote

from ..analysis import COUNTED_AREAS, last_publication, latest
from ..analysis.movement import Change, changes, transition_matrix
from ..analysis.national import coverage, national_picture, stats_as_at
from ..analysis.survival import TimeToImprove, time_to_improve
from ..errors import UsageError
from ..model import HISTORY_AREAS
from . import data
from .charts import BarChart, bar_chart, step_chart
from .data import Row, Site
from .text import area_label, kind_label, long_date

FEED_ENTRIES = 50  # newest first: enough for a reader who looks once a week


def counted_area(area: str) -> str:
    if area not in COUNTED_AREAS:
        raise UsageError(f"area: {area!r} is not one of {', '.join(COUNTED_AREAS)}")
    return area


def area_rows(stats: dict[str, Any]) -> list[tuple[str, dict[str, int]]]:
    return [(area_label(a), counts) for a, counts in stats["areas"].items()]


def area_chart(stats: dict[str, Any]) -> BarChart:
    return bar_chart(area_rows(stats))


def latest_graded(rows: list[Row]) -> list[Row]:
    """Each LA's latest graded report (the row the national counts use)."""
    return [dict(r) for r in latest(rows).values()]


def recent_reports(rows: list[Row], limit: int = 10) -> list[Row]:
    published = [r for r in rows if r["publication_date"]]
    return sorted(published, key=lambda r: r["publication_date"], reverse=True)[:limit]


def recent_changes(rows: list[Row], today: date, limit: int = 10) -> list[Change]:
    """The newest changes of overall grade (a year back from today, or the last ones held)."""
    found = changes(rows, today - timedelta(days=365), today) or changes(rows, date.min, today)
    return found[::-1][:limit]


def home_view(site: Site) -> dict[str, Any]:
    rows, today = site.history(), site.today()
    stats = national_picture(rows, today)
    return {
        "stats": stats,
        "chart": area_chart(stats),
        "area_rows": area_rows(stats),
        "recent": recent_reports(rows),
        "changes": recent_changes(rows, today),
    }


def year_counts(rows: list[Row], as_at: date, area: str) -> list[dict[str, Any]]:
    """Grade counts in `area` on 31 December of each year (the as-at date in its own year),
    with how many published reports that year moved the grade up or down."""
    first = min((r["publication_date"][:4] for r in rows if r["publication_date"]), default=None)
    if first is None:
        return []
    out: list[dict[str, Any]] = []
    for year in range(int(first), as_at.year + 1):
        end = min(date(year, 12, 31), as_at)
        counts = stats_as_at(rows, end)["areas"][area]
        if not out and not any(counts.values()):
            continue  # years before the first report graded on the four-point scale
        moved = changes(rows, date(year, 1, 1), end, area)
        out.append(
            {
                "year": year,
                "as_at": end.isoformat(),
                "counts": counts,
                "up": sum(c.direction == "up" for c in moved),
                "down": sum(c.direction == "down" for c in moved),
            }
        )
    return out


def national_view(site: Site, as_at: date | None, area: str) -> dict[str, Any]:
    rows = site.history()
    day = as_at or site.today()
    if day.year < 2000 or day > date(2100, 1, 1):
        raise UsageError(f"as_at: {day.isoformat()} is outside the years inspections cover")
    stats = stats_as_at(rows, day)
    before = [r for r in rows if r["publication_date"] and r["publication_date"] <= day.isoformat()]
    years = year_counts(rows, day, area)
    improve: TimeToImprove = time_to_improve(rows, day)
    return {
        "as_at": day,
        "area": area,
        "stats": stats,
        "coverage": coverage(rows, day),  # the councils that existed that day
        "chart": area_chart(stats),
        "area_rows": area_rows(stats),
        "region_rows": [(name, r["overall"]) for name, r in stats["regions"].items()],
        "years": years,
        "year_chart": bar_chart(
            [(f"{y['year']} ({sum(y['counts'].values())} LAs)", y["counts"]) for y in years]
        ),
        "matrix": transition_matrix(before, area),
        "improve": improve,
        "improve_chart": step_chart(improve.steps),
        "last_publication": last_publication(rows),
    }


def stats_json(site: Site, as_at: date | None) -> dict[str, Any]:
    return national_picture(site.history(), as_at or site.today())


def improvement_json(site: Site, as_at: date | None) -> dict[str, Any]:
    return asdict(time_to_improve(site.history(), as_at))


def changes_json(site: Site, since: date | None, until: date | None, area: str) -> dict[str, Any]:
    rows = site.history()
    found = changes(rows, since or date.min, until or date.max, counted_area(area))
    return {
        "area": area,
        "changes": [asdict(c) for c in found],
        "transitions": transition_matrix(rows, area),
    }


def feed_view(site: Site, urn: int | None = None) -> dict[str, Any]:
    """The Atom feed's title, paths and entries: the whole site's, or one LA's (NotFound for a
    URN no LA has). Paths only: the page puts the host asked for in front of them."""
    if urn is None:
        title, path = "Children's services inspections: new reports and grade changes", ""
    else:
        la = data.local_authority(urn)
        title, path = f"{la.name}: children's services inspections", f"/la/{urn}"
    key = f"feed:{urn or ''}:{site.today().isoformat()}"
    return {
        "title": title,
        "self_path": f"{path}/feed.atom",
        "home_path": path or "/",
        "entries": site.cached(key, lambda: feed_entries(site, urn)),
    }


def feed_entries(site: Site, urn: int | None = None, limit: int = FEED_ENTRIES) -> list[Row]:
    """Atom entries, newest publication first: each report and letter by its publication date
    (the day a reader could first see it, not the day it was stored here), and each change of
    an LA's overall grade on the day the report that made it was published. Publications
    without a date, or dated after today, cannot be placed and are left out."""
    today = site.today().isoformat()
    rows = [r for r in site.rows().values() if urn is None or r["urn"] == urn]
    entries = [_publication_entry(r) for r in rows if "" < (r["publication_date"] or "") <= today]
    reports = [r for r in site.history() if urn is None or r["urn"] == urn]
    ids = site.files()
    entries += [_change_entry(c, ids) for c in changes(reports, date.min, site.today())]
    entries.sort(key=lambda e: (e["updated"], e["category"] == "grade change", e["title"]))
    return entries[::-1][:limit]


def _publication_entry(row: Row) -> Row:
    """A report's or letter's entry; a report's summary gives its grades."""
    kind = row.get("report_kind") or row["kind"]
    is_report = "report_kind" in row
    return {
        "id": f"publication:{quote(row['file'], safe='/')}",
        "title": f"{row['la_name'] or 'unknown LA'}: {kind_label(kind)} published "
        f"{long_date(row['publication_date'])}",
        "updated": f"{row['publication_date']}T00:00:00Z",
        "path": f"/report/{row['inspection_id']}",
        "category": "report" if is_report else "letter",
        "summary": _report_summary(row) if is_report else _letter_summary(row),
    }


def _report_summary(row: Row) -> str:
    """Every grade the report gives, then when it was inspected."""
    judged = [f"{area_label(a)}: {row[a]}" for a in HISTORY_AREAS if row.get(a)]
    text = "; ".join(judged) + "." if judged else "No grade was read from this report."
    span = _span(row["inspection_start"], row["inspection_end"])
    return f"{text} Inspected {span}." if span else text


def _letter_summary(row: Row) -> str:
    """What the visit looked at and when; letters between inspections carry no grades."""
    span = _span(row["visit_start"], row["visit_end"])
    what = f"{kind_label(row['kind'])} letter"
    text = f"{what}, visit {span}" if span else what
    return f"{text}: {row['topic'].rstrip('.')}." if row["topic"] else f"{text}."


def _span(start: str, end: str) -> str:
    if not start or not end:
        return long_date(start or end)
    return long_date(start) if start == end else f"{long_date(start)} to {long_date(end)}"


def _change_entry(c: Change, ids: dict[str, int]) -> Row:
    return {
        "id": f"change:{c.urn}:{c.area}:{c.to_publication_date}",
        "title": f"{c.la_name}: overall effectiveness {c.from_grade} to {c.to_grade}",
        "updated": f"{c.to_publication_date}T00:00:00Z",
        "path": f"/report/{ids[c.to_file]}" if c.to_file in ids else f"/la/{c.urn}",
        "category": "grade change",
        "summary": f"Judged {c.to_grade} in the report published "
        f"{long_date(c.to_publication_date)}; previously {c.from_grade} "
        f"({long_date(c.from_publication_date)}).",
    }
