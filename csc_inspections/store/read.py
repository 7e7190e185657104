"""Queries that everything reads the store through: typed records (`records`), oldest first.

Each query returns frozen records with dates as dates and None for what was not read; the
exports turn them into wide CSV rows (`export.py`), nothing here does.
"""

from __future__ import annotations

from collections import defaultdict
from types import MappingProxyType
from typing import Any

from sqlalchemy import Engine, RowMapping, func, select

from ..frameworks import frameworks
from ..records import (
    CitationRecord,
    Detail,
    FigureRecord,
    FindingRecord,
    JudgementRecord,
    LetterRecord,
    ProblemRecord,
    RecommendationRecord,
    ReportRecord,
    SectionRecord,
)
from .schema import (
    documents,
    finding_themes,
    inspections,
    judgements,
    local_authorities,
    problems,
    recommendation_themes,
)
from .schema import figures as figures_table
from .schema import findings as findings_table
from .schema import recommendations as recommendations_table
from .schema import sections as sections_table


def _base(family: str, urn: int | None, inspection_id: int | None = None) -> Any:
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
    if inspection_id is not None:
        query = query.where(i.c.id == inspection_id)
    return query.where(i.c.urn == urn) if urn is not None else query


def _stored(r: RowMapping) -> dict[str, Any]:
    """The fields every report and letter record shares."""
    return {
        "inspection_id": r["id"],
        "file": r["label"],
        "kind": r["kind"],
        "urn": r["urn"],
        "la_name": r["la_name"],
        "la_name_printed": r["la_name_text"],
        "la_code": r["la_code"],
        "ons_code": r["ons_code"],
        "region": r["region"],
        "publication_date": r["publication_date"],
        "publication_date_source": r["publication_date_source"],
    }


def history(
    engine: Engine, urn: int | None = None, inspection_id: int | None = None
) -> list[ReportRecord]:
    """Every stored report (of one LA, if `urn`; one, if `inspection_id`), by LA and date."""
    kinds = frameworks()
    with engine.connect() as conn:
        rows = conn.execute(_base("report", urn, inspection_id)).mappings().all()
        grades: dict[int, dict[str, str]] = defaultdict(dict)
        ids = [r["id"] for r in rows]
        for chunk in (ids[n : n + 500] for n in range(0, len(ids), 500)):
            for j in conn.execute(
                select(judgements.c.inspection_id, judgements.c.area, judgements.c.grade)
                .where(judgements.c.inspection_id.in_(chunk))
                .order_by(judgements.c.id)
            ):
                grades[j.inspection_id][j.area] = j.grade
    return [
        ReportRecord(
            **_stored(r),
            framework=kinds[r["kind"]].export_as,
            inspection_start=r["start_date"],
            inspection_end=r["end_date"],
            lead_inspector=r["inspectors"],
            grades=MappingProxyType(grades[r["id"]]),
        )
        for r in rows
    ]


def letters(
    engine: Engine, urn: int | None = None, inspection_id: int | None = None
) -> list[LetterRecord]:
    """Every stored letter between inspections (of one LA, if `urn`; one, if `inspection_id`)."""
    with engine.connect() as conn:
        rows = conn.execute(_base("letter", urn, inspection_id)).mappings().all()
    return [
        LetterRecord(
            **_stored(r),
            visit_start=r["start_date"],
            visit_end=r["end_date"],
            letter_date=r["letter_date"],
            inspectors=r["inspectors"],
            topic=r["topic"],
        )
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


def document_problems(engine: Engine) -> list[ProblemRecord]:
    """Every recorded extraction problem, with its file."""
    with engine.connect() as conn:
        rows = conn.execute(
            select(documents.c.label, problems.c.field, problems.c.message, problems.c.page)
            .join(documents, documents.c.id == problems.c.document_id)
            .order_by(documents.c.label, problems.c.id)
        )
        return [
            ProblemRecord(file=r.label, field=r.field, message=r.message, page=r.page) for r in rows
        ]


def _content_rows(
    engine: Engine,
    table: Any,
    columns: list[Any],
    urn: int | None,
    inspection_id: int | None = None,
) -> list[dict[str, Any]]:
    """Rows of a content table with the file, LA, kind and publication date of their document."""
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
    if inspection_id is not None:
        query = query.where(i.c.id == inspection_id)
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(query).mappings()]


def _with_themes(
    engine: Engine, table: Any, tagged: Any, rows: list[dict[str, Any]], **where: int | None
) -> list[dict[str, Any]]:
    """The rows (read with their item `id`) with their themes, likeliest first, id dropped."""
    key = tagged.c[f"{table.name[:-1]}_id"]
    query = (
        select(key, tagged.c.theme)
        .join(table, table.c.id == key)
        .join(inspections, inspections.c.id == table.c.inspection_id)
        .order_by(key, tagged.c.score.desc(), tagged.c.theme)
    )
    if where["urn"] is not None:
        query = query.where(inspections.c.urn == where["urn"])
    if where["inspection_id"] is not None:
        query = query.where(inspections.c.id == where["inspection_id"])
    themes: dict[int, list[str]] = {}
    with engine.connect() as conn:
        for item, theme in conn.execute(query):
            themes.setdefault(item, []).append(theme)
    for row in rows:
        row["themes"] = tuple(themes.get(row.pop("id"), ()))
    return rows


