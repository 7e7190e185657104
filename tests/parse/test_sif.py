"""The SIF parser against every hand-checked SIF label, then the layout traps one by one.

The parametrised test is the accuracy check: each labelled field of each SIF and SIF
re-inspection row of labels.csv must match, and a field the label leaves empty must stay empty.
The trap tests pin files whose text was read by hand (page numbers as a PDF viewer shows them).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import cache

import pytest

from csc_inspections.errors import UnknownLayout
from csc_inspections.frameworks import frameworks
from csc_inspections.model import Document, Judgement, Report
from csc_inspections.parse import sif
from tests.conftest import corpus_document, labels

AREAS = (
    "overall",
    "leadership",
    "help_protection",
    "children_in_care",
    "care_leavers",
    "adoption",
    "lscb",
)
SIF_FILES = sorted(f for f, r in labels().items() if r["framework"].startswith("sif"))

ROTHERHAM_2014 = "80543_rotherham/children's services inspection - 19 november 2014.pdf"
ROTHERHAM_2018 = "80543_rotherham/children's services inspection - 29 january 2018.pdf"
DARLINGTON_2018 = "80458_darlington/children's services inspection - 21 may 2018.pdf"
BLACKPOOL_2014 = "80431_blackpool/children's services inspection - 08 september 2014.pdf"
SHEFFIELD_2014 = "80551_sheffield/children's services inspection - 21 february 2014.pdf"
BOLTON_2014 = "80432_bolton/children's services inspection - 21 march 2014.pdf"
OLDHAM_2015 = "80535_oldham/children's services inspection - 03 august 2015.pdf"
SCILLY_2016 = "80455_isles of scilly/children's services inspection - 27 june 2016.pdf"
REDBRIDGE_2016 = "80512_redbridge/children's services inspection - 25 november 2016.pdf"
SOMERSET_2015 = "80555_somerset/children's services inspection - 27 march 2015.pdf"
HULL_2015 = (
    "80477_kingston upon hull/single inspection of la children's services as pdf"
    " - 10 february 2015.pdf"
)
KENSINGTON_2016 = "80544_kensington and chelsea/children's services inspection - 29 march 2016.pdf"
NORFOLK_2013 = "80418_norfolk/children's services inspection,  pdf - 16 august 2013.pdf"
SURREY_LSCB_2015 = "80567_surrey/children's services inspection - 03 august 2015.pdf"
STOKE_2022 = "80564_stoke-on-trent/children's services inspection - 25 november 2022.pdf"


@cache
def parsed(label: str) -> Report:
    """Each corpus file parsed once per session, read through the conftest's cached reader."""
    return sif.parse(corpus_document("reports", label).pages, label)


def judgement(report: Report, area: str) -> Judgement:
    return next(j for j in report.judgements if j.area == area)


def as_row(r: Report) -> dict[str, str]:
    """The report in the label file's columns."""

    def iso(f: object) -> str:
        return f.value.isoformat() if f is not None else ""  # type: ignore[attr-defined]

    row = {
        "framework": frameworks()[r.kind].export_as,
        "publication_date": iso(r.publication_date),
        "inspection_start": iso(r.inspection_start),
        "inspection_end": iso(r.inspection_end),
        "lead_inspector": "; ".join(r.lead_inspectors.value) if r.lead_inspectors else "",
    }
    row.update({a: r.grade(a) or "" for a in AREAS})
    return row


@pytest.mark.parametrize("label", SIF_FILES, ids=lambda f: f.split("/")[0][:40] + f[-22:-4])
def test_every_labelled_field(label: str) -> None:
    got, want = as_row(parsed(label)), labels()[label]
    wrong = {k: (want[k], v) for k, v in got.items() if v != want[k].strip()}
    assert wrong == {}


@pytest.mark.parametrize("label", SIF_FILES, ids=lambda f: f.split("/")[0][:40] + f[-22:-4])
def test_no_problems_and_provenance(label: str) -> None:
    r = parsed(label)
    assert r.problems == ()
    assert r.la_name is not None and r.la_name.source.page == 1
    assert r.inspection_start is not None and r.inspection_start.source.page == 1
    assert all(j.source.page is not None and j.source.file == label for j in r.judgements)


def test_wrapped_grade_over_three_lines() -> None:
    # Page 1 prints "1. Children who need help and protection" / "Requires" / "improvement to
    # be" / "good", and the overall sentence ends "require improvement to be" / "good".
    r = parsed(DARLINGTON_2018)
    help_ = judgement(r, "help_protection")
    assert (help_.grade, help_.grade_text) == (
        "requires improvement",
        "Requires improvement to be good",
    )
    assert help_.area_text == "Children who need help and protection"
    assert help_.source.page == 1
    assert judgement(r, "overall").grade_text == "require improvement to be good"


