"""The side-by-side comparison rendered: Markdown for people, rows for CSV, a dict for JSON,
and an HTML fragment in which Jinja2's autoescaping escapes every value taken from a report.

Report text is untrusted input (a PDF can say anything): the Markdown escapes the characters
that would otherwise become HTML, links or emphasis; the HTML escapes everything.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import asdict, replace
from datetime import date
from functools import cache
from itertools import groupby
from typing import Any

from jinja2 import Environment, StrictUndefined, Template

from ..records import RecommendationRecord
from ..vocabulary import current
from .compare import AREA_NAMES, AreaRow, Comparison, Side
from .recurring import as_rec
from .themes import STATUSES, ThemeChange

# How each status of a theme is headed, A's themes first (`themes.ThemeChange.status`)
THEME_HEADS = {
    "still asked": "Still asked by B",
    "no longer asked": "No longer asked by B",
    "newly asked": "Newly asked by B",
}


def _label(side: Side) -> str:
    return f"{side.framework.replace('_', ' ')}, published {side.publication_date or '?'}"


def _md(text: object) -> str:
    """Text safe in a Markdown table cell: one line, no live HTML, links or emphasis."""
    return re.sub(r"([\\|<>`*_\[\]])", r"\\\1", " ".join(str(text).split()))


def _title(c: Comparison) -> str:
    name = c.b.la_name or c.a.la_name
    return (f"{name}: " if name else "") + f"{_label(c.a)} vs {_label(c.b)}"


def _page(page: int | None) -> str:
    return f" (p. {page})" if page else ""


def _cell(grade: str, finding: str, page: int | None) -> str:
    if not grade:
        return "not judged"
    return f"**{grade.capitalize()}**" + (f": {_md(finding)}{_page(page)}" if finding else "")


def _area_name(row: AreaRow) -> str:
    names = [w for w in (row.wording_a, row.wording_b) if w]
    return " / ".join(dict.fromkeys(names)) or AREA_NAMES[row.area]


def _md_lists(c: Comparison) -> list[str]:
    again = {p.b: p.a for p in c.repeated}
    out = ["", "## What B still asks to improve"]
    for n, rec in enumerate(c.still_to_improve, 1):
        old = again.get(rec)
        tail = f" — asked before: A no. {old.shown}{_page(old.page)}" if old else ""
        out.append(f"{n}. {_md(rec.text)}{_page(rec.page)}{tail}")
    out += ["", f"## Asked again ({len(c.repeated)} of B's {len(c.still_to_improve)} asks)"]
    out += [
        f"- B no. {p.b.shown} repeats A no. {p.a.shown}{_page(p.a.page)}: {_md(p.a.text)}"
        f" (similarity {p.score:.2f})"
        for p in c.repeated
    ] or ["None found."]
    out += ["", "## Themes asked to improve", *_md_themes(c.themes)]
    out += ["", "## Letters between A and B"]
    return out + [
        f"- {_md(x.visit_start or x.publication_date)} {_md(x.kind.replace('_', ' '))}"
        + (f" on {_md(x.topic)}" if x.topic else "")
        + (f": {_md(x.finding)}{_page(x.page)}" if x.finding else "")
        + f" ({_md(x.file)})"
        for x in c.letters
    ] or ["None held."]


def _numbers(side: str, points: Sequence[RecommendationRecord]) -> str:
    """Where a side's points are, by number and page: "A no. 3, 4 (p. 12), 7 (p. 13)"; ''
    for none."""
    listed = ", ".join(
        ", ".join(str(as_rec(p).shown) for p in on_page) + _page(page)
        for page, on_page in ((k, list(g)) for k, g in groupby(points, lambda p: p.page))
    )
    return f"{side} no. {listed}" if points else ""


def theme_points(change: ThemeChange) -> str:
    """The points of A and B that asked for the theme, by number and page."""
    return "; ".join(n for n in (_numbers("A", change.a), _numbers("B", change.b)) if n)


def _md_themes(changes: Sequence[ThemeChange]) -> list[str]:
    """A's themes that B still asks for, those it no longer asks for, then B's new ones."""
    if not changes:
        return ["No improvement points of A or B read."]
    out = []
    for status in STATUSES:
        found = [t for t in changes if t.status == status]
        out += ["", f"{THEME_HEADS[status]} ({len(found)}):"]
        out += [
            f"- {_md(current().theme(t.theme).label)}: {_md(theme_points(t))}" for t in found
        ] or ["- none"]
    return out


def to_markdown(c: Comparison) -> str:
    """The comparison as a Markdown table with notes, asks, repeats and letters below."""
    a, b = _md(_label(c.a)), _md(_label(c.b))
    out = [f"# {_md(_title(c))}", ""]
    out += [f"| Area | A: {a} | B: {b} | Change |", "|---|---|---|---|"]
    for r in c.rows:
        area = _md(_area_name(r)) + (" ¹" if r.note else "")
        cells = (_cell(r.grade_a, r.finding_a, r.page_a), _cell(r.grade_b, r.finding_b, r.page_b))
        out.append(f"| {area} | {cells[0]} | {cells[1]} | {r.change} |")
    notes = [f"- {_md(AREA_NAMES[r.area])}: {_md(r.note)}" for r in c.rows if r.note]
    if notes:
        out += ["", "¹ Areas that only approximately match across the two reports:", *notes]
    out += ["", f"A: {_md(c.a.file)}", f"B: {_md(c.b.file)}", *_md_lists(c)]
    return "\n".join(out) + "\n"


def to_rows(c: Comparison, urn: int | None = None) -> list[dict[str, Any]]:
    """One row per area, for CSV or XLSX: the LA and both inspections' dates on every row, so
    that a row pasted elsewhere still says whose and which reports it compares."""
    la = {"urn": "" if urn is None else urn, "la_name": c.a.la_name or c.b.la_name or ""}
    sides: dict[str, Any] = {}
    for key, side in (("a", c.a), ("b", c.b)):
        sides |= {
            f"file_{key}": side.file,
            f"framework_{key}": side.framework,
            f"published_{key}": _iso(side.publication_date),
            f"inspection_start_{key}": _iso(side.inspection_start),
            f"inspection_end_{key}": _iso(side.inspection_end),
        }
    return [{**la, **asdict(r), **sides} for r in c.rows]


def _iso(day: date | None) -> str:
    return day.isoformat() if day else ""


def to_dict(c: Comparison) -> dict[str, Any]:
    """Everything, as plain values for JSON; each theme with its label, status and points."""
    return {**asdict(replace(c, themes=())), "themes": [theme_json(t) for t in c.themes]}


def theme_json(change: ThemeChange) -> dict[str, Any]:
    return {
        "theme": change.theme,
        "label": current().theme(change.theme).label,
        "status": change.status,
        "a": [asdict(as_rec(p)) for p in change.a],
        "b": [asdict(as_rec(p)) for p in change.b],
    }


_HTML = """<section class="comparison">
<h2>{{ title }}</h2>
<table><thead><tr><th>Area</th><th>A: {{ label(c.a) }}</th><th>B: {{ label(c.b) }}</th>
<th>Change</th></tr></thead><tbody>
{% for r in c.rows %}<tr><th scope="row">{{ name(r) }}
{%- if r.note %}<br><small>{{ r.note }}</small>{% endif %}</th>
{% for g, f, p in [(r.grade_a, r.finding_a, r.page_a), (r.grade_b, r.finding_b, r.page_b)] -%}
<td>{% if g %}<strong>{{ g | capitalize }}</strong>{% if f %}: {{ f }}{% endif %}
{%- if p %} (p. {{ p }}){% endif %}{% else %}not judged{% endif %}</td>
{% endfor %}<td>{{ r.change }}</td></tr>
{% endfor %}</tbody></table>
<p>A: {{ c.a.file }}<br>B: {{ c.b.file }}</p>
<h3>What B still asks to improve</h3><ol>
{% for rec in c.still_to_improve %}<li>{{ rec.text }}
{%- if rec.page %} (p. {{ rec.page }}){% endif %}
{%- if rec in again %} <em>asked before: A no. {{ again[rec].shown }}
{%- if again[rec].page %} (p. {{ again[rec].page }}){% endif %}</em>{% endif %}</li>
{% endfor %}</ol>
<h3>Themes asked to improve</h3>
{% for status, head in heads.items() %}<h4>{{ head }}</h4><ul>
{% for t in c.themes if t.status == status %}<li>{{ theme(t) }}: {{ points(t) }}</li>
{% else %}<li>None.</li>
{% endfor %}</ul>
{% endfor %}<h3>Letters between A and B</h3><ul>
{% for x in c.letters %}<li>{{ x.visit_start or x.publication_date }}
{{- " " ~ x.kind | replace("_", " ") }}
{%- if x.topic %} on {{ x.topic }}{% endif %}{% if x.finding %}: {{ x.finding }}
{%- if x.page %} (p. {{ x.page }}){% endif %}{% endif %} <small>{{ x.file }}</small></li>
{% else %}<li>None held.</li>
{% endfor %}</ul></section>
"""


@cache
def _template() -> Template:
    return Environment(autoescape=True, undefined=StrictUndefined).from_string(_HTML)


def to_html(c: Comparison) -> str:
    """An HTML fragment; Jinja2 autoescaping escapes every value taken from a report."""
    again = {p.b: p.a for p in c.repeated}
    return _template().render(
        c=c,
        again=again,
        title=_title(c),
        label=_label,
        name=_area_name,
        heads=THEME_HEADS,
        theme=lambda t: current().theme(t.theme).label,
        points=theme_points,
    )
