"""The export commands: promised columns, CSV / JSON / XLSX, one row per thing."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import openpyxl

from csc_inspections.cli import app
from tests.cli.conftest import runner

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


def test_export_latest_has_a_row_per_la_with_codes_and_neighbours(db: str) -> None:
    result = runner.invoke(app, ["--db", db, "export", "latest"])
    rows = {r["urn"]: r for r in csv.DictReader(io.StringIO(result.stdout))}
    assert len(rows) == 156  # every LA of la_lookup.csv, Rotherham's the only one with reports
    rotherham = rows["80543"]
    assert (rotherham["la_code"], rotherham["ons_code"], rotherham["region"]) == (
        "372",
        "E08000018",
        "Yorkshire and the Humber",
    )
    # labels.csv: the latest report (Dec 2025) is outstanding overall, care leavers good
    assert (rotherham["overall"], rotherham["care_leavers"]) == ("outstanding", "good")
    assert rotherham["neighbours_overall"].startswith("Barnsley: no report")
    assert rows["80426"]["overall"] == ""  # Barnsley: nothing ingested in this database
