"""Tagging the stored recommendations and findings with their practice themes.

Tags are derived data: `themes_tagged` records which model tagged each document's items, so
one call after an ingest tags what is new, re-tags everything when the model changed, and
mends what an interrupted run left untagged. Each batch of documents is tagged in one
transaction, so a document is tagged whole or not at all.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Protocol

from sqlalchemy import Connection, Engine, Table, delete, insert, select, update

from .schema import (
    data_version,
    finding_themes,
    findings,
    inspections,
    recommendation_themes,
    recommendations,
    themes_tagged,
)

BATCH = 50  # documents a transaction: about 1,000 texts, tagged in one call of the model


class Tags(Protocol):
    @property
    def theme(self) -> str: ...

    @property
    def score(self) -> float: ...


class Tagger(Protocol):
    version: str

    def tags(self, texts: Sequence[str]) -> Sequence[Sequence[Tags]]: ...


def stale(conn: Connection, version: str) -> list[int]:
    """Documents whose items are untagged or were tagged by another model."""
    current = select(themes_tagged.c.inspection_id).where(themes_tagged.c.model == version)
    query = select(inspections.c.id).where(
        inspections.c.document_id.is_not(None), inspections.c.id.not_in(current)
    )
    return list(conn.execute(query.order_by(inspections.c.id)).scalars())


def tag(engine: Engine, tagger: Tagger, documents: list[int]) -> None:
    """Tag these documents' items (`stale` says which need it), a batch a transaction."""
    for batch in _batches(documents):
        with engine.begin() as conn:
            _tag_batch(conn, tagger, batch)


def _batches(ids: list[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), BATCH):
        yield ids[start : start + BATCH]


def _tag_batch(conn: Connection, tagger: Tagger, ids: list[int]) -> None:
    conn.execute(update(data_version).values(version=data_version.c.version + 1))
    for items, tagged in ((recommendations, recommendation_themes), (findings, finding_themes)):
        _tag_items(conn, tagger, ids, items, tagged)
    conn.execute(delete(themes_tagged).where(themes_tagged.c.inspection_id.in_(ids)))
    conn.execute(
        insert(themes_tagged), [{"inspection_id": i, "model": tagger.version} for i in ids]
    )


def _tag_items(
    conn: Connection, tagger: Tagger, ids: list[int], items: Table, tagged: Table
) -> None:
    key = tagged.c[f"{items.name[:-1]}_id"]
    of_batch = items.c.inspection_id.in_(ids)
    rows = conn.execute(select(items.c.id, items.c.text).where(of_batch).order_by(items.c.id)).all()
    conn.execute(delete(tagged).where(key.in_(select(items.c.id).where(of_batch))))
    found = [
        {key.name: row.id, "theme": t.theme, "score": t.score}
        for row, tags in zip(rows, tagger.tags([r.text for r in rows]), strict=True)
        for t in tags
    ]
    if found:
        conn.execute(insert(tagged), found)
