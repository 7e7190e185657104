"""The whole shared corpus through a real ingest: LAs resolved, letters right, invariants hold.

Field-by-field accuracy per parser lives in tests/parse/; this checks what the store and the
exports make of all 857 documents together.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, func, select

from csc_inspections.ingest import ingest
from csc_inspections.model import GRADES
from csc_inspections.records import LetterRecord, ReportRecord
from csc_inspections.store import read
from csc_inspections.store.db import connect
from csc_inspections.store.schema import judgements
from tests.conftest import CORPUS, labels, letter_rows
from tests.databases import new_database


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory: pytest.TempPathFactory, backend: str) -> Iterator[Engine]:
    engine = connect(new_database(backend, tmp_path_factory.mktemp("corpus"), "corpus"))
    outcomes = ingest(engine, [CORPUS / "reports", CORPUS / "letters"], workers=2)
    failed = sorted(o.label for o in outcomes if o.status == "failed")
    not_reports = sorted(f for f, r in labels().items() if r["framework"] == "not_a_report")
    assert failed == not_reports
    yield engine
    engine.dispose()


@pytest.fixture(scope="module")
def history(corpus_db: Engine) -> dict[str, ReportRecord]:
    return {r.file: r for r in read.history(corpus_db)}


@pytest.fixture(scope="module")
def letters(corpus_db: Engine) -> dict[str, LetterRecord]:
    return {r.file: r for r in read.letters(corpus_db)}


def test_every_report_is_stored_with_its_la(history: dict[str, ReportRecord]) -> None:
    for file, label in labels().items():
        if label["framework"] == "not_a_report":
            assert file not in history
        else:
            assert str(history[file].urn) == label["urn"], file


def test_every_letter_kind_la_and_date(letters: dict[str, LetterRecord]) -> None:
    wrong = [
        (file, field, row[field], getattr(letters[file], field))
        for file, row in letter_rows().items()
        for field in ("kind", "urn", "publication_date")
        if str(getattr(letters[file], field)) != row[field]
    ]
    assert wrong == []
    assert len(letters) == len(letter_rows())


def test_letters_have_visit_dates(letters: dict[str, LetterRecord]) -> None:
    dated = [r for r in letters.values() if r.visit_start and r.visit_end]
    assert len(dated) >= 0.98 * len(letters)
    assert all(r.visit_start <= r.visit_end for r in dated if r.visit_start and r.visit_end)


def test_invariants(history: dict[str, ReportRecord], corpus_db: Engine) -> None:
    areas = ("overall", "leadership", "help_protection", "children_in_care", "care_leavers")
    for file, row in history.items():
        assert all(row.grades.get(a, "") in ("", *GRADES) for a in areas), file
        start, end, published = row.inspection_start, row.inspection_end, row.publication_date
        assert start and end and published, file
        assert start <= end <= published, file
        if row.framework == "ilacs_2026":
            assert row.grade("overall") is None, file
        elif row.framework != "other":
            assert row.grade("overall") in GRADES, file
    with corpus_db.connect() as conn:
        per_area = conn.execute(
            select(func.count())
            .select_from(judgements)
            .group_by(judgements.c.inspection_id, judgements.c.area)
        ).scalars()
        assert set(per_area) == {1}
