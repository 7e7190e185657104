"""The stored files: which PDF a document is, what was ingested lately, where each fact of an
inspection was read, and one page's text. Core queries with bound parameters, like `read`,
whose rows are reports and their content; these are about the documents they came from.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, func, select, true

from .schema import (
    data_version,
    documents,
    field_sources,
    inspections,
    pages,
)


@dataclass(frozen=True)
class StoredFile:
    """A stored PDF: its id, label and the path it was read from."""

    document_id: int
    inspection_id: int
    label: str
    path: str
    pages: int


def version(engine: Engine) -> tuple[Any, ...]:
    """A fingerprint of the stored documents: the version row every write of documents moves
    on in the same transaction, so a reader learns of a change from one indexed read."""
    with engine.connect() as conn:
        return (conn.execute(select(data_version.c.version)).scalar_one(),)


def last_ingested(engine: Engine) -> datetime | None:
    """When a document was last stored (UTC), or None for an empty database."""
    with engine.connect() as conn:
        found: datetime | None = conn.execute(select(func.max(documents.c.ingested_at))).scalar()
        return found


def document_count(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(documents)).scalar_one())


def _stored_files(engine: Engine, where: Any) -> list[StoredFile]:
    d, i = documents, inspections
    query = select(d.c.id, i.c.id, d.c.label, d.c.path, d.c.pages).join(
        i, i.c.document_id == d.c.id
    )
    with engine.connect() as conn:
        return [StoredFile(*row) for row in conn.execute(query.where(where))]


def every_file(engine: Engine) -> list[StoredFile]:
    """Every stored document's file."""
    return _stored_files(engine, true())


def by_document(engine: Engine, document_id: int) -> StoredFile | None:
    found = _stored_files(engine, documents.c.id == document_id)
    return found[0] if found else None


def by_inspection(engine: Engine, inspection_id: int) -> StoredFile | None:
    """The stored file of a report or letter (None for an unknown id or a cited inspection)."""
    found = _stored_files(engine, inspections.c.id == inspection_id)
    return found[0] if found else None


def document_ids(engine: Engine) -> dict[int, int]:
    """Inspection id -> document id, for every stored report and letter (to link PDFs)."""
    i = inspections
    with engine.connect() as conn:
        rows = conn.execute(select(i.c.id, i.c.document_id).where(i.c.document_id.is_not(None)))
        return {inspection: document for inspection, document in rows}


def provenance(engine: Engine, inspection_id: int) -> list[dict[str, Any]]:
    """Where each scalar fact of the inspection was read: field, page (None: file name), text."""
    f = field_sources
    with engine.connect() as conn:
        rows = conn.execute(
            select(f.c.field, f.c.page, f.c.text)
            .where(f.c.inspection_id == inspection_id)
            .order_by(f.c.field)
        ).mappings()
        return [dict(r) for r in rows]


def page_text(engine: Engine, document_id: int, number: int) -> str | None:
    """The cleaned text of one page of a stored document (None when there is no such page)."""
    p = pages
    with engine.connect() as conn:
        found: str | None = conn.execute(
            select(p.c.text).where(p.c.document_id == document_id, p.c.number == number)
        ).scalar_one_or_none()
        return found
