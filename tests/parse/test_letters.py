"""The letters parser on every row of letters.csv, then each kind and date form one by one.

The parametrised test checks what letters.csv makes certain (kind, publication date, LA); the
rest pins letters whose text was read by hand (page numbers as a PDF viewer shows them). A
monitoring visit letter is composed in the test: the corpus holds none.
"""

from __future__ import annotations

import math
import re
from datetime import date
from functools import cache

import pytest

from csc_inspections.errors import UnknownLayout
from csc_inspections.model import Letter, Page
from csc_inspections.parse import letters, parse
from csc_inspections.parse.text import parse_date_range, parse_yearless_range
from tests.conftest import corpus_document, letter_rows

ROWS = letter_rows()

DORSET_2023 = "2532283_dorset/children's services focused visit - 22 june 2023.pdf"
NORFOLK_JTAI_2025 = "80418_norfolk/joint area child protection inspection - 27 february 2025.pdf"
TYNESIDE_JTAI_2016 = (
    "80557_south tyneside/joint area child protection inspection - 05 april 2016.pdf"
)
LIVERPOOL_JTAI_2016 = "80485_liverpool/joint area child protection inspection - 03 august 2016.pdf"
GREENWICH_JTAI_2018 = "80495_greenwich/joint area child protection inspection - 09 may 2018.pdf"
WINDSOR_JTAI_2022 = (
    "80546_windsor & maidenhead/joint area child protection inspection - 04 july 2022.pdf"
)
HARINGEY_JAR_2009 = (
    "80498_haringey/joint area review - progress inspection,  pdf - 03 july 2009.pdf"
)
MILTON_KEYNES_2020 = "80524_milton keynes/children's services focused visit - 13 november 2020.pdf"
OLDHAM_2020 = "80535_oldham/children's services focused visit - 27 november 2020.pdf"
REDCAR_2019 = "80541_redcar and cleveland/children's services focused visit - 17 january 2019.pdf"
NOTTS_2022 = "80534_nottinghamshire/children's services focused visit - 01 june 2022.pdf"
CAMDEN_2018 = "80491_camden/children's services focused visit - 08 june 2018.pdf"
HULL_2021 = "80477_kingston upon hull/children's services focused visit - 10 may 2021.pdf"
BARKING_2022 = "80486_barking and dagenham/children's services focused visit - 10 june 2022.pdf"
SANDWELL_2024 = "80549_sandwell/children's services focused visit - 29 november 2024.pdf"
NORTH_SOMERSET_2025 = (
    "80528_north somerset/children's services focused visit - 06 november 2025.pdf"
)
DARLINGTON_2023 = "80458_darlington/children's services focused visit - 28 november 2023.pdf"
DUDLEY_2020 = "80464_dudley/children's services focused visit - 21 january 2020.pdf"
CAMBRIDGESHIRE_2025 = "80445_cambridgeshire/children's services focused visit - 29 august 2025.pdf"

# Letters whose visit dates cannot be read, and why: a misprinted span, and a 2009 report that
# prints no fieldwork dates.
NO_VISIT_DATES = {DARLINGTON_2023, HARINGEY_JAR_2009}

# The site names the City of London's folder after the body that runs it.
LA_ALIASES = {"londoncorporation": "cityoflondon"}


@cache
def parsed(label: str) -> Letter:
    """Each corpus letter read and parsed once per session, through the dispatcher."""
    result = parse(corpus_document("letters", label).pages, label)
    assert isinstance(result, Letter)
    return result


def _norm(name: str) -> str:
    return re.sub(r"[^a-z]", "", name.lower().replace("&", "and"))


def problem_fields(letter: Letter) -> set[str]:
    return {p.field for p in letter.problems}


# --- every row of letters.csv ----------------------------------------------------------------


@pytest.mark.parametrize("file", sorted(ROWS))
def test_every_letter_row(file: str) -> None:
    row = ROWS[file]
    letter = parsed(file)
    assert letter.kind == row["kind"]
    assert letter.publication_date is not None
    assert letter.publication_date.value == date.fromisoformat(row["publication_date"])
    assert letter.la_name is not None and letter.la_name.source.page is not None
    printed, expected = _norm(letter.la_name.value), _norm(row["la_name"])
    expected = LA_ALIASES.get(expected, expected)
    assert printed and (expected in printed or printed in expected), letter.la_name.value


