"""Records as programs read them: the shape the JSON API documents (`web/api_models`) and
the command line prints with `--format json`, so a script sees the same fields either way.

A report has a field per judgement area (null: not judged), like the history export but
typed: dates are dates and a value not read is None (JSON null), never ''.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, fields
from datetime import date
from typing import Any

from ..analysis.themes import Asked, Cell, LaTheme, Recovery, ThemeTable
from ..export import recovered_rows
from ..records import Detail, LetterRecord, RecommendationRecord, ReportRecord, Stored
from ..reference import LocalAuthority
from ..vocabulary import Theme, current

Json = dict[str, Any]
_STORED = tuple(f.name for f in fields(Stored) if f.name != "kind")


def report_json(r: ReportRecord) -> Json:
    """A report as the API lists it: a field per judgement area (null: not judged)."""
    return {
        **{k: getattr(r, k) for k in _STORED},
        "framework": r.framework,
        "report_kind": r.kind,
        "inspection_start": r.inspection_start,
        "inspection_end": r.inspection_end,
        "lead_inspector": r.lead_inspector,
        **{area: r.grades.get(area) for area in current().history_areas},
    }


def record_json(r: ReportRecord | LetterRecord) -> Json:
    return report_json(r) if isinstance(r, ReportRecord) else asdict(r)


def detail_json(d: Detail) -> Json:
    """One report or letter as /api/inspections/{id} gives it (sections without their text)."""
    return {
        "family": d.family,
        "facts": record_json(d.record),
        "judgements": [asdict(j) for j in d.judgements],
        "sections": [
            {
                "kind": s.kind,
                "heading": s.heading,
                "page_start": s.page_start,
                "page_end": s.page_end,
                "footnotes": list(s.footnotes),
            }
            for s in d.sections
        ],
        "findings": [asdict(f) for f in d.findings],
        "recommendations": [asdict(r) for r in d.recommendations],
        "figures": [asdict(f) for f in d.figures],
        "cited": [
            {
                "what": c.what,
                "month": c.month,
                "precision": c.precision,
                "cited_page": c.page,
                "grade": c.grade,
                "grade_area": c.grade_area,
            }
            for c in d.cited
        ],
    }


# Themes (`answers.themes`)

THEMES_COUNTED = (
    "Share of inspections (graded SIF and ILACS reports with improvement points read) asked to "
    "improve each theme"
)


def theme_json(t: Theme) -> Json:
    """A practice theme: its id, its words and what it covers (data/themes.csv)."""
    return {"theme": t.key, "label": t.label, "covers": t.covers}


def cell_json(c: Cell) -> Json:
    """Of `of` inspections, `asked` asked for the theme: the share and its whole percent."""
    return {"asked": c.asked, "of": c.of, "share": c.share, "percent": c.percent}


def theme_table_json(table: ThemeTable, start: date | None = None, end: date | None = None) -> Json:
    """The national table: per theme, of each group's inspections (and of all) those asked."""
    return {
        "counted": THEMES_COUNTED,
        "by": table.by,
        "from": start,
        "to": end,
        "inspections": sum(table.sizes.values()),
        "groups": [{"group": g, "inspections": table.sizes[g]} for g in table.groups],
        "themes": [
            {
                **theme_json(current().theme(key)),
                "total": cell_json(table.total(key)),
                "cells": [{"group": g, **cell_json(table.cell(key, g))} for g in table.groups],
            }
            for key in table.themes
        ],
    }


def point_json(p: RecommendationRecord) -> Json:
    """An improvement point: where it is printed and what it asks."""
    return {
        "number": p.number,
        "printed_number": p.printed_number,
        "page": p.page,
        "text": p.text,
        "themes": list(p.themes),
    }


def asked_json(ask: Asked, theme: str) -> Json:
    """A report or letter that asked for `theme`, with the points that asked for it."""
    d = ask.document
    return {
        "inspection_id": d.inspection_id,
        "file": d.file,
        "urn": d.urn,
        "la_name": d.la_name,
        "region": d.region,
        "kind": d.kind,
        "date": ask.on,
        "publication_date": d.publication_date,
        "overall": d.grade("overall") if isinstance(d, ReportRecord) else None,
        "points": [point_json(p) for p in ask.points.get(theme, ())],
    }


def behind_json(
    theme: Theme,
    asks: Sequence[Asked],
    cell: Cell,
    by: str | None = None,
    group: str | None = None,
    start: date | None = None,
    end: date | None = None,
) -> Json:
    """The inspections behind one number of the table (`cell`), newest first."""
    return {
        "theme": theme_json(theme),
        "by": by,
        "group": group,
        "from": start,
        "to": end,
        **cell_json(cell),
        "inspections": [asked_json(a, theme.key) for a in asks],
    }


def la_theme_json(row: LaTheme) -> Json:
    """One theme of an LA: how often and when it was asked, beside the shares elsewhere."""
    return {
        **theme_json(current().theme(row.theme)),
        "times": len(row.documents),
        "recurring": row.recurring,
        "first": row.first,
        "last": row.last,
        "la": cell_json(row.la),
        "neighbours": cell_json(row.neighbours),
        "region": cell_json(row.region),
        "national": cell_json(row.national),
        "documents": [asked_json(a, row.theme) for a in row.documents],
    }


def la_themes_json(
    la: LocalAuthority, rows: Sequence[LaTheme], start: date | None, end: date | None
) -> Json:
    return {
        "la": {"urn": la.urn, "name": la.name, "region": la.region},
        "from": start,
        "to": end,
        "themes": [la_theme_json(r) for r in rows],
    }


RECOVERED_COUNTED = (
    "Councils that came out of inadequate: each recovery is the first inadequate report of a "
    "spell and the report that ended it with a better overall grade; per theme, of the "
    "recoveries whose inadequate report asked for it, those whose better report no longer did. "
    "A better report often lists fewer points (an ILACS report about 5, a SIF report about 15), "
    "so a theme no longer asked is partly a shorter list"
)


def recovered_json(rows: Sequence[Recovery]) -> Json:
    """What the councils that came out of inadequate stopped being asked, with each recovery."""
    pairs = rows[0].pairs if rows else ()
    return {
        "counted": RECOVERED_COUNTED,
        "themes": [_recovered_theme(row) for row in recovered_rows(rows)],
        "recoveries": [
            {
                "urn": bad.document.urn,
                "la_name": bad.document.la_name,
                "inadequate": _recovery_side(bad),
                "better": _recovery_side(good),
            }
            for bad, good in pairs
        ],
    }


def _recovered_theme(row: Json) -> Json:
    """An export row of `recovered_rows` with the theme as every theme answer gives it."""
    counts = {k: v for k, v in row.items() if k not in ("theme", "theme_label")}
    return {**theme_json(current().theme(row["theme"])), **counts}


def _recovery_side(a: Asked) -> Json:
    grade = a.document.grade("overall") if isinstance(a.document, ReportRecord) else None
    return {
        "inspection_id": a.document.inspection_id,
        "file": a.document.file,
        "last_day_on_site": a.on,
        "grade": grade,
        "themes": sorted(a.themes, key=current().theme_keys.index),
    }
