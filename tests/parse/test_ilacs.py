"""ILACS reports: every labelled field of every ILACS row of labels.csv, plus the layout traps.

Each corpus file is read and parsed once per session (`parsed`), so the accuracy check over
all 289 ILACS reports stays a few seconds. Expected values in the focused tests were read from
the report text (page 1 unless said otherwise), not copied from the parser's output.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from functools import cache

import pytest

from csc_inspections.frameworks import frameworks
from csc_inspections.model import Fact, Judgement, Page, Report
from csc_inspections.parse import ilacs, parse
from tests.conftest import corpus_document, labels

AREAS = ("overall", "leadership", "help_protection", "children_in_care", "care_leavers")
ILACS_FILES = sorted(f for f, row in labels().items() if row["framework"].startswith("ilacs"))

DORSET_2025 = "2532283_dorset/children's services inspection - 09 may 2025.pdf"
DORSET_2021 = "2532283_dorset/children's services inspection - 19 november 2021.pdf"
WINDSOR_2024 = "80546_windsor & maidenhead/children's services inspection - 19 november 2024.pdf"
BRADFORD_2018 = "80449_bradford/children's services inspection - 29 october 2018.pdf"
BRADFORD_2023 = "80449_bradford/children's services inspection - 31 january 2023.pdf"
BRADFORD_TRUST = "80449_bradford/children's services inspection - 21 may 2026.pdf"
ISLE_OF_WIGHT_2019 = "80419_isle of wight/children's services inspection - 07 january 2019.pdf"
CHESHIRE_WEST_2019 = (
    "80448_cheshire west and chester/children's services inspection - 08 may 2019.pdf"
)
BIRMINGHAM_2019 = "80429_birmingham/children's services inspection - 17 january 2019.pdf"
NORTH_NORTHANTS_2026 = (
    "2637539_north northamptonshire/children's services inspection - 07 july 2026.pdf"
)
BEDFORD_2025 = "80428_bedford/children's services inspection - 27 august 2025.pdf"
STOKE_2022 = "80564_stoke-on-trent/children's services inspection - 25 november 2022.pdf"
DERBYSHIRE_2019 = "80460_derbyshire/children's services inspection - 19 september 2019.pdf"
SOUTH_TYNESIDE_2023 = "80557_south tyneside/children's services inspection - 10 may 2023.pdf"
DEVON_2025 = "80461_devon/children's services inspection - 13 may 2025.pdf"
OXFORDSHIRE_2024 = "80536_oxfordshire/children's services inspection - 09 april 2024.pdf"
WAKEFIELD_2018 = "80451_wakefield/children's services inspection - 17 july 2018.pdf"
LEWISHAM = "80508_lewisham/children's services inspection - 31 january 2024.pdf"


@cache
def parsed(label: str) -> Report:
    """The report as the real code path gives it: read the PDF, classify, parse."""
    result = parse(corpus_document("reports", label).pages, label)
    assert isinstance(result, Report)
    return result


def export_row(report: Report) -> dict[str, str]:
    """The fields of labels.csv, as the history export writes them."""

    def iso(value: Fact[date] | None) -> str:
        return value.value.isoformat() if value else ""

    row = {
        "framework": frameworks()[report.kind].export_as,
        "publication_date": iso(report.publication_date),
        "inspection_start": iso(report.inspection_start),
        "inspection_end": iso(report.inspection_end),
        "lead_inspector": "; ".join(report.lead_inspectors.value) if report.lead_inspectors else "",
    }
    row.update({area: report.grade(area) or "" for area in AREAS})
    return row


def judgement(report: Report, area: str) -> Judgement:
    return next(j for j in report.judgements if j.area == area)


def pages_of(label: str) -> list[Page]:
    return list(corpus_document("reports", label).pages)


# --- the accuracy check: every labelled field of every ILACS row ----------------------------


@pytest.mark.parametrize("label", ILACS_FILES)
def test_matches_labels(label: str) -> None:
    want = labels()[label]
    got = export_row(parsed(label))
    assert {f: got[f] for f in got} == {f: want[f] for f in got}


def test_every_ilacs_row_is_covered() -> None:
    assert len(ILACS_FILES) == 289


# --- page 1 of the 2020s layout ---------------------------------------------------------------


def test_short_inspection_of_one_week() -> None:
    report = parsed(DORSET_2025)
    assert report.kind == "ilacs_short"
    assert report.la_name is not None and report.la_name.value == "Dorset"
    assert report.inspection_start is not None and report.inspection_end is not None
    assert (report.inspection_start.value, report.inspection_end.value) == (
        date(2025, 3, 17),
        date(2025, 3, 21),
    )
    assert report.inspection_start.source.page == 1
    assert report.inspection_start.source.text == "17 March to 21 March 2025"
    assert report.lead_inspectors is not None
    assert report.lead_inspectors.value == ("Sarah Canto",)
    assert report.lead_inspectors.source.page == 1
    leavers = judgement(report, "care_leavers")
    assert (leavers.area_text, leavers.grade_text, leavers.grade) == (
        "The experiences and progress of care leavers",
        "Good",
        "good",
    )
    assert leavers.source.page == 1
    assert report.grade("overall") == "outstanding"
    assert report.problems == ()


def test_publication_date_comes_from_the_file_name() -> None:
    published = parsed(DORSET_2025).publication_date
    assert published is not None
    assert published.value == date(2025, 5, 9)
    assert published.source.page is None


def test_standard_inspection_of_two_weeks() -> None:
    report = parsed(DORSET_2021)
    assert report.kind == "ilacs_standard"
    assert report.inspection_start is not None and report.inspection_end is not None
    assert report.inspection_start.value == date(2021, 9, 27)
    assert report.inspection_end.value == date(2021, 10, 8)


def test_three_line_title() -> None:
    name = parsed(WINDSOR_2024).la_name
    assert name is not None
    assert name.value == "Royal Borough of Windsor and Maidenhead"
    assert name.source.page == 1
    assert name.source.text == (
        "Inspection of the Royal Borough of Windsor and Maidenhead local authority "
        "children’s services"
    )
    bradford = parsed(BRADFORD_2023).la_name
    assert bradford is not None
    assert bradford.value == "City of Bradford Metropolitan Borough Council"


def test_children_and_families_trust() -> None:
    report = parsed(BRADFORD_TRUST)
    assert report.la_name is not None
    assert report.la_name.value == "Bradford Children and Families Trust"
    assert report.la_name.source.page == 1
    assert report.kind == "ilacs_standard"
    assert report.grade("leadership") == "good"


def test_two_lead_inspectors() -> None:
    leads = parsed(STOKE_2022).lead_inspectors
    assert leads is not None
    assert leads.value == ("Rebecca Quested", "Matthew Reed")
    assert leads.source.page == 1


def test_2025_wording_children_care_leavers() -> None:
    leavers = judgement(parsed(BEDFORD_2025), "care_leavers")
    assert leavers.area_text == "The experiences and progress of children care leavers"
    assert leavers.grade_text == "Requires improvement to be good"
    assert leavers.grade == "requires improvement"
    assert parsed(BEDFORD_2025).kind == "ilacs_short"


def test_prose_after_the_table_is_not_a_row() -> None:
    # "The experiences and progress of children and young people in Oxfordshire are good"
    report = parsed(OXFORDSHIRE_2024)
    assert [j.area for j in report.judgements] == [
        "leadership",
        "help_protection",
        "children_in_care",
        "care_leavers",
        "overall",
    ]
    assert report.problems == ()


# --- the 2018-19 layout: name line above "Inspection of children's social care services" -----


def test_older_layout_name_line_and_split_grades() -> None:
    report = parsed(BRADFORD_2018)
    assert report.la_name is not None
    assert report.la_name.value == "City of Bradford Metropolitan District Council"
    assert report.lead_inspectors is not None
    assert report.lead_inspectors.value == ("Neil Penswick",)
    lead = judgement(report, "leadership")
    assert lead.area_text == (
        "The impact of leaders on social work practice with children and families"
    )
    assert lead.grade_text == "Requires improvement to be good"
    assert lead.grade == "requires improvement"
    assert lead.source.page == 1
    assert report.inspection_start is not None
    assert report.inspection_start.value == date(2018, 9, 17)


def test_grade_split_over_lines_in_every_row() -> None:
    report = parsed(BIRMINGHAM_2019)
    assert report.la_name is not None and report.la_name.value == "Birmingham City Council"
    assert {j.grade_text for j in report.judgements} == {"Requires improvement to be good"}
    assert len(report.judgements) == 4
    assert judgement(report, "children_in_care").area_text == (
        "The experiences and progress of children in care and care leavers"
    )
    assert report.grade("care_leavers") is None


@pytest.mark.parametrize(
    ("label", "name", "lead"),
    [
        (ISLE_OF_WIGHT_2019, "Isle of Wight Council", ("Tracey Scott",)),  # title on next line
        (CHESHIRE_WEST_2019, "Cheshire West and Chester", ("Mandy Nightingale",)),  # "... HMI"
    ],
)
def test_older_layout_lead_inspector_titles(label: str, name: str, lead: tuple[str]) -> None:
    report = parsed(label)
    assert report.la_name is not None and report.la_name.value == name
    assert report.lead_inspectors is not None and report.lead_inspectors.value == lead


def test_table_rows_in_another_order() -> None:
    report = parsed(WAKEFIELD_2018)
    assert [j.area for j in report.judgements] == [
        "help_protection",
        "children_in_care",
        "leadership",
        "overall",
    ]
    assert {j.grade for j in report.judgements} == {"inadequate"}


# --- April 2026 revision: no overall effectiveness ---------------------------------------------


def test_2026_revision_has_no_overall() -> None:
    report = parsed(NORTH_NORTHANTS_2026)
    assert report.kind == "ilacs_2026"
    assert report.grade("overall") is None
    lead = judgement(report, "leadership")
    assert lead.area_text == "The impact of leaders on practice with children and families"
    assert lead.grade == "outstanding"
    assert report.inspection_start is not None
    assert report.inspection_start.value == date(2026, 5, 11)


# --- dates in two parts, and no lead inspector ---------------------------------------------------


@pytest.mark.parametrize(
    ("label", "kind", "start", "end"),
    [
        (DERBYSHIRE_2019, "ilacs_short", date(2019, 7, 8), date(2019, 8, 8)),  # 5 + 2 days
        (SOUTH_TYNESIDE_2023, "ilacs_short", date(2022, 12, 5), date(2023, 2, 15)),  # 5 + 2
        (DEVON_2025, "ilacs_standard", date(2024, 9, 30), date(2025, 1, 16)),  # 10 + 4
    ],
)
def test_inspection_in_two_parts(label: str, kind: str, start: date, end: date) -> None:
    report = parsed(label)
    assert report.kind == kind
    assert report.inspection_start is not None and report.inspection_end is not None
    assert (report.inspection_start.value, report.inspection_end.value) == (start, end)
    assert report.inspection_end.source.page == 1


def test_no_lead_inspector_is_none_and_a_problem() -> None:
    report = parsed(DEVON_2025)
    assert report.lead_inspectors is None
    assert [(p.field, p.page) for p in report.problems] == [("lead_inspector", 1)]


def test_working_days_count_weekdays_of_every_part() -> None:
    assert ilacs._working_days([(date(2025, 3, 17), date(2025, 3, 21))]) == 5
    assert ilacs._working_days([(date(2021, 9, 27), date(2021, 10, 8))]) == 10
    two_parts = [(date(2022, 12, 5), date(2022, 12, 9)), (date(2023, 2, 14), date(2023, 2, 15))]
    assert ilacs._working_days(two_parts) == 7


# --- the body cross-check and unreadable values (real pages, one thing changed) -----------------


def test_body_headings_are_read_in_their_variants() -> None:
    # Lewisham prints "Impact of leaders on social work practice with children and families: good"
    # and "Experiences and progress of care leavers: good" (no "The"), with "16.In most ..."
    headings = ilacs._body_headings(pages_of(LEWISHAM)[1:], LEWISHAM)
    assert {a: j.grade for a, j in headings.items()} == {
        "help_protection": "good",
        "children_in_care": "good",
        "care_leavers": "good",
        "leadership": "good",
    }


def test_table_and_body_disagreeing_is_a_problem_and_the_table_wins() -> None:
    pages = pages_of(DORSET_2025)
    assert "protection: outstanding" in pages[1].text
    pages[1] = replace(
        pages[1], text=pages[1].text.replace("protection: outstanding", "protection: good")
    )
    report = ilacs.parse(pages, DORSET_2025)
    assert report.grade("help_protection") == "outstanding"
    assert [(p.field, p.page) for p in report.problems] == [("help_protection", 2)]


def test_unreadable_table_row_falls_back_to_the_body_heading() -> None:
    pages = pages_of(DORSET_2025)
    pages[0] = replace(pages[0], text=pages[0].text.replace("leavers\nGood", "leavers\n???"))
    report = ilacs.parse(pages, DORSET_2025)
    leavers = judgement(report, "care_leavers")
    assert leavers.grade == "good"
    assert leavers.source.page is not None and leavers.source.page > 1
    assert ("care_leavers", leavers.source.page) in [(p.field, p.page) for p in report.problems]


def test_grade_split_inside_a_word() -> None:
    pages = pages_of(BEDFORD_2025)
    first = pages[0].text.replace("Requires improvement", "Require\ns improvement", 1)
    report = ilacs.parse([replace(pages[0], text=first), *pages[1:]], BEDFORD_2025)
    lead = judgement(report, "leadership")
    assert (lead.grade_text, lead.grade) == (
        "Require s improvement to be good",
        "requires improvement",
    )


def test_unreadable_dates_leave_the_length_undecided() -> None:
    pages = pages_of(DORSET_2025)
    pages[0] = replace(pages[0], text=pages[0].text.replace("17 March to 21 March 2025", "(n/a)"))
    report = ilacs.parse(pages, DORSET_2025)
    assert report.kind == "ilacs_unknown_length"
    assert frameworks()[report.kind].export_as == "ilacs_unknown_length"
    assert report.inspection_start is None and report.inspection_end is None
    assert {p.field for p in report.problems} == {"inspection_start", "kind"}


def test_missing_overall_row_before_2026_is_flagged() -> None:
    pages = pages_of(DORSET_2025)
    assert "Overall effectiveness Outstanding" in pages[0].text
    text = pages[0].text.replace("Overall effectiveness Outstanding", "")
    report = ilacs.parse([replace(pages[0], text=text), *pages[1:]], DORSET_2025)
    assert report.kind == "ilacs_short"  # the dates (March 2025, five days) win over the layout
    assert [(p.field, p.page) for p in report.problems] == [("kind", 1)]
    assert "2025-03-17" in report.problems[0].message
