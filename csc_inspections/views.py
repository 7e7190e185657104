"""How the terminal shows things: Rich tables and text, built from the store's plain rows."""

from __future__ import annotations

from typing import Any

from rich.console import Group, RenderableType
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from .reference import LocalAuthority
from .store.search import MARK_END, MARK_START
from .vocabulary import current

Rows = list[dict[str, Any]]

# From the vocabulary (data/grades.csv, judgement_areas.csv): each grade's colour, and the
# heading of each area's column in the tables of reports.
GRADE_STYLE = {g.key: g.style for g in current().grades if g.style}
AREA_COLUMNS = {a: current().area(a).terminal for a in current().history_areas}


def grade(value: str) -> Text:
    return Text(value, style=GRADE_STYLE.get(value, ""))


def _table(title: str, *headings: str) -> Table:
    table = Table(title=title, title_justify="left", expand=False)
    for h in headings:
        table.add_column(h, overflow="fold")
    return table


def la_header(la: LocalAuthority) -> Text:
    """Name, codes and region; for a council that was reorganised, also when it began or
    ended and the councils before or after it."""
    return Text.assemble(
        (la.name, "bold"),
        f"  URN {la.urn} · LA code {la.la_code} · {la.ons_code} · {la.region}",
        *(("\n" + line, "italic") for line in _lineage_lines(la)),
    )


def _names(links: Any) -> str:
    """Councils of a reorganisation by name, with their URN where the lookup holds one."""
    return ", ".join(f"{c.name} (URN {c.urn})" if c.urn else c.name for c in links)


def _lineage_lines(la: LocalAuthority) -> list[str]:
    lines = []
    if la.end:
        lines.append(f"Abolished on {la.end}; its duties passed to {_names(la.successors)}")
    if la.predecessors:
        lines.append(f"Created on {la.start} from {_names(la.predecessors)}")
    return lines


def predecessor_tables(before: dict[str, Any]) -> RenderableType:
    """A predecessor council's reports and letters, as the successor's `la` shows them."""
    name = f"predecessor: {before['name']} (URN {before['urn']})"
    parts: list[RenderableType] = [reports_table(before["reports"], f"Inspections, {name}")]
    if before["letters"]:
        parts.append(letters_table(before["letters"], f"Letters, {name}"))
    return Group(*parts)


def reports_table(rows: Rows, title: str = "Inspections") -> Table:
    table = _table(
        title, "Published", "Framework", "On site", "Lead inspector", *AREA_COLUMNS.values()
    )
    for r in rows:
        on_site = f"{r['inspection_start']} – {r['inspection_end']}"
        table.add_row(
            r["publication_date"],
            r["framework"],
            on_site,
            r["lead_inspector"],
            *(grade(r[k]) for k in AREA_COLUMNS),
        )
    return table


def letters_table(rows: Rows, title: str = "Letters between inspections") -> Table:
    table = _table(title, "Published", "Kind", "Visit", "Topic")
    for r in rows:
        table.add_row(
            r["publication_date"],
            r["kind"].replace("_", " "),
            f"{r['visit_start']} – {r['visit_end']}",
            r["topic"],
        )
    return table


def _cited_when(row: dict[str, Any]) -> str:
    """A cited date as printed: "2012-07", or "2012" where the report gives only the year."""
    month: str = row["month"] or ""
    return month[:4] if row.get("precision") == "year" else month[:7]


def cited_table(rows: Rows) -> Table:
    table = _table(
        "Earlier inspections, as later reports cite them",
        "Month",
        "What",
        "Grade",
        "Cited by (page)",
    )
    for r in rows:
        table.add_row(
            _cited_when(r), r["what"], grade(r["grade"]), f"{r['cited_by']} (p. {r['page']})"
        )
    return table


def snippet(text: str) -> Text:
    """A search snippet with its matches highlighted (the store marks them)."""
    out = Text()
    for n, part in enumerate(text.replace(MARK_END, MARK_START).split(MARK_START)):
        out.append(part, style="bold reverse" if n % 2 else "")
    return out


