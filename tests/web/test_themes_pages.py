"""The theme pages on the three LAs' database: every number of /themes recounted from the
database with SQL of its own, each number's link listing exactly that many inspections, the
download equal to the table, an LA's and a comparison's themes, and what a query cannot do."""

from __future__ import annotations

import csv
import html
import io
import re
from collections import Counter
from datetime import date
from urllib.parse import parse_qsl

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import bindparam, text

from csc_inspections.answers import Store
from csc_inspections.answers.themes import for_la
from csc_inspections.store.db import connect
from csc_inspections.themes.scores import MEASURED_MICRO_F1
from csc_inspections.vocabulary import current
from tests.web.conftest import R2014, R2018, ROTHERHAM

# A table cell: /themes/{theme}?by=..&group=..[&from=..&to=..] and "NN% (asked of N)"
CELL = re.compile(
    r'<td class="num" data-label="[^"]*"><a href="/themes/(\w+)\??([^"]*)">(?:<strong>)?(\d+)%'
    r'(?:</strong>)? <span class="nowrap">\((\d+) of (\d+)\)</span></a></td>'
)
COMPARED = tuple(k for k, f in current().frameworks.items() if f.compared)


def cells(page: str) -> list[tuple[str, dict[str, str], int, int, int]]:
    """Each linked number of a /themes page: theme, its link's query, percent, asked, of."""
    found = []
    for theme, query, percent, asked, of in CELL.findall(page):
        pairs = dict(parse_qsl(html.unescape(query)))
        found.append((theme, pairs, int(percent), int(asked), int(of)))
    return found


def recount(web_db: str) -> tuple[Counter[tuple[str, int]], Counter[int]]:
    """From the tables themselves: per (theme, year) the reports asking for it, and per year
    the reports counted (SIF and ILACS reports of an LA with an improvement point of the
    council's own list), each dated by its last day on site (else first, else publication)."""
    engine = connect(web_db)
    reports = text(
        "SELECT i.id, i.end_date, i.start_date, i.publication_date FROM inspections i "
        "WHERE i.family = 'report' AND i.urn IS NOT NULL AND i.kind IN :kinds AND EXISTS "
        "(SELECT 1 FROM recommendations r WHERE r.inspection_id = i.id AND r.scope = 'main')"
    ).bindparams(bindparam("kinds", COMPARED, expanding=True))
    tagged = text(
        "SELECT DISTINCT r.inspection_id, t.theme FROM recommendations r "
        "JOIN recommendation_themes t ON t.recommendation_id = r.id WHERE r.scope = 'main'"
    )
    with engine.connect() as conn:
        years = {
            row.id: _day(row.end_date or row.start_date or row.publication_date).year
            for row in conn.execute(reports)
        }
        asked = Counter((theme, years[i]) for i, theme in conn.execute(tagged) if i in years)
    engine.dispose()
    return asked, Counter(years.values())


def _day(value: date | str) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def test_every_number_is_the_databases_own_count(client: TestClient, web_db: str) -> None:
    asked, sizes = recount(web_db)
    found = cells(client.get("/themes").text)
    by_year = [c for c in found if "group" in c[1]]
    assert len(by_year) == len(current().themes) * len(sizes) > 0
    for theme, query, percent, n, of in by_year:
        year = int(query["group"])
        assert (n, of) == (asked[(theme, year)], sizes[year]), (theme, year)
        assert percent == (200 * n + of) // (2 * of)
    totals = [c for c in found if "group" not in c[1]]
    assert [(t, n, of) for t, _, _, n, of in totals] == [
        (t, sum(v for (k, _), v in asked.items() if k == t), sum(sizes.values()))
        for t in current().theme_keys
    ]


def test_each_link_lists_exactly_its_number_of_inspections(client: TestClient) -> None:
    page = client.get("/themes").text
    found = [c for c in cells(page) if c[3]]  # the numbers with inspections behind them
    assert found
    hrefs = re.findall(r'<td class="num" data-label="[^"]*"><a href="([^"]+)"', page)
    for (theme, _, _, n, of), href in zip(cells(page), hrefs, strict=True):
        if not n:
            continue
        behind = client.get(html.unescape(href))
        assert behind.status_code == 200, href
        assert behind.text.count('<h3 class="heading-s">') == n, href
        assert f"<strong>{n} of the {of} inspections" in behind.text, href
        assert theme in href


def test_the_download_is_the_table(client: TestClient) -> None:
    page = cells(client.get("/themes?by=era").text)
    shown = {(t, q["group"]): (n, of) for t, q, _, n, of in page if "group" in q}
    body = client.get("/themes.csv?by=era").content
    assert body.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(body[3:].decode("utf-8"))))
    assert list(rows[0]) == ["theme", "theme_label", "group", "asked", "inspections", "share"]
    assert {(r["theme"], r["group"]): (int(r["asked"]), int(r["inspections"])) for r in rows} == (
        shown
    )
    for r in rows:
        assert r["theme_label"] == current().theme(r["theme"]).label
        assert float(r["share"]) == pytest.approx(int(r["asked"]) / int(r["inspections"]), 1e-3)
    xlsx = client.get("/themes.xlsx?by=era")
    assert xlsx.status_code == 200 and xlsx.content.startswith(b"PK")


@pytest.mark.parametrize("by", ["year", "era", "grade", "region"])
def test_each_grouping_and_dates_filter(client: TestClient, by: str) -> None:
    page = client.get(f"/themes?by={by}&from=2018-01-01&to=2025-12-31")
    assert page.status_code == 200
    found = cells(page.text)
    assert found and all(q.get("from") == "2018-01-01" and q.get("to") == "2025-12-31"
                         for _, q, _, _, _ in found if "group" in q)  # fmt: skip
    assert 'id="heatmap-caption"' in page.text
    assert f"held-out micro-F1 {MEASURED_MICRO_F1:.2f}" in page.text
    assert f'<option value="{by}" selected>' in page.text


