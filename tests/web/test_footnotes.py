"""Footnotes kept apart from the text are stored with their section and shown with it.

Durham's 2018 joint targeted area inspection letter prints "2 Clare's Law: ..." at the foot of
a page (read in the PDF); the finding that cites it must not carry it, the section must.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from csc_inspections.ingest import ingest
from csc_inspections.settings import Settings
from csc_inspections.store import read
from csc_inspections.store.db import connect
from csc_inspections.web.app import create_app
from tests.conftest import CORPUS
from tests.databases import new_database

DURHAM_JTAI = "80465_durham/joint area child protection inspection - 24 august 2018.pdf"


@pytest.fixture(scope="module")
def durham(tmp_path_factory: pytest.TempPathFactory, backend: str) -> Iterator[tuple[str, int]]:
    db = new_database(backend, tmp_path_factory.mktemp("footnotes"), "footnotes")
    engine = connect(db)
    ingest(engine, [CORPUS / "letters" / Path(DURHAM_JTAI).parent.name])
    found = read.find_inspection(engine, Path(DURHAM_JTAI).name)
    engine.dispose()
    assert found is not None
    yield db, found


def test_the_section_keeps_its_footnotes_and_the_findings_do_not(
    durham: tuple[str, int],
) -> None:
    db, inspection = durham
    engine = connect(db, create=False)
    sections = read.sections_of(engine, inspection)
    findings = read.findings(engine)
    engine.dispose()
    notes = [n for s in sections for n in s.footnotes]
    assert any(n.startswith("2 Clare’s Law") for n in notes)
    assert not any("Clare’s Law: a disclosure" in s.text for s in sections)
    assert not any("Clare’s Law: a disclosure" in f.text for f in findings)


def test_the_report_page_and_the_api_show_them(durham: tuple[str, int]) -> None:
    db, inspection = durham
    with TestClient(create_app(Settings(db=db))) as client:
        page = client.get(f"/report/{inspection}")
        answer = client.get(f"/api/inspections/{inspection}").json()
    assert page.status_code == 200 and "Footnotes printed on these pages" in page.text
    assert "2 Clare’s Law" in page.text
    notes = [n for s in answer["sections"] for n in s["footnotes"]]
    assert any(n.startswith("2 Clare’s Law") for n in notes)