def plain_snippet(text: str) -> str:
    """The same snippet for JSON: matches between ** as in Markdown."""
    return text.replace(MARK_START, "**").replace(MARK_END, "**")


def hits_table(hits: Rows) -> Table:
    table = _table("Search results", "LA", "Report", "Page", "Section", "Snippet")
    for h in hits:
        table.add_row(
            h["la_name"] or "",
            f"{h['publication_date']} {h['kind']}",
            str(h["page"]),
            h["heading"] or h["section"],
            snippet(h["snippet"]),
        )
    return table


def detail(d: dict[str, Any]) -> RenderableType:
    """A report or letter: facts, judgements with pages, findings, recommendations, sections."""
    facts = d["facts"]
    parts: list[RenderableType] = [Text(facts["file"], style="bold")]
    parts.append(
        Text(
            " · ".join(
                f"{k}: {v}"
                for k, v in facts.items()
                if v and k not in ("file", "inspection_id", *AREA_COLUMNS)
            )
        )
    )
    if d["judgements"]:
        t = _table("Judgements", "Area", "Grade", "As printed", "Page")
        for j in d["judgements"]:
            t.add_row(j["area"], grade(j["grade"]), j["area_text"], str(j["page"]))
        parts.append(t)
    for title, key in (("Key findings", "findings"), ("What needs to improve", "recommendations")):
        if d[key]:
            t = _table(title, "#", "Text", "Page")
            for r in d[key]:
                heading = f"[{escape(r['heading'])}] " if r.get("heading") else ""
                t.add_row(str(r["number"]), Text.from_markup(heading) + r["text"], str(r["page"]))
            parts.append(t)
    if d["cited"]:
        t = _table("Earlier inspections cited", "What", "Month", "Grade", "Page")
        for c in d["cited"]:
            t.add_row(c["what"], _cited_when(c), grade(c["grade"] or ""), str(c["cited_page"]))
        parts.append(t)
    if d["sections"]:
        t = _table("Sections", "Kind", "Heading", "Pages")
        for s in d["sections"]:
            t.add_row(s["kind"], s["heading"], f"{s['page_start']}–{s['page_end']}")
        parts.append(t)
    return Group(*parts)


def summary(s: dict[str, Any]) -> RenderableType:
    table = _table("Documents by kind", "Kind", "Count")
    for kind, n in sorted(s["kinds"].items()):
        table.add_row(kind, str(n))
    grades = ", ".join(f"{g} {n}" for g, n in sorted(s["overall_grades"].items()))
    return Group(
        table,
        Text(f"{s['las']} local authorities; overall grades of the reports: {grades}"),
        Text(f"{s['cited']} citations of earlier inspections read from the reports"),
        Text(
            f"{s['problems']} extraction problems recorded; "
            f"{s['unresolved_la']} documents with no LA resolved"
        ),
    )


def event_row(e: Any) -> dict[str, Any]:
    """A timeline event as a flat row (CSV and the terminal table)."""
    return {
        "date": e.date,
        "kind": e.kind,
        "what": e.what,
        **{area: e.grades.get(area, "") for area in AREA_COLUMNS},
        "topic": e.topic,
        "file": e.file or "; ".join(e.cited_by),
        "date_basis": e.basis,
        "predecessor": e.predecessor,
    }


def timeline_table(rows: Rows) -> Table:
    table = _table("Timeline", "Date", "Event", *AREA_COLUMNS.values(), "Source")
    for r in rows:
        what = f"{r['kind']}: {r['what']}" + (f" ({r['topic']})" if r["topic"] else "")
        what += f" (predecessor: {r['predecessor']})" if r["predecessor"] else ""
        table.add_row(r["date"], what, *(grade(r[a]) for a in AREA_COLUMNS), r["file"])
    return table


def _counts_table(title: str, counts: dict[str, dict[str, int]], first: str) -> Table:
    order = current().counted_scale.keys
    table = _table(title, first, *order)
    for name, by_grade in counts.items():
        table.add_row(AREA_COLUMNS.get(name, name), *(str(by_grade.get(g, 0)) for g in order))
    return table