def test_dates_narrow_the_count(client: TestClient) -> None:
    everything = sum(of for _, q, _, _, of in cells(client.get("/themes").text) if "group" in q)
    later = cells(client.get("/themes?from=2018-01-01").text)
    assert {q["group"] for _, q, _, _, _ in later if "group" in q} <= {
        str(y) for y in range(2018, date.today().year + 1)
    }
    assert 0 < sum(of for _, q, _, _, of in later if "group" in q) < everything


def test_a_theme_page_shows_what_it_covers_and_the_points(client: TestClient) -> None:
    page = client.get("/themes/workforce").text
    assert '<h1 class="heading-xl">Workforce</h1>' in page
    assert html.escape(current().theme("workforce").covers) in page
    assert re.search(r'href="/report/\d+#point-main-\d+">point \d+ in the report</a>', page)
    assert re.search(r'href="/la/\d+">', page)


def test_an_unknown_theme_is_the_sites_404(client: TestClient) -> None:
    for path in ("/themes/nope", "/themes/%3Cscript%3Ealert(1)"):
        response = client.get(path)
        assert response.status_code == 404
        assert "<script>alert" not in response.text and "no theme is called" in response.text


@pytest.mark.parametrize(
    "path",
    [
        "/themes?by=%3Cscript%3Ealert(1)%3C/script%3E",
        "/themes?from=%3Cscript%3Ealert(1)%3C/script%3E",
        "/themes.csv?to=%3Cscript%3Ealert(1)%3C/script%3E",
        "/themes/workforce?by=%3Cscript%3Ealert(1)%3C/script%3E&group=x",
    ],
)
def test_a_bad_query_is_a_400_that_escapes_it(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 400
    assert "<script>alert" not in response.text and "&lt;script&gt;" in response.text


def test_a_group_the_table_lacks_is_a_400_that_escapes_it(client: TestClient) -> None:
    response = client.get("/themes/workforce?by=region&group=%3Cscript%3Ealert(1)%3C/script%3E")
    assert response.status_code == 400
    assert "<script>alert" not in response.text
    assert "&#39;&lt;script&gt;alert(1)&lt;/script&gt;&#39; is not one of" in response.text


def test_from_after_to_is_refused(client: TestClient) -> None:
    response = client.get("/themes?from=2020-01-01&to=2019-01-01")
    assert response.status_code == 400 and "is after" in response.text


def test_la_page_lists_its_themes_beside_neighbours_region_and_england(
    client: TestClient, web_db: str
) -> None:
    engine = connect(web_db)
    rows = for_la(Store(engine), ROTHERHAM)
    engine.dispose()
    page = client.get(f"/la/{ROTHERHAM}").text
    assert rows and 'id="themes"' in page
    section = page[page.index('id="la-themes-table"') :]
    listed = re.findall(r'<tr id="la-theme-(\w+)">', section)
    assert listed == [r.theme for r in rows]
    for r in rows:
        row = section[section.index(f'id="la-theme-{r.theme}"') :].split("</tr>")[0]
        for cell in (r.la, r.neighbours, r.region, r.national):
            shown = f'{cell.percent}% <span class="small nowrap">({cell.asked} of {cell.of})'
            assert not cell.of or shown in row
        assert ("Recurring" in row) == r.recurring
        assert row.count('<li><a href="/report/') == len(r.documents)


def test_comparison_lists_themes_still_no_longer_and_newly_asked(
    client: TestClient, ids: dict[str, int]
) -> None:
    page = client.get(f"/la/{ROTHERHAM}/compare?a={ids[R2014]}&b={ids[R2018]}").text
    counts = dict(re.findall(r'<h3 class="heading-m">([A-Z][a-z ]+) \((\d+)\)</h3>', page))
    assert set(counts) == {"Still asked", "No longer asked", "Newly asked"}
    assert sum(int(n) for n in counts.values()) > 0
    still = page[page.index('id="themes-still-asked"') :].split("</ul>")[0]
    assert still.count("<li>") == int(counts["Still asked"])
    assert re.search(rf'href="/report/{ids[R2014]}#point-main-\d+">\d+</a>', still)


def test_the_report_page_anchors_each_point(client: TestClient, ids: dict[str, int]) -> None:
    page = client.get(f"/report/{ids[R2014]}").text
    assert 'id="point-main-1"' in page


def test_navigation_and_guide_lead_to_the_themes(client: TestClient) -> None:
    assert '<a href="/themes">' in client.get("/").text
    guide = client.get("/guide").text
    assert 'id="themes"' in guide and f"micro-averaged F1 of {MEASURED_MICRO_F1:.2f}" in guide
    assert guide.count('<dt id="theme-') == len(current().themes)


def test_the_report_page_names_each_points_themes(client: TestClient, ids: dict[str, int]) -> None:
    """Every point on the report page carries the themes the API gives it, each a link."""
    inspection = ids[R2014]
    detail = client.get(f"/api/inspections/{inspection}").json()
    page = client.get(f"/report/{inspection}").text
    tagged = [r for r in detail["recommendations"] if r["themes"]]
    assert tagged
    for r in tagged:
        item = re.search(rf'<li id="point-{r["scope"]}-{r["number"]}"[^>]*>(.*?)</li>', page, re.S)
        assert item is not None, r["number"]
        shown = re.findall(r'<a href="/themes/(\w+)">', item.group(1))
        assert shown == r["themes"]
