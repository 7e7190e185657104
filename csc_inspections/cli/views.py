"""How the terminal shows things: Rich tables and text, built from the store's records.

Every table and line speaks in the vocabulary's words ("Help and protection", "Focused visit",
"requires improvement to be good"), never in the keys the CSV and JSON outputs keep. Every
table fits the terminal without breaking a word (`fit.Fit`): a view builds its wide layout and,
where the wide one would not fit 80 columns, a narrow one (fewer columns, grades stacked one
area a line).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from rich.console import Group, RenderableType
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from ..export import event_row as event_row  # the CSV row a timeline table is drawn from
from ..records import (
    CitationRecord,
    Detail,
    FindingRecord,
    Hit,
    LetterRecord,
    PublicationRecord,
    RecommendationRecord,
    ReportRecord,
)
from ..reference import LocalAuthority
from ..store.search import MARK_END, MARK_START
from ..vocabulary import current
from .fit import Fit
from .words import (
    AREA_COLUMNS,
    area_label,
    cited_what,
    day_text,
    grade,
    grade_label,
    grade_short,
    kind_label,
    section_label,
    span_text,
    stacked,
    theme_label,
    under,
)

Rows = list[dict[str, Any]]

PROSE = 36  # the narrowest column in which a sentence still reads as one (snippets, topics)


def _table(title: str, *headings: str, prose: str | None = None) -> Table:
    """A table whose column `prose` is at least PROSE wide: otherwise a table with a column
    of sentences fits any width, one word a line."""
    table = Table(title=title, title_justify="left", expand=False)
    for h in headings:
        table.add_column(h, overflow="fold", min_width=PROSE if h == prose else None)
    return table


def _add(table: Table, *values: str | Text) -> None:
    """A row; text given as text, never read as Rich markup (a file name may hold [ ])."""
    table.add_row(*(v if isinstance(v, Text) else Text(v) for v in values))


# --- an LA and its documents -----------------------------------------------------------------


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


@dataclass(frozen=True)
class Predecessor:
    """A council whose history an LA continues, with its reports and letters."""

    urn: int
    name: str
    reports: list[ReportRecord]
    letters: list[LetterRecord]


def predecessor_tables(before: Predecessor) -> RenderableType:
    """A predecessor council's reports and letters, as the successor's `la` shows them."""
    name = f"predecessor: {before.name} (URN {before.urn})"
    parts: list[RenderableType] = [reports_table(before.reports, f"Inspections, {name}")]
    if before.letters:
        parts.append(letters_table(before.letters, f"Letters, {name}"))
    return Group(*parts)


def reports_table(rows: Sequence[ReportRecord], title: str = "Inspections") -> RenderableType:
    """Wide: a column per area. Narrow: the grades stacked, without the days on site and the
    lead inspector (`report` and the JSON output give them)."""
    columns = AREA_COLUMNS.values()
    wide = _table(title, "Published", "Framework", "On site", "Lead inspector", *columns)
    narrow = _table(title, "Published", "Framework", "Grades")
    for r in rows:
        published, framework = day_text(r.publication_date), kind_label(r.kind)
        on_site = span_text(r.inspection_start, r.inspection_end)
        grades = (grade(r.grades.get(k)) for k in AREA_COLUMNS)
        _add(wide, published, framework, on_site, r.lead_inspector or "", *grades)
        _add(narrow, published, framework, stacked(r.grades))
    return Fit(wide, narrow)


def letters_table(
    rows: Sequence[LetterRecord], title: str = "Letters between inspections"
) -> RenderableType:
    """Narrow: the days of the visit under the publication date."""
    wide = _table(title, "Published", "Kind", "Visit", "Topic", prose="Topic")
    narrow = _table(title, "Published", "Kind", "Topic")
    for r in rows:
        published, kind = day_text(r.publication_date), kind_label(r.kind)
        visit = span_text(r.visit_start, r.visit_end)
        _add(wide, published, kind, visit, r.topic or "")
        _add(narrow, under(published, f"visit {visit}" if visit else ""), kind, r.topic or "")
    return Fit(wide, narrow)


def _cited_day(row: CitationRecord) -> str:
    """A cited date as printed: "2012-07", or "2012" where the report gives only the year."""
    when = day_text(row.month)
    return when[:4] if row.precision == "year" else when[:7]


def cited_table(rows: Sequence[CitationRecord]) -> RenderableType:
    headings = ("Month", "What", "Grade", "Cited by (page)")
    table = _table("Earlier inspections, as later reports cite them", *headings)
    for r in rows:
        cited_by = f"{r.cited_by} (p. {r.page})"
        _add(table, _cited_day(r), cited_what(r.what), grade(r.grade), cited_by)
    return Fit(table)


def unavailable_table(rows: Sequence[PublicationRecord]) -> RenderableType:
    """An LA's publications the site lists but cannot serve (for `la`); narrow, each link on
    its own line under the title."""
    title = "Published but unavailable on Ofsted's site"
    wide = _table(title, "Published", "Title", "Link")
    narrow = _table(title, "Published", "Title")
    for r in rows:
        _add(wide, day_text(r.published), r.title, r.url)
        _add(narrow, day_text(r.published), under(r.title, r.url))
    return Fit(wide, narrow)


# --- search --------------------------------------------------------------------------------


def snippet(text: str) -> Text:
    """A search snippet with its matches highlighted (the store marks them)."""
    out = Text()
    for n, part in enumerate(text.replace(MARK_END, MARK_START).split(MARK_START)):
        out.append(part, style="bold reverse" if n % 2 else "")
    return out


def plain_snippet(text: str) -> str:
    """The same snippet for JSON: matches between ** as in Markdown."""
    return text.replace(MARK_START, "**").replace(MARK_END, "**")


def hits_table(hits: Sequence[Hit]) -> RenderableType:
    """Wide: a table. Narrow: each hit as a line saying where it is, then its snippet, which
    then has the whole width."""
    headings = ("LA", "Report", "Page", "Section", "Snippet")
    wide = _table("Search results", *headings, prose="Snippet")
    said: list[RenderableType] = [Text("Search results", style="italic")]
    for h in hits:
        report = f"{day_text(h.publication_date)} {kind_label(h.kind)}"
        section = h.heading or section_label(h.section)
        _add(wide, h.la_name or "", report, str(h.page), section, snippet(h.snippet))
        where = " · ".join(x for x in (h.la_name or "", report, f"p. {h.page}", section) if x)
        said += [Text(where, style="bold"), snippet(h.snippet), Text()]
    return Fit(wide, Group(*said))


# --- one report or letter --------------------------------------------------------------------

SOURCES = {"text": "read from the text", "file_name": "taken from the file name"}


def _facts(r: ReportRecord | LetterRecord) -> list[tuple[str, str]]:
    """What a document says about itself, each fact named in words."""
    published = day_text(r.publication_date)
    source = SOURCES.get(r.publication_date_source or "", r.publication_date_source or "")
    common = [
        ("LA", f"{r.la_name} (URN {r.urn})" if r.la_name else ""),
        ("published", f"{published} ({source})" if published and source else published),
    ]
    if isinstance(r, ReportRecord):
        own = [
            ("on site", span_text(r.inspection_start, r.inspection_end)),
            ("lead inspector", r.lead_inspector or ""),
        ]
    else:
        own = [
            ("visit", span_text(r.visit_start, r.visit_end)),
            ("letter dated", day_text(r.letter_date)),
            ("inspectors", r.inspectors or ""),
            ("topic", r.topic or ""),
        ]
    codes = [
        ("region", r.region or ""),
        ("LA code", r.la_code or ""),
        ("ONS code", r.ons_code or ""),
        ("name as printed", r.la_name_printed or ""),
        ("inspection id", str(r.inspection_id)),
    ]
    return [("kind", kind_label(r.kind)), *common, *own, *codes]


def detail(d: Detail) -> RenderableType:
    """A report or letter: facts, judgements with pages, findings, recommendations, sections."""
    facts = " · ".join(f"{name}: {value}" for name, value in _facts(d.record) if value)
    parts: list[RenderableType] = [Text(d.record.file, style="bold"), Text(facts)]
    if d.judgements:
        t = _table("Judgements", "Area", "Grade", "As printed", "Page")
        for j in d.judgements:
            _add(t, area_label(j.area), grade(j.grade), j.area_text, str(j.page))
        parts.append(Fit(t))
    lists = (("Key findings", d.findings), ("What needs to improve", d.recommendations))
    for title, items in lists:
        if items:
            t = _table(title, "#", "Text", "Page", prose="Text")
            for r in items:
                _add(t, *_point(r), str(r.page))
            parts.append(Fit(t))
    if d.cited:
        t = _table("Earlier inspections cited", "What", "Month", "Grade", "Page")
        for c in d.cited:
            _add(t, cited_what(c.what), _cited_day(c), grade(c.grade), str(c.page))
        parts.append(Fit(t))
    if d.sections:
        t = _table("Sections", "Kind", "Heading", "Pages")
        for s in d.sections:
            _add(t, section_label(s.kind), s.heading, f"{s.page_start}–{s.page_end}")
        parts.append(Fit(t))
    return Group(*parts)


def _point(r: FindingRecord | RecommendationRecord) -> tuple[str, Text]:
    """A finding's or point's number (the one the PDF prints, where it prints one) and its
    text under its heading, with its themes as the tagger read them."""
    printed = r.printed_number if isinstance(r, RecommendationRecord) else None
    text = Text.from_markup(f"[{escape(r.heading)}] " if r.heading else "") + r.text
    if r.themes:
        text += Text(f"\nThemes: {', '.join(map(theme_label, r.themes))}", style="dim")
    return str(printed or r.number), text


def summary(s: dict[str, Any]) -> RenderableType:
    table = _table("Documents by kind", "Kind", "Count")
    for kind, n in sorted(s["kinds"].items()):
        _add(table, kind_label(kind), str(n))
    grades = ", ".join(f"{grade_label(g)} {n}" for g, n in sorted(s["overall_grades"].items()))
    return Group(
        Fit(table),
        Text(f"{s['las']} local authorities; overall grades of the reports: {grades}"),
        Text(f"{s['cited']} citations of earlier inspections read from the reports"),
        Text(
            f"{s['problems']} extraction problems recorded; "
            f"{s['unresolved_la']} documents with no LA resolved"
        ),
    )


# --- answers ---------------------------------------------------------------------------------


def _event(r: Mapping[str, Any]) -> str:
    """An event in words: a report's framework or a letter's kind by its label, an earlier
    inspection as cited, a publication the site cannot serve by its title."""
    if r["kind"] in ("report", "letter"):
        said = kind_label(r["what"])
    else:
        said = f"{r['kind'].capitalize()}: {cited_what(r['what'])}"
    said += f" ({r['topic']})" if r["topic"] else ""
    return said + (f" (predecessor: {r['predecessor']})" if r["predecessor"] else "")


def timeline_table(rows: Rows) -> RenderableType:
    """Narrow: the grades stacked, the source dim under the event."""
    wide = _table("Timeline", "Date", "Event", *AREA_COLUMNS.values(), "Source")
    narrow = _table("Timeline", "Date", "Event", "Grades")
    for r in rows:
        event = _event(r)
        _add(wide, r["date"], event, *(grade(r[a]) for a in AREA_COLUMNS), r["file"])
        _add(narrow, r["date"], under(event, r["file"]), stacked(r))
    return Fit(wide, narrow)


def _counts_table(title: str, counts: dict[str, dict[str, int]], first: str) -> Fit:
    """Counts per grade; narrow, each grade's column headed by its mark (O, G, RI, I)."""
    order = current().counted_scale.keys
    wide = _table(title, first, *(grade_label(g).capitalize() for g in order))
    narrow = _table(title, first, *(grade_short(g) for g in order))
    for name, by_grade in counts.items():
        numbers = [str(by_grade.get(g, 0)) for g in order]
        row = AREA_COLUMNS.get(name, name)
        _add(wide, row, *numbers)
        _add(narrow, row, *numbers)
    return Fit(wide, narrow)


