"""Every JSON route, and the OpenAPI description. Grades and dates as in labels.csv (checked
against page 1 of each report); the counts follow from them by hand."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from tests.web.conftest import BARNET, DEVON, R2014, R2018, R2025, ROTHERHAM


def test_las_lists_every_la_with_its_latest_graded_report(client: TestClient) -> None:
    las = {la["urn"]: la for la in client.get("/api/las").json()}
    assert len(las) > 150  # every LA of the lookup, held or not
    rotherham = las[ROTHERHAM]
    assert rotherham["name"] == "Rotherham" and rotherham["la_code"] == "372"
    assert rotherham["latest"]["file"] == R2025
    assert rotherham["latest"]["grades"]["overall"] == "outstanding"
    assert las[DEVON]["latest"]["grades"]["overall"] == "inadequate"  # 13 May 2025
    assert las[BARNET]["latest"]["grades"]["children_in_care"] == "outstanding"  # 23 July 2024
    assert rotherham["url"] == "/la/80543"


def test_la_reports_letters_and_citations(client: TestClient) -> None:
    body = client.get(f"/api/las/{ROTHERHAM}").json()
    assert body["la"]["region"] == "Yorkshire and the Humber"
    reports = {r["file"]: r for r in body["reports"]}
    assert reports[R2014]["overall"] == "inadequate"
    assert reports[R2014]["inspection_start"] == "2014-09-16"
    assert reports[R2018]["children_in_care"] == "requires improvement"
    assert reports[R2018]["care_leavers"] == "outstanding"
    assert len(body["letters"]) == 3
    assert {c["month"] for c in body["cited"]} >= {"2012-07-01", "2010-07-01"}


def test_la_timeline_is_in_date_order(client: TestClient) -> None:
    events = client.get(f"/api/las/{ROTHERHAM}/timeline").json()
    dates = [e["date"] for e in events]
    assert dates == sorted(dates)
    reports = [e for e in events if e["kind"] == "report"]
    assert [e["grades"].get("overall") for e in reports] == [
        "inadequate",
        "good",
        "good",
        "outstanding",
    ]
    assert sum(e["kind"] == "letter" for e in events) == 3


def test_la_neighbours(client: TestClient) -> None:
    body = client.get(f"/api/las/{ROTHERHAM}/neighbours", params={"as_at": "2019-01-01"}).json()
    assert body["la"]["grades"]["overall"] == "good"  # the 2018 re-inspection
    assert len(body["neighbours"]) == 10
    assert body["region"] == "Yorkshire and the Humber"


def test_la_comparison(client: TestClient, ids: dict[str, int]) -> None:
    body = client.get(f"/api/las/{ROTHERHAM}/compare", params={"a": "2017", "b": "2014"}).json()
    assert body["a"]["inspection_id"] == ids[R2014]  # A is always the earlier
    assert body["b"]["inspection_id"] == ids[R2018]
    rows = {r["area"]: r for r in body["rows"]}
    assert (rows["care_leavers"]["grade_a"], rows["care_leavers"]["grade_b"]) == (
        "inadequate",
        "outstanding",
    )
    assert len(body["still_to_improve"]) == 8  # the 2018 report's eight recommendations


def test_inspections_filtered(client: TestClient) -> None:
    body = client.get("/api/inspections", params={"since": "2024-01-01"}).json()
    assert {r["file"] for r in body["inspections"]} == {
        R2025,
        "80461_devon/children's services inspection - 13 may 2025.pdf",
        "80487_barnet/children's services inspection - 23 july 2024.pdf",
    }
    assert body["total"] == 3
    one = client.get("/api/inspections", params={"urn": ROTHERHAM, "limit": 1, "offset": 1})
    assert one.json()["total"] == 4 and one.json()["inspections"][0]["file"] == R2018


def test_one_inspection_with_judgements_and_provenance(
    client: TestClient, ids: dict[str, int]
) -> None:
    body = client.get(f"/api/inspections/{ids[R2018]}").json()
    judged = {j["area"]: j for j in body["judgements"]}
    assert judged["care_leavers"] == {
        "area": "care_leavers",
        "grade": "outstanding",
        "area_text": "Experiences and progress of care leavers",
        "grade_text": "Outstanding",
        "page": 1,
    }
    fields = {p["field"]: p for p in body["provenance"]}
    assert fields["publication_date"]["page"] == 1
    assert "29 January 2018" in fields["publication_date"]["text"]
    assert body["document"]["pdf_url"] == f"/pdf/{body['document']['id']}"
    assert body["facts"]["lead_inspector"] == "Lisa Summers"


def test_search(client: TestClient, ids: dict[str, int]) -> None:
    body = client.get(
        "/api/search", params={"q": '"management oversight"', "la": "Rotherham", "kind": "sif"}
    ).json()
    assert {h["inspection_id"] for h in body["hits"]} == {ids[R2014]}
    assert {h["page"] for h in body["hits"]} == {3, 4, 14, 15, 21, 22, 29, 32}
    hit = body["hits"][0]
    assert re.search(r"\*\*management\s+oversight\*\*", hit["snippet"], re.I)
    assert hit["page_url"] == f"/report/{ids[R2014]}/page/{hit['page']}"
    assert hit["pdf_url"].endswith(f"#page={hit['page']}")
    assert body["more"] is False


def test_stats_as_at(client: TestClient) -> None:
    body = client.get("/api/stats", params={"as_at": "2016-01-01"}).json()
    # Rotherham 2014 (leadership inadequate) and Devon 2015 (leadership requires improvement).
    assert body["las_counted"] == 2
    assert body["areas"]["leadership"] == {
        "outstanding": 0,
        "good": 0,
        "requires improvement": 1,
        "inadequate": 1,
    }


def test_changes_and_transitions(client: TestClient) -> None:
    body = client.get("/api/changes", params={"from": "2018-01-01", "to": "2018-12-31"}).json()
    assert [(c["la_name"], c["from_grade"], c["to_grade"]) for c in body["changes"]] == [
        ("Rotherham", "inadequate", "good")
    ]
    assert body["transitions"]["inadequate"]["good"] >= 2  # Rotherham 2018, Barnet 2019


def test_improvement_times(client: TestClient) -> None:
    body = client.get("/api/improvement-times", params={"as_at": "2026-01-01"}).json()
    starts = {(e["la_name"], e["start_date"]) for e in body["episodes"]}
    assert ("Rotherham", "2014-11-19") in starts and ("Barnet", "2017-07-07") in starts


def test_openapi_describes_the_api_only(client: TestClient) -> None:
    spec = client.get("/api/openapi.json").json()
    assert set(spec["paths"]) == {
        "/api/las",
        "/api/las/{urn}",
        "/api/las/{urn}/timeline",
        "/api/las/{urn}/neighbours",
        "/api/las/{urn}/compare",
        "/api/inspections",
        "/api/inspections/{inspection_id}",
        "/api/search",
        "/api/stats",
        "/api/changes",
        "/api/improvement-times",
        "/api/improvement-times/themes",
        "/api/health",
        "/api/themes",
        "/api/themes/{theme}",
        "/api/las/{urn}/themes",
    }
    assert "Error" in spec["components"]["schemas"]
    assert client.get("/api/docs").status_code == 404  # no CDN-loaded docs page


def test_health_counts_documents_and_is_never_cached(client: TestClient) -> None:
    first = client.get("/api/health").json()
    assert first["status"] == "ok" and first["warming"] is False  # the test app does not warm
    assert first["documents"] == 18  # the three folders: 10 reports (an 11th is HTML), 8 letters
    for _ in range(2):  # a page is kept once it is asked for a second time
        client.get(f"/la/{ROTHERHAM}")
    assert client.get("/api/health").json()["pages_kept"] >= 1
