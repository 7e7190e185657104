"""Ingest on real corpus folders: idempotent, atomic per document, same result with workers."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from csc_inspections import ingest as ingest_module
from csc_inspections.errors import UsageError
from csc_inspections.ingest import ingest
from csc_inspections.model import Report
from csc_inspections.parse import parse
from csc_inspections.pdf import read_document
from csc_inspections.records import Record
from csc_inspections.store import read, write
from csc_inspections.store.db import connect
from csc_inspections.store.schema import documents, inspections, judgements, pages
from tests.conftest import CORPUS
from tests.databases import new_database

ROTHERHAM = [CORPUS / "reports" / "80543_rotherham", CORPUS / "letters" / "80543_rotherham"]


def counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {
            t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
            for t in (documents, pages, inspections, judgements)
        }


@pytest.fixture
def engine(tmp_path: Path, backend: str) -> Iterator[Engine]:
    engine = connect(new_database(backend, tmp_path, "test"))
    yield engine
    engine.dispose()


def test_ingest_folder_names_the_bad_file_and_stores_the_rest(engine: Engine) -> None:
    outcomes = ingest(engine, ROTHERHAM)
    failed = [o for o in outcomes if o.status == "failed"]
    assert [o.label for o in failed] == [
        "80543_rotherham/children's services inspection - 10 august 2012.pdf"
    ]
    assert "not a PDF" in failed[0].reason
    stored = {r.file for r in read.history(engine)} | {r.file for r in read.letters(engine)}
    assert len(stored) == len(outcomes) - 1


def test_second_ingest_is_a_no_op(engine: Engine) -> None:
    ingest(engine, ROTHERHAM)
    before = counts(engine)
    again = ingest(engine, ROTHERHAM)
    assert {o.status for o in again} == {"unchanged", "failed"}
    assert counts(engine) == before


@pytest.mark.parametrize("workers", [1, 2])
def test_two_copies_of_a_file_in_one_run_are_stored_once(
    tmp_path: Path, workers: int, backend: str
) -> None:
    letter = (
        CORPUS
        / "letters"
        / "80543_rotherham"
        / "children's services focused visit - 15 april 2019.pdf"
    )
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / letter.name).write_bytes(letter.read_bytes())
    engine = connect(new_database(backend, tmp_path, "copies"))
    outcomes = ingest(engine, [tmp_path / "a", tmp_path / "b"], workers)
    first = next(o for o in outcomes if o.status == "ingested")  # workers finish in any order
    copy = next(o for o in outcomes if o is not first)
    assert copy.status == "unchanged" and copy.reason == f"same content as {first.label}"
    assert {first.label, copy.label} == {f"a/{letter.name}", f"b/{letter.name}"}
    assert counts(engine)["documents"] == 1
    engine.dispose()


def test_new_parser_version_reparses(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    ingest(engine, ROTHERHAM)
    before = counts(engine)
    monkeypatch.setattr(ingest_module, "PARSER_VERSION", "test-next")
    again = ingest(engine, ROTHERHAM)
    assert {o.status for o in again} == {"ingested", "failed"}
    assert counts(engine) == before
    with engine.connect() as conn:
        versions = set(conn.execute(select(documents.c.parser_version)).scalars())
    assert versions == {"test-next"}


def test_failure_inside_a_document_leaves_nothing_of_it(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A write that fails half-way (here: at the judgements) rolls the whole document back."""

    real_insert = write.insert

    def failing_insert(table):  # type: ignore[no-untyped-def]
        if table is judgements:
            raise RuntimeError("disk full")
        return real_insert(table)

    monkeypatch.setattr(write, "insert", failing_insert)
    with pytest.raises(RuntimeError):
        ingest(engine, [ROTHERHAM[0]])
    assert counts(engine) == {"documents": 0, "pages": 0, "inspections": 0, "judgements": 0}


def test_same_export_with_two_workers(tmp_path: Path, backend: str) -> None:
    one = connect(new_database(backend, tmp_path, "one"))
    two = connect(new_database(backend, tmp_path, "two"))
    ingest(one, ROTHERHAM, workers=1)
    ingest(two, ROTHERHAM, workers=2)

    def strip_ids(rows: Sequence[Record]) -> list[Record]:
        """Records as users read them: ids depend on the order two workers stored files in."""
        return [replace(r, inspection_id=0) for r in rows]

    assert strip_ids(read.history(one)) == strip_ids(read.history(two))
    assert strip_ids(read.letters(one)) == strip_ids(read.letters(two))
    one.dispose()
    two.dispose()


