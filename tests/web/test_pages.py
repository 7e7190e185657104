"""Every HTML page, on Rotherham, Devon and Barnet. Expected grades, dates and pages were read
from the PDFs' text (page 1 judgement lists, the 'What needs to improve' lists) and agree with
labels.csv; search pages were found by grepping the raw text of each Rotherham file."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from urllib.parse import parse_qs, urlparse

from fastapi.testclient import TestClient

from tests.web.conftest import R2014, R2018, R2025, ROTHERHAM

ATOM = "{http://www.w3.org/2005/Atom}"


def text_of(html: str) -> str:
    """The page's words, tags dropped and spaces squashed, for reading assertions."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_home_shows_the_national_picture_finder_and_search(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    words = text_of(page.text)
    # Latest graded reports: Rotherham 2025 outstanding, Barnet 2024 good, Devon 2025 inadequate.
    assert "Each of 3 local authorities counted once" in words
    # Ofsted's count since Cumbria's split on 1 April 2023 (shared/docs/domain.md)
    assert "of the 153 councils with children's services duties on that day" in words
    assert '<label class="label" for="finder">Find a local authority</label>' in page.text
    assert 'action="/search"' in page.text
    assert "Rotherham" in words and "Recent changes of overall grade" in words


def test_finder_redirects_a_name_or_code_to_the_la_page(client: TestClient) -> None:
    for typed in ("Rotherham", "rotherham metropolitan borough council", "372", "E08000018"):
        found = client.get("/la", params={"q": typed}, follow_redirects=False)
        assert found.status_code == 303, typed
        assert found.headers["location"] == f"/la/{ROTHERHAM}"
    for ref in ("rotherham", "372"):  # a name, and an LA code (digits, but not a URN)
        found = client.get(f"/la/{ref}", follow_redirects=False)
        assert found.headers["location"] == "/la/80543"


def test_la_list(client: TestClient) -> None:
    page = client.get("/la")
    assert page.status_code == 200
    assert 'href="/la/80543">Rotherham</a>' in page.text
    assert 'href="/la/80461">Devon</a>' in page.text


def test_la_page_current_grades_timeline_history_and_asks(
    client: TestClient, ids: dict[str, int], documents: dict[str, int]
) -> None:
    page = client.get(f"/la/{ROTHERHAM}")
    assert page.status_code == 200
    html, words = page.text, text_of(page.text)
    current = text_of(html.split('id="current-grades"')[1].split("</table>")[0])
    assert "from the report published 16 December 2025" in current
    assert "Overall effectiveness Outstanding" in current and "Care leavers Good" in current
    assert "Adoption not judged in the latest inspection last judged Good" in current
    # The timeline: 2014 inadequate, 2017/18 good, 2022 good, 2025 outstanding, and letters.
    svg = html.split('<svg viewBox="0 0 960')[1].split("</svg>")[0]
    titles = re.findall(r"<title>([^<]+)</title>", svg)
    assert any(
        t.startswith("Overall effectiveness: inadequate. SIF inspection, 16 Sep") for t in titles
    )
    assert any(
        t.startswith("Overall effectiveness: good. SIF re-inspection, 6 Nov") for t in titles
    )
    assert any(t.startswith("Overall effectiveness: outstanding. ILACS") for t in titles)
    assert sum(t.startswith("Focused visit") for t in titles) == 3
    assert f'href="/report/{ids[R2014]}"' in svg
    # Pre-2013 inspections known only from the 2014 report's citations (page 7: July 2012).
    assert "Child protection known from the report of 19 November 2014 , page 7" in words
    # What the 2025 report asks to improve, with its page in the original PDF (page 2).
    asks = html.split('id="asks"')[1].split("</ol>")[0]
    assert "The quality of pathway plans for care leavers." in asks
    assert f'href="/pdf/{documents[R2025]}#page=2"' in asks
    assert "Children in need 1,915 at 30 September 2014" in words
    assert "Statistical neighbours" in words and "Yorkshire and the Humber" in words


