"""Bad input to every route gets the one error shape: `{"error", "status"}` under /api/, an
HTML error page elsewhere. A route that takes input and has no case here fails the test."""

from __future__ import annotations

import re

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from starlette.routing import Mount

from csc_inspections.settings import Settings
from csc_inspections.web import api, pages
from csc_inspections.web.app import create_app

# (URL, status, words the message must contain)
PAGE_CASES = [
    ("/la/abc/feed.atom", 400, "urn: "),
    ("/la/99999999/feed.atom", 404, "no local authority has URN 99999999"),
    ("/la?q=Atlantis", 400, "no local authority matches 'Atlantis'"),
    ("/la/Atlantis", 404, "no local authority matches 'Atlantis'"),
    ("/la/99999999", 404, "no local authority matches '99999999'"),
    ("/la/abc/compare", 400, "urn: "),
    ("/la/99999999/compare", 404, "no local authority has URN 99999999"),
    ("/la/80543/compare?a=1999&b=2014", 400, "no inspection matches '1999'"),
    ("/la/80543/compare?a=2014&b=2014", 400, "compare needs two different inspections"),
    ("/la/80543/compare.csv", 400, "a: Field required"),
    ("/themes/recovered.pdf", 400, "fmt: Input should be"),
    ("/la/80543/compare.pdf?a=2014&b=2018", 400, "fmt: "),
    ("/la.pdf", 400, "fmt: "),
    ("/la.csv?region=" + "x" * 501, 400, "region: "),
    ("/national/areas.csv?as_at=2020-13-01", 400, "as_at: "),
    ("/national/regions.xlsx?as_at=someday", 400, "as_at: "),
    ("/national/years.csv?area=lscb", 400, "area: "),
    ("/la/abc/timeline.csv", 400, "urn: "),
    ("/la/99999999/timeline.xlsx", 404, "no local authority has URN 99999999"),
    ("/la/99999999/neighbours.csv", 404, "no local authority has URN 99999999"),
    ("/search.csv", 400, "q: Field required"),
    ("/search.xlsx?q=care&since=2020-02-30", 400, "since: "),
    ("/la/80543/compare.md?a=2014&b=nonsense", 400, "no inspection matches 'nonsense'"),
    ("/report/abc", 400, "inspection_id: "),
    ("/report/999999", 404, "no report or letter has id 999999"),
    ("/report/999999/page/1", 404, "no report or letter has id 999999"),
    ("/report/1/page/x", 400, "number: "),
    ("/pdf/x", 400, "document_id: "),
    ("/pdf/999999", 404, "no PDF is served for document 999999"),
    ("/search?q=care&since=yesterday", 400, "since: 'yesterday' is not a date"),
    ("/search?q=care&la=Atlantis", 400, "no local authority matches 'Atlantis'"),
    ("/search?q=care&page=0", 400, "page: "),
    ("/national?as_at=31/12/2020", 400, "as_at: '31/12/2020' is not a date"),
    ("/national?as_at=1066-10-14", 400, "outside the years inspections cover"),
    ("/national?area=adoption", 400, "area: 'adoption' is not one of"),
    ("/nowhere", 404, "no such page"),
    ("/static/nowhere.css", 404, "no such page"),
]
API_CASES = [
    ("/api/las/abc", 400, "urn: "),
    ("/api/las/1", 404, "no local authority has URN 1"),
    ("/api/las/x/timeline", 400, "urn: "),
    ("/api/las/1/timeline", 404, "no local authority has URN 1"),
    ("/api/las/1/neighbours", 404, "no local authority has URN 1"),
    ("/api/las/80543/neighbours?as_at=soon", 400, "as_at: "),
    ("/api/las/80543/compare?a=2014", 400, "b: Field required"),
    ("/api/las/80543/compare?a=1999&b=2014", 400, "no inspection matches '1999'"),
    ("/api/inspections?limit=0", 400, "limit: "),
    ("/api/inspections?since=x", 400, "since: "),
    ("/api/inspections/x", 400, "inspection_id: "),
    ("/api/inspections/999999", 404, "no report or letter has id 999999"),
    ("/api/search", 400, "q: Field required"),
    ("/api/search?q=care&la=Atlantis", 400, "no local authority matches 'Atlantis'"),
    ("/api/stats?as_at=2020-13-01", 400, "as_at: "),
    ("/api/changes?from=x", 400, "from: "),
    ("/api/changes?area=lscb", 400, "area: 'lscb' is not one of"),
    ("/api/improvement-times?as_at=x", 400, "as_at: "),
    ("/api/themes?by=month", 400, "by: 'month' is not one of year, era, grade, region"),
    ("/api/themes/caseloads", 404, "no theme is called 'caseloads'"),
    ("/api/themes/workforce?by=year&group=1999", 400, "group: '1999' is not one of"),
    ("/api/las/1/themes", 404, "no local authority has URN 1"),
    ("/api/las/80543/themes?from=x", 400, "from: "),
    ("/api/nowhere", 404, "no such page"),
]
# Routes that take no input a user could get wrong.
NO_INPUT = {"/", "/about", "/guide", "/feed.atom", "/robots.txt", "/api/las", "/api/health",
            "/api/openapi.json", "/api/improvement-times/themes"}  # fmt: skip


@pytest.mark.parametrize(("url", "status", "message"), API_CASES)
def test_api_errors_have_one_json_shape(
    client: TestClient, url: str, status: int, message: str
) -> None:
    response = client.get(url)
    assert response.status_code == status
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert set(body) == {"error", "status"} and body["status"] == status
    assert message in body["error"]


@pytest.mark.parametrize(("url", "status", "message"), PAGE_CASES)
def test_page_errors_are_an_escaped_html_page(
    client: TestClient, url: str, status: int, message: str
) -> None:
    response = client.get(url)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("text/html")
    shown = re.search(r'<p class="body" id="error-message">(.*?)</p>', response.text, re.S)
    assert shown, response.text[:300]
    assert message.replace("'", "&#39;") in shown[1]


def test_only_reading_is_allowed(client: TestClient) -> None:
    api = client.post("/api/las")
    assert api.status_code == 405 and api.json() == {
        "error": "only reading is allowed here",
        "status": 405,
    }
    page = client.delete("/la/80543")
    assert page.status_code == 405 and "only reading is allowed here" in page.text


def test_a_crash_is_a_500_in_the_same_shape(settings: Settings) -> None:
    app = create_app(settings)

    def broken() -> None:
        raise RuntimeError("secret detail")

    app.add_api_route("/api/broken", broken)
    app.add_api_route("/broken", broken)
    with TestClient(app, raise_server_exceptions=False) as c:
        api, page = c.get("/api/broken"), c.get("/broken")
    assert api.status_code == 500
    assert api.json() == {"error": "something went wrong on our side", "status": 500}
    assert page.status_code == 500 and "secret detail" not in page.text


def _pattern(path: str) -> re.Pattern[str]:
    return re.compile("^" + re.sub(r"\\\{[^}]+\\\}", "[^/?]+", re.escape(path)) + r"(\?|$)")


def test_every_route_has_a_bad_input_case(settings: Settings) -> None:
    routes = [*api.router.routes, *pages.router.routes, *create_app(settings).routes]
    paths = [r.path for r in routes if isinstance(r, APIRoute | Mount)]
    assert len(paths) > 20
    urls = [url for url, _, _ in PAGE_CASES + API_CASES]
    untested = [
        p
        for p in paths
        if p not in NO_INPUT
        and not any(_pattern(p).match(u) or u.startswith(p + "/") for u in urls)
    ]
    assert untested == []
