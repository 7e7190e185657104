"""A small database of three LAs' folders (Rotherham, Devon, Barnet), built once through the
real ingest, and the web app served from it read-only, with the corpus as its PDF folder.

Rotherham is the walk-through users ask for (inadequate in 2014, good on re-inspection in
2017/18, outstanding in 2025); Devon and Barnet bring other eras, letters and neighbours.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from csc_inspections.ingest import ingest
from csc_inspections.settings import Settings
from csc_inspections.store.db import connect
from csc_inspections.web.app import create_app
from tests.conftest import CORPUS
from tests.databases import new_database

ROTHERHAM, DEVON, BARNET = 80543, 80461, 80487
FOLDERS = ("80543_rotherham", "80461_devon", "80487_barnet")
R2014 = "80543_rotherham/children's services inspection - 19 november 2014.pdf"
R2018 = "80543_rotherham/children's services inspection - 29 january 2018.pdf"
R2025 = "80543_rotherham/children's services inspection - 16 december 2025.pdf"
R_LETTER_2019 = "80543_rotherham/children's services focused visit - 15 april 2019.pdf"


@pytest.fixture(scope="package")
def web_db(tmp_path_factory: pytest.TempPathFactory, backend: str) -> str:
    path = new_database(backend, tmp_path_factory.mktemp("web"), "web")
    engine = connect(path)
    ingest(engine, [CORPUS / kind / f for kind in ("reports", "letters") for f in FOLDERS], 2)
    engine.dispose()
    return path


@pytest.fixture(scope="package")
def settings(web_db: str) -> Settings:
    return Settings(db=web_db, corpus=CORPUS)


@pytest.fixture(scope="package")
def client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings), raise_server_exceptions=False) as c:
        yield c


@pytest.fixture(scope="package")
def ids(client: TestClient) -> dict[str, int]:
    """Stored file label -> inspection id, read through the API (ids depend on ingest order)."""
    out: dict[str, int] = {}
    for urn in (ROTHERHAM, DEVON, BARNET):
        body: dict[str, Any] = client.get(f"/api/las/{urn}").json()
        out |= {r["file"]: r["inspection_id"] for r in [*body["reports"], *body["letters"]]}
    return out


@pytest.fixture(scope="package")
def documents(client: TestClient, ids: dict[str, int]) -> dict[str, int]:
    """Stored file label -> document id (for /pdf/ links), from each inspection's API record."""
    return {
        label: client.get(f"/api/inspections/{n}").json()["document"]["id"]
        for label, n in ids.items()
    }
