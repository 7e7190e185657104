"""`csc-inspections serve`: options reach the server, and a missing database or corpus
folder is one plain error line (exit 2), not a traceback."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi import FastAPI
from typer.testing import CliRunner

from csc_inspections.cli import app
from tests.conftest import CORPUS

runner = CliRunner()


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    calls: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda target, **kw: calls.update(target=target, **kw))
    return calls


def test_serve_passes_host_port_and_corpus(web_db: Path, served: dict[str, Any]) -> None:
    args = ["--db", str(web_db), "serve", "--port", "8123", "--corpus", str(CORPUS)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert (served["host"], served["port"]) == ("127.0.0.1", 8123)
    web: FastAPI = served["target"]
    assert web.state.site.settings.corpus == CORPUS
    assert not web.state.site.settings.allow_writes


def test_serve_with_workers_uses_the_factory(
    web_db: Path, served: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("CSC_INSPECTIONS_DB", "CSC_INSPECTIONS_CORPUS"):
        monkeypatch.setenv(name, "")  # restored afterwards: serve sets them for its workers
    result = runner.invoke(app, ["serve", "--db", str(web_db), "--workers", "2"])
    assert result.exit_code == 0, result.output
    assert served["target"] == "csc_inspections.web.app:app_from_env"
    assert served["factory"] is True and served["workers"] == 2
    assert os.environ["CSC_INSPECTIONS_DB"] == str(web_db)


def test_a_missing_database_is_a_usage_error(tmp_path: Path, served: dict[str, Any]) -> None:
    result = runner.invoke(app, ["--db", str(tmp_path / "none.db"), "serve"])
    assert result.exit_code == 2
    assert "none.db: no such database (run `csc-inspections ingest` first)" in result.output
    assert not (tmp_path / "none.db").exists() and served == {}


def test_a_missing_corpus_folder_is_a_usage_error(web_db: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["--db", str(web_db), "serve", "--corpus", str(tmp_path / "x")])
    assert result.exit_code == 2 and "no such folder" in result.output