def test_kill_during_ingest_leaves_whole_documents(tmp_path: Path, backend: str) -> None:
    """kill -9 in the middle of an ingest: each stored document is complete; a rerun finishes."""
    db = new_database(backend, tmp_path, "killed")
    connect(db).dispose()
    cmd = [
        sys.executable,
        "-m",
        "csc_inspections",
        "--db",
        str(db),
        "ingest",
        str(CORPUS / "reports"),
    ]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    engine = connect(db)
    deadline = time.monotonic() + 60
    while counts(engine)["documents"] < 5 and time.monotonic() < deadline:
        time.sleep(0.2)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    with engine.connect() as conn:
        docs = conn.execute(select(documents.c.id, documents.c.pages)).all()
        for doc_id, n_pages in docs:
            stored_pages = conn.execute(
                select(func.count()).select_from(pages).where(pages.c.document_id == doc_id)
            ).scalar_one()
            has_inspection = conn.execute(
                select(inspections.c.id).where(inspections.c.document_id == doc_id)
            ).first()
            assert stored_pages == n_pages and has_inspection is not None
    assert 5 <= len(docs) < 449
    outcomes = ingest(engine, [CORPUS / "reports" / "80543_rotherham"])
    assert {o.status for o in outcomes} <= {"ingested", "unchanged", "failed"}
    engine.dispose()


def test_a_grade_outside_the_vocabulary_is_refused_and_nothing_stored(engine: Engine) -> None:
    """Grades are the vocabulary's: a value no scale knows never reaches the database."""
    label = "80543_rotherham/children's services inspection - 19 november 2014.pdf"
    doc = read_document(CORPUS / "reports" / label, label)
    parsed = parse(doc.pages, doc.label)
    assert isinstance(parsed, Report)
    bad = replace(parsed.judgements[0], grade="data_unreadable")
    broken = replace(parsed, judgements=(bad, *parsed.judgements[1:]))
    with pytest.raises(UsageError, match="data_unreadable"):
        write.store(engine, doc, broken, write.Resolved(80543), "test")
    assert counts(engine) == {"documents": 0, "pages": 0, "inspections": 0, "judgements": 0}


LETTER = (
    CORPUS
    / "letters"
    / "80543_rotherham"
    / ("children's services focused visit - 15 april 2019.pdf")
)


@pytest.mark.parametrize(
    ("given", "label"),
    [
        ("alone.pdf", "alone.pdf"),  # from the current folder: its own name, not "/alone.pdf"
        ("./alone.pdf", "alone.pdf"),
        ("in/alone.pdf", "in/alone.pdf"),  # with its folder, as the corpus names files
        ("top", "in/alone.pdf"),  # found in a folder: its path relative to it
        ("top/in", "in/alone.pdf"),  # and never less than its own folder's name
    ],
)
def test_input_files_are_named_as_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, given: str, label: str
) -> None:
    """Labels are relative paths whatever the working folder: never absolute (issue 13)."""
    for where in ("alone.pdf", "in/alone.pdf", "top/in/alone.pdf"):
        (tmp_path / where).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / where).write_bytes(LETTER.read_bytes())
    monkeypatch.chdir(tmp_path)
    engine = connect(tmp_path / "labels.db")
    try:
        [outcome] = ingest(engine, [Path(given)])
        assert (outcome.status, outcome.label) == ("ingested", label)
        assert [r.file for r in read.letters(engine)] == [label]
    finally:
        engine.dispose()


def test_a_file_given_by_its_absolute_path_keeps_only_its_folder(tmp_path: Path) -> None:
    (tmp_path / "alone.pdf").write_bytes(LETTER.read_bytes())
    engine = connect(tmp_path / "labels.db")
    try:
        [outcome] = ingest(engine, [tmp_path / "alone.pdf"])
    finally:
        engine.dispose()
    assert outcome.label == f"{tmp_path.name}/alone.pdf"