def test_visit_dates_read_for_at_least_98_percent_of_letters() -> None:
    missing = {f for f in ROWS if parsed(f).visit_start is None or parsed(f).visit_end is None}
    read = len(ROWS) - len(missing)
    assert read >= math.ceil(0.98 * len(ROWS))
    assert (read, missing) == (402, NO_VISIT_DATES)


def test_every_read_visit_ends_on_or_before_its_letter() -> None:
    for file in ROWS:
        letter = parsed(file)
        if letter.visit_start and letter.visit_end:
            assert letter.visit_start.value <= letter.visit_end.value, file
        if letter.visit_end and letter.letter_date:
            assert letter.visit_end.value <= letter.letter_date.value, file


# --- focused visits ------------------------------------------------------------------------


def test_focused_visit_2023() -> None:
    letter = parsed(DORSET_2023)
    assert letter.kind == "focused_visit"
    assert letter.la_name is not None and letter.la_name.value == "Dorset"
    assert letter.la_name.source.page == 1
    assert "Focused visit to Dorset children’s services" in letter.la_name.source.text
    assert letter.letter_date is not None and letter.letter_date.value == date(2023, 6, 22)
    assert letter.letter_date.source.page == 1
    assert letter.visit_start is not None and letter.visit_end is not None
    assert (letter.visit_start.value, letter.visit_end.value) == (
        date(2023, 5, 17),
        date(2023, 5, 18),
    )
    assert letter.visit_start.source.page == 1
    assert "on 17 and 18 May 2023" in letter.visit_start.source.text
    assert letter.inspectors is not None
    assert letter.inspectors.value == ("Tracey Ledder", "Joy Howick")
    assert letter.inspectors.source.page == 1
    assert letter.topic is not None
    assert (
        letter.topic.value
        == "the local authority’s arrangements for 16- and 17-year-old care leavers"
    )
    assert letter.publication_date is not None and letter.publication_date.source.page is None
    assert letter.problems == ()


@pytest.mark.parametrize(
    ("file", "start", "end", "printed"),
    [
        (
            MILTON_KEYNES_2020,
            date(2020, 9, 29),
            date(2020, 10, 1),
            "between 29 September and 1 October 2020",
        ),
        (
            OLDHAM_2020,
            date(2020, 10, 13),
            date(2020, 10, 15),
            "between 13 October and 15 October 2020",
        ),
        (
            REDCAR_2019,
            date(2018, 12, 11),
            date(2018, 12, 12),
            "on 11 December and 12 December 2018",
        ),
        (NOTTS_2022, date(2022, 4, 26), date(2022, 4, 27), "on 26 to 27 April 2022"),
        (CAMDEN_2018, date(2018, 5, 15), date(2018, 5, 16), "on the 15 and 16 of May 2018"),
    ],
)
def test_focused_visit_date_forms(file: str, start: date, end: date, printed: str) -> None:
    letter = parsed(file)
    assert letter.visit_start is not None and letter.visit_end is not None
    assert (letter.visit_start.value, letter.visit_end.value) == (start, end)
    assert letter.visit_end.source.page == 1
    assert printed in letter.visit_end.source.text


def test_inspector_name_variants() -> None:
    redcar = parsed(REDCAR_2019).inspectors
    assert redcar is not None and redcar.value == ("Lisa Summers", "Rachel Holden")
    # The quality assurance manager is named in the next sentence, not as an inspector.
    camden = parsed(CAMDEN_2018).inspectors
    assert camden is not None and camden.value == ("Andy Whippey", "Anne Waterman")
    # "lead inspector", "team inspector" and an observer named in the same sentence.
    barking = parsed(BARKING_2022).inspectors
    assert barking is not None and barking.value == ("Brenda McLaughlin", "Tracey Ledder")
    hull = parsed(HULL_2021).inspectors
    assert hull is not None and hull.source.page == 1
    assert hull.value == (
        "Alex Dignan",
        "Tonwen Empson",
        "Nigel Parkes",
        "Caroline Walsh",
        "Andy Whippey",
    )


