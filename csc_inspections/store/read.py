"""Queries that the exports and the command line read: rows of plain values, newest last.

Grades are pivoted to one column per canonical area here, so every consumer sees the same
layout as `labels.csv` and the published spreadsheets.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from sqlalchemy import Engine, func, select

from ..frameworks import frameworks
from .schema import documents, inspections, judgements, local_authorities, problems

HISTORY_AREAS = (
    "overall",
    "leadership",
    "help_protection",
    "children_in_care",
    "care_leavers",
    "adoption",
    "lscb",
)

Row = dict[str, Any]
Rows = list[Row]


def _iso(value: date | None) -> str:
    return value.isoformat() if value else ""


def _base(family: str, urn: int | None) -> Any:
    i, d, la = inspections, documents, local_authorities
    query = (
        select(
            i.c.id,
            i.c.kind,
            i.c.urn,
            i.c.la_name_text,
            i.c.start_date,
            i.c.end_date,
            i.c.letter_date,
            i.c.publication_date,
            i.c.publication_date_source,
            i.c.inspectors,
            i.c.topic,
            d.c.label,
            la.c.name.label("la_name"),
            la.c.la_code,
            la.c.ons_code,
            la.c.region,
        )
        .join(d, d.c.id == i.c.document_id)
        .outerjoin(la, la.c.urn == i.c.urn)
        .where(i.c.family == family)
        .order_by(i.c.urn, i.c.publication_date, d.c.label)
    )
    return query.where(i.c.urn == urn) if urn is not None else query


def history(engine: Engine, urn: int | None = None) -> list[Row]:
    """One row per stored report, with a column per area (empty where not judged)."""
    kinds = frameworks()
    with engine.connect() as conn:
        rows = conn.execute(_base("report", urn)).mappings().all()
        grades: dict[int, dict[str, str]] = defaultdict(dict)
        ids = [r["id"] for r in rows]
        for chunk in (ids[n : n + 500] for n in range(0, len(ids), 500)):
            for j in conn.execute(
                select(judgements.c.inspection_id, judgements.c.area, judgements.c.grade).where(
                    judgements.c.inspection_id.in_(chunk)
                )
            ):
                grades[j.inspection_id][j.area] = j.grade
    return [
        {
            "file": r["label"],
            "urn": r["urn"] or "",
            "la_name": r["la_name"] or "",
            "framework": kinds[r["kind"]].export_as,
            "publication_date": _iso(r["publication_date"]),
            "inspection_start": _iso(r["start_date"]),
            "inspection_end": _iso(r["end_date"]),
            "lead_inspector": r["inspectors"] or "",
            **{area: grades[r["id"]].get(area, "") for area in HISTORY_AREAS},
            "la_code": r["la_code"] or "",
            "ons_code": r["ons_code"] or "",
            "region": r["region"] or "",
            "la_name_printed": r["la_name_text"] or "",
            "publication_date_source": r["publication_date_source"] or "",
            "report_kind": r["kind"],
            "inspection_id": r["id"],
        }
        for r in rows
    ]


def letters(engine: Engine, urn: int | None = None) -> list[Row]:
    """One row per stored letter between inspections."""
    with engine.connect() as conn:
        rows = conn.execute(_base("letter", urn)).mappings().all()
    return [
        {
            "file": r["label"],
            "urn": r["urn"] or "",
            "la_name": r["la_name"] or "",
            "kind": r["kind"],
            "publication_date": _iso(r["publication_date"]),
            "visit_start": _iso(r["start_date"]),
            "visit_end": _iso(r["end_date"]),
            "letter_date": _iso(r["letter_date"]),
            "inspectors": r["inspectors"] or "",
            "topic": r["topic"] or "",
            "la_code": r["la_code"] or "",
            "ons_code": r["ons_code"] or "",
            "region": r["region"] or "",
            "la_name_printed": r["la_name_text"] or "",
            "publication_date_source": r["publication_date_source"] or "",
            "inspection_id": r["id"],
        }
        for r in rows
    ]


def summary(engine: Engine) -> dict[str, Any]:
    """Counts for the closing screen of the main job."""
    i = inspections
    with engine.connect() as conn:
        kinds: dict[str, int] = dict(
            conn.execute(select(i.c.kind, func.count()).group_by(i.c.kind)).all()
        )
        las = conn.execute(select(func.count(func.distinct(i.c.urn)))).scalar_one()
        grades: dict[str, int] = dict(
            conn.execute(
                select(judgements.c.grade, func.count())
                .where(judgements.c.area == "overall")
                .group_by(judgements.c.grade)
            ).all()
        )
        n_problems = conn.execute(select(func.count()).select_from(problems)).scalar_one()
        unresolved = conn.execute(
            select(func.count()).select_from(i).where(i.c.urn.is_(None))
        ).scalar_one()
    return {
        "kinds": kinds,
        "las": las,
        "overall_grades": grades,
        "problems": n_problems,
        "unresolved_la": unresolved,
    }


def document_problems(engine: Engine) -> list[Row]:
    """Every recorded extraction problem, with its file."""
    with engine.connect() as conn:
        rows = conn.execute(
            select(documents.c.label, problems.c.field, problems.c.message, problems.c.page)
            .join(documents, documents.c.id == problems.c.document_id)
            .order_by(documents.c.label)
        ).mappings()
        return [dict(r) for r in rows]
