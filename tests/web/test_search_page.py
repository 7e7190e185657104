"""The search page forgives: any text is searched (as plain words, with a note, when it is not
query syntax), the form keeps what was typed, totals and pages are stated, results sort by
date, and a search with no match suggests what to try. The LA finder never dead-ends."""

from __future__ import annotations

import re
from datetime import date

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import ROTHERHAM
from tests.web.test_pages import text_of

NOTE = 'id="plain-note"'
HOSTILE = ['"management oversight', "<script>", "AND OR", "*", "care " * 400]


@pytest.mark.parametrize("query", HOSTILE, ids=["quote", "script", "and-or", "star", "long"])
def test_a_query_not_in_query_syntax_is_searched_as_plain_words(
    client: TestClient, query: str
) -> None:
    page = client.get("/search", params={"q": query})
    assert page.status_code == 200, page.text[:300]
    assert NOTE in page.text
    assert "<script>" not in page.text.split("<main", 1)[1]  # the query is shown escaped
    # the form keeps the query (escaped as an attribute value)
    box = re.search(r'<input class="input input-30" id="q" name="q" type="search" value="([^"]*)"',
                    page.text)  # fmt: skip
    assert box and box[1].replace("&#34;", '"').replace("&lt;", "<").replace("&gt;", ">") == (
        query.replace("&", "&amp;") if "&" in query else query
    )
    assert 'class="result"' in page.text or 'id="suggestions"' in page.text


def test_an_unclosed_quote_still_finds_the_words(client: TestClient) -> None:
    page = client.get("/search", params={"q": '"management oversight'})
    assert 'class="result"' in page.text
    assert "searched as plain words" in text_of(page.text)


def test_the_api_says_when_a_query_was_read_as_plain_words(client: TestClient) -> None:
    body = client.get("/api/search", params={"q": '"management oversight'}).json()
    assert body["plain"] is True and body["total"] > 0 and body["hits"]
    assert client.get("/api/search", params={"q": "care"}).json()["plain"] is False


def test_the_total_and_the_range_shown(client: TestClient) -> None:
    total = client.get("/api/search", params={"q": "children"}).json()["total"]
    assert total > 40
    page = text_of(client.get("/search", params={"q": "children", "page": 2}).text)
    assert f"{total} results, showing 21-40 for “children”" in page


def test_sort_by_date_lists_newest_first_and_keeps_the_choice(client: TestClient) -> None:
    found = client.get("/api/search", params={"q": "children", "order": "date"}).json()["hits"]
    days = [date.fromisoformat(h["publication_date"]) for h in found]
    assert days == sorted(days, reverse=True) and len(set(days)) > 1
    page = client.get("/search", params={"q": "children", "order": "date"})
    assert '<option value="date" selected>' in page.text
    assert "order=date" in page.text.split('rel="next"')[1].split(">")[0]


def test_the_section_filter_is_on_the_page(client: TestClient) -> None:
    page = client.get("/search", params={"q": "children", "section": "recommendations"})
    assert '<option value="recommendations" selected>' in page.text
    hits = client.get("/api/search", params={"q": "children", "section": "recommendations"}).json()[
        "hits"
    ]
    assert hits and {h["section"] for h in hits} == {"recommendations"}


def test_a_page_beyond_the_last_says_so_and_links_back(client: TestClient) -> None:
    total = client.get("/api/search", params={"q": "neglect"}).json()["total"]
    last = -(-total // 20)
    page = client.get("/search", params={"q": "neglect", "page": 999})
    assert page.status_code == 200
    assert "page 999 is beyond the last" in text_of(page.text)
    assert f'href="/search?q=neglect&amp;page={last}"' in page.text


def test_no_match_suggests_fewer_words_a_prefix_and_la_names(client: TestClient) -> None:
    page = client.get("/search", params={"q": "neglect zzyzxq"})
    assert 'id="suggestions"' in page.text
    assert 'href="/search?q=neglect"' in page.text  # fewer words
    assert "zzyzxq" not in page.text.split('id="suggestions"')[1]  # only searches that find
    prefix = client.get("/search", params={"q": "neglec"})
    assert 'href="/search?q=neglec%2A"' in prefix.text  # the last word as a prefix
    place = client.get("/search", params={"q": "Rotheram"})
    assert 'href="/la?q=Rotherham"' in place.text and "Did you mean" in place.text


def test_a_bad_filter_keeps_the_form(client: TestClient) -> None:
    page = client.get("/search", params={"q": "care", "since": "yesterday"})
    assert page.status_code == 400
    assert 'id="error-message"' in page.text and 'value="care"' in page.text


@pytest.mark.parametrize("typed", ["rother", "Rotheram", "ROTHERHAM "])
def test_the_finder_takes_a_part_or_a_misspelling_to_the_la(client: TestClient, typed: str) -> None:
    found = client.get("/la", params={"q": typed}, follow_redirects=False)
    assert found.status_code == 303 and found.headers["location"] == f"/la/{ROTHERHAM}"


def test_the_finder_offers_a_choice_when_several_las_match(client: TestClient) -> None:
    page = client.get("/la", params={"q": "kingston"})
    assert page.status_code == 200
    choices = page.text.split('id="choices"')[1].split("</div>")[0]
    assert "Kingston upon Thames" in choices and "Kingston Upon Hull" in choices
    assert len(re.findall(r'<a href="/la/\d+">', choices)) == 2