def recommendations(
    engine: Engine, urn: int | None = None, inspection_id: int | None = None
) -> list[RecommendationRecord]:
    """Every improvement point (of one LA or one document), in report order."""
    r = recommendations_table
    columns = [
        r.c.id,
        r.c.scope,
        r.c.number,
        r.c.printed_number,
        r.c.group_name.label("group"),
        r.c.form,
        r.c.heading,
        r.c.text,
        r.c.framework_ref,
        r.c.agencies,
        r.c.page,
    ]
    rows = _content_rows(engine, r, columns, urn, inspection_id)
    tagged = _with_themes(
        engine, r, recommendation_themes, rows, urn=urn, inspection_id=inspection_id
    )
    return [RecommendationRecord(**row) for row in tagged]


def findings(
    engine: Engine, urn: int | None = None, inspection_id: int | None = None
) -> list[FindingRecord]:
    """Every key finding of a report or letter (of one LA or one document)."""
    f = findings_table
    rows = _content_rows(
        engine, f, [f.c.id, f.c.number, f.c.heading, f.c.text, f.c.page], urn, inspection_id
    )
    tagged = _with_themes(engine, f, finding_themes, rows, urn=urn, inspection_id=inspection_id)
    return [FindingRecord(**row) for row in tagged]


def figures(
    engine: Engine, urn: int | None = None, inspection_id: int | None = None
) -> list[FigureRecord]:
    """Every context figure (of one LA or one document), with its unit and as-at date."""
    f = figures_table
    columns = [
        f.c.name,
        f.c.value_number,
        f.c.value_text,
        f.c.unit,
        f.c.as_at,
        f.c.page,
        f.c.source_text,
    ]
    out = []
    for row in _content_rows(engine, f, columns, urn, inspection_id):
        number, words = row.pop("value_number"), row.pop("value_text")
        value = words if number is None else (int(number) if number == int(number) else number)
        out.append(FigureRecord(**row, value=value))
    return out


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


def _cited_query() -> Any:
    i, citing, d = inspections, inspections.alias("citing"), documents
    return (
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


def cited(engine: Engine, urn: int | None = None) -> list[CitationRecord]:
    """Earlier inspections known from later reports' citations (month precision)."""
    query = _cited_query()
    if urn is not None:
        query = query.where(inspections.c.urn == urn)
    with engine.connect() as conn:
        return [CitationRecord(**r) for r in conn.execute(query).mappings()]


def inspection_detail(engine: Engine, inspection_id: int) -> Detail | None:
    """One stored report or letter with its judgements and content; None if no such id."""
    i = inspections
    with engine.connect() as conn:
        family = conn.execute(
            select(i.c.family).where(i.c.id == inspection_id)
        ).scalar_one_or_none()
        query = _cited_query().where(i.c.cited_by == inspection_id)
        citations = [CitationRecord(**r) for r in conn.execute(query).mappings()]
    if family not in ("report", "letter"):
        return None
    reader = history if family == "report" else letters
    (record,) = reader(engine, inspection_id=inspection_id)
    return Detail(
        record=record,
        judgements=tuple(judgements_of(engine, inspection_id)),
        sections=tuple(sections_of(engine, inspection_id)),
        findings=tuple(findings(engine, inspection_id=inspection_id)),
        recommendations=tuple(recommendations(engine, inspection_id=inspection_id)),
        figures=tuple(figures(engine, inspection_id=inspection_id)),
        cited=tuple(citations),
    )


def sections_of(engine: Engine, inspection_id: int) -> list[SectionRecord]:
    """The sections of a stored report or letter, in order, with their text and pages."""
    s, i = sections_table, inspections
    with engine.connect() as conn:
        rows = conn.execute(
            select(
                s.c.ordinal,
                s.c.kind,
                s.c.heading,
                s.c.page_start,
                s.c.page_end,
                s.c.text,
                s.c.footnotes,
            )
            .join(i, i.c.document_id == s.c.document_id)
            .where(i.c.id == inspection_id)
            .order_by(s.c.ordinal)
        ).mappings()
        return [
            SectionRecord(**{**r, "footnotes": tuple((r["footnotes"] or "").splitlines())})
            for r in rows
        ]


def judgements_of(engine: Engine, inspection_id: int) -> list[JudgementRecord]:
    """The graded areas of one inspection as printed (the comparison's area wording)."""
    j = judgements
    with engine.connect() as conn:
        rows = conn.execute(
            select(j.c.area, j.c.grade, j.c.area_text, j.c.grade_text, j.c.page)
            .where(j.c.inspection_id == inspection_id)
            .order_by(j.c.id)
        ).mappings()
        return [JudgementRecord(**r) for r in rows]
