"""Storing a parsed document: all of it in one transaction, or nothing.

The documents table is the import log: a document is keyed by its content hash, so a second
ingest of the same bytes is a no-op, and a new parser version replaces the old rows whole.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, delete, insert, select

from ..model import Document, Fact, Judgement, Parsed, Problem, Report
from .schema import documents, field_sources, inspections, judgements, pages, problems


@dataclass(frozen=True)
class Resolved:
    """The LA a document was matched to, decided outside the parser (see ingest)."""

    urn: int | None
    problem: Problem | None = None


def stored(engine: Engine, sha256: str) -> tuple[str, str] | None:
    """(parser version, label) of the document stored with these bytes, or None."""
    with engine.connect() as conn:
        row = conn.execute(
            select(documents.c.parser_version, documents.c.label).where(
                documents.c.sha256 == sha256
            )
        ).first()
    return (row.parser_version, row.label) if row else None


def store(engine: Engine, doc: Document, parsed: Parsed, la: Resolved, parser_version: str) -> int:
    """Replace whatever was stored for these bytes with this parse; returns the document id."""
    family = "report" if isinstance(parsed, Report) else "letter"
    with engine.begin() as conn:
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
