"""A database of Rotherham's reports and letters, built once through the CLI for its tests."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from csc_inspections.cli import app
from tests.conftest import CORPUS
from tests.databases import new_database

runner = CliRunner()
ROTHERHAM_REPORTS = str(CORPUS / "reports" / "80543_rotherham")
ROTHERHAM_LETTERS = str(CORPUS / "letters" / "80543_rotherham")


@pytest.fixture(scope="package")
def db(tmp_path_factory: pytest.TempPathFactory, backend: str) -> str:
    path = new_database(backend, tmp_path_factory.mktemp("cli"), "cli")
    result = runner.invoke(app, ["--db", path, "ingest", ROTHERHAM_REPORTS, ROTHERHAM_LETTERS])
    assert result.exit_code == 1, result.output  # the HTML "Report not found" page fails
    return path
