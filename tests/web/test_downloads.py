"""Data to take away (issue 14): every table's CSV (UTF-8 behind a BOM) and XLSX open with the
right columns, carry the numbers of the command line's exports, and are linked beside their
table."""

from __future__ import annotations

import csv
import io
import json

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from csc_inspections.cli import app
from csc_inspections.export import SHEET_COLUMNS
from csc_inspections.settings import Settings
from tests.cli.conftest import runner
from tests.web.conftest import DEVON, ROTHERHAM

BOM = b"\xef\xbb\xbf"
GRADES = ["outstanding", "good", "requires improvement", "inadequate"]
SHARES = ["total", "graded", "good_or_outstanding", "good_or_outstanding_pct", "inadequate_pct"]

# url (without .csv / .xlsx), query, the columns every file must start with, and the page that
# links to it
DOWNLOADS = [
    ("/la", "", list(SHEET_COLUMNS), "/la"),
    ("/la", "region=South West", list(SHEET_COLUMNS), "/la?region=South+West"),
    ("/national/areas", "as_at=2024-03-31", ["as_at", "area", *GRADES, *SHARES], "/national"),
    ("/national/regions", "as_at=2024-03-31", ["as_at", "region", *GRADES, *SHARES], "/national"),
    (
        "/national/years",
        "as_at=2024-03-31&area=overall",
        ["as_at", "area", *GRADES, *SHARES, "moved_up", "moved_down"],
        "/national",
    ),
    (f"/la/{ROTHERHAM}/timeline", "", ["date", "kind", "what", "overall"], f"/la/{ROTHERHAM}"),
    (
        f"/la/{ROTHERHAM}/neighbours",
        "",
        ["place", "urn", "la_code", "la_name", "region", "publication_date", "framework"],
        f"/la/{ROTHERHAM}",
    ),
    (
        f"/la/{ROTHERHAM}/compare",
        "a=2014&b=2018",
        ["urn", "la_name", "area", "wording_a", "wording_b", "note", "grade_a", "grade_b"],
        f"/la/{ROTHERHAM}/compare?a=2014&b=2018",
    ),
    ("/search", "q=neglect", ["file", "inspection_id", "kind", "urn", "la_name", "page"], None),
]


def _csv(client: TestClient, url: str, query: str) -> list[dict[str, str]]:
    response = client.get(f"{url}.csv?{query}")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.headers["content-disposition"].startswith("attachment; filename=")
    assert response.content.startswith(BOM)
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.mark.parametrize(("url", "query", "columns", "page"), DOWNLOADS)
def test_each_download_opens_with_its_columns(
    client: TestClient, url: str, query: str, columns: list[str], page: str | None
) -> None:
    rows = _csv(client, url, query)
    assert rows, url
    assert list(rows[0])[: len(columns)] == columns
    book = load_workbook(io.BytesIO(client.get(f"{url}.xlsx?{query}").content))
    sheet = [
        [c if c is not None else "" for c in r] for r in book.active.iter_rows(values_only=True)
    ]
    assert sheet[0] == list(rows[0])
    assert [[str(c) for c in r] for r in sheet[1:]] == [list(r.values()) for r in rows]
    if page is not None:  # the link stands beside the table (the search page is another's)
        assert f"{url}.csv" in client.get(page).text


def test_la_list_is_the_cli_export_latest(client: TestClient, settings: Settings) -> None:
    result = runner.invoke(app, ["--db", settings.db, "export", "latest", "--format", "csv"])
    assert result.exit_code == 0, result.output
    cli = list(csv.DictReader(io.StringIO(result.stdout)))
    assert _csv(client, "/la", "") == cli


def test_search_download_keeps_apostrophes_for_excel(client: TestClient) -> None:
    """The BOM tells Excel the file is UTF-8, so "children’s" is not read as "childrenâ€™s"."""
    raw = client.get("/search.csv?q=neglect").content
    assert raw.startswith(BOM)
    text = raw.decode("utf-8-sig", errors="strict")
    assert "’" in text or "'" in text


def test_region_list_is_the_regions_las(client: TestClient) -> None:
    rows = _csv(client, "/la", "region=South West")
    assert {r["region"] for r in rows} == {"South West"}
    assert str(DEVON) in {r["urn"] for r in rows}
    assert _csv(client, "/la", "region=Atlantis") == []


def test_regions_download_is_the_cli_stats(client: TestClient, settings: Settings) -> None:
    result = runner.invoke(
        app, ["--db", settings.db, "stats", "--as-at", "2024-03-31", "--format", "json"]
    )
    stats = json.loads(result.stdout)
    rows = {r["region"]: r for r in _csv(client, "/national/regions", "as_at=2024-03-31")}
    assert set(rows) == set(stats["regions"])
    for name, r in stats["shares"]["regions"].items():
        assert rows[name]["good_or_outstanding"] == str(r["good_or_outstanding"])
        pct = r["good_or_outstanding_pct"]
        assert rows[name]["good_or_outstanding_pct"] == ("" if pct is None else str(pct))
    for name, r in stats["regions"].items():
        assert [int(rows[name][g]) for g in GRADES] == [r["overall"].get(g, 0) for g in GRADES]


def test_areas_download_is_the_cli_stats(client: TestClient, settings: Settings) -> None:
    result = runner.invoke(
        app, ["--db", settings.db, "stats", "--as-at", "2024-03-31", "--format", "json"]
    )
    stats = json.loads(result.stdout)
    rows = {r["area"]: r for r in _csv(client, "/national/areas", "as_at=2024-03-31")}
    for area, counts in stats["areas"].items():
        assert [int(rows[area][g]) for g in GRADES] == [counts.get(g, 0) for g in GRADES]


def test_timeline_download_is_the_cli_history(client: TestClient, settings: Settings) -> None:
    result = runner.invoke(app, ["--db", settings.db, "history", "Rotherham", "-f", "csv"])
    assert result.exit_code == 0, result.output
    cli = list(csv.DictReader(io.StringIO(result.stdout)))
    assert _csv(client, f"/la/{ROTHERHAM}/timeline", "") == cli


def test_compare_download_is_the_cli_compare(client: TestClient, settings: Settings) -> None:
    args = ["--db", settings.db, "compare", "Rotherham", "2014", "2018", "-f", "csv"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    cli = list(csv.DictReader(io.StringIO(result.stdout)))
    rows = _csv(client, f"/la/{ROTHERHAM}/compare", "a=2014&b=2018")
    assert rows == cli
    assert rows[0]["urn"] == str(ROTHERHAM) and rows[0]["la_name"] == "Rotherham"
    assert rows[0]["published_a"] == "2014-11-19" and rows[0]["published_b"] == "2018-01-29"
    assert rows[0]["inspection_start_a"] == "2014-09-16"


def test_neighbours_download_is_the_la_page_table(client: TestClient) -> None:
    rows = _csv(client, f"/la/{ROTHERHAM}/neighbours", "")
    assert rows[0]["place"] == "this LA" and rows[0]["urn"] == str(ROTHERHAM)
    assert [r["place"] for r in rows[1:]] == [str(n) for n in range(1, len(rows))]
    page = client.get(f"/la/{ROTHERHAM}").text
    for r in rows[1:]:
        assert r["la_name"].replace("'", "&#39;") in page