def test_compare_page_without_choices_offers_the_las_reports(client: TestClient) -> None:
    page = client.get(f"/la/{ROTHERHAM}/compare")
    assert page.status_code == 200
    assert '<label class="label-s" for="a">Earlier inspection (A)</label>' in page.text
    assert "SIF inspection, published 19 November 2014" in page.text
    assert 'id="compare-table"' not in page.text


def test_compare_rotherham_2014_with_its_2017_reinspection(
    client: TestClient, ids: dict[str, int]
) -> None:
    page = client.get(f"/la/{ROTHERHAM}/compare", params={"a": "2014", "b": "2017"})
    assert page.status_code == 200
    table = page.text.split('id="compare-table"')[1].split("</table>")[0]
    rows = {text_of(r).split(" ")[0]: text_of(r) for r in table.split("<tr>")[2:]}
    assert rows["Help"].startswith("Help and protection")
    assert "Inadequate" in rows["Help"] and "Good" in rows["Help"] and "Improved" in rows["Help"]
    assert "Requires improvement" in rows["Children"] and rows["Children"].endswith("Improved")
    assert "Outstanding" in rows["Care"]
    assert "not judged" in rows["Safeguarding"]
    permalink = re.search(r'<a href="([^"]+)" id="permalink">', page.text)
    assert permalink
    query = parse_qs(urlparse(permalink[1].replace("&amp;", "&")).query)
    assert query == {"a": [str(ids[R2014])], "b": [str(ids[R2018])]}


def test_compare_downloads_csv_and_markdown(client: TestClient) -> None:
    params = {"a": "2014", "b": "2017"}
    csv = client.get(f"/la/{ROTHERHAM}/compare.csv", params=params)
    assert csv.status_code == 200
    assert csv.headers["content-type"].startswith("text/csv")
    assert csv.headers["content-disposition"].startswith("attachment;")
    header, *lines = csv.content.decode("utf-8-sig").splitlines()
    assert header.startswith("urn,la_name,area,wording_a,wording_b,note,grade_a,grade_b,change")
    assert any(line.startswith(f"{ROTHERHAM},Rotherham,help_protection,")
               and ",inadequate,good,improved," in line for line in lines)  # fmt: skip
    md = client.get(f"/la/{ROTHERHAM}/compare.md", params=params)
    assert md.status_code == 200 and md.text.startswith("# Rotherham: ")
    assert (
        "| Area | A: sif, published 2014-11-19 | B: sif reinspection, published 2018-01-29"
        in md.text
    )


def test_report_page_judgements_with_pages_and_pdf_links(
    client: TestClient, ids: dict[str, int], documents: dict[str, int]
) -> None:
    page = client.get(f"/report/{ids[R2014]}")
    assert page.status_code == 200
    table = page.text.split('id="judgements-table"')[1].split("</table>")[0]
    assert table.count("<tr>") == 8  # the heading row and seven graded areas
    doc = documents[R2014]
    assert table.count("tag-inadequate") == 6 and table.count("tag-ri") == 1
    assert "Adoption performance: Requires improvement" in text_of(table)
    assert f'href="/pdf/{doc}#page=1"' in table and f'href="/pdf/{doc}#page=39"' in table
    words = text_of(page.text)
    assert "Lead inspector Sheena Doyle" in words
    assert "Inspected 16 September 2014 to 8 October 2014" in words
    assert f'href="/pdf/{doc}">Open the original PDF' in page.text
    assert "What needs to improve" in words and "Sections" in words


def test_letter_page(client: TestClient, ids: dict[str, int]) -> None:
    label = "80543_rotherham/children's services focused visit - 15 april 2019.pdf"
    words = text_of(client.get(f"/report/{ids[label]}").text)
    assert "Focused visit" in words
    assert "Visited 21 March 2019 to 22 March 2019" in words
    assert "Inspectors Ian Young; Rachel Holden" in words


