"""The five reports kept as framework `other`: not scored, but stored right.

Expected values were read from the reports: page 1 (dates, "Published", "Reporting inspector")
and the "Record of main findings" table on the last page of each 2013 looked after children
inspection; page 1 and page 14 ("Lead inspector") of Surrey's standalone LSCB review. Labels
agree on dates, publication and inspector, and their notes on overall effectiveness and
capacity to improve.
"""

from __future__ import annotations

from datetime import date
from functools import cache

import pytest

from csc_inspections.errors import UnknownLayout
from csc_inspections.model import Report
from csc_inspections.parse import legacy
from tests.conftest import corpus_document, labels

NORFOLK = "80418_norfolk/children's services inspection,  pdf - 16 august 2013.pdf"
KENT = "80476_kent/children's services inspection,  pdf - 23 august 2013.pdf"
MEDWAY = "80522_medway/children's services inspection,  pdf - 23 august 2013.pdf"
SANDWELL = "80549_sandwell/children's services inspection,  pdf - 02 august 2013.pdf"
SURREY_LSCB = "80567_surrey/children's services inspection - 03 august 2015.pdf"
ROTHERHAM_SIF = "80543_rotherham/children's services inspection - 19 november 2014.pdf"

BAD, ADQ, GOOD = "inadequate", "adequate", "good"
# overall, capacity to improve, outcomes, quality of provision, leadership and management;
# then the table's page.
LAC = {
    NORFOLK: ((BAD, BAD, BAD, BAD, BAD), 23, "Norfolk County Council"),
    KENT: ((ADQ, GOOD, ADQ, ADQ, ADQ), 21, "Kent County Council"),
    MEDWAY: ((BAD, ADQ, BAD, BAD, BAD), 26, "Medway Council"),
    SANDWELL: ((BAD, ADQ, ADQ, BAD, BAD), 24, "Sandwell Metropolitan Borough Council"),
}
LAC_AREAS = ("overall", "capacity_to_improve", "outcomes", "quality_of_provision", "leadership")


@cache
def parsed(label: str) -> Report:
    return legacy.parse(corpus_document("reports", label).pages, label)


def test_the_other_files_are_these_five() -> None:
    assert sorted(f for f, r in labels().items() if r["framework"] == "other") == sorted(
        [*LAC, SURREY_LSCB]
    )


@pytest.mark.parametrize("label", sorted(LAC))
def test_looked_after_children_2013(label: str) -> None:
    grades, page, la = LAC[label]
    r = parsed(label)
    assert r.kind == "other_lac_2013"
    assert tuple(r.grade(a) for a in LAC_AREAS) == grades
    assert {j.source.page for j in r.judgements} == {page}
    assert r.la_name is not None and r.la_name.value == la
    assert r.problems == ()


@pytest.mark.parametrize("label", [*sorted(LAC), SURREY_LSCB])
def test_dates_publication_and_inspector_match_the_labels(label: str) -> None:
    r, want = parsed(label), labels()[label]
    assert r.inspection_start and r.inspection_start.value.isoformat() == want["inspection_start"]
    assert r.inspection_end and r.inspection_end.value.isoformat() == want["inspection_end"]
    assert r.publication_date and r.publication_date.value.isoformat() == want["publication_date"]
    assert r.publication_date.source.page == 1
    assert r.lead_inspectors and r.lead_inspectors.value == (want["lead_inspector"],)


def test_wrapped_row_and_grade_suffix() -> None:
    # Medway's table: "Outcomes for looked after children and" / "young people" /
    # "Inadequate Grade 4".
    r = parsed(MEDWAY)
    outcomes = next(j for j in r.judgements if j.area == "outcomes")
    assert outcomes.area_text == "Outcomes for looked after children and young people"
    assert outcomes.grade_text == "Inadequate"
    assert r.lead_inspectors and r.lead_inspectors.source.page == 1


def test_standalone_lscb_review() -> None:
    r = parsed(SURREY_LSCB)
    assert r.kind == "other_lscb_review"
    assert [(j.area, j.grade, j.source.page) for j in r.judgements] == [
        ("lscb", "requires improvement", 1)
    ]
    assert r.inspection_start and r.inspection_start.value == date(2015, 6, 15)
    assert r.lead_inspectors and r.lead_inspectors.source.page == 14
    assert r.la_name and r.la_name.value == "Surrey Safeguarding Children Board"
    assert r.problems == ()


def test_a_sif_report_is_not_legacy() -> None:
    with pytest.raises(UnknownLayout):
        legacy.parse(corpus_document("reports", ROTHERHAM_SIF).pages, ROTHERHAM_SIF)
