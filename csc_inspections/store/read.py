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
from ..vocabulary import current
from .schema import documents, inspections, judgements, local_authorities, problems
from .schema import figures as figures_table
from .schema import findings as findings_table
from .schema import recommendations as recommendations_table
from .schema import sections as sections_table

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
        .order_by(i.c.urn.nulls_first(), i.c.publication_date.nulls_first(), d.c.label)
    )
    return query.where(i.c.urn == urn) if urn is not None else query


def history(engine: Engine, urn: int | None = None) -> list[Row]:
    """One row per stored report, with a column per area (empty where not judged)."""
    kinds, areas = frameworks(), current().history_areas
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
            **{area: grades[r["id"]].get(area, "") for area in areas},
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
    """Counts for the closing screen of the main job: stored documents, not citations."""
    i = inspections
    stored = i.c.family.in_(("report", "letter"))
    with engine.connect() as conn:
        kinds: dict[str, int] = dict(
            conn.execute(select(i.c.kind, func.count()).where(stored).group_by(i.c.kind)).all()
        )
        las = conn.execute(select(func.count(func.distinct(i.c.urn))).where(stored)).scalar_one()
        grades: dict[str, int] = dict(
            conn.execute(
                select(judgements.c.grade, func.count())
                .join(i, i.c.id == judgements.c.inspection_id)
                .where(judgements.c.area == "overall", i.c.family == "report")
                .group_by(judgements.c.grade)
            ).all()
        )
        cited = conn.execute(select(func.count()).where(i.c.family == "cited")).scalar_one()
        n_problems = conn.execute(select(func.count()).select_from(problems)).scalar_one()
        unresolved = conn.execute(
            select(func.count()).select_from(i).where(stored, i.c.urn.is_(None))
        ).scalar_one()
    return {
        "kinds": kinds,
        "las": las,
        "overall_grades": grades,
        "cited": cited,
        "problems": n_problems,
        "unresolved_la": unresolved,
    }


def document_problems(engine: Engine) -> list[Row]:
    """Every recorded extraction problem, with its file."""
    with engine.connect() as conn:
        rows = conn.execute(
            select(documents.c.label, problems.c.field, problems.c.message, problems.c.page)
            .join(documents, documents.c.id == problems.c.document_id)
            .order_by(documents.c.label, problems.c.id)
        ).mappings()
        return [dict(r) for r in rows]


def _content_rows(engine: Engine, table: Any, columns: list[Any], urn: int | None) -> list[Row]:
    """Rows of a content table with the file, LA and publication date of their document."""
    i, d, la = inspections, documents, local_authorities
    query = (
        select(
            d.c.label.label("file"),
            i.c.urn,
            la.c.name.label("la_name"),
            i.c.kind.label("report_kind"),
            i.c.publication_date,
            *columns,
        )
        .select_from(table)
        .join(i, i.c.id == table.c.inspection_id)
        .join(d, d.c.id == i.c.document_id)
        .outerjoin(la, la.c.urn == i.c.urn)
        .order_by(i.c.urn.nulls_first(), i.c.publication_date.nulls_first(), d.c.label, table.c.id)
    )
    if urn is not None:
        query = query.where(i.c.urn == urn)
    with engine.connect() as conn:
        return [
            {k: (_iso(v) if isinstance(v, date) else v) for k, v in r.items()}
            for r in conn.execute(query).mappings()
        ]


def recommendations(engine: Engine, urn: int | None = None) -> list[Row]:
    """One row per improvement point, in report order."""
    r = recommendations_table
    return _content_rows(
        engine,
        r,
        [
            r.c.scope,
            r.c.number,
            r.c.group_name.label("group"),
            r.c.heading,
            r.c.text,
            r.c.framework_ref,
            r.c.agencies,
            r.c.page,
        ],
        urn,
    )


def findings(engine: Engine, urn: int | None = None) -> list[Row]:
    """One row per key finding."""
    f = findings_table
    return _content_rows(engine, f, [f.c.number, f.c.heading, f.c.text, f.c.page], urn)


def figures(engine: Engine, urn: int | None = None) -> list[Row]:
    """One row per context figure, with its unit and as-at date."""
    f = figures_table
    rows = _content_rows(
        engine,
        f,
        [
            f.c.name,
            f.c.value_number,
            f.c.value_text,
            f.c.unit,
            f.c.as_at,
            f.c.page,
            f.c.source_text,
        ],
        urn,
    )
    for r in rows:
        number, words = r.pop("value_number"), r.pop("value_text")
        r["value"] = words if number is None else (int(number) if number == int(number) else number)
    return rows