def test_covid_visit_prints_no_topic() -> None:
    letter = parsed(HULL_2021)
    assert letter.topic is None
    assert problem_fields(letter) == {"topic"}
    assert letter.la_name is not None and letter.la_name.value == "Kingston upon Hull City"


def test_visit_to_a_childrens_trust_names_its_la() -> None:
    letter = parsed(SANDWELL_2024)
    assert letter.la_name is not None and letter.la_name.value == "Sandwell"
    assert "Focused visit to Sandwell Children’s Trust" in letter.la_name.source.text


# --- misprints -----------------------------------------------------------------------------


def test_misprinted_letter_date_is_none_with_a_problem() -> None:
    letter = parsed(NORTH_SOMERSET_2025)
    assert letter.letter_date is None
    assert [p.message for p in letter.problems if p.field == "letter_date"] == [
        "misprinted date '6 November 20205'"
    ]
    assert letter.publication_date is not None
    assert letter.publication_date.value == date(2025, 11, 6)
    assert letter.visit_start is not None and letter.visit_start.value == date(2025, 10, 7)


def test_letter_dated_before_its_visit_is_none_with_a_problem() -> None:
    letter = parsed(DUDLEY_2020)  # prints "21 January 2019" for a visit in December 2019
    assert letter.letter_date is None
    assert "letter_date" in problem_fields(letter)
    assert letter.visit_end is not None and letter.visit_end.value == date(2019, 12, 19)


def test_misprinted_visit_span_keeps_only_its_end() -> None:
    letter = parsed(DARLINGTON_2023)  # "on 24 October 2022 to 25 October 2023"
    assert letter.visit_start is None and "visit_start" in problem_fields(letter)
    assert letter.visit_end is not None and letter.visit_end.value == date(2023, 10, 25)


def test_letter_without_a_date_line() -> None:
    letter = parsed(CAMBRIDGESHIRE_2025)
    assert letter.letter_date is None and problem_fields(letter) == {"letter_date"}
    assert letter.visit_start is not None and letter.visit_start.value == date(2025, 7, 29)


# --- JTAI and the JAR progress report --------------------------------------------------------


def test_jtai_2025() -> None:
    letter = parsed(NORFOLK_JTAI_2025)
    assert letter.kind == "jtai"
    assert letter.la_name is not None and letter.la_name.value == "Norfolk"
    assert letter.letter_date is not None and letter.letter_date.value == date(2025, 2, 27)
    assert letter.visit_start is not None and letter.visit_end is not None
    assert (letter.visit_start.value, letter.visit_end.value) == (
        date(2024, 12, 9),
        date(2024, 12, 13),
    )
    assert "took place from 9 to 13 December 2024" in letter.visit_start.source.text
    assert letter.visit_start.source.page == 1
    assert letter.topic is not None and letter.topic.source.page == 1
    assert letter.topic.value == (
        "the multi-agency response to children who are victims of domestic abuse"
    )
    assert letter.inspectors is None
    assert letter.problems == ()


def test_jtai_2016_theme_title() -> None:
    letter = parsed(TYNESIDE_JTAI_2016)
    assert letter.la_name is not None
    assert letter.la_name.value == "South Tyneside Metropolitan Borough"
    assert letter.visit_start is not None and letter.visit_end is not None
    assert (letter.visit_start.value, letter.visit_end.value) == (
        date(2016, 2, 22),
        date(2016, 2, 26),
    )
    assert letter.topic is not None
    assert letter.topic.value == "the multi-agency response to abuse and neglect"


def test_jtai_span_printed_without_a_year_is_placed_by_the_letter_date() -> None:
    letter = parsed(LIVERPOOL_JTAI_2016)  # "Between 20 and 24 June, Ofsted, ..." on 2 August 2016
    assert letter.letter_date is not None and letter.letter_date.value == date(2016, 8, 2)
    assert letter.visit_start is not None and letter.visit_end is not None
    assert (letter.visit_start.value, letter.visit_end.value) == (
        date(2016, 6, 20),
        date(2016, 6, 24),
    )
    assert "Between 20 and 24 June" in letter.visit_start.source.text


