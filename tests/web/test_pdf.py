"""The PDF route serves files from the configured corpus folder only: whatever path the
database holds, anything that resolves outside that folder (or is not a PDF) is a 404."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update

from csc_inspections.settings import Settings
from csc_inspections.store.db import connect
from csc_inspections.store.schema import documents as documents_table
from csc_inspections.web.app import create_app
from tests.conftest import CORPUS, SHARED
from tests.web.conftest import R2014

Serve = Callable[[str, str, Path | None], TestClient]


@pytest.fixture
def serve(web_db: Path, tmp_path: Path, documents: dict[str, int]) -> Serve:
    """A client on a copy of the database whose 2014 Rotherham row holds the given path."""

    def make(path: str, label: str = R2014, corpus: Path | None = CORPUS) -> TestClient:
        copy = tmp_path / "copy.db"
        shutil.copy(web_db, copy)
        engine = connect(copy, create=False)
        with engine.begin() as conn:
            conn.execute(
                update(documents_table)
                .where(documents_table.c.id == documents[R2014])
                .values(path=path, label=label)
            )
        engine.dispose()
        return TestClient(create_app(Settings(db=str(copy), corpus=corpus)))

    return make


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
    assert "The original PDF is not served here" in client.get(f"/report/{ids[R2014]}").text


@pytest.mark.parametrize(
    "url", ["/pdf/..%2F..%2Fetc%2Fpasswd", "/pdf/%2e%2e/%2e%2e/etc/passwd", "/pdf/-1"]
)
def test_traversal_in_the_url_is_not_a_file(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code in (400, 404)
    assert "root:" not in response.text
