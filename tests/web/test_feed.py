"""The Atom feeds, the site's and one LA's, on a real ingest of Rotherham, Devon and Barnet.

Expected dates and grades come from the API's rows of the same database (which the page tests
check against the PDFs); Rotherham's walk-through pins the grade changes: inadequate in the
report published 19 November 2014, good on re-inspection (29 January 2018), good again in 2022
(no change), outstanding in 2025.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

import pytest
from fastapi.testclient import TestClient

from csc_inspections.model import HISTORY_AREAS
from csc_inspections.reference import by_urn
from csc_inspections.web.text import AREA_LABELS
from tests.web.conftest import BARNET, DEVON, R2014, R2018, R2025, ROTHERHAM

ATOM = "{http://www.w3.org/2005/Atom}"
DAY = re.compile(r"\d{4}-\d\d-\d\dT00:00:00Z")
LA_FEED = f"/la/{ROTHERHAM}/feed.atom"


def feed(client: TestClient, url: str, host: str | None = None) -> ET.Element:
    """The feed at `url`, parsed: a feed that is not well-formed XML fails here."""
    response = client.get(url, headers={"host": host} if host else None)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/atom+xml")
    return ET.fromstring(response.content)


def entries(root: ET.Element) -> list[dict[str, str]]:
    out = []
    for e in root.findall(f"{ATOM}entry"):
        link, category = e.find(f"{ATOM}link"), e.find(f"{ATOM}category")
        out.append(
            {
                name: e.findtext(f"{ATOM}{name}") or ""
                for name in ("title", "id", "updated", "published", "summary")
            }
            | {
                "href": link.get("href", "") if link is not None else "",
                "category": category.get("term", "") if category is not None else "",
            }
        )
    return out


def rows(client: TestClient, urn: int) -> list[dict[str, Any]]:
    """The LA's reports and letters as the API gives them."""
    body: dict[str, Any] = client.get(f"/api/las/{urn}").json()
    return [*body["reports"], *body["letters"]]


def by_report(found: list[dict[str, str]]) -> dict[int, dict[str, str]]:
    """Publication entries by the inspection id their link names."""
    out = {}
    for e in found:
        m = re.search(r"/report/(\d+)$", e["href"])
        if e["category"] in ("report", "letter") and m:
            out[int(m[1])] = e
    return out


@pytest.mark.parametrize("url", ["/feed.atom", LA_FEED])
def test_each_feed_is_well_formed_atom_with_unique_ids(client: TestClient, url: str) -> None:
    root = feed(client, url)
    assert root.tag == f"{ATOM}feed"
    found = entries(root)
    assert found
    assert len({e["id"] for e in found}) == len(found)
    for e in found:
        assert e["id"].startswith("tag:csc-inspections,2025:")
        assert e["title"] and e["summary"] and e["href"].startswith("http://testserver/")
    self_link = [x.get("href") for x in root.findall(f"{ATOM}link") if x.get("rel") == "self"]
    assert self_link == [f"http://testserver{url}"]


@pytest.mark.parametrize("url", ["/feed.atom", LA_FEED])
def test_entries_are_dated_by_publication_newest_first(client: TestClient, url: str) -> None:
    root = feed(client, url)
    found = entries(root)
    dates = [e["updated"] for e in found]
    assert all(DAY.fullmatch(d) for d in dates)
    assert dates == sorted(dates, reverse=True)
    assert all(e["published"] == e["updated"] for e in found)
    assert root.findtext(f"{ATOM}updated") == dates[0]
    published = {
        r["inspection_id"]: r["publication_date"]
        for urn in (ROTHERHAM, DEVON, BARNET)
        for r in rows(client, urn)
    }
    for inspection, e in by_report(found).items():
        assert e["updated"] == f"{published[inspection]}T00:00:00Z"


