"""The record of every publication `sync` has seen on Ofsted's site: all its SQL.

One row per file link (its URL is the key), with what became of it: `listed` (seen, not yet
fetched), `held` (a PDF under the data folder, ingested: `label` is its documents.label),
`missing` (the site answers "Report not found") or `failed` (could not be fetched or read:
tried again next run). The record is written as the walk goes, one short transaction per
step, so a run stopped at any point (even `kill -9`) resumes from it; and it is what lets an
LA's history show a publication the site lists but cannot serve.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Engine, insert, select, update

from ..records import PublicationRecord
from .schema import data_version, publications

Row = dict[str, Any]
STATES = ("listed", "held", "missing", "failed")


@dataclass(frozen=True)
class Listed:
    """A publication as the site lists it."""

    url: str
    urn: int
    la_name: str
    kind: str
    title: str
    published: date | None


@dataclass(frozen=True)
class Record:
    """What the record says of one publication."""

    url: str
    state: str
    label: str | None
    sha256: str | None
    checked_at: datetime


def record_listed(engine: Engine, listed: Sequence[Listed], now: datetime) -> dict[str, Record]:
    """Add the publications not seen before (as `listed`) and refresh what the site says of
    the others, in one transaction; returns the record of each, by URL."""
    p = publications
    urls = [item.url for item in listed]
    with engine.begin() as conn:
        seen = {r.url for r in conn.execute(select(p.c.url).where(p.c.url.in_(urls)))}
        new = [
            _values(item) | {"state": "listed", "first_seen": now, "checked_at": now}
            for item in listed
            if item.url not in seen
        ]
        if new:
            conn.execute(insert(p), new)
        for item in listed:
            if item.url in seen:
                conn.execute(update(p).where(p.c.url == item.url).values(_values(item)))
    return records(engine, urls)


def _values(item: Listed) -> Row:
    return {
        "url": item.url,
        "urn": item.urn,
        "la_name": item.la_name,
        "kind": item.kind,
        "title": item.title,
        "published": item.published,
    }


def records(engine: Engine, urls: Iterable[str]) -> dict[str, Record]:
    """The record of each of these URLs that has one."""
    p = publications
    wanted = list(urls)
    found: dict[str, Record] = {}
    with engine.connect() as conn:
        for chunk in (wanted[n : n + 500] for n in range(0, len(wanted), 500)):
            query = select(p.c.url, p.c.state, p.c.label, p.c.sha256, p.c.checked_at)
            for r in conn.execute(query.where(p.c.url.in_(chunk))):
                found[r.url] = Record(r.url, r.state, r.label, r.sha256, r.checked_at)
    return found


def held_labels(engine: Engine) -> dict[str, str]:
    """label -> URL of every publication held, so two links never share one file name."""
    p = publications
    with engine.connect() as conn:
        rows = conn.execute(select(p.c.label, p.c.url).where(p.c.label.is_not(None)))
        return {label: url for label, url in rows}


def url_of(engine: Engine, label: str) -> str | None:
    """Ofsted's URL of a stored document (by its label), for a link to Ofsted's copy when the
    PDF is not held here; None when sync never fetched it (a file added by hand)."""
    p = publications
    with engine.connect() as conn:
        found: str | None = conn.execute(
            select(p.c.url).where(p.c.label == label).order_by(p.c.url).limit(1)
        ).scalar_one_or_none()
        return found


def mark(
    engine: Engine,
    url: str,
    state: str,
    now: datetime,
    *,
    label: str | None = None,
    sha256: str | None = None,
    message: str | None = None,
) -> None:
    """Set a publication's state (and what goes with it) after a fetch or an ingest."""
    if state not in STATES:
        raise ValueError(f"unknown publication state {state!r}")
    p = publications
    values = {"state": state, "label": label, "sha256": sha256, "message": message}
    with engine.begin() as conn:
        conn.execute(update(p).where(p.c.url == url).values(**values, checked_at=now))
        if state == "missing":
            # An LA page shows missing publications: readers that cache must see a change.
            conn.execute(update(data_version).values(version=data_version.c.version + 1))


def for_la(engine: Engine, urn: int) -> list[PublicationRecord]:
    """Every publication of one LA the site lists, missing ones included, oldest first."""
    return _rows(engine, publications.c.urn == urn)


def unavailable(engine: Engine, urn: int) -> list[PublicationRecord]:
    """An LA's publications that the site lists but answers "Report not found" for: published
    but unavailable, each with its link."""
    p = publications
    return _rows(engine, (p.c.urn == urn) & (p.c.state == "missing"))


def _rows(engine: Engine, where: Any) -> list[PublicationRecord]:
    p = publications
    query = select(
        p.c.url,
        p.c.urn,
        p.c.la_name,
        p.c.kind,
        p.c.title,
        p.c.published,
        p.c.state,
        p.c.label,
        p.c.message,
        p.c.checked_at,
    ).where(where)
    with engine.connect() as conn:
        rows = conn.execute(
            query.order_by(p.c.published.nulls_first(), p.c.title, p.c.url)
        ).mappings()
        return [PublicationRecord(**r) for r in rows]
