"""The themes under /api/: the national table, the inspections behind each of its numbers (by
following the table's own `points` links), an LA's themes, and a comparison's themes.

Each number is recomputed here from other routes of the API: the reports of /api/las/{urn}
and each one's improvement points with their themes from /api/inspections/{id}. A report counts
when it is a graded SIF or ILACS report (framework not `other`) with points of its own (scope
`main`), dated by its last day on site, and asks for a theme when one of those points is tagged
with it.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import BARNET, DEVON, ROTHERHAM

Json = dict[str, Any]


def get(client: TestClient, url: str, **params: str) -> Any:
    response = client.get(url, params=params)
    assert response.status_code == 200, (url, response.text[:300])
    return response.json()


def day(document: Json) -> str:
    keys = ("inspection_end", "inspection_start", "visit_end", "visit_start", "letter_date")
    return next((document[k] for k in keys if document.get(k)), document["publication_date"])


def asks(client: TestClient, document: Json, scopes: tuple[str, ...] = ("main",)) -> set[str]:
    """The themes of a report's or letter's improvement points of `scopes`."""
    detail = get(client, f"/api/inspections/{document['inspection_id']}")
    return {t for r in detail["recommendations"] if r["scope"] in scopes for t in r["themes"]}


@pytest.fixture(scope="module")
def reports(client: TestClient) -> list[tuple[Json, set[str]]]:
    """The reports the table counts, each with the themes it asks for."""
    found = []
    for urn in (ROTHERHAM, DEVON, BARNET):
        for report in get(client, f"/api/las/{urn}")["reports"]:
            themes = asks(client, report)
            detail = get(client, f"/api/inspections/{report['inspection_id']}")
            if report["framework"] != "other" and any(
                r["scope"] == "main" for r in detail["recommendations"]
            ):
                found.append((report, themes))
    assert len(found) == 10  # Rotherham 4, Devon 3, Barnet 3
    return found


def test_every_number_of_the_table(
    client: TestClient, reports: list[tuple[Json, set[str]]]
) -> None:
    sizes: dict[str, int] = defaultdict(int)
    for report, _ in reports:
        sizes[day(report)[:4]] += 1
    table = get(client, "/api/themes")
    assert table["by"] == "year" and table["inspections"] == len(reports)
    assert {g["group"]: g["inspections"] for g in table["groups"]} == sizes
    for row in table["themes"]:
        for cell in row["cells"]:
            of = [t for r, t in reports if day(r)[:4] == cell["group"]]
            assert (cell["asked"], cell["of"]) == (sum(row["theme"] in t for t in of), len(of))
            assert cell["share"] == pytest.approx(cell["asked"] / cell["of"])
        total = row["total"]
        assert (total["asked"], total["of"]) == (
            sum(row["theme"] in t for _, t in reports),
            len(reports),
        )
    labels = {row["theme"]: row["label"] for row in table["themes"]}
    assert labels["management_oversight"] == "Management oversight and supervision"


def test_the_points_behind_every_number(
    client: TestClient, reports: list[tuple[Json, set[str]]]
) -> None:
    """Follow each non-zero cell's link: the inspections listed are the ones counted."""
    table = get(client, "/api/themes", by="grade")
    followed = 0
    for row in table["themes"]:
        for cell in [*row["cells"], row["total"]]:
            link = urlsplit(cell["points"])
            query = {k: v[0] for k, v in parse_qs(link.query).items()}
            assert link.path == f"/api/themes/{row['theme']}"
            behind = get(client, link.path, **query)
            assert (behind["asked"], behind["of"]) == (cell["asked"], cell["of"])
            assert len(behind["inspections"]) == cell["asked"]
            expected = {
                r["file"]
                for r, t in reports
                if row["theme"] in t and ("group" not in query or r["overall"] == query["group"])
            }
            assert {i["file"] for i in behind["inspections"]} == expected
            followed += bool(cell["asked"])
    assert followed > 20


def test_an_inspection_behind_a_number_with_its_points(
    client: TestClient, ids: dict[str, int]
) -> None:
    behind = get(client, "/api/themes/assessment", by="year", group="2014")
    assert behind["theme"]["label"] == "Assessments" and behind["group"] == "2014"
    (first, *_) = behind["inspections"]
    detail = get(client, f"/api/inspections/{first['inspection_id']}")
    tagged = [
        r for r in detail["recommendations"] if r["scope"] == "main" and "assessment" in r["themes"]
    ]
    assert [(p["number"], p["page"], p["text"]) for p in first["points"]] == [
        (r["number"], r["page"], r["text"]) for r in tagged
    ]
    assert first["report_url"] == f"/report/{first['inspection_id']}"
    point = first["points"][0]
    assert point["page_url"] == f"/report/{first['inspection_id']}/page/{point['page']}"
    page = client.get(point["page_url"])
    assert page.status_code == 200 and point["text"].split()[0] in page.text
    assert first["inspection_id"] in ids.values()


