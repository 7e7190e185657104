"""Words and marks the pages share: area and kind names, dates as people write them, and the
two places where HTML is built from stored text (search snippets and page highlights).

Both of those escape the stored text first and only then add `<mark>`, so a report that
contains markup shows it as text.
"""

from __future__ import annotations

import csv
import re
from datetime import date
from importlib import resources

from markupsafe import Markup, escape

from ..parse.sections import rules
from ..records import FigureRecord
from ..store.search import MARK_END, MARK_START
from ..vocabulary import current

# From the vocabulary (data/judgement_areas.csv, grades.csv, frameworks.csv, letter_kinds.csv):
# each area's label, its short label for narrow tables and its timeline lane; one tag colour
# per grade everywhere (tags, charts, legend; the old third grades share one) and its mark in a
# chart; each report and letter kind's name.
AREA_LABELS: dict[str, str] = {a.key: a.label for a in current().areas}
AREA_SHORT: dict[str, str] = {a.key: a.short for a in current().areas}
AREA_LANES: dict[str, str] = {a.key: a.chart for a in current().areas}
GRADE_CLASS: dict[str, str] = {g.key: g.css for g in current().grades}
GRADE_ABBR: dict[str, str] = {g.key: g.short for g in current().grades}
KIND_LABELS: dict[str, str] = dict(current().kind_labels)
# What each fact of "Where each fact was read" is called (data/evidence_fields.csv).
_FIELDS = resources.files("csc_inspections").joinpath("data", "evidence_fields.csv")
FIELD_LABELS: dict[str, str] = {
    r["field"]: r["label"] for r in csv.DictReader(_FIELDS.read_text(encoding="utf-8").splitlines())
}


def field_label(field: str) -> str:
    """A stored fact's name for readers; a field the data file does not list, in words."""
    return FIELD_LABELS.get(field, field.replace("_", " ").capitalize())


# The section kinds a search can be narrowed to (data/sections.csv), by name; a report's
# contents page and back matter hold nothing anyone searches for.
SECTION_LABELS: dict[str, str] = dict(
    sorted(
        {
            r.kind: r.kind.replace("_", " ").capitalize()
            for r in rules()
            if r.level == "section" and r.kind not in ("contents", "back_matter")
        }.items(),
        key=lambda kv: kv[1],
    )
)


# What each grade and each report or letter kind means, in plain English (their description
# columns), for the "What this means" notes and the guide.
GRADE_MEANS: dict[str, str] = {g.key: g.description for g in current().grades}
GRADE_FULL: dict[str, str] = {g.key: g.label for g in current().grades}
KIND_MEANS: dict[str, str] = {
    **{k: f.description for k, f in current().frameworks.items()},
    **{x.kind: x.description for x in current().letter_kinds},
}
FIGURE_LABELS: dict[str, str] = {
    "children_under_18": "Children under 18",
    "children_share_of_population": "Children as a share of the population",
    "children_in_poverty": "Children living in poverty",
    "children_in_low_income_families": "Children in low-income families",
    "free_school_meals_primary": "Free school meals (primary)",
    "free_school_meals_secondary": "Free school meals (secondary)",
    "minority_ethnic_share": "Children from minority ethnic groups",
    "children_in_need": "Children in need",
    "child_protection_plans": "Children on child protection plans",
    "child_protection_rate": "Child protection plans per 10,000 children",
    "looked_after_children": "Children looked after",
    "looked_after_rate": "Children looked after per 10,000 children",
    "placed_out_of_area": "Children in care placed out of the area",
    "adoptions": "Adoptions (12 months)",
    "special_guardianship_orders": "Special guardianship orders (12 months)",
    "dcs_since": "Director of children's services in post since",
    "dcs_status": "Director of children's services: permanent or interim",
    "lscb_chair_since": "LSCB chair in post since",
}
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")  # fmt: skip


def kind_label(kind: str) -> str:
    return KIND_LABELS.get(kind, kind.replace("_", " ").capitalize())


def grade_means(grade: str) -> str:
    """What a grade means ('' for one the vocabulary does not describe)."""
    return GRADE_MEANS.get(grade, "")


def kind_means(kind: str) -> str:
    """What a report or letter kind is ('' for one the vocabulary does not describe)."""
    return KIND_MEANS.get(kind, "")


ABBREVIATIONS: dict[str, str] = {t.term: t.expansion for t in current().glossary if t.expansion}


