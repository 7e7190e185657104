"""Storing a parsed document: all of it in one transaction, or nothing.

The documents table is the import log: a document is keyed by its content hash, so a second
ingest of the same bytes is a no-op, and a new parser version replaces the old rows whole.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine, Table, delete, insert, select, update

from ..errors import UsageError
from ..model import (
    CitedInspection,
    Document,
    Fact,
    Judgement,
    Parsed,
    Problem,
    Report,
)
from ..vocabulary import current
from . import search
from .schema import (
    data_version,
    documents,
    field_sources,
    figures,
    findings,
    inspections,
    judgements,
    pages,
    passages,
    problems,
    recommendations,
    sections,
)


@dataclass(frozen=True)
class Resolved:
    """The LA a document was matched to, decided outside the parser (see ingest)."""

    urn: int | None
    problem: Problem | None = None


def stored(engine: Engine) -> dict[str, tuple[str, str]]:
    """sha256 -> (parser version, label) of every stored document: one query for a whole
    ingest to decide which files need reading."""
    d = documents
    with engine.connect() as conn:
        rows = conn.execute(select(d.c.sha256, d.c.parser_version, d.c.label))
        return {sha: (version, label) for sha, version, label in rows}


def store(engine: Engine, doc: Document, parsed: Parsed, la: Resolved, parser_version: str) -> int:
    """Replace whatever was stored for these bytes with this parse; returns the document id."""
    family = "report" if isinstance(parsed, Report) else "letter"
    _check_vocabulary(doc.label, parsed)
    with engine.begin() as conn:
        conn.execute(update(data_version).values(version=data_version.c.version + 1))
        search.unindex_document(conn, doc.sha256)
        conn.execute(delete(documents).where(documents.c.sha256 == doc.sha256))
        doc_id: int = conn.execute(
            insert(documents).returning(documents.c.id),
            {
                "sha256": doc.sha256,
                "label": doc.label,
                "path": doc.path,
                "size": doc.size,
                "pages": len(doc.pages),
                "family": family,
                "parser_version": parser_version,
                "ingested_at": datetime.now(UTC).replace(tzinfo=None),
            },
        ).scalar_one()
        conn.execute(
            insert(pages),
            [{"document_id": doc_id, "number": p.number, "text": p.text} for p in doc.pages],
        )
        row, sources = _inspection(parsed)
        insp_id: int = conn.execute(
            insert(inspections).returning(inspections.c.id),
            {**row, "document_id": doc_id, "family": family, "urn": la.urn},
        ).scalar_one()
        if sources:
            conn.execute(insert(field_sources), [{**s, "inspection_id": insp_id} for s in sources])
        if isinstance(parsed, Report) and parsed.judgements:
            conn.execute(insert(judgements), [_judgement(j, insp_id) for j in parsed.judgements])
        _store_content(conn, doc, parsed, doc_id, insp_id, la.urn)
        found = list(parsed.problems) + ([la.problem] if la.problem else [])
        if found:
            conn.execute(
                insert(problems),
                [
                    {"document_id": doc_id, "field": p.field, "message": p.message, "page": p.page}
                    for p in found
                ],
            )
    return doc_id


def _store_content(
    conn: Connection, doc: Document, parsed: Parsed, doc_id: int, insp_id: int, urn: int | None
) -> None:
    content = parsed.content
    _insert(
        conn,
        sections,
        [
            {
                "document_id": doc_id,
                "ordinal": n,
                "kind": s.kind,
                "heading": s.heading,
                "page_start": s.page_start,
                "page_end": s.page_end,
                "text": s.text,
                "footnotes": "\n".join(s.footnotes) or None,
            }
            for n, s in enumerate(content.sections, start=1)
        ],
    )
    _insert(
        conn,
        passages,
        [
            {
                "document_id": doc_id,
                "page": p.page,
                "section_kind": p.section_kind,
                "heading": p.heading,
                "text": p.text,
            }
            for p in search.passages(content.sections)
        ],
    )
    search.index_document(conn, doc_id)
    _insert(
        conn,
        recommendations,
        [
            {
                "inspection_id": insp_id,
                "scope": r.scope,
                "number": r.number,
                "printed_number": r.printed_number,
                "group_name": r.group,
                "form": r.form,
                "heading": r.heading,
                "text": r.text,
                "framework_ref": r.framework_ref,
                "agencies": "; ".join(r.agencies) or None,
                "page": r.source.page,
            }
            for r in content.recommendations
        ],
    )
    _insert(
        conn,
        findings,
        [
            {
                "inspection_id": insp_id,
                "number": f.number,
                "heading": f.heading,
                "text": f.text,
                "page": f.source.page,
            }
            for f in content.findings
        ],
    )
    _insert(
        conn,
        figures,
        [
            {
                "inspection_id": insp_id,
                "name": f.name,
                "unit": f.unit,
                "as_at": f.as_at,
                "as_at_precision": f.as_at_precision,
                "value_number": f.value if isinstance(f.value, int | float) else None,
                "value_text": f.value if isinstance(f.value, str) else None,
                "page": f.source.page,
                "source_text": f.source.text,
            }
            for f in content.figures
        ],
    )
    for c in content.cited:
        _store_cited(conn, c, insp_id, urn)


def _store_cited(conn: Connection, c: CitedInspection, citing_id: int, urn: int | None) -> None:
    """An earlier inspection known from a citation: a month- or year-precision event of the LA,
    its grade stored under the aspect it is for (overall effectiveness unless the citation
    names another)."""
    cited_id: int = conn.execute(
        insert(inspections).returning(inspections.c.id),
        {
            "family": "cited",
            "kind": "cited",
            "urn": urn,
            "topic": c.what,
            "start_date": c.month,
            "end_date": c.month,
            "date_precision": c.precision,
            "cited_by": citing_id,
            "cited_page": c.source.page,
            "cited_text": c.source.text,
        },
    ).scalar_one()
    if c.grade:
        conn.execute(
            insert(judgements),
            {
                "inspection_id": cited_id,
                "area": c.area,
                "grade": c.grade,
                "area_text": c.what,
                "grade_text": c.grade,
                "page": c.source.page,
                "source_text": c.source.text,
            },
        )


def _check_vocabulary(label: str, parsed: Parsed) -> None:
    """Kinds, areas and grades are the vocabulary's (data/): the database has no CHECK on
    them, so that a new framework is rows in data/, and a value outside it is refused here."""
    vocabulary = current()
    judged = [(j.area, j.grade) for j in getattr(parsed, "judgements", ())]
    grades = [g for _, g in judged] + [c.grade for c in parsed.content.cited if c.grade]
    unknown = [f"kind {parsed.kind!r}"] if parsed.kind not in vocabulary.kinds else []
    unknown += [f"area {a!r}" for a, _ in judged if a not in vocabulary.area_keys]
    unknown += [f"grade {g!r}" for g in grades if g not in vocabulary.grade_keys]
    if unknown:
        raise UsageError(f"{label}: {', '.join(unknown)} not in the vocabulary (data/); not stored")


def _insert(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    if rows:
        conn.execute(insert(table), rows)


def _inspection(parsed: Parsed) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The inspections row of a parse, and the provenance of each of its facts."""
    facts: dict[str, Fact[Any] | None] = {
        "la_name_text": parsed.la_name,
        "publication_date": parsed.publication_date,
    }
    if isinstance(parsed, Report):
        facts |= {
            "start_date": parsed.inspection_start,
            "end_date": parsed.inspection_end,
            "inspectors": parsed.lead_inspectors,
        }
    else:
        facts |= {
            "start_date": parsed.visit_start,
            "end_date": parsed.visit_end,
            "letter_date": parsed.letter_date,
            "inspectors": parsed.inspectors,
            "topic": parsed.topic,
        }
    row: dict[str, Any] = {"kind": parsed.kind}
    sources = []
    for name, f in facts.items():
        value = f.value if f is not None else None
        row[name] = "; ".join(value) if isinstance(value, tuple) else value
        if f is not None:
            sources.append({"field": name, "page": f.source.page, "text": f.source.text})
    pub = parsed.publication_date
    row["publication_date_source"] = (
        None if pub is None else ("file_name" if pub.source.page is None else "text")
    )
    return row, sources


def _judgement(j: Judgement, inspection_id: int) -> dict[str, Any]:
    return {
        "inspection_id": inspection_id,
        "area": j.area,
        "grade": j.grade,
        "area_text": j.area_text,
        "grade_text": j.grade_text,
        "page": j.source.page,
        "source_text": j.source.text,
    }