def test_dates_narrow_the_table(client: TestClient, reports: list[tuple[Json, set[str]]]) -> None:
    table = get(client, "/api/themes", **{"from": "2018-01-01", "to": "2022-12-31"})
    assert (table["from"], table["to"]) == ("2018-01-01", "2022-12-31")
    assert table["inspections"] == sum("2018" <= day(r) <= "2022-12-31" for r, _ in reports)
    cell = table["themes"][0]["cells"][0]
    assert "from=2018-01-01" in cell["points"] and "to=2022-12-31" in cell["points"]


def test_an_las_themes(client: TestClient, reports: list[tuple[Json, set[str]]]) -> None:
    body = get(client, f"/api/las/{ROTHERHAM}")
    documents = [*body["reports"], *body["letters"]]
    days: dict[str, list[str]] = defaultdict(list)
    for d in documents:
        for t in asks(client, d, ("main", "agencies")):
            days[t].append(day(d))
    found = get(client, f"/api/las/{ROTHERHAM}/themes")
    assert found["la"] == {
        "urn": ROTHERHAM,
        "name": "Rotherham",
        "region": "Yorkshire and the Humber",
    }
    assert {t["theme"]: t["times"] for t in found["themes"]} == {t: len(v) for t, v in days.items()}
    own = [t for r, t in reports if r["urn"] == ROTHERHAM]
    for t in found["themes"]:
        assert (t["first"], t["last"]) == (min(days[t["theme"]]), max(days[t["theme"]]))
        assert (t["la"]["asked"], t["la"]["of"]) == (sum(t["theme"] in a for a in own), len(own))
        assert t["region"] == t["la"]  # no other LA of Yorkshire and the Humber is held
        assert t["neighbours"] == {"asked": 0, "of": 0, "share": None, "percent": None}
        assert t["national"]["of"] == len(reports)
        assert all(d["report_url"] == f"/report/{d['inspection_id']}" for d in t["documents"])


def test_a_comparisons_themes(client: TestClient) -> None:
    found = get(client, f"/api/las/{ROTHERHAM}/compare", a="2014", b="2017")
    a = asks(client, get(client, f"/api/inspections/{found['a']['inspection_id']}")["facts"])
    b = asks(client, get(client, f"/api/inspections/{found['b']['inspection_id']}")["facts"])
    assert {t["theme"]: t["status"] for t in found["themes"]} == {
        **{t: "still asked" for t in a & b},
        **{t: "no longer asked" for t in a - b},
        **{t: "newly asked" for t in b - a},
    }
    still = next(t for t in found["themes"] if t["status"] == "still asked")
    assert still["a"] and still["b"] and still["label"]


@pytest.mark.parametrize(
    ("url", "status", "said"),
    [
        ("/api/themes/caseloads", 404, "no theme is called 'caseloads'; the themes are "),
        ("/api/themes?by=month", 400, "by: 'month' is not one of year, era, grade, region"),
        ("/api/themes/workforce?by=month", 400, "by: 'month' is not one of year, era, grade, "),
        ("/api/themes/workforce?group=2015", 400, "group needs by: "),
        ("/api/themes/workforce?by=year&group=1999", 400, "group: '1999' is not one of 2014, "),
        ("/api/themes?from=2020-13-01", 400, ""),
        ("/api/las/1/themes", 404, "no local authority has URN 1"),
    ],
)
def test_errors_in_the_one_shape(client: TestClient, url: str, status: int, said: str) -> None:
    response = client.get(url)
    assert response.status_code == status
    body = response.json()
    assert body["status"] == status and body["error"].startswith(said)


def test_what_councils_out_of_inadequate_were_no_longer_asked(
    client: TestClient, reports: list[tuple[Json, set[str]]]
) -> None:
    """Recounted from /api/improvement-times' recoveries and each report's own points."""
    themes_of = {r["file"]: found for r, found in reports}
    episodes = get(client, "/api/improvement-times")["episodes"]
    pairs = [
        (themes_of[e["start_file"]], themes_of[e["end_file"]])
        for e in episodes
        if e["improved"] and e["start_file"] in themes_of and e["end_file"] in themes_of
    ]
    assert pairs  # Rotherham: inadequate in 2014, good in 2018
    found = get(client, "/api/improvement-times/themes")
    assert len(found["recoveries"]) == len(pairs)
    rows = {r["theme"]: r for r in found["themes"]}
    everything = {t for bad, good in pairs for t in bad | good}
    assert set(rows) == everything
    for theme, row in rows.items():
        asked = sum(theme in bad for bad, _ in pairs)
        dropped = sum(theme in bad and theme not in good for bad, good in pairs)
        new = sum(theme not in bad and theme in good for bad, good in pairs)
        assert (row["asked_when_inadequate"], row["no_longer_asked"]) == (asked, dropped), theme
        assert (row["still_asked"], row["newly_asked"]) == (asked - dropped, new), theme
    # The page's download gives the same rows
    text = client.get("/themes/recovered.csv").content.decode("utf-8-sig")
    lines = list(csv.DictReader(io.StringIO(text)))
    assert [(r["theme"], int(r["no_longer_asked"])) for r in lines] == [
        (r["theme"], r["no_longer_asked"]) for r in found["themes"]
    ]
    page = client.get("/themes").text
    assert 'id="recovered-table"' in page and f"The {len(pairs)} recoveries counted" in page
