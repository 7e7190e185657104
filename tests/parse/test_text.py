"""Normalisers never raise and return an allowed value or nothing; known forms parse right."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from csc_inspections.model import GRADES
from csc_inspections.parse.text import (
    clean_page,
    file_name_date,
    normalise_grade,
    parse_date,
    parse_date_range,
    strip_running_lines,
)

WORDS = st.sampled_from(
    [
        "Requires",
        "improvement",
        "to",
        "be",
        "good",
        "Inadequate",
        "outstanding",
        "12",
        "March",
        "2014",
        "–",
        "and",
        "to",
        "31",
        "February",
        "\n",
        "Good",
        "adequate",
        "Sept",
    ]
)
PHRASES = st.lists(WORDS, max_size=12).map(" ".join) | st.text(max_size=60)


@given(PHRASES)
def test_grade_is_allowed_or_none(text: str) -> None:
    assert normalise_grade(text) in (*GRADES, None)


@given(PHRASES)
def test_date_range_is_ordered_or_none(text: str) -> None:
    span = parse_date_range(text)
    assert span is None or span[0] <= span[1]
    assert parse_date(text) is None or isinstance(parse_date(text), date)


@pytest.mark.parametrize(
    ("text", "grade"),
    [
        ("Requires improvement to be good", "requires improvement"),
        ("Requires \nimprovement", "requires improvement"),
        ("INADEQUATE", "inadequate"),
        ("are good", "good"),
        ("Not judged", None),
    ],
)
def test_grades(text: str, grade: str | None) -> None:
    assert normalise_grade(text) == grade


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("Inspection date: 16 September – 8 October 2014", date(2014, 9, 16), date(2014, 10, 8)),
        ("Inspection dates: 8 – 12 July 2013", date(2013, 7, 8), date(2013, 7, 12)),
        ("17 March to 21 March 2025", date(2025, 3, 17), date(2025, 3, 21)),
        ("02 March 2020 to 13 March 2020", date(2020, 3, 2), date(2020, 3, 13)),
        ("on 17 and 18 May 2023.", date(2023, 5, 17), date(2023, 5, 18)),
        ("15 June 2015 – 17 June 2015", date(2015, 6, 15), date(2015, 6, 17)),
        ("from 30 December to 3 January 2020", date(2019, 12, 30), date(2020, 1, 3)),
        ("Inspection date: 3 March 2016", date(2016, 3, 3), date(2016, 3, 3)),
    ],
)
def test_date_ranges(text: str, start: date, end: date) -> None:
    assert parse_date_range(text) == (start, end)


def test_impossible_dates_are_not_invented() -> None:
    assert parse_date("31 February 2014") is None
    assert parse_date_range("12 to 31 February 2014") is None


def test_file_name_date() -> None:
    assert file_name_date("children's services inspection - 19 november 2014.pdf") == date(
        2014, 11, 19
    )
    assert file_name_date("children's services inspection,  pdf - 16 august 2013") == date(
        2013, 8, 16
    )
    assert file_name_date("no date here.pdf") is None


def test_clean_page_joins_soft_hyphens_and_marks_bullets() -> None:
    raw = "multi\x02agency\r\nsafe\u00ad\r\nguarding\r\n\uf06e first point\r\n"
    assert clean_page(raw) == "multi-agency\nsafeguarding\n• first point\n"


def test_running_lines_need_repetition() -> None:
    pages = ["Title\nbody", "Header 2\nx", "Header 3\ny", "Header 4\nz", "Other 5\nw"]
    assert strip_running_lines(pages) == ["Title\nbody", "x", "y", "z", "Other 5\nw"]