def abbreviate(value: str) -> Markup:
    """`value` escaped, each acronym of the glossary (ILACS, SIF, LSCB, JTAI) marked up with
    its expansion (`<abbr title>`), so that a reader can learn it where it first appears."""
    out = str(escape(value))
    for term, expansion in ABBREVIATIONS.items():
        out = re.sub(
            rf"\b{re.escape(term)}\b",
            f'<abbr title="{escape(expansion)}">{term}</abbr>',
            out,
            count=1,
        )
    return Markup(out)  # built from escaped text and the glossary's own words


def area_label(area: str) -> str:
    return AREA_LABELS.get(area, area.replace("_", " ").capitalize())


def area_short(area: str) -> str:
    return AREA_SHORT.get(area, area_label(area))


def area_lane(area: str) -> str:
    """The area's name on a timeline lane ("LSCB": the lanes' labels are narrow)."""
    return AREA_LANES.get(area, area_label(area))


THEME_LABELS: dict[str, str] = {t.key: t.label for t in current().themes}


def theme_label(theme: str) -> str:
    """A practice theme's name (data/themes.csv); an unknown key as given."""
    return THEME_LABELS.get(theme, theme)


def without_overall(kind: str) -> bool:
    """True for a compared framework that gives no overall grade (ILACS from April 2026)."""
    framework = current().frameworks.get(kind)
    return framework is not None and framework.compared and not framework.has_overall


def figure_value(row: FigureRecord) -> str:
    """A context figure as a reader expects it: 1,915 / 22% / 71 per 10,000 / September 2013."""
    value, unit = row.value, row.unit
    if unit == "date":
        return month_year(value)
    text = f"{value:,}" if isinstance(value, int | float) else str(value or "")
    return text + {"percent": "%", "per_10000": " per 10,000"}.get(str(unit), "")


def figure_label(name: str) -> str:
    return FIGURE_LABELS.get(name, name.replace("_", " ").capitalize())


def long_date(value: object) -> str:
    """'2014-11-19' as '19 November 2014'; '' stays ''; anything else as given."""
    text = value.isoformat() if isinstance(value, date) else str(value or "")
    if not re.fullmatch(r"\d{4}-\d\d-\d\d", text):
        return text
    year, month, day = (int(x) for x in text.split("-"))
    return f"{day} {_MONTHS[month - 1]} {year}"


def short_date(value: date) -> str:
    """2024-03-31 as '31 Mar 2024': a chart's bar label, which must name the day it counts."""
    return f"{value.day} {_MONTHS[value.month - 1][:3]} {value.year}"


def month_year(value: object) -> str:
    """'2010-07-01' as 'July 2010' (cited inspections are known to the month)."""
    text = str(value or "")
    if not re.fullmatch(r"\d{4}-\d\d(?:-\d\d)?", text):
        return text
    return f"{_MONTHS[int(text[5:7]) - 1]} {text[:4]}"


def snippet_html(snippet: str) -> Markup:
    """A search snippet as HTML: the stored text escaped, then the store's marks as <mark>."""
    parts = snippet.replace(MARK_END, MARK_START).split(MARK_START)
    return Markup("").join(
        Markup("<mark>{}</mark>").format(part) if n % 2 else escape(part)
        for n, part in enumerate(parts)
    )


def plain_snippet(snippet: str) -> str:
    """The same snippet for JSON: the matches between ** as in Markdown (as the CLI does)."""
    return snippet.replace(MARK_START, "**").replace(MARK_END, "**")


_OPERATORS = {"AND", "OR", "NOT"}


def query_terms(query: str) -> list[str]:
    """The words of a search query, without operators, quotes, brackets or prefix stars."""
    words = re.findall(r"[^\s()\"*]+", query)
    return [w for w in words if w not in _OPERATORS and len(w) > 1]


def highlight(text: str, query: str) -> Markup:
    """Page text as HTML with the query's words (and words they begin) marked.

    A reading aid, not the search itself: the index stems words, this only matches prefixes.
    """
    terms = sorted(set(query_terms(query)), key=len, reverse=True)
    if not terms:
        return escape(text)
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(t) for t in terms) + r")\w*", re.I)
    out, last = [], 0
    for match in pattern.finditer(text):
        out += [escape(text[last : match.start()]), Markup("<mark>{}</mark>").format(match[0])]
        last = match.end()
    out.append(escape(text[last:]))
    return Markup("").join(out)