def find_inspection(engine: Engine, ref: str) -> int | None:
    """An inspection id from an id or a file: its label, or a unique part of it."""
    i, d = inspections, documents
    with engine.connect() as conn:
        if ref.isdigit():
            return conn.execute(select(i.c.id).where(i.c.id == int(ref))).scalar_one_or_none()
        found = (
            conn.execute(
                select(i.c.id)
                .join(d, d.c.id == i.c.document_id)
                .where(d.c.label.contains(ref, autoescape=True))
                .limit(2)
            )
            .scalars()
            .all()
        )
    return found[0] if len(found) == 1 else None


def inspection_detail(engine: Engine, inspection_id: int) -> dict[str, Any]:
    """Facts, judgements with provenance, and content of one stored report or letter."""
    i = inspections
    with engine.connect() as conn:
        family, doc_id, urn = conn.execute(
            select(i.c.family, i.c.document_id, i.c.urn).where(i.c.id == inspection_id)
        ).one()
        judged = (
            conn.execute(
                select(
                    judgements.c.area,
                    judgements.c.grade,
                    judgements.c.area_text,
                    judgements.c.grade_text,
                    judgements.c.page,
                )
                .where(judgements.c.inspection_id == inspection_id)
                .order_by(judgements.c.id)
            )
            .mappings()
            .all()
        )
        parts = (
            conn.execute(
                select(
                    sections_table.c.kind,
                    sections_table.c.heading,
                    sections_table.c.page_start,
                    sections_table.c.page_end,
                )
                .where(sections_table.c.document_id == doc_id)
                .order_by(sections_table.c.ordinal)
            )
            .mappings()
            .all()
        )
        cited = (
            conn.execute(
                select(
                    i.c.topic.label("what"),
                    i.c.start_date.label("month"),
                    i.c.date_precision.label("precision"),
                    i.c.cited_page,
                    judgements.c.grade,
                    judgements.c.area.label("grade_area"),
                )
                .outerjoin(judgements, judgements.c.inspection_id == i.c.id)
                .where(i.c.cited_by == inspection_id)
                .order_by(i.c.start_date.nulls_first(), i.c.cited_page, i.c.id)
            )
            .mappings()
            .all()
        )
    rows = history if family == "report" else letters
    facts = next(r for r in rows(engine, urn) if r["inspection_id"] == inspection_id)
    same = [r for r in recommendations(engine, urn) if r["file"] == facts["file"]]
    return {
        "family": family,
        "facts": facts,
        "judgements": [dict(j) for j in judged],
        "sections": [dict(p) for p in parts],
        "findings": [r for r in findings(engine, urn) if r["file"] == facts["file"]],
        "recommendations": same,
        "figures": [r for r in figures(engine, urn) if r["file"] == facts["file"]],
        "cited": [{**c, "month": _iso(c["month"])} for c in cited],
    }


def cited(engine: Engine, urn: int | None = None) -> list[Row]:
    """Earlier inspections known from later reports' citations (month precision)."""
    i, citing, d = inspections, inspections.alias("citing"), documents
    query = (
        select(
            i.c.urn,
            i.c.topic.label("what"),
            i.c.start_date.label("month"),
            i.c.date_precision.label("precision"),
            judgements.c.grade,
            judgements.c.area.label("grade_area"),
            d.c.label.label("cited_by"),
            i.c.cited_page.label("page"),
            i.c.cited_text.label("text"),
        )
        .join(citing, citing.c.id == i.c.cited_by)
        .join(d, d.c.id == citing.c.document_id)
        .outerjoin(judgements, judgements.c.inspection_id == i.c.id)
        .where(i.c.family == "cited")
        .order_by(
            i.c.urn.nulls_first(), i.c.start_date.nulls_first(), d.c.label, i.c.cited_page, i.c.id
        )
    )
    if urn is not None:
        query = query.where(i.c.urn == urn)
    with engine.connect() as conn:
        return [
            {**r, "month": _iso(r["month"]), "grade": r["grade"] or ""}
            for r in conn.execute(query).mappings()
        ]


def sections_of(engine: Engine, inspection_id: int) -> list[Row]:
    """The sections of a stored report or letter, in order, with their text and pages."""
    s, i = sections_table, inspections
    with engine.connect() as conn:
        rows = conn.execute(
            select(s.c.ordinal, s.c.kind, s.c.heading, s.c.page_start, s.c.page_end, s.c.text)
            .join(i, i.c.document_id == s.c.document_id)
            .where(i.c.id == inspection_id)
            .order_by(s.c.ordinal)
        ).mappings()
        return [dict(r) for r in rows]


def judgements_of(engine: Engine, inspection_id: int) -> list[dict[str, Any]]:
    """The graded areas of one inspection as printed (the comparison's area wording), without
    the rest of `inspection_detail`, which reads the LA's whole content to find them."""
    j = judgements
    with engine.connect() as conn:
        rows = conn.execute(
            select(j.c.area, j.c.grade, j.c.area_text, j.c.grade_text, j.c.page)
            .where(j.c.inspection_id == inspection_id)
            .order_by(j.c.id)
        ).mappings()
        return [dict(r) for r in rows]