def test_jtai_whose_title_names_no_place() -> None:
    letter = parsed(GREENWICH_JTAI_2018)
    assert letter.la_name is not None and letter.la_name.value == "Greenwich"
    assert "individual agencies in Greenwich local authority" in letter.la_name.source.text
    assert letter.topic is not None
    assert letter.topic.value.startswith("the multi-agency response to child sexual exploitation")


def test_jtai_title_wrapped_over_two_lines() -> None:
    letter = parsed(WINDSOR_JTAI_2022)
    assert letter.la_name is not None
    assert letter.la_name.value == "Royal Borough of Windsor and Maidenhead"
    assert letter.visit_start is not None and letter.visit_start.value == date(2022, 5, 9)


def test_jar_progress_report() -> None:
    letter = parsed(HARINGEY_JAR_2009)
    assert letter.kind == "jar_progress"
    assert letter.la_name is not None and letter.la_name.value == "London Borough of Haringey"
    assert letter.la_name.source.page == 1
    assert letter.letter_date is not None and letter.letter_date.value == date(2009, 7, 3)
    assert letter.visit_start is None and problem_fields(letter) == {"visit_start"}


# --- monitoring visits (none in the corpus: composed here) ------------------------------------

MONITORING_PAGE_1 = """8 April 2019
Ms A Director
Director of Children’s Services
Anytown Borough Council
Dear Ms Director
Monitoring visit to Anytown children’s services
This letter summarises the findings of the monitoring visit to Anytown children’s
services on 5 and 6 March 2019. This visit was the third monitoring visit since the local
authority was judged inadequate in 2017. The inspectors were Jane Doe, Her Majesty’s
Inspector (HMI), and Sam Roe-Smith, HMI.
Areas covered by the visit
Inspectors reviewed the progress made in the following areas of concern identified at the
last inspection:"""
MONITORING_PAGE_2 = """• the quality of assessments
Headline findings
Leaders have acted on the findings of the focused visit to Anytown children’s services in 2018."""


def monitoring_pages() -> list[Page]:
    return [Page(1, MONITORING_PAGE_1), Page(2, MONITORING_PAGE_2)]


def test_monitoring_visit_letter() -> None:
    # The file name says focused visit: the kind comes from the letter's wording.
    label = "99999_anytown/children's services focused visit - 12 april 2019.pdf"
    letter = parse(monitoring_pages(), label)
    assert isinstance(letter, Letter)
    assert letter.kind == "monitoring_visit"
    assert letter.la_name is not None and letter.la_name.value == "Anytown"
    assert letter.letter_date is not None and letter.letter_date.value == date(2019, 4, 8)
    assert letter.visit_start is not None and letter.visit_end is not None
    assert (letter.visit_start.value, letter.visit_end.value) == (
        date(2019, 3, 5),
        date(2019, 3, 6),
    )
    assert letter.inspectors is not None and letter.inspectors.value == (
        "Jane Doe",
        "Sam Roe-Smith",
    )
    assert letter.publication_date is not None
    assert letter.publication_date.value == date(2019, 4, 12)
    assert letter.problems == ()


def test_monitoring_visit_known_by_its_opening_sentence_alone() -> None:
    text = MONITORING_PAGE_1.replace("Monitoring visit to Anytown children’s services\n", "")
    letter = letters.parse([Page(1, text)], "99999_anytown/letter - 12 april 2019.pdf")
    assert letter.kind == "monitoring_visit"
    assert letter.la_name is not None and letter.la_name.value == "Anytown"


def test_file_name_without_a_date_falls_back_to_the_letter_date() -> None:
    letter = letters.parse(monitoring_pages(), "99999_anytown/monitoring visit.pdf")
    assert letter.publication_date is not None
    assert letter.publication_date.value == date(2019, 4, 8)
    assert letter.publication_date.source.page == 1  # read from the letter, not the file name
    assert problem_fields(letter) == {"publication_date"}


