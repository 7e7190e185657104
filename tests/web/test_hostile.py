"""Hostile requests: every route, for any value of any parameter, answers below 500 with a
message, HEAD answers as GET does, and pages can be revalidated (ETag, Last-Modified, 304).

The routes are read from the app itself (and the API's from its OpenAPI document too), so a
route added later is driven by the property test without being listed here. Each example is
one GET and one HEAD; `EXAMPLES` of them per database keep the test under a minute.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime, parsedate_to_datetime
from typing import Any
from urllib.parse import quote, urlencode

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from httpx2 import Response
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from starlette.routing import BaseRoute, Mount, Route

from tests.web.conftest import R2014, ROTHERHAM

EXAMPLES = 300  # 600 requests a database, about 10 s on two shared cores
BIG = "1" + "0" * 19  # twenty digits: beyond a 64-bit integer
HOSTILE = (
    "", " ", "\x00", "'", '"', "%", "%00", "\\", "..", "../../etc/passwd",
    "<script>alert(1)</script>", '" onmouseover="x', "Ö", "名前", "\u202e", "😀", "x" * 600,
    "1" * 5000, "²", "٣", "-1",
    "0", BIG, "-" + BIG, "1e5", "NaN", "2020-01-01", "2020-02-30", "0000-00-00", "9999-12-31",
    "0001-01-01", "1066-10-14", "31/12/2020", "Rotherham", "80543", "overall", "*", "AND",
)  # fmt: skip
VALUES = st.one_of(
    st.sampled_from(HOSTILE),
    st.integers().map(str),
    st.integers(min_value=-(10**40), max_value=10**40).map(str),
    st.dates().map(str),
    st.text(max_size=40),
    st.text(alphabet="0123456789-", min_size=1, max_size=30),
)


def routes(client: TestClient) -> list[tuple[str, list[str]]]:
    """Every GET route of the app: its path template and the names of its query values."""
    return _routes(client.app.routes)  # type: ignore[attr-defined]


def _routes(among: list[BaseRoute]) -> list[tuple[str, list[str]]]:
    found: list[tuple[str, list[str]]] = []
    for r in among:
        included = getattr(r, "original_router", None)  # a router the app includes
        if included is not None:
            found += _routes(included.routes)
        elif isinstance(r, APIRoute) and r.methods and "GET" in r.methods:
            found.append((r.path, [p.alias for p in r.dependant.query_params]))
        elif isinstance(r, Route) and r.methods and "GET" in r.methods:
            found.append((r.path, []))
        elif isinstance(r, Mount):
            found.append((r.path + "/{path}", []))
    return found


def url_for(template: str, path_values: list[str], query: dict[str, str]) -> str:
    names = re.findall(r"\{([^}]+)\}", template)
    url = template
    for name, value in zip(names, path_values, strict=False):
        url = url.replace("{" + name + "}", quote(value, safe=""))
    return url + ("?" + urlencode(query) if query else "")


def assert_answered(url: str, response: Response) -> None:
    """Below 500; an error carries its message in the interface's one shape (the path as
    sent: the client resolves '..' and '.')."""
    assert response.status_code < 500, (url, response.status_code)
    if response.status_code < 400:
        return
    path = response.request.url.path
    if path == "/api" or path.startswith("/api/"):
        body: dict[str, Any] = response.json()
        assert body["status"] == response.status_code and body["error"], url
    else:
        assert response.headers["content-type"].startswith("text/html"), url
        assert 'id="error-message">' in response.text, url


def test_the_api_routes_are_those_the_openapi_document_lists(client: TestClient) -> None:
    listed = set(client.get("/api/openapi.json").json()["paths"])
    served = {path for path, _ in routes(client) if path.startswith("/api/")}
    assert listed == served - {"/api/openapi.json"} and len(routes(client)) > 20


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_any_value_of_any_parameter_is_answered_below_500(
    client: TestClient, data: st.DataObject
) -> None:
    template, names = data.draw(st.sampled_from(routes(client)), label="route")
    path_values = [data.draw(VALUES) for _ in re.findall(r"\{[^}]+\}", template)]
    asked = data.draw(st.lists(st.sampled_from(names), unique=True)) if names else []
    url = url_for(template, path_values, {name: data.draw(VALUES) for name in asked})
    got = client.get(url, follow_redirects=False)
    assert_answered(url, got)
    head = client.head(url, follow_redirects=False)
    assert head.status_code == got.status_code, url
    assert head.content == b""


def _with_big_numbers(template: str) -> str:
    return re.sub(r"\{[^}]+\}", BIG, template)


def test_numbers_beyond_the_database_are_not_found(client: TestClient) -> None:
    """Twenty digits in every path value and in every query value that takes a number: the
    database cannot hold them (SQLite: OverflowError; PostgreSQL: NumericValueOutOfRange)."""
    urls = [_with_big_numbers(path) for path, _ in routes(client) if "{" in path]
    urls += [f"/api/inspections?urn={BIG}", f"/la/{ROTHERHAM}/compare?a={BIG}&b=2014"]
    urls += [f"/search?q=care&page={BIG}", f"/api/inspections?offset={BIG}"]
    for url in urls:
        got = client.get(url, follow_redirects=False)
        assert_answered(url, got)
        assert client.head(url).status_code == got.status_code
    assert client.get(f"/report/{BIG}").status_code == 404
    assert f"nothing is stored under inspection_id {BIG}" in client.get(f"/report/{BIG}").text
    assert client.get(f"/api/inspections?urn={BIG}").json() == {
        "error": f"nothing is stored under urn {BIG}",
        "status": 404,
    }


@pytest.mark.parametrize(
    "url",
    [
        "/search?q=care%00x",
        "/api/search?q=care%00x",
        "/la/80543/compare?a=%00&b=2014",
        "/api/las/80543/compare?a=2014&b=%00",
        "/la/%00",
        "/national?as_at=%00",
    ],
)
def test_a_nul_character_is_answered(client: TestClient, url: str) -> None:
    """PostgreSQL refuses NUL in text (a DataError of its driver); SQLite takes it."""
    assert_answered(url, client.get(url, follow_redirects=False))


@pytest.mark.parametrize("ref", ["Atlantis", "99999999", BIG, "²"])
def test_an_unknown_la_is_404_on_the_site_as_in_the_api(client: TestClient, ref: str) -> None:
    page = client.get(f"/la/{quote(ref)}")
    assert page.status_code == 404 and "no local authority matches" in page.text
    assert client.get("/api/las/99999999").status_code == 404


@pytest.mark.parametrize(
    "url", ["/", "/about", f"/la/{ROTHERHAM}", "/national", "/api/las", "/robots.txt"]
)
def test_head_answers_as_get_does(client: TestClient, url: str) -> None:
    got, head = client.get(url), client.head(url)
    assert head.status_code == got.status_code == 200 and head.content == b""
    for name in ("content-length", "content-type", "etag", "last-modified"):
        assert head.headers[name] == got.headers[name], name


def test_pages_are_revalidated_by_etag_and_last_modified(client: TestClient) -> None:
    url = f"/la/{ROTHERHAM}"
    first = client.get(url)
    etag, modified = first.headers["etag"], first.headers["last-modified"]
    assert first.headers["cache-control"] == "no-cache"
    assert etag != client.get("/about").headers["etag"]
    for headers in ({"if-none-match": etag}, {"if-none-match": f'"x", W/{etag}'}):
        again = client.get(url, headers=headers)
        assert again.status_code == 304 and again.content == b"", headers
        assert again.headers["etag"] == etag
    assert client.head(url, headers={"if-none-match": etag}).status_code == 304
    assert client.get(url, headers={"if-modified-since": modified}).status_code == 304
    earlier = parsedate_to_datetime(modified) - timedelta(seconds=1)
    assert client.get(url, headers={"if-modified-since": format_datetime(earlier, True)}).is_success
    assert client.get(url, headers={"if-modified-since": "yesterday"}).status_code == 200
    stale = {"if-none-match": '"old"', "if-modified-since": modified}  # the ETag decides
    assert client.get(url, headers=stale).status_code == 200


def test_last_modified_is_the_last_ingest_or_today(client: TestClient) -> None:
    """Nothing a page shows changed after it: not before the start of today (pages run to
    today), never in the future."""
    modified = parsedate_to_datetime(client.get("/").headers["last-modified"])
    now = datetime.now(UTC)
    assert now.replace(hour=0, minute=0, second=0, microsecond=0) <= modified <= now


def test_files_keep_their_own_etag_and_are_revalidated(
    client: TestClient, documents: dict[str, int]
) -> None:
    url = f"/pdf/{documents[R2014]}"
    first = client.get(url)
    assert first.status_code == 200 and first.content.startswith(b"%PDF")
    again = client.get(url, headers={"if-none-match": first.headers["etag"]})
    assert again.status_code == 304 and again.content == b""
    head = client.head(url)
    assert head.headers["content-length"] == first.headers["content-length"]
    assert head.content == b""


def test_errors_are_never_revalidated(client: TestClient) -> None:
    missing = client.get("/report/999999", headers={"if-none-match": "*"})
    assert missing.status_code == 404 and "etag" not in missing.headers
