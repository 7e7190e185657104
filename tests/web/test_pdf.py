"""The PDF route serves files from the configured corpus folder only: whatever path the
database holds, anything that resolves outside that folder (or is not a PDF) is a 404."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, update

from csc_inspections.settings import Settings
from csc_inspections.store.db import connect
from csc_inspections.store.schema import documents as documents_table
from csc_inspections.web.app import create_app
from tests.conftest import CORPUS, SHARED
from tests.web.conftest import R2014

Serve = Callable[[str, str, Path | None], TestClient]


@pytest.fixture
def serve(web_db: str, documents: dict[str, int]) -> Iterator[Serve]:
    """A client on the database whose 2014 Rotherham row holds the given path (put back after)."""
    engine = connect(web_db, create=False)
    row = documents_table.c.id == documents[R2014]
    with engine.connect() as conn:
        original = conn.execute(select(documents_table.c.path, documents_table.c.label).where(row))
        path_before, label_before = original.one()

    def make(path: str, label: str = R2014, corpus: Path | None = CORPUS) -> TestClient:
        with engine.begin() as conn:
            conn.execute(update(documents_table).where(row).values(path=path, label=label))
        return TestClient(create_app(Settings(db=web_db, corpus=corpus)))

    yield make
    with engine.begin() as conn:
        conn.execute(
            update(documents_table).where(row).values(path=path_before, label=label_before)
        )
    engine.dispose()


def test_a_stored_path_inside_the_corpus_is_served(serve: Serve, documents: dict[str, int]) -> None:
    client = serve(str(CORPUS / "reports" / R2014), R2014, CORPUS)
    assert client.get(f"/pdf/{documents[R2014]}").content.startswith(b"%PDF")


@pytest.mark.parametrize(
    "stored",
    [
        "/etc/passwd",
        str(CORPUS / "reports" / ".." / ".." / "labels.csv"),  # '..' out of the corpus
        str(CORPUS / ".." / ".." / "main" / "pyproject.toml"),
        str(CORPUS / "labels.csv"),  # inside, but not a PDF
        "../../../../../../etc/passwd",
    ],
)
def test_paths_outside_the_corpus_are_refused(
    serve: Serve, documents: dict[str, int], stored: str
) -> None:
    client = serve(stored, "../../../../etc/passwd", CORPUS)
    response = client.get(f"/pdf/{documents[R2014]}")
    assert response.status_code == 404
    assert "root:" not in response.text and "[project]" not in response.text


def test_a_symbolic_link_out_of_the_corpus_is_refused(
    serve: Serve, documents: dict[str, int], tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "escape.pdf").symlink_to(SHARED / "corpus" / "reports" / R2014)
    client = serve(str(corpus / "escape.pdf"), "escape.pdf", corpus)
    assert client.get(f"/pdf/{documents[R2014]}").status_code == 404


def test_a_path_stored_relative_elsewhere_is_found_by_its_label(
    serve: Serve, documents: dict[str, int]
) -> None:
    client = serve("some/other/working/folder/x.pdf", R2014, CORPUS)
    response = client.get(f"/pdf/{documents[R2014]}")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_no_corpus_folder_means_no_pdfs(
    serve: Serve, documents: dict[str, int], ids: dict[str, int]
) -> None:
    client = serve(str(CORPUS / "reports" / R2014), R2014, None)
    assert client.get(f"/pdf/{documents[R2014]}").status_code == 404
    assert "The original PDF is not held here" in client.get(f"/report/{ids[R2014]}").text


@pytest.mark.parametrize(
    "url", ["/pdf/..%2F..%2Fetc%2Fpasswd", "/pdf/%2e%2e/%2e%2e/etc/passwd", "/pdf/-1"]
)
def test_traversal_in_the_url_is_not_a_file(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code in (400, 404)
    assert "root:" not in response.text