def test_unknown_layout_raises() -> None:
    with pytest.raises(UnknownLayout):
        letters.parse([Page(1, "Minutes of the parish council\nItem 1")], "x/minutes.pdf")


# --- the date helpers this parser needs (parse/text.py) ---------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("on the 15 and 16 of May 2018", (date(2018, 5, 15), date(2018, 5, 16))),
        ("on 17 and 18 May 2023", (date(2023, 5, 17), date(2023, 5, 18))),
        ("took place from 27 June 2022 to 1 July 2022", (date(2022, 6, 27), date(2022, 7, 1))),
    ],
)
def test_parse_date_range_letter_forms(text: str, expected: tuple[date, date]) -> None:
    assert parse_date_range(text) == expected


@pytest.mark.parametrize(
    ("text", "before", "expected"),
    [
        (
            "Between 20 and 24 June, Ofsted",
            date(2016, 8, 2),
            (date(2016, 6, 20), date(2016, 6, 24)),
        ),
        (
            "Between 16 May and 20 May, Ofsted",
            date(2016, 6, 29),
            (date(2016, 5, 16), date(2016, 5, 20)),
        ),
        (
            "between 30 December and 3 January,",
            date(2020, 2, 1),
            (date(2019, 12, 30), date(2020, 1, 3)),
        ),
        (
            "Between 20 and 24 June, Ofsted",
            date(2016, 2, 1),
            (date(2015, 6, 20), date(2015, 6, 24)),
        ),
        ("Between 20 and 24 June 2016, Ofsted", date(2016, 8, 2), None),
        ("no dates here", date(2016, 8, 2), None),
    ],
)
def test_parse_yearless_range(text: str, before: date, expected: tuple[date, date] | None) -> None:
    assert parse_yearless_range(text, before) == expected


# --- topics that lead into a list ------------------------------------------------------------

BATH_2025 = (
    "80427_bath and north east somerset/children's services focused visit - 13 january 2025.pdf"
)
HULL_2025 = "80477_kingston upon hull/children's services focused visit - 28 august 2025.pdf"


def test_topic_keeps_the_bullets_after_with_a_particular_focus_on() -> None:
    # Page 1: "Inspectors looked at the local authority's arrangements for care leavers aged 18 to
    # 25, with a particular focus on: ◼ The quality of support for the most vulnerable care
    # leavers. ◼ Transition, planning and preparing for adulthood. ◼ Staying close and in touch.
    # ◼ The impact of leaders on practice with care leavers."
    topic = parsed(BATH_2025).topic
    assert topic is not None and topic.source.page == 1
    assert topic.value == (
        "the local authority’s arrangements for care leavers aged 18 to 25, with a particular"
        " focus on: The quality of support for the most vulnerable care leavers; Transition,"
        " planning and preparing for adulthood; Staying close and in touch; The impact of"
        " leaders on practice with care leavers"
    )
    assert "Staying close and in touch" in topic.source.text


def test_topic_list_in_a_synthetic_letter_ends_with_its_sentence() -> None:
    text = (
        "This letter summarises the findings of the focused visit to X children’s services on"
        " 4 and 5 December 2024. Inspectors looked at the local authority’s arrangements for"
        " children in care, which included a specific focus on: • decisions; and • planning."
        " This visit was carried out in line with the ILACS framework. Headline findings"
    )
    hit = letters._topic("focused_visit", [(1, text)], "x.pdf")
    assert hit is not None
    assert hit.value == (
        "the local authority’s arrangements for children in care, which included a specific"
        " focus on: decisions; planning"
    )


def test_visit_days_with_a_gap_read_first_and_last() -> None:
    # Page 1: "... the focused visit to Kingston-upon-Hull children's services on 15, 16 and 21
    # July 2025."
    letter = parsed(HULL_2025)
    assert letter.visit_start is not None and letter.visit_end is not None
    assert (letter.visit_start.value, letter.visit_end.value) == (
        date(2025, 7, 15),
        date(2025, 7, 21),
    )
