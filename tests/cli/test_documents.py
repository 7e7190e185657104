"""The document commands end to end on real corpus files: ingest, la, search, report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from csc_inspections.cli import app
from tests.cli.conftest import ROTHERHAM_LETTERS, ROTHERHAM_REPORTS, runner
from tests.databases import new_database


def test_ingest_reports_the_failed_file_by_name(db: str) -> None:
    result = runner.invoke(app, ["--db", db, "ingest", ROTHERHAM_REPORTS])
    assert result.exit_code == 1
    assert "10 august 2012.pdf: not a PDF (an HTML page)" in result.output
    assert "0 ingested, 4 unchanged, 1 failed (5 files)" in result.output


def test_ingest_all_good_exits_zero(tmp_path: Path, backend: str) -> None:
    db = new_database(backend, tmp_path, "ok")
    result = runner.invoke(app, ["--db", db, "ingest", ROTHERHAM_LETTERS])
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


def test_query_not_in_query_syntax_is_searched_as_plain_words(db: str) -> None:
    result = runner.invoke(app, ["--db", db, "search", '"management oversight'])
    assert result.exit_code == 0
    assert "searched as plain words" in result.output
    assert "Rotherham" in result.output


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


def test_a_file_ingested_from_the_current_folder_is_named_by_its_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    letter = Path(ROTHERHAM_LETTERS) / "children's services focused visit - 15 april 2019.pdf"
    (tmp_path / "alone.pdf").write_bytes(letter.read_bytes())
    monkeypatch.chdir(tmp_path)
    ingested = runner.invoke(app, ["ingest", "alone.pdf", "--db", "here.db"])
    assert ingested.exit_code == 0, ingested.output
    exported = runner.invoke(app, ["export", "letters", "--db", "here.db", "-f", "json"])
    assert [row["file"] for row in json.loads(exported.stdout)] == ["alone.pdf"]


def test_search_says_how_many_results_and_which_are_shown(db: str) -> None:
    args = ["--db", db, "search", '"management oversight"', "--la", "Rotherham"]
    result = runner.invoke(app, [*args, "--limit", "5"])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == "19 results, showing 1-5"
    every = runner.invoke(app, [*args, "--limit", "50"])
    assert every.stdout.splitlines()[0] == "19 results"


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (
            ["zzzqqq"],
            "no matches for 'zzzqqq': try other words, a prefix (safeguard*) or OR between words",
        ),
        (
            ["children", "--since", "2030-01-01"],
            "no matches for 'children': try other words, a prefix (safeguard*) or OR between "
            "words, or fewer filters",
        ),
    ],
)
def test_search_without_matches_says_so_with_a_hint(db: str, args: list[str], said: str) -> None:
    result = runner.invoke(app, ["--db", db, "search", *args])
    assert (result.exit_code, result.stdout) == (0, said + "\n")
