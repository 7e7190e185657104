"""The shared corpus in SQLite and in PostgreSQL gives the same answers: every export, the
national picture, and searches whose best results are the same passages."""

from __future__ import annotations

import statistics
from collections.abc import Callable
from dataclasses import asdict
from datetime import date
from typing import Any

import pytest
from sqlalchemy import Engine

from csc_inspections.analysis.national import stats_as_at
from csc_inspections.export import TABLES
from csc_inspections.store import read
from csc_inspections.store.search import search

# Varied queries as people type them (a sample of benchmarks/search_latency.py's).
QUERIES = (
    "caseloads",
    '"management oversight"',
    "supervision",
    '"care leavers"',
    "permanence",
    "adopt*",
    "neglect",
    '"child protection plans"',
    "placements",
    '"front door"',
    "MASH",
    "advocacy",
    '"return home interviews"',
    "agency staff",
    "leaders AND workforce",
    '"staying put"',
    "pre-proceedings",
    "homeless*",
    "corporate parenting",
    "audit*",
    "delay",
    '"early help"',
    "thresholds",
    "exploitation OR trafficking",
    "placements NOT fostering",
    "(neglect OR abuse) AND court",
    "children's services",
)


@pytest.fixture(scope="module")
def both(corpus_on: Callable[[str], Engine]) -> tuple[Engine, Engine]:
    return corpus_on("sqlite"), corpus_on("postgresql")


def without_ids(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows as users read them, in the order given: ids depend on the order two workers
    stored the files in."""
    return [{k: v for k, v in r.items() if k != "inspection_id"} for r in rows]


@pytest.mark.parametrize("export", sorted(TABLES))
def test_exports_are_identical(both: tuple[Engine, Engine], export: str) -> None:
    rows_of, _ = TABLES[export]
    sqlite_rows, postgres_rows = (without_ids(rows_of(engine)) for engine in both)
    assert sqlite_rows and sqlite_rows == postgres_rows


@pytest.mark.parametrize("as_at", [date(2016, 3, 31), date(2019, 3, 31), date(2026, 6, 1)])
def test_the_national_picture_is_identical(both: tuple[Engine, Engine], as_at: date) -> None:
    sqlite_picture, postgres_picture = (stats_as_at(read.history(e), as_at) for e in both)
    assert sqlite_picture == postgres_picture


def test_searches_find_the_same_best_passages(both: tuple[Engine, Engine]) -> None:
    """BM25 on both: the 20 best passages of a query overlap by 80% or more. The stemmers
    differ (FTS5's Porter, PostgreSQL's Snowball English), so a query may now and then find a
    passage on one database only; the median query finds the same twenty."""
    overlaps = {}
    for query in QUERIES:
        found = [[(h.file, h.page, h.section) for h in search(e, query, limit=20)] for e in both]
        assert found[0] and found[1], query
        overlaps[query] = len(set(found[0]) & set(found[1])) / max(map(len, found))
    assert {q: o for q, o in overlaps.items() if o < 0.8} == {}
    assert statistics.median(overlaps.values()) >= 0.95


def test_hits_have_the_same_shape(both: tuple[Engine, Engine]) -> None:
    sqlite_hit, postgres_hit = (
        asdict(search(e, '"management oversight"', limit=1)[0]) for e in both
    )
    assert {k: type(v) for k, v in sqlite_hit.items()} == {
        k: type(v) for k, v in postgres_hit.items()
    }
    assert isinstance(sqlite_hit["publication_date"], date)
    assert "\x02management oversight\x03" in " ".join(postgres_hit["snippet"].lower().split())
