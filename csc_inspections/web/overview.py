"""The national picture for the home page, the national page and the Atom feeds.

Counts follow the library's rules (`analysis.national`): each LA once, by its latest graded
report published on or before the date. The year-by-year picture is the same count taken on
31 March of each year, Ofsted's convention for its headline figures (and on the as-at date
after the last 31 March). The shares stated are `answers.national.shares`, as `stats` prints.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any
from urllib.parse import quote

from ..analysis.movement import Change, changes
from ..answers import local_authority, national
from ..errors import UsageError
from ..model import HISTORY_AREAS
from ..records import LetterRecord, ReportRecord
from ..vocabulary import Grade, current
from .charts import BarChart, bar_chart, step_chart
from .data import Row, Site
from .text import area_label, kind_label, long_date, short_date
from .themes import TAGGER_F1

FEED_ENTRIES = 50  # newest first: enough for a reader who looks once a week


def area_rows(stats: dict[str, Any]) -> list[tuple[str, dict[str, int]]]:
    return [(area_label(a), counts) for a, counts in stats["areas"].items()]


def area_chart(stats: dict[str, Any]) -> BarChart:
    return bar_chart(area_rows(stats))


def recent_reports(rows: list[ReportRecord], limit: int = 10) -> list[ReportRecord]:
    published = [r for r in rows if r.publication_date]
    return sorted(published, key=lambda r: r.publication_date or date.min, reverse=True)[:limit]


def recent_changes(site: Site, today: date, limit: int = 10) -> list[Change]:
    """The newest changes of overall grade (a year back from today, or the last ones held)."""
    year = national.movement(site, today - timedelta(days=365), today).changes
    found = year or national.movement(site, None, today).changes
    return found[::-1][:limit]


def home_view(site: Site) -> dict[str, Any]:
    today = site.today()
    stats = national.picture(site, today)
    return {
        "stats": stats,
        "shares": national.shares(stats),
        "chart": area_chart(stats),
        "area_rows": area_rows(stats),
        "recent": recent_reports(site.history()),
        "changes": recent_changes(site, today),
    }


def national_view(site: Site, as_at: date | None, area: str) -> dict[str, Any]:
    day = as_at or site.today()
    if day.year < 2000 or day > date(2100, 1, 1):
        raise UsageError(f"as_at: {day.isoformat()} is outside the years inspections cover")
    stats = national.picture(site, day)  # with the councils that existed that day
    years = national.year_counts(site, day, national.counted_area(area))
    improve = national.improvement(site, day)
    return {
        "as_at": day,
        "area": area,
        "stats": stats,
        "shares": national.shares(stats),
        "chart": area_chart(stats),
        "area_rows": area_rows(stats),
        "region_rows": [(name, r["overall"]) for name, r in stats["regions"].items()],
        "years": years,
        "year_chart": bar_chart([(year_label(y), y["counts"]) for y in years]),
        "matrix": national.transitions(site, area, day),
        "improve": improve,
        "improve_chart": step_chart(improve.steps),
        "last_publication": national.last_published(site),
    }


def year_label(year: dict[str, Any]) -> str:
    """A bar of the over-time chart by the day it counts on: '31 Mar 2024 (151 LAs)'."""
    return f"{short_date(year['as_at'])} ({sum(year['counts'].values())} LAs)"


def guide_view() -> dict[str, Any]:
    """The guide's entries, all from the vocabulary (data/grades.csv, frameworks.csv,
    letter_kinds.csv, glossary.csv, cycles.csv, themes.csv): each grade once (the counted
    scale's first, then the older third grades), the compared frameworks and the others, the
    letters, the terms, the cycle rules, the documents named as sources, and the practice
    themes improvement points are read by."""
    v = current()
    seen: dict[str, Grade] = {}
    for scale in sorted(v.scales, key=lambda s: s.use != "counted"):
        for g in scale.grades:
            seen.setdefault(g.key, g)
    terms = sorted(v.glossary, key=lambda t: t.term.lower())
    documents = {part.split(":")[0].strip() for t in terms for part in t.source.split(";")}
    return {
        "counted": v.counted_scale.key,
        "grades": list(seen.values()),
        "frameworks": list(v.frameworks.values()),
        "letters": list(v.letter_kinds),
        "terms": terms,
        "cycles": list(v.cycles),
        "sources": sorted({c.source for c in v.cycles}),
        "documents": sorted(documents),
        "themes": list(v.themes),
        "f1": TAGGER_F1,
    }


def feed_view(site: Site, urn: int | None = None) -> dict[str, Any]:
    """The Atom feed's title, paths and entries: the whole site's, or one LA's (NotFound for a
    URN no LA has). Paths only: the page puts the host asked for in front of them."""
    if urn is None:
        title, path = "Children's services inspections: new reports and grade changes", ""
    else:
        la = local_authority(urn)
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
    today = site.today()
    rows = [r for r in site.rows().values() if urn is None or r.urn == urn]
    entries = [
        _publication_entry(r) for r in rows if r.publication_date and r.publication_date <= today
    ]
    reports = [r for r in site.history() if urn is None or r.urn == urn]
    ids = site.files()
    entries += [_change_entry(c, ids) for c in changes(reports, date.min, site.today())]
    entries.sort(key=lambda e: (e["updated"], e["category"] == "grade change", e["title"]))
    return entries[::-1][:limit]


def _publication_entry(row: ReportRecord | LetterRecord) -> Row:
    """A report's or letter's entry; a report's summary gives its grades."""
    return {
        "id": f"publication:{quote(row.file, safe='/')}",
        "title": f"{row.la_name or 'unknown LA'}: {kind_label(row.kind)} published "
        f"{long_date(row.publication_date)}",
        "updated": f"{row.publication_date}T00:00:00Z",
        "path": f"/report/{row.inspection_id}",
        "category": "report" if isinstance(row, ReportRecord) else "letter",
        "summary": _report_summary(row) if isinstance(row, ReportRecord) else _letter_summary(row),
    }


def _report_summary(row: ReportRecord) -> str:
    """Every grade the report gives, then when it was inspected."""
    judged = [f"{area_label(a)}: {g}" for a in HISTORY_AREAS if (g := row.grades.get(a))]
    text = "; ".join(judged) + "." if judged else "No grade was read from this report."
    span = _span(row.inspection_start, row.inspection_end)
    return f"{text} Inspected {span}." if span else text


def _letter_summary(row: LetterRecord) -> str:
    """What the visit looked at and when; letters between inspections carry no grades."""
    span = _span(row.visit_start, row.visit_end)
    what = f"{kind_label(row.kind)} letter"
    text = f"{what}, visit {span}" if span else what
    return f"{text}: {row.topic.rstrip('.')}." if row.topic else f"{text}."


def _span(start: date | None, end: date | None) -> str:
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
