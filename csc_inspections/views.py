"""How the terminal shows things: Rich tables and text, built from the store's plain rows."""

from __future__ import annotations

from typing import Any

from rich.console import Group, RenderableType
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from .reference import LocalAuthority
from .store.search import MARK_END, MARK_START

Rows = list[dict[str, Any]]

GRADE_STYLE = {
    "outstanding": "bold green",
    "good": "green",
    "requires improvement": "yellow",
    "adequate": "yellow",
    "inadequate": "bold red",
}
AREA_COLUMNS = {
    "overall": "Overall",
    "leadership": "Leaders",
    "help_protection": "Help & protection",
    "children_in_care": "In care",
    "care_leavers": "Care leavers",
    "adoption": "Adoption",
    "lscb": "LSCB",
}


def grade(value: str) -> Text:
    return Text(value, style=GRADE_STYLE.get(value, ""))


def _table(title: str, *headings: str) -> Table:
    table = Table(title=title, title_justify="left", expand=False)
    for h in headings:
        table.add_column(h, overflow="fold")
    return table


def la_header(la: LocalAuthority) -> Text:
    return Text.assemble(
        (la.name, "bold"), f"  URN {la.urn} · LA code {la.la_code} · {la.ons_code} · {la.region}"
    )


def reports_table(rows: Rows) -> Table:
    table = _table(
        "Inspections", "Published", "Framework", "On site", "Lead inspector", *AREA_COLUMNS.values()
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


def letters_table(rows: Rows) -> Table:
    table = _table("Letters between inspections", "Published", "Kind", "Visit", "Topic")
    for r in rows:
        table.add_row(
            r["publication_date"],
            r["kind"].replace("_", " "),
            f"{r['visit_start']} – {r['visit_end']}",
            r["topic"],
        )
    return table


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
            r["month"][:7], r["what"], grade(r["grade"]), f"{r['cited_by']} (p. {r['page']})"
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
            t.add_row(c["what"], c["month"], grade(c["grade"] or ""), str(c["cited_page"]))
        parts.append(t)
    if d["sections"]:
        t = _table("Sections", "Kind", "Heading", "Pages")
        for s in d["sections"]:
            t.add_row(s["kind"], s["heading"], f"{s['page_start']}–{s['page_end']}")
        parts.append(t)
    return Group(*parts)
