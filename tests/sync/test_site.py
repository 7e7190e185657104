"""Reading the site's pages (pure): labels in both orders, kinds, providers, paging, dates,
and file names that are the corpus's own."""

from __future__ import annotations

import csv
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from csc_inspections.parse.text import file_name_date
from csc_inspections.sync.site import (
    file_name,
    folder_name,
    kind_of,
    provider_urn,
    read_label,
    read_provider,
    read_search,
    search_url,
)
from tests.conftest import CORPUS

PAGE = "https://reports.ofsted.gov.uk/provider/16/80543"


@pytest.mark.parametrize(
    ("label", "title", "day"),
    [
        (
            "Children's services inspection - 19 November 2014, pdf",
            "Children's services inspection",
            date(2014, 11, 19),
        ),
        (
            "Children's services focused visit, pdf - 01 August 2024",
            "Children's services focused visit",
            date(2024, 8, 1),
        ),
        (
            "  Joint area child protection inspection\n  - 31 March 2023,\n pdf ",
            "Joint area child protection inspection",
            date(2023, 3, 31),
        ),
        ("Joint area child protection inspection", "Joint area child protection inspection", None),
        (
            "single inspection of la children's services as pdf - 10 February 2015",
            "single inspection of la children's services as pdf",
            date(2015, 2, 10),
        ),
        (
            "Joint area review - progress inspection, pdf - 03 July 2009",
            "Joint area review - progress inspection",
            date(2009, 7, 3),
        ),
    ],
)
def test_labels_read_in_either_order(label: str, title: str, day: date | None) -> None:
    assert read_label(label) == (title, day)


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("Children's services inspection", "inspection"),
        ("single inspection of la children's services as pdf", "inspection"),
        ("Children's services focused visit", "focused_visit"),
        ("Joint area child protection inspection", "jtai"),
        ("Joint targeted area inspection", "jtai"),
        ("Monitoring visit to Birmingham local authority children's services", "monitoring_visit"),
        ("Joint area review - progress inspection", "joint_area_review"),
        ("Action plan evaluation", "other"),
    ],
)
def test_kind_from_the_title(title: str, kind: str) -> None:
    assert kind_of(title) == kind


def _corpus_names() -> list[str]:
    names = []
    for listing in ("labels.csv", "letters.csv"):
        with (CORPUS / listing).open(newline="", encoding="utf-8") as fh:
            names += [row["file"] for row in csv.DictReader(fh)]
    return names


def test_corpus_file_names_come_back_from_site_labels() -> None:
    """Every corpus file name is what sync makes of its site label (in either order), but for
    five old files whose crawler kept ",  pdf" in the name: sync drops the marker."""
    differ = []
    for name in _corpus_names():
        folder, file = name.split("/", 1)
        urn, la = folder.split("_", 1)
        title, _, _ = file.removesuffix(".pdf").rpartition(" - ")
        day = file_name_date(file)
        assert day is not None, name
        printed = f"{day.day:02d} {day:%B %Y}"
        for label in (
            f"{title.capitalize()} - {printed}, pdf",
            f"{title.title()}, pdf - {printed}",
        ):
            got_title, got_day = read_label(label)
            made = f"{folder_name(int(urn), la.title())}/{file_name(got_title, got_day)}"
            if made != name:
                differ.append(name)
    assert len(differ) == 2 * 5 and all(",  pdf" in name for name in differ)


@settings(deadline=None)  # the first example also compiles the date patterns
@given(st.text(), st.dates(min_value=date(1990, 1, 1)))
def test_a_file_name_is_one_name_whatever_the_title(title: str, day: date) -> None:
    name = file_name(title, day)
    assert "/" not in name and "\\" not in name and not name.startswith(".")
    assert name.endswith(".pdf") and file_name_date(name) == day