def stats(s: dict[str, Any], shares: dict[str, Any] | None = None) -> RenderableType:
    regions = {name: r["overall"] for name, r in s["regions"].items()}
    headline = [Text(share_sentence(shares["england"], s["as_at"]))] if shares else []
    return Group(
        Text(f"As at {s['as_at']}: {s['las_counted']} LAs, each by its latest graded report"),
        *_denominator(s),
        *headline,
        _counts_table("England", s["areas"], "Area"),
        _counts_table(f"{area_label('overall')} by region", regions, "Region"),
        *([_shares_table(shares)] if shares else []),
    )


def _shares_table(shares: dict[str, Any]) -> Table:
    """Per region, of the councils with an overall grade: good or outstanding, inadequate."""
    title = f"{area_label('overall')} by region, as shares"
    table = _table(title, "Region", "Graded", "Good or outstanding", "Inadequate")
    for name, r in [*shares["regions"].items(), ("England", shares["england"])]:
        graded = r["graded"]
        good = f"{r['good_or_outstanding']} ({r['good_or_outstanding_pct']}%)" if graded else ""
        bad = f"{r['inadequate']} ({r['inadequate_pct']}%)" if graded else ""
        _add(table, name, str(graded), good, bad)
    return table


def share_sentence(share: dict[str, Any], as_at: str) -> str:
    """The headline as the site states it: "91 of 151 councils (60%) good or outstanding"."""
    graded = share["graded"]
    if not graded:
        return f"No council had an overall grade at {as_at}."
    return (
        f"Overall effectiveness at {as_at}: {share['good_or_outstanding']} of {graded} councils "
        f"with an overall grade ({share['good_or_outstanding_pct']}%) good or outstanding; "
        f"{share['inadequate']} of {graded} ({share['inadequate_pct']}%) inadequate."
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


def changes_table(found: list[Any]) -> RenderableType:
    """Narrow: without the report's file (the JSON output names it)."""
    headings = ("Published", "LA", "Area", "From", "To", "")
    wide = _table("Grade changes", *headings, "Report")
    narrow = _table("Grade changes", *headings)
    for c in found:
        arrow = Text("▲ up", style="green") if c.direction == "up" else Text("▼ down", style="red")
        said = (day_text(c.to_publication_date), c.la_name, area_label(c.area))
        moved = (grade(c.from_grade), grade(c.to_grade), arrow)
        _add(wide, *said, *moved, c.to_file)
        _add(narrow, *said, *moved)
    return Fit(wide, narrow)


def matrix_table(matrix: dict[str, dict[str, int]], area: str) -> RenderableType:
    """Narrow, each grade's column headed by its mark."""
    columns = list(next(iter(matrix.values()), {}))
    title = f"Transitions between consecutive inspections ({area_label(area)}): from → to"
    wide = _table(title, "From \\ to", *(grade_label(c) for c in columns))
    narrow = _table(title, "From \\ to", *(grade_short(c) for c in columns))
    for start, row in matrix.items():
        counts = [str(row[c]) for c in columns]
        _add(wide, grade(start), *counts)
        _add(narrow, grade(start), *counts)
    return Fit(wide, narrow)


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
        _add(
            table,
            f"{s.time:.1f}",
            str(s.at_risk),
            str(s.events),
            str(s.censored),
            f"{s.survival:.2f}",
            f"{s.lower:.2f} – {s.upper:.2f}",
        )
    return Group(
        Text(
            f"As at {day_text(result.as_at)}: {len(result.episodes)} inadequate spells, {improved} "
            f"ended by a better overall grade, {len(result.episodes) - improved} censored"
        ),
        Text(f"Median time to improve: {median} (95% CI {band})", style="bold"),
        Fit(table),
    )


def _months(value: float | None) -> str:
    return "not reached" if value is None else f"{value:.1f}"


def neighbours(view: Any) -> RenderableType:
    """Narrow: each LA's grades stacked."""
    title = f"{view.la.la_name} and its statistical neighbours"
    wide = _table(title, "LA", "Published", *AREA_COLUMNS.values())
    narrow = _table(title, "LA", "Published", "Grades")
    for n, row in enumerate((view.la, *view.neighbours)):
        name = Text(row.la_name, style="bold" if n == 0 else "")
        published = day_text(row.publication_date)
        _add(wide, name, published, *(grade(row.grades.get(a)) for a in AREA_COLUMNS))
        _add(narrow, name, published, stacked(row.grades))
    return Group(
        Fit(wide, narrow),
        _counts_table(f"{view.region} ({view.region_las_counted} LAs)", view.region_counts, "Area"),
    )