def test_split_grade_and_wrapped_area() -> None:
    # Blackpool page 1: "... protection Requires" / "Improvement"; the overall sentence is
    # "... services require" / "improvement.2" with a footnote digit glued on.
    r = parsed(BLACKPOOL_2014)
    assert judgement(r, "help_protection").grade_text == "Requires Improvement"
    assert judgement(r, "overall").grade == "requires improvement"
    # Rotherham page 1: "2. Children looked after and achieving" / "permanence" / "Inadequate".
    cic = judgement(parsed(ROTHERHAM_2014), "children_in_care")
    assert cic.area_text == "Children looked after and achieving permanence"
    assert (cic.grade, cic.source.page) == ("inadequate", 1)


def test_lscb_from_its_section_not_the_title_footnote() -> None:
    # Page 1's title ends "Board1" (a footnote mark) and carries no grade; the LSCB section on
    # page 39 says "The Local Safeguarding Children Board is inadequate".
    lscb = judgement(parsed(ROTHERHAM_2014), "lscb")
    assert (lscb.grade, lscb.source.page) == ("inadequate", 39)
    # Somerset's section heading drops a word: "The Local Safeguarding Children is inadequate".
    somerset = judgement(parsed(SOMERSET_2015), "lscb")
    assert (somerset.grade, somerset.source.page) == ("inadequate", 41)
    # Hull's LA report carries the separately published LSCB inspection from page 37.
    hull = judgement(parsed(HULL_2015), "lscb")
    assert (hull.grade, hull.source.page) == ("requires improvement", 37)


def test_two_part_inspection_spans_both_parts() -> None:
    # "Inspection dates: 19 November-11 December 2013 and 28 – 30" / "January 2014".
    r = parsed(SHEFFIELD_2014)
    assert r.inspection_start is not None and r.inspection_end is not None
    assert (r.inspection_start.value, r.inspection_end.value) == (
        date(2013, 11, 19),
        date(2014, 1, 30),
    )
    assert r.inspection_end.source.page == 1


def test_numeric_dates() -> None:
    # "Inspection date: 12/09/2016 to 06/10/2016", "Report published: 25/11/2016".
    r = parsed(REDBRIDGE_2016)
    assert r.inspection_start and r.inspection_start.value == date(2016, 9, 12)
    assert r.inspection_end and r.inspection_end.value == date(2016, 10, 6)
    assert r.publication_date and r.publication_date.value == date(2016, 11, 25)


def test_report_without_publication_date_uses_the_file_name() -> None:
    r = parsed(BOLTON_2014)
    assert r.publication_date is not None
    assert r.publication_date.value == date(2014, 3, 21)
    assert r.publication_date.source.page is None
    assert r.lead_inspectors and r.lead_inspectors.value == ("Robert Hackeson",)
    assert r.lead_inspectors.source.page == 8


def test_reinspection_has_no_lscb() -> None:
    r = parsed(ROTHERHAM_2018)
    assert r.kind == "sif_reinspection"
    assert r.grade("lscb") is None
    assert r.grade("overall") == "good"
    assert r.problems == ()


def test_list_running_over_to_page_two() -> None:
    # Oldham's page 1 stops after 2.1; 2.2 and 3. head page 2.
    r = parsed(OLDHAM_2015)
    assert judgement(r, "care_leavers").source.page == 2
    assert judgement(r, "leadership").grade == "requires improvement"


def test_not_judged_is_no_judgement_and_no_problem() -> None:
    r = parsed(SCILLY_2016)  # 2., 2.1 and 2.2 printed "Not Judged"
    assert {j.area for j in r.judgements} == {"overall", "help_protection", "leadership", "lscb"}
    assert r.problems == ()


def test_la_name_as_printed() -> None:
    assert parsed(ROTHERHAM_2014).la_name.value == "Metropolitan Borough of Rotherham"  # type: ignore[union-attr]
    name = parsed(KENSINGTON_2016).la_name
    assert name is not None and name.value == "Royal Borough of Kensington and Chelsea"


def test_deputy_leads_are_not_leads() -> None:
    # Page 50: "Lead inspector: Ian Young HMI" / "Deputy lead inspectors: Emmy Tomsett HMI, ...".
    leads = parsed(KENSINGTON_2016).lead_inspectors
    assert leads is not None and leads.value == ("Ian Young",) and leads.source.page == 50


def test_two_lead_inspectors(report: Callable[[str], Document]) -> None:
    # No SIF report in the corpus names two leads; the helper is shown the one report that does
    # (ILACS, page 1): "Lead inspectors: Rebecca Quested, His Majesty’s Inspector, and Matthew
    # Reed," / "His Majesty’s Inspector".
    leads = sif.lead_inspectors(report(STOKE_2022).pages, STOKE_2022)
    assert leads is not None
    assert leads.value == ("Rebecca Quested", "Matthew Reed")
    assert leads.source.page == 1


@pytest.mark.parametrize("label", [STOKE_2022, NORFOLK_2013, SURREY_LSCB_2015])
def test_not_a_sif_report(label: str, report: Callable[[str], Document]) -> None:
    with pytest.raises(UnknownLayout):
        sif.parse(report(label).pages, label)
