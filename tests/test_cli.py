"""The command line end to end on real corpus files: exit codes, messages, export formats."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from csc_inspections.cli import app
from tests.conftest import CORPUS

runner = CliRunner()
ROTHERHAM_REPORTS = str(CORPUS / "reports" / "80543_rotherham")
ROTHERHAM_LETTERS = str(CORPUS / "letters" / "80543_rotherham")
HISTORY_COLUMNS = [
    "file",
    "urn",
    "la_name",
    "framework",
    "publication_date",
    "inspection_start",
    "inspection_end",
    "lead_inspector",
    "overall",
    "leadership",
    "help_protection",
    "children_in_care",
    "care_leavers",
    "adoption",
    "lscb",
]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("cli") / "cli.db")
    result = runner.invoke(app, ["--db", path, "ingest", ROTHERHAM_REPORTS, ROTHERHAM_LETTERS])
    assert result.exit_code == 1, result.output  # the HTML "Report not found" page fails
    return path


def test_ingest_reports_the_failed_file_by_name(db: str) -> None:
    result = runner.invoke(app, ["--db", db, "ingest", ROTHERHAM_REPORTS])
    assert result.exit_code == 1
    assert "10 august 2012.pdf: not a PDF (an HTML page)" in result.output
    assert "0 ingested, 4 unchanged, 1 failed (5 files)" in result.output


def test_ingest_all_good_exits_zero(tmp_path: Path) -> None:
    result = runner.invoke(app, ["--db", str(tmp_path / "ok.db"), "ingest", ROTHERHAM_LETTERS])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["ingest", "/no/such/folder"], "/no/such/folder: no such file or folder"),
        (["la", "Atlantis"], "no local authority matches 'Atlantis'"),
        (["export", "history", "--format", "pdf"], "Invalid value"),
    ],
)
def test_usage_errors_exit_two(db: str, args: list[str], message: str) -> None:
    result = runner.invoke(app, ["--db", db, *args])
    assert result.exit_code == 2
    assert message in result.output


def test_export_history_csv_has_the_promised_columns(db: str) -> None:
    result = runner.invoke(app, ["--db", db, "export", "history"])
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0])[: len(HISTORY_COLUMNS)] == HISTORY_COLUMNS
    by_file = {r["file"]: r for r in rows}
    r2014 = by_file["80543_rotherham/children's services inspection - 19 november 2014.pdf"]
    # read in the PDF, page 1: every key judgement inadequate, adoption requires improvement
    assert (r2014["overall"], r2014["adoption"], r2014["framework"]) == (
        "inadequate",
        "requires improvement",
        "sif",
    )
    assert (r2014["urn"], r2014["inspection_start"], r2014["inspection_end"]) == (
        "80543",
        "2014-09-16",
        "2014-10-08",
    )


def test_export_json_and_xlsx(db: str, tmp_path: Path) -> None:
    as_json = json.loads(runner.invoke(app, ["--db", db, "export", "history", "-f", "json"]).stdout)
    out = tmp_path / "history.xlsx"
    result = runner.invoke(app, ["--db", db, "export", "history", "-f", "xlsx", "-o", str(out)])
    assert result.exit_code == 0
    sheet = openpyxl.load_workbook(out).active
    header = [c.value for c in sheet[1]]
    assert header[: len(HISTORY_COLUMNS)] == HISTORY_COLUMNS
    assert sheet.max_row - 1 == len(as_json) == 4


def test_export_letters(db: str) -> None:
    rows = list(
        csv.DictReader(io.StringIO(runner.invoke(app, ["--db", db, "export", "letters"]).stdout))
    )
    assert {
        "file",
        "urn",
        "la_name",
        "kind",
        "publication_date",
        "visit_start",
        "visit_end",
    } <= set(rows[0])
    assert {r["kind"] for r in rows} == {"focused_visit"}
    assert {r["urn"] for r in rows} == {"80543"}


def test_la_shows_reports_and_letters(db: str) -> None:
    result = runner.invoke(app, ["--db", db, "la", "Rotherham"])
    assert result.exit_code == 0
    assert "Rotherham" in result.stdout and "URN 80543" in result.stdout
    data = json.loads(runner.invoke(app, ["--db", db, "la", "372", "--format", "json"]).stdout)
    assert data["la"]["urn"] == 80543
    # labels.csv (hand-checked): 2014 inadequate, 2018 good, 2022 good, 2025 outstanding
    assert [r["overall"] for r in data["reports"]] == ["inadequate", "good", "good", "outstanding"]
    assert {r["kind"] for r in data["letters"]} == {"focused_visit"}


def test_search_json_hits_name_file_page_and_section(db: str) -> None:
    result = runner.invoke(
        app, ["--db", db, "search", '"management oversight"', "--la", "Rotherham", "-f", "json"]
    )
    assert result.exit_code == 0
    hits = json.loads(result.stdout)
    assert hits and {"file", "la_name", "urn", "page", "section", "snippet"} <= set(hits[0])
    assert "**" in hits[0]["snippet"]


def test_bad_search_query_is_one_plain_line(db: str) -> None:
    result = runner.invoke(app, ["--db", db, "search", '"unclosed'])
    assert result.exit_code == 2
    assert "cannot search for" in result.output


def test_report_by_part_of_file_name(db: str) -> None:
    result = runner.invoke(
        app, ["--db", db, "report", "inspection - 19 november 2014", "-f", "json"]
    )
    assert result.exit_code == 0
    detail = json.loads(result.stdout)
    assert detail["facts"]["framework"] == "sif"
    # page 1 of the PDF lists the judgements
    assert {j["page"] for j in detail["judgements"] if j["area"] != "lscb"} == {1}
    ambiguous = runner.invoke(app, ["--db", db, "report", "rotherham"])
    assert ambiguous.exit_code == 2