def test_the_site_feed_lists_the_newest_publications(client: TestClient) -> None:
    everything = [r for urn in (ROTHERHAM, DEVON, BARNET) for r in rows(client, urn)]
    dated = sorted(
        (r for r in everything if r["publication_date"]),
        key=lambda r: r["publication_date"],
        reverse=True,
    )
    listed = by_report(entries(feed(client, "/feed.atom")))
    assert len(listed) >= 10
    # The publications listed are the newest ones, whatever order they were stored in.
    oldest_listed = min(e["updated"] for e in listed.values())[:10]
    assert {r["inspection_id"] for r in dated if r["publication_date"] > oldest_listed} <= set(
        listed
    )


def test_report_entries_give_every_grade(client: TestClient, ids: dict[str, int]) -> None:
    listed = by_report(entries(feed(client, LA_FEED)))
    reports = [r for r in rows(client, ROTHERHAM) if "overall" in r]
    assert len(reports) == 4
    for report in reports:
        summary = listed[report["inspection_id"]]["summary"]
        graded = [a for a in HISTORY_AREAS if report[a]]
        assert graded
        for area in graded:
            assert f"{AREA_LABELS[area]}: {report[area]}" in summary
    assert "Overall effectiveness: inadequate" in listed[ids[R2014]]["summary"]
    assert "Overall effectiveness: good" in listed[ids[R2018]]["summary"]
    assert listed[ids[R2014]]["title"] == "Rotherham: SIF inspection published 19 November 2014"


def test_a_change_of_overall_grade_is_an_entry(client: TestClient, ids: dict[str, int]) -> None:
    changes = [e for e in entries(feed(client, LA_FEED)) if e["category"] == "grade change"]
    assert [e["title"] for e in changes] == [
        "Rotherham: overall effectiveness good to outstanding",
        "Rotherham: overall effectiveness inadequate to good",
    ]  # 2022 kept the grade: no entry
    upgrade = changes[1]
    assert upgrade["updated"] == "2018-01-29T00:00:00Z"
    assert upgrade["href"] == f"http://testserver/report/{ids[R2018]}"
    assert "previously inadequate (19 November 2014)" in upgrade["summary"]
    assert changes[0]["href"] == f"http://testserver/report/{ids[R2025]}"


def test_letter_entries_say_what_the_visit_looked_at(client: TestClient) -> None:
    letters = [r for r in rows(client, ROTHERHAM) if "topic" in r and r["publication_date"]]
    assert any(r["topic"] for r in letters)
    listed = by_report(entries(feed(client, LA_FEED)))
    for letter in letters:
        entry = listed[letter["inspection_id"]]
        assert entry["category"] == "letter"
        assert entry["summary"].startswith("Focused visit letter")
        assert (letter["topic"] or "") in entry["summary"]
        assert "grade" not in entry["summary"].lower()


def test_an_la_feed_holds_that_la_only(client: TestClient) -> None:
    root = feed(client, LA_FEED)
    assert "Rotherham" in (root.findtext(f"{ATOM}title") or "")
    found = entries(root)
    own = {r["inspection_id"] for r in rows(client, ROTHERHAM) if r["publication_date"]}
    assert set(by_report(found)) == own
    assert all(e["title"].startswith("Rotherham: ") for e in found)
    assert len(found) == len(own) + 2  # and its two grade changes


def test_an_unknown_la_has_no_feed(client: TestClient) -> None:
    assert by_urn(99999) is None
    assert client.get("/la/99999/feed.atom").status_code == 404
    assert client.get("/la/rotherham/feed.atom").status_code == 400


def test_the_la_page_links_its_feed_from_its_head(client: TestClient) -> None:
    page = client.get(f"/la/{ROTHERHAM}").text
    head = page.split("</head>", 1)[0]
    assert 'type="application/atom+xml" title="Rotherham: ' in head
    assert f'href="/la/{ROTHERHAM}/feed.atom"' in head


def test_an_la_feed_names_the_host_each_reader_asked_for(client: TestClient) -> None:
    first = client.get(LA_FEED, headers={"host": "evil.example"})
    second = client.get(LA_FEED, headers={"host": "inspections.example.org"})
    assert f"http://evil.example{LA_FEED}" in first.text
    assert "evil.example" not in second.text
    assert f"http://inspections.example.org{LA_FEED}" in second.text
