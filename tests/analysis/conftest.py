"""A database of the whole corpus for the analysis tests, and the labels read independently.

The analysis functions run on rows from the real store; the expected values are computed here
from `labels.csv` and the shared `la_lookup.csv` with plain loops, a separate path from the code
under test.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import Engine

from csc_inspections.ingest import ingest
from csc_inspections.store import read
from csc_inspections.store.db import connect
from tests.conftest import CORPUS, SHARED, labels
from tests.databases import new_database


@pytest.fixture(scope="session")
def corpus_on(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[str], Engine]]:
    """The whole corpus ingested into a backend's database, once per session and backend (a
    test comparing the backends asks for both)."""
    built: dict[str, Engine] = {}

    def build(backend: str) -> Engine:
        if backend not in built:
            folder = tmp_path_factory.mktemp("analysis")
            built[backend] = connect(new_database(backend, folder, "corpus"))
            ingest(built[backend], [CORPUS / "reports", CORPUS / "letters"], workers=2)
        return built[backend]

    yield build
    for engine in built.values():
        engine.dispose()


@pytest.fixture(scope="session")
def corpus_db(corpus_on: Callable[[str], Engine], backend: str) -> Engine:
    return corpus_on(backend)


@pytest.fixture(scope="session")
def history(corpus_db: Engine) -> list[dict[str, Any]]:
    return read.history(corpus_db)


def lookup_rows() -> dict[int, dict[str, str]]:
    """The shared LA lookup, read with the csv module (not through reference.py)."""
    with (SHARED / "reference" / "la_lookup.csv").open(newline="", encoding="utf-8-sig") as fh:
        return {int(r["urn"]): r for r in csv.DictReader(fh)}


# labels.csv's grade columns
AREAS = (
    "overall",
    "leadership",
    "help_protection",
    "children_in_care",
    "care_leavers",
    "adoption",
    "lscb",
)


def latest_labelled(as_at: str | None) -> dict[int, dict[str, str]]:
    """Each LA's newest labelled SIF/ILACS report with a grade, published by as_at."""
    newest: dict[int, dict[str, str]] = {}
    for r in labels().values():
        if r["framework"] in ("other", "not_a_report") or not any(r[a] for a in AREAS):
            continue
        if as_at and r["publication_date"] > as_at:
            continue
        urn = int(r["urn"])
        if urn in newest:
            assert r["publication_date"] != newest[urn]["publication_date"]  # no ties here
        if urn not in newest or r["publication_date"] > newest[urn]["publication_date"]:
            newest[urn] = r
    return newest