def test_page_text_marks_the_searched_words(client: TestClient, ids: dict[str, int]) -> None:
    page = client.get(f"/report/{ids[R2014]}/page/3", params={"q": '"management oversight"'})
    assert page.status_code == 200
    assert re.search(r"<mark>management</mark>\s*<mark>oversight</mark>", page.text, re.I)
    assert 'rel="prev"' in page.text and 'rel="next"' in page.text


def test_pdf_is_served_from_the_corpus(client: TestClient, documents: dict[str, int]) -> None:
    pdf = client.get(f"/pdf/{documents[R2014]}")
    assert pdf.status_code == 200
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.headers["content-disposition"].startswith("inline;")
    assert pdf.content.startswith(b"%PDF")


def test_search_lists_hits_with_pages_and_filters(client: TestClient, ids: dict[str, int]) -> None:
    # Pages of each Rotherham file whose raw text holds "manag* oversight" (grep; the index
    # stems words, so "managers' oversight" on page 13 of the 2018 report is a hit too).
    expected = {
        R2014: {3, 4, 14, 15, 21, 22, 29, 32},
        R2018: {2, 3, 13, 31},
        "80543_rotherham/children's services inspection - 12 august 2022.pdf": {4, 6, 10},
        R2025: {3, 6},
        "80543_rotherham/children's services focused visit - 04 december 2020.pdf": {4},
        "80543_rotherham/children's services focused visit - 15 april 2019.pdf": {1},
    }
    pairs = {(ids[label], n) for label, pages in expected.items() for n in pages}
    page = client.get("/search", params={"q": '"management oversight"', "la": "80543"})
    assert page.status_code == 200
    links = re.findall(r'<a href="/report/(\d+)/page/(\d+)\?q=', page.text)
    assert {(int(i), int(n)) for i, n in links} == pairs
    assert len(links) == 19 and 'rel="next"' not in page.text
    assert page.text.count("<mark>") >= 19
    form = {"q": '"management oversight"', "la": "Rotherham", "kind": "sif", "since": "2014-01-01"}
    sif = client.get("/search", params={**form, "until": ""})
    found = {int(i) for i, _ in re.findall(r'<a href="/report/(\d+)/page/(\d+)\?q=', sif.text)}
    assert found == {ids[R2014]}


def test_national_page_as_at_a_date(client: TestClient) -> None:
    page = client.get("/national", params={"as_at": "2016-01-01", "area": "leadership"})
    assert page.status_code == 200
    words = text_of(page.text)
    # On 1 January 2016: Rotherham's 2014 SIF and Devon's 2015 SIF; Barnet not yet inspected.
    assert "2 local authorities, each counted once" in words
    assert "Leadership over time" in words
    assert 'id="matrix"' in page.text and "months since judged inadequate" in page.text
    assert client.get("/national").status_code == 200


def test_about_and_robots(client: TestClient) -> None:
    assert "How the national picture counts" in client.get("/about").text
    assert "Disallow: /pdf/" in client.get("/robots.txt").text


def test_feed_is_atom_with_reports_and_grade_changes(client: TestClient) -> None:
    feed = client.get("/feed.atom")
    assert feed.status_code == 200
    assert feed.headers["content-type"].startswith("application/atom+xml")
    root = ET.fromstring(feed.content)
    entries = root.findall(f"{ATOM}entry")
    titles = [e.findtext(f"{ATOM}title") or "" for e in entries]
    assert "Rotherham: overall effectiveness good to outstanding" in titles
    assert any(t.startswith("Rotherham: ILACS inspection (short) published") for t in titles)
    for e in entries:
        assert (e.findtext(f"{ATOM}id") or "").startswith("tag:csc-inspections,2025:")
        assert e.find(f"{ATOM}link") is not None and e.findtext(f"{ATOM}updated")


def test_static_files_and_security_headers(client: TestClient) -> None:
    css = client.get("/static/style.css")
    assert css.status_code == 200 and ".tag-inadequate" in css.text
    page = client.get("/")
    assert "script-src 'none'" in page.headers["content-security-policy"]
    assert page.headers["x-content-type-options"] == "nosniff"
