"""The national picture for the home page, the national page and the Atom feed.

Counts follow the library's rules (`analysis.national`): each LA once, by its latest graded
report published on or before the date. The year-by-year picture is the same count taken on
31 December of each year (or the as-at date in its own year).
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, timedelta
from typing import Any

from ..analysis import COUNTED_AREAS, last_publication, latest
from ..analysis.movement import Change, changes, transition_matrix
from ..analysis.national import stats_as_at
from ..analysis.survival import TimeToImprove, time_to_improve
from ..errors import UsageError
from ..store import files
from .charts import BarChart, bar_chart, step_chart
from .data import Row, Site
from .text import area_label, kind_label, long_date


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
    stats = stats_as_at(rows, today)
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
    return stats_as_at(site.history(), as_at or site.today())


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


def feed_entries(site: Site, limit: int = 40) -> list[dict[str, Any]]:
    """Atom entries: recently stored reports and letters, and recent grade changes."""
    entries = []
    for d in files.recent(site.engine, limit):
        when = files.ingested_at(d["ingested_at"])
        where = d["la_name"] or "unknown LA"
        entries.append(
            {
                "id": f"document:{d['sha256']}",
                "title": f"{where}: {kind_label(d['kind'])} "
                f"published {long_date(d['publication_date']) or 'on an unknown date'}",
                "updated": f"{when:%Y-%m-%dT%H:%M:%SZ}" if when else "1970-01-01T00:00:00Z",
                "path": f"/report/{d['inspection_id']}",
                "summary": f"Stored {d['file']}",
            }
        )
    ids = site.files()
    for c in recent_changes(site.history(), site.today(), limit):
        entries.append(
            {
                "id": f"change:{c.urn}:{c.area}:{c.to_publication_date}",
                "title": f"{c.la_name}: overall effectiveness {c.from_grade} to {c.to_grade}",
                "updated": f"{c.to_publication_date}T00:00:00Z",
                "path": f"/report/{ids[c.to_file]}" if c.to_file in ids else f"/la/{c.urn}",
                "summary": f"Judged {c.to_grade} in the report published "
                f"{long_date(c.to_publication_date)}; previously {c.from_grade} "
                f"({long_date(c.from_publication_date)}).",
            }
        )
    return sorted(entries, key=lambda e: e["updated"], reverse=True)[:limit]