def stats(s: dict[str, Any]) -> RenderableType:
    regions = {name: r["overall"] for name, r in s["regions"].items()}
    return Group(
        Text(f"As at {s['as_at']}: {s['las_counted']} LAs, each by its latest graded report"),
        *_denominator(s),
        _counts_table("England", s["areas"], "Area"),
        _counts_table("Overall effectiveness by region", regions, "Region"),
    )


def _denominator(s: dict[str, Any]) -> list[Text]:
    """How many councils existed on the date, and those no graded report counts."""
    if "las_existing" not in s:
        return []
    missing = s["without_report"]
    names = ", ".join(
        m["name"] + (f" (created {m['created']})" if m["created"] else "") for m in missing
    )
    text = f"{s['las_existing']} councils existed that day; {len(missing)} without a graded report"
    listed = f": {names}" if names and len(missing) <= 20 else " (listed by --format json)"
    return [Text(text + (listed if missing else ""))]


def changes_table(found: list[Any]) -> Table:
    table = _table("Grade changes", "Published", "LA", "Area", "From", "To", "", "Report")
    for c in found:
        arrow = Text("▲ up", style="green") if c.direction == "up" else Text("▼ down", style="red")
        table.add_row(
            c.to_publication_date,
            c.la_name,
            c.area,
            grade(c.from_grade),
            grade(c.to_grade),
            arrow,
            c.to_file,
        )
    return table


def matrix_table(matrix: dict[str, dict[str, int]], area: str) -> Table:
    columns = list(next(iter(matrix.values()), {}))
    table = _table(
        f"Transitions between consecutive inspections ({area}): from → to", "From \\ to", *columns
    )
    for start, row in matrix.items():
        table.add_row(grade(start), *(str(row[c]) for c in columns))
    return table


def improvement(result: Any) -> RenderableType:
    m = result.median
    improved = sum(e.improved for e in result.episodes)
    median = "not reached" if m.median is None else f"{m.median:.1f} months"
    band = f"{_months(m.lower)} – {_months(m.upper)}"
    table = _table(
        "Kaplan-Meier: share still inadequate",
        "Months",
        "At risk",
        "Improved",
        "Censored",
        "Still inadequate",
        "95% band",
    )
    for s in result.steps:
        table.add_row(
            f"{s.time:.1f}",
            str(s.at_risk),
            str(s.events),
            str(s.censored),
            f"{s.survival:.2f}",
            f"{s.lower:.2f} – {s.upper:.2f}",
        )
    return Group(
        Text(
            f"As at {result.as_at}: {len(result.episodes)} inadequate spells, {improved} "
            f"ended by a better overall grade, {len(result.episodes) - improved} censored"
        ),
        Text(f"Median time to improve: {median} (95% CI {band})", style="bold"),
        table,
    )


def _months(value: float | None) -> str:
    return "not reached" if value is None else f"{value:.1f}"


def neighbours(view: Any) -> RenderableType:
    table = _table(
        f"{view.la.la_name} and its statistical neighbours",
        "LA",
        "Published",
        *AREA_COLUMNS.values(),
    )
    for n, row in enumerate((view.la, *view.neighbours)):
        name = Text(row.la_name, style="bold" if n == 0 else "")
        table.add_row(
            name, row.publication_date, *(grade(row.grades.get(a, "")) for a in AREA_COLUMNS)
        )
    return Group(
        table,
        _counts_table(f"{view.region} ({view.region_las_counted} LAs)", view.region_counts, "Area"),
    )


def unavailable_table(rows: list[dict[str, Any]]) -> Table:
    """An LA's publications the site lists but cannot serve (for `la`)."""
    table = Table(title="Published but unavailable on Ofsted's site", title_justify="left")
    for column in ("Published", "Title", "Link"):
        table.add_column(column)
    for r in rows:
        table.add_row(r["published"], r["title"], r["url"])
    return table
