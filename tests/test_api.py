"""The Python API returns DataFrames with the same rows as the exports, dates parsed."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from csc_inspections.api import Database, open_database
from csc_inspections.ingest import ingest
from csc_inspections.store.db import connect
from tests.conftest import CORPUS
from tests.databases import new_database


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, backend: str) -> Database:
    url = new_database(backend, tmp_path_factory.mktemp("api"), "api")
    ingest(
        connect(url),
        [CORPUS / "reports" / "80543_rotherham", CORPUS / "letters" / "80543_rotherham"],
    )
    return open_database(url)


def test_inspections_frame(db: Database) -> None:
    frame = db.inspections()
    assert len(frame) == 4
    assert pd.api.types.is_datetime64_any_dtype(frame["publication_date"])
    # labels.csv: inadequate (2014), good (2018), good (2022), outstanding (2025)
    ordered = frame.sort_values("publication_date")["overall"].tolist()
    assert ordered == ["inadequate", "good", "good", "outstanding"]


def test_judgements_long_form_drops_areas_not_judged(db: Database) -> None:
    long = db.judgements()
    per_report = long.groupby("file").size().to_dict()
    # SIF 2014 judges all seven areas; the 2022 ILACS short report judges four
    assert per_report["80543_rotherham/children's services inspection - 19 november 2014.pdf"] == 7
    assert per_report["80543_rotherham/children's services inspection - 12 august 2022.pdf"] == 4
    assert set(long["grade"]) <= {"outstanding", "good", "requires improvement", "inadequate"}


def test_other_frames(db: Database) -> None:
    assert len(db.las()) == 156
    assert len(db.letters()) == 3
    assert len(db.latest()) == 156
    stats = db.stats(date(2020, 1, 1))
    assert stats.loc["overall", "good"] == 1
    shares = db.shares(date(2020, 1, 1))
    assert shares.loc["England", "graded"] == stats.loc["overall"].sum()
    assert shares.loc["England", "good_or_outstanding"] == 1
    assert not db.recommendations().empty