def test_search_page_gives_providers_and_the_next_page() -> None:
    html = """<html><body><nav><a href="/">Home</a><a href="/provider/16/">broken</a></nav>
    <ul class="results-list">
      <li><h3><a href="/provider/16/80543">Rotherham</a></h3></li>
      <li><h3><a href="https://reports.ofsted.gov.uk/provider/16/80428?tab=reports">
        Bedford   Borough</a></h3></li>
      <li><a href="/provider/16/80543"><img alt=""></a></li>
    </ul>
    <ul class="pagination"><li class="previous"><a href="/search?start=0">Prev</a></li>
    <li class="next"><a href="/search?start=100&amp;rows=100">Next</a></li></ul></body></html>"""
    page = read_search(html, "https://reports.ofsted.gov.uk/search?start=0&rows=100")
    assert [(p.urn, p.name) for p in page.providers] == [
        (80543, "Rotherham"),
        (80428, "Bedford Borough"),
    ]
    assert page.providers[0].url == "https://reports.ofsted.gov.uk/provider/16/80543"
    assert page.next_url == "https://reports.ofsted.gov.uk/search?start=100&rows=100"


def test_last_search_page_has_no_next() -> None:
    html = '<ul class="pagination"><li class="previous"><a href="/s">Prev</a></li></ul>'
    assert read_search(html, "https://x/search").next_url is None


def test_search_url_asks_for_la_childrens_services() -> None:
    url = search_url("http://127.0.0.1:8000/")
    assert url.startswith("http://127.0.0.1:8000/search?")
    assert "level_1_types=3" in url and "level_2_types%5B%5D=12" in url and "rows=100" in url


@pytest.mark.parametrize(
    ("url", "urn"),
    [
        ("https://reports.ofsted.gov.uk/provider/16/80543", 80543),
        ("/provider/44/2637539?x=1", 2637539),
        ("/provider/16/", None),
        ("/search?provider=16", None),
    ],
)
def test_provider_urn(url: str, urn: int | None) -> None:
    assert provider_urn(url) == urn


def test_provider_page_publications_with_their_dates() -> None:
    """The label's date names the file; the page's pubdate serves when the label has none."""
    html = """<ul class="timeline">
    <li><div class="event">
      <a class="publication-link" href="https://files.ofsted.gov.uk/v1/file/50012345">
        Children's services inspection
        <span class="nonvisual">Children's services inspection - 19 November 2014, pdf</span></a>
      <div class="event__metadata">Published: <time pubdate>20 November 2014</time></div>
    </div></li>
    <li><div class="event">
      <a class="publication-link" href="/v1/file/2">Focused visit
        <span class="nonvisual">Children's services focused visit, pdf - 01 August 2024</span></a>
    </div></li>
    <li><div class="event">
      <a class="publication-link" href="https://files.ofsted.gov.uk/v1/file/3">
        <span class="nonvisual">Joint area child protection inspection</span></a>
      <div class="event__metadata"><time pubdate datetime="2023-03-03T09:30:00">3 Mar</time></div>
    </div></li>
    <li><div class="event">
      <a class="publication-link" href="javascript:alert(1)">
        <span class="nonvisual">Bad - 01 August 2024, pdf</span></a>
      <a class="publication-link" href="https://files.ofsted.gov.uk/v1/file/4">
        <span class="nonvisual">Monitoring visit</span></a>
      <div class="event__metadata"><time pubdate>3 March 2023</time></div>
    </div></li>
    <li><a class="publication-link" href="https://files.ofsted.gov.uk/v1/file/5"></a></li>
    <li><a class="publication-link" href="https://files.ofsted.gov.uk/v1/file/3">
        <span class="nonvisual">Joint area child protection inspection (again)</span></a></li>
    </ul>"""
    links = read_provider(html, PAGE)
    assert [(link.url, link.title, link.kind, link.published) for link in links] == [
        (
            "https://files.ofsted.gov.uk/v1/file/50012345",
            "Children's services inspection",
            "inspection",
            date(2014, 11, 19),
        ),
        (
            "https://reports.ofsted.gov.uk/v1/file/2",
            "Children's services focused visit",
            "focused_visit",
            date(2024, 8, 1),
        ),
        (
            "https://files.ofsted.gov.uk/v1/file/3",
            "Joint area child protection inspection",
            "jtai",
            date(2023, 3, 3),
        ),
        # two links share one event: whose date it is cannot be told (the script link is
        # dropped, the unlabelled one too, and a file listed twice is listed once)
        ("https://files.ofsted.gov.uk/v1/file/4", "Monitoring visit", "monitoring_visit", None),
    ]


def test_corpus_folder_names() -> None:
    assert folder_name(2532287, "Bournemouth, Christchurch & Poole") == (
        "2532287_bournemouth, christchurch & poole"
    )
    climbing = folder_name(1, "../../etc")
    assert climbing.startswith("1_") and "/" not in climbing
