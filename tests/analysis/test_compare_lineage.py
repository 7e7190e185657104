"""A council made by a reorganisation is compared with its predecessor: North Northamptonshire's
first inspection (2022) against the last report filed as Northamptonshire's.

The corpus holds no Northamptonshire report (they come from `sync`), so one real report of
another council (Rotherham's 2018 re-inspection) is stored and then filed under
Northamptonshire's URN, as `sync` would file a report from its provider page."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import Engine, update

from csc_inspections.answers import Store
from csc_inspections.answers.comparisons import comparison
from csc_inspections.answers.histories import lineage, reports_of
from csc_inspections.ingest import ingest
from csc_inspections.store.db import connect
from csc_inspections.store.schema import documents, inspections
from tests.conftest import CORPUS
from tests.databases import new_database

NORTHANTS, NORTH_N, WEST_N = 121939, 2637539, 2637548
FILED = "80543_rotherham/children's services inspection - 29 january 2018.pdf"
NORTH_N_2022 = (
    "2637539_north northamptonshire/children's services inspection - 25 november 2022.pdf"
)


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory, backend: str) -> Iterator[Engine]:
    engine = connect(new_database(backend, tmp_path_factory.mktemp("lineage"), "lineage"))
    north = "2637539_north northamptonshire"
    ingest(
        engine, [CORPUS / "reports" / north, CORPUS / "letters" / north, CORPUS / "reports" / FILED]
    )
    with engine.begin() as conn:
        document = conn.execute(documents.select().where(documents.c.label == FILED)).one()
        conn.execute(
            update(inspections)
            .where(inspections.c.document_id == document.id)
            .values(urn=NORTHANTS)
        )
    yield engine
    engine.dispose()


def test_a_successor_continues_its_predecessors_lineage() -> None:
    assert lineage(NORTH_N) == [NORTHANTS, NORTH_N]
    assert lineage(WEST_N) == [NORTHANTS, WEST_N]
    assert lineage(NORTHANTS) == [NORTHANTS]


def test_the_predecessors_report_is_one_to_pick(engine: Engine) -> None:
    reports = reports_of(Store(engine), NORTH_N)
    assert [(r.urn, r.publication_date) for r in reports] == [
        (NORTHANTS, date(2018, 1, 29)),
        (NORTH_N, date(2022, 11, 25)),
        (NORTH_N, date(2026, 7, 7)),
    ]


def test_compare_across_the_reorganisation(engine: Engine) -> None:
    c = comparison(Store(engine), NORTH_N, "2018", "2022")
    assert (c.a.la_name, c.a.publication_date) == ("Northamptonshire", date(2018, 1, 29))
    assert (c.b.la_name, c.b.file) == ("North Northamptonshire", NORTH_N_2022)
    assert c.letters == ()  # North Northamptonshire's two letters came after its 2022 report
    across = comparison(Store(engine), NORTH_N, "2018", "2026")
    assert [letter.publication_date for letter in across.letters] == [
        date(2023, 11, 22),
        date(2024, 10, 31),
    ]
