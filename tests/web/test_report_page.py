"""A report page says things in the order and words people read them: the council's
recommendations before the safeguarding board's, each group as printed, evidence fields in
words, "page 1" for one page; and the comparison starts with overall effectiveness."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from fastapi.testclient import TestClient
from sqlalchemy import delete

from csc_inspections.settings import Settings
from csc_inspections.store import publications
from csc_inspections.store.db import connect
from csc_inspections.store.schema import publications as publications_table
from csc_inspections.web.app import create_app
from tests.web.conftest import R2014, R2018, R2025, ROTHERHAM
from tests.web.test_pages import text_of


def recommendations_block(html: str) -> str:
    return html.split('id="recommendations"')[1].split('<h2 class="heading-l"')[0]


def test_rotherham_2014_lists_the_councils_recommendations_first(
    client: TestClient, ids: dict[str, int]
) -> None:
    block = recommendations_block(client.get(f"/report/{ids[R2014]}").text)
    council, board = block.split("For the safeguarding board")
    assert "For the local authority" in council
    assert council.count("<li") == 26  # the council's list, as printed (pages 37 to 40)
    assert board.count("<li") == 9  # the LSCB's own list
    # each list under its printed groups, priority actions first (data/item_groups.csv)
    for part in (council, board):
        groups = re.findall(r'<h4 class="heading-s">([^<]+)</h4>', part)
        assert groups == ["Priority action", "Area for improvement"]


def test_a_report_with_one_list_has_no_list_heading(
    client: TestClient, ids: dict[str, int]
) -> None:
    block = recommendations_block(client.get(f"/report/{ids[R2018]}").text)
    assert "For the local authority" not in block and "<li" in block


def test_evidence_fields_are_named_in_words(client: TestClient, ids: dict[str, int]) -> None:
    page = client.get(f"/report/{ids[R2014]}").text
    table = text_of(page.split('id="provenance"')[1])
    assert "First day of the inspection or visit" in table
    assert "Last day of the inspection or visit" in table
    assert "la name text" not in table and "end date" not in table


def test_one_page_is_page_not_pages(client: TestClient, ids: dict[str, int]) -> None:
    sections = client.get(f"/report/{ids[R2025]}").text.split('id="sections"')[1]
    assert "(pages 1)" not in sections and not re.search(r"\(pages (\d+) to \1\)", sections)
    assert re.search(r"\(page \d+\)", sections) or "pages" in sections


def test_comparison_rows_start_with_overall(client: TestClient) -> None:
    page = client.get(f"/la/{ROTHERHAM}/compare", params={"a": "2014", "b": "2017"})
    table = page.text.split('id="compare-table"')[1].split("</table>")[0]
    rows = [text_of(r) for r in table.split("<tr>")[2:]]
    assert rows[0].startswith("Overall effectiveness")


def test_comparison_offers_first_and_previous_against_the_latest(
    client: TestClient, ids: dict[str, int]
) -> None:
    page = client.get(f"/la/{ROTHERHAM}/compare").text
    offered = re.findall(r'<option value="(\d+)"', page.split('id="b"')[0])  # oldest first
    assert offered[0] == str(ids[R2014]) and offered[-1] == str(ids[R2025])
    choices = page.split('id="compare-choices"')[1].split("</ul>")[0]
    first = f"?a={ids[R2014]}&amp;b={ids[R2025]}"
    previous = f"?a={offered[-2]}&amp;b={ids[R2025]}"
    assert first in choices and previous in choices
    assert "First report held against the latest" in choices
    # the page still opens on the previous report against the latest
    assert f'<option value="{offered[-2]}" selected>' in page.split('id="b"')[0]


def test_a_pdf_not_held_links_to_ofsteds_copy_or_says_so(web_db: str, ids: dict[str, int]) -> None:
    url = "https://files.ofsted.gov.uk/v1/file/2400000"
    engine = connect(web_db, create=False)
    now = datetime(2026, 1, 1, tzinfo=UTC)
    listed = publications.Listed(url, ROTHERHAM, "Rotherham", "sif", "Report", date(2014, 11, 19))
    publications.record_listed(engine, [listed], now)
    publications.mark(engine, url, "held", now, label=R2014)
    try:
        page = TestClient(create_app(Settings(db=web_db, corpus=None))).get(f"/report/{ids[R2014]}")
        assert f'href="{url}"' in page.text and "Open Ofsted's copy of the PDF" in page.text
    finally:
        with engine.begin() as conn:
            conn.execute(delete(publications_table).where(publications_table.c.url == url))
        engine.dispose()
    other = TestClient(create_app(Settings(db=web_db, corpus=None))).get(f"/report/{ids[R2018]}")
    assert "The original PDF is not held here" in other.text
    assert 'href="/pdf/' not in other.text


def test_judgements_start_with_overall_though_ilacs_prints_it_last(
    client: TestClient, ids: dict[str, int]
) -> None:
    for label in (R2014, R2025):
        table = client.get(f"/report/{ids[label]}").text.split('id="judgements-table"')[1]
        rows = re.findall(r'<th scope="row">([^<]*)</th>', table.split("</table>")[0])
        assert rows[0] == "Overall effectiveness", label
    api = client.get(f"/api/inspections/{ids[R2025]}").json()  # the data keep the printed order
    assert api["judgements"][-1]["area"] == "overall"
