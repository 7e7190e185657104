"""The answer commands wired end to end: JSON shapes and what they say for Rotherham.

The analysis itself is tested in tests/analysis/; here, that each command reads the store,
calls it and prints what it promises.
"""

from __future__ import annotations

import csv
import io
import json

from csc_inspections.cli import app
from tests.cli.conftest import runner

GRADES = {"outstanding", "good", "requires improvement", "inadequate"}


def run_json(db: str, *args: str) -> object:
    result = runner.invoke(app, ["--db", db, *args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_stats_json_shape(db: str) -> None:
    stats = run_json(db, "stats", "--as-at", "2020-01-01")
    assert isinstance(stats, dict)
    assert stats["as_at"] == "2020-01-01" and stats["las_counted"] == 1
    assert set(stats["areas"]) >= {"overall", "leadership", "help_protection", "children_in_care"}
    assert set(stats["areas"]["overall"]) == GRADES
    # on 2020-01-01 Rotherham's latest report was the 2018 re-inspection: good (labels.csv)
    assert stats["regions"] == {
        "Yorkshire and the Humber": {
            "overall": {"outstanding": 0, "good": 1, "requires improvement": 0, "inadequate": 0}
        }
    }


def test_history_csv_in_date_order_with_letters_and_citations(db: str) -> None:
    result = runner.invoke(app, ["--db", db, "history", "Rotherham", "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["date"] for r in rows] == sorted(r["date"] for r in rows)
    kinds = [r["kind"] for r in rows]
    assert kinds.count("report") == 4 and kinds.count("letter") == 3
    first_report = next(r for r in rows if r["kind"] == "report")
    assert (first_report["date"], first_report["overall"]) == ("2014-09-16", "inadequate")


def test_changes_and_transitions(db: str) -> None:
    data = run_json(db, "changes", "--from", "2014-01-01", "--to", "2026-12-31")
    assert isinstance(data, dict)
    # labels.csv: inadequate (2014) -> good (2018) -> good (2022) -> outstanding (2025)
    moves = [(c["from_grade"], c["to_grade"], c["direction"]) for c in data["changes"]]
    assert moves == [("inadequate", "good", "up"), ("good", "outstanding", "up")]
    assert data["transitions"]["good"]["good"] == 1


def test_improvement_times(db: str) -> None:
    data = run_json(db, "improvement-times")
    assert isinstance(data, dict)
    (episode,) = data["episodes"]
    assert (episode["start_date"], episode["end_date"], episode["improved"]) == (
        "2014-11-19",
        "2018-01-29",
        True,
    )


def test_neighbours(db: str) -> None:
    data = run_json(db, "neighbours", "Rotherham")
    assert isinstance(data, dict)
    assert data["la"]["la_name"] == "Rotherham" and len(data["neighbours"]) == 10
    assert data["region"] == "Yorkshire and the Humber"


def test_compare_csv_rotherham_2014_against_2017(db: str) -> None:
    """Grades read from page 1 of the two PDFs (19 November 2014, 29 January 2018)."""
    args = ["--db", db, "compare", "Rotherham", "2014", "2017", "--format", "csv"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    rows = {r["area"]: r for r in csv.DictReader(io.StringIO(result.stdout))}
    got = {area: (r["grade_a"], r["grade_b"], r["change"]) for area, r in rows.items()}
    assert got["help_protection"] == ("inadequate", "good", "improved")
    assert got["children_in_care"] == ("inadequate", "requires improvement", "improved")
    assert got["care_leavers"] == ("inadequate", "outstanding", "improved")
    assert got["overall"] == ("inadequate", "good", "improved")
    assert rows["leadership"]["finding_b"].startswith("Senior leaders and managers in Rotherham")


def test_compare_every_format_and_a_bad_reference(db: str) -> None:
    for fmt in ("table", "markdown", "html"):
        result = runner.invoke(app, ["--db", db, "compare", "80543", "2014", "2025", "-f", fmt])
        assert result.exit_code == 0, result.output
        assert "Rotherham" in result.stdout
    body = run_json(db, "compare", "Rotherham", "2014", "2025")
    assert isinstance(body, dict) and body["a"]["publication_date"] == "2014-11-19"
    result = runner.invoke(app, ["--db", db, "compare", "Rotherham", "2014", "1999"])
    assert result.exit_code == 2 and "1999" in result.output


def test_compare_says_when_it_put_a_and_b_in_date_order(db: str) -> None:
    given = runner.invoke(app, ["--db", db, "compare", "Rotherham", "2025", "2014", "-f", "json"])
    assert given.exit_code == 0, given.output
    assert given.stderr == (
        "note: A and B put in date order: A is 2014 (published 2014-11-19), "
        "B is 2025 (published 2025-12-16)\n"
    )
    assert json.loads(given.stdout)["a"]["publication_date"] == "2014-11-19"
    in_order = runner.invoke(app, ["--db", db, "compare", "Rotherham", "2014", "2025"])
    assert in_order.exit_code == 0 and in_order.stderr == ""
