"""Records as programs read them: the shape the JSON API documents (`web/api_models`) and
the command line prints with `--format json`, so a script sees the same fields either way.

A report has a field per judgement area (null: not judged), like the history export but
typed: dates are dates and a value not read is None (JSON null), never ''.
"""

from __future__ import annotations

from dataclasses import asdict, fields
from typing import Any

from ..records import Detail, LetterRecord, ReportRecord, Stored
from ..vocabulary import current

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
