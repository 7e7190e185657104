"""Report text is untrusted: a PDF can say anything. A letter whose text carries markup is
stored through the real parse and store path, and every page shows that markup as text; so do
hostile query strings. Only the site's own <mark> survives in search snippets."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import replace

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import delete
from sqlalchemy.exc import DBAPIError

from csc_inspections.ingest import ingest, resolve_la
from csc_inspections.parse import PARSER_VERSION, parse
from csc_inspections.pdf import read_document
from csc_inspections.settings import Settings
from csc_inspections.store.db import connect
from csc_inspections.store.schema import meta
from csc_inspections.store.write import store
from csc_inspections.web.app import create_app
from tests.conftest import CORPUS
from tests.databases import new_database
from tests.web.conftest import R_LETTER_2019, ROTHERHAM

SCRIPT = "<script>alert('topic')</script>"
IMAGE = "<img src=x onerror=alert(1)>"
HOSTILE_LABEL = "80543_rotherham/<b>hostile</b> focused visit - 15 april 2019.pdf"


@pytest.fixture(scope="module")
def hostile(
    tmp_path_factory: pytest.TempPathFactory, backend: str
) -> Iterator[tuple[TestClient, int]]:
    """Rotherham's reports, plus its 2019 letter with markup written into its text."""
    path = new_database(backend, tmp_path_factory.mktemp("hostile"), "hostile")
    engine = connect(path)
    ingest(engine, [CORPUS / "reports" / "80543_rotherham"])
    doc = read_document(CORPUS / "letters" / R_LETTER_2019, R_LETTER_2019)
    first = doc.pages[0]
    text = first.text.replace(
        "arrangements for permanence", f"arrangements for {SCRIPT} permanence"
    )
    text = text.replace("management oversight of", f"management oversight {IMAGE} of")
    assert text != first.text
    pages = (replace(first, text=text), *doc.pages[1:])
    bad = replace(doc, label=HOSTILE_LABEL, sha256="0" * 64, pages=pages)
    parsed = parse(bad.pages, bad.label)
    store(engine, bad, parsed, resolve_la(parsed, bad.label), PARSER_VERSION)
    engine.dispose()
    with TestClient(create_app(Settings(db=str(path), corpus=CORPUS))) as client:
        letter = next(
            r for r in client.get(f"/api/las/{ROTHERHAM}").json()["letters"]
            if r["file"] == HOSTILE_LABEL
        )  # fmt: skip
        yield client, letter["inspection_id"]


def assert_inert(html: str) -> None:
    """No markup from the report or the query is live; it shows, escaped."""
    assert "<script>alert" not in html and "<img src=x" not in html and "<b>hostile" not in html
    assert "<script" not in html.lower()  # the site itself has no scripts at all


def test_the_hostile_text_was_stored_as_text(hostile: tuple[TestClient, int]) -> None:
    client, letter = hostile
    body = client.get(f"/api/inspections/{letter}").json()
    assert SCRIPT in body["facts"]["topic"]  # JSON carries the text as it is
    assert any(IMAGE in f["text"] for f in body["findings"])


@pytest.mark.parametrize(
    "route", ["/report/{id}", "/report/{id}/page/1", "/la/80543", "/feed.atom"]
)
def test_stored_markup_is_escaped_on_every_page(
    hostile: tuple[TestClient, int], route: str
) -> None:
    client, letter = hostile
    html = client.get(route.format(id=letter)).text
    assert_inert(html)
    if route.startswith("/report/{id}"):
        assert "&lt;script&gt;alert(&#39;topic&#39;)&lt;/script&gt;" in html
    if route == "/report/{id}":
        assert "&lt;img src=x onerror=alert(1)&gt;" in html
        assert "&lt;b&gt;hostile&lt;/b&gt;" in html


def test_the_feed_stays_well_formed(hostile: tuple[TestClient, int]) -> None:
    client, _ = hostile
    root = ET.fromstring(client.get("/feed.atom").content)
    summaries = [e.text or "" for e in root.iter("{http://www.w3.org/2005/Atom}summary")]
    assert any(SCRIPT in s for s in summaries)  # the letter's topic, as text


def test_search_snippets_escape_the_text_and_keep_the_marks(
    hostile: tuple[TestClient, int],
) -> None:
    client, _ = hostile
    html = client.get("/search", params={"q": "onerror"}).text
    assert_inert(html)
    snippet = re.search(r'<p class="snippet">(.*?)</p>', html, re.S)
    assert snippet
    assert "&lt;img src=x <mark>onerror</mark>=alert(1)&gt;" in snippet[1]


@pytest.mark.parametrize(
    "url",
    [
        "/search?q=<script>alert(1)</script>",
        "/search?q=%22<script>",
        '/search?q=care&la="><script>alert(1)</script>',
        "/la?q=<script>alert(1)</script>",
        "/la/<script>alert(1)",
        "/national?as_at=<script>alert(1)</script>",
        "/la/80543/compare?a=<script>alert(1)</script>&b=2014",
    ],
)
def test_hostile_query_strings_are_escaped(hostile: tuple[TestClient, int], url: str) -> None:
    client, _ = hostile
    response = client.get(url)
    assert_inert(response.text)
    assert "&lt;script&gt;" in response.text


def test_a_hostile_highlight_query_stays_out_of_the_page(hostile: tuple[TestClient, int]) -> None:
    client, letter = hostile
    page = client.get(f"/report/{letter}/page/1", params={"q": "<img src=x onerror=alert(1)>"})
    assert page.status_code == 200
    assert_inert(page.text)
    assert "q=%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E" in page.text  # the next-page link


def test_hostile_input_in_the_api_is_plain_json(hostile: tuple[TestClient, int]) -> None:
    client, _ = hostile
    response = client.get("/api/search", params={"q": "care", "la": "<script>"})
    assert response.status_code == 400
    assert response.json()["error"].startswith("no local authority matches '<script>'")
    assert response.headers["content-type"] == "application/json"


def test_the_database_is_opened_read_only(hostile: tuple[TestClient, int]) -> None:
    client, _ = hostile
    assert client.post("/api/las").status_code == 405  # no route writes
    engine = client.app.state.site.engine  # type: ignore[attr-defined]
    # SQLite opened read-only; PostgreSQL sessions in read-only transactions
    refused = "readonly|read-only transaction"
    with pytest.raises(DBAPIError, match=refused), engine.begin() as conn:
        conn.execute(delete(meta))
