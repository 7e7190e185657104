"""Sections: focused cases on real reports and letters, and invariants over the whole corpus.

Each document is read and parsed once per session (`parsed`). Expected headings and pages were
read from the documents (their contents pages and headings), not copied from the parser.
"""

from __future__ import annotations

import re
from functools import cache
from itertools import pairwise

import pytest

from csc_inspections.model import Letter, Report, Section
from csc_inspections.parse import parse
from csc_inspections.parse.furniture import without_furniture
from csc_inspections.parse.sections import PAGE_BREAK, rules, section_pages
from tests.conftest import corpus_document, labels, letter_rows

ROTHERHAM_2014 = "80543_rotherham/children's services inspection - 19 november 2014.pdf"
YORK_2017 = "80453_york/children's services inspection - 07 february 2017.pdf"
MERTON_2017 = "80510_merton/children's services inspection - 25 august 2017.pdf"
REDCAR_2026 = "80541_redcar and cleveland/children's services inspection - 28 january 2026.pdf"
ROCHDALE_2018 = "80542_rochdale/children's services inspection - 12 march 2018.pdf"
NORFOLK_2013 = "80418_norfolk/children's services inspection,  pdf - 16 august 2013.pdf"
WEST_NORTHANTS_FV = (
    "2637548_west northamptonshire/children's services focused visit - 20 may 2025.pdf"
)
KIRKLEES_JTAI = "80478_kirklees/joint area child protection inspection - 18 august 2022.pdf"

REPORTS = sorted(f for f, row in labels().items() if row["framework"] != "not_a_report")
LETTERS = sorted(letter_rows())


@cache
def parsed(kind: str, label: str) -> Report | Letter:
    """The document as the real code path gives it: read the PDF, classify, parse."""
    return parse(corpus_document(kind, label).pages, label)


def sections(kind: str, label: str) -> tuple[Section, ...]:
    return parsed(kind, label).content.sections


def outline(kind: str, label: str) -> list[tuple[str, int]]:
    return [(s.kind, s.page_start) for s in sections(kind, label)]


def test_sif_report_follows_its_contents_page() -> None:
    # Page 2 lists: summary 3, improve 4, strengths 6, progress 7, children 8, area 9,
    # judgements 12, LSCB 39, its summary 40, its improvements 41, its judgement 42,
    # judgements mean 45, information 46; the area sections start on pages 12, 20, 28, 30, 35.
    assert outline("reports", ROTHERHAM_2014) == [
        ("front", 1),
        ("contents", 2),
        ("local_authority", 3),
        ("summary", 3),
        ("recommendations", 4),
        ("strengths", 6),
        ("progress", 7),
        ("children_summary", 8),
        ("area_information", 9),
        ("judgements", 12),
        ("judgement_help_protection", 12),
        ("judgement_children_in_care", 20),
        ("judgement_adoption", 28),
        ("judgement_care_leavers", 30),
        ("judgement_leadership", 35),
        ("lscb", 39),
        ("lscb_summary", 40),
        ("lscb_recommendations", 41),
        ("lscb", 42),
        ("judgement_descriptors", 45),
        ("inspection_information", 46),
        ("back_matter", 47),
    ]


def test_headings_as_printed() -> None:
    by_kind = {s.kind: s for s in sections("reports", ROTHERHAM_2014)}
    assert by_kind["recommendations"].heading == "What does the local authority need to improve?"
    assert by_kind["judgement_adoption"].heading == (
        "The graded judgement for adoption performance is that it requires improvement"
    )
    assert by_kind["area_information"].heading == "Information about this local authority area"


def test_contents_page_is_not_taken_for_the_headings() -> None:
    # York lists "Executive summary 2", "Recommendations 8" on page 4; Merton's contents lists
    # "Recommendations" and "Executive summary" without page numbers.
    for label, contents_page, recommendations_page in ((YORK_2017, 4, 8), (MERTON_2017, 4, 8)):
        found = sections("reports", label)
        assert [s.kind for s in found if s.page_start == contents_page] == ["contents"], label
        assert [s.page_start for s in found if s.kind == "recommendations"] == [
            recommendations_page
        ]
        contents = next(s for s in found if s.kind == "contents")
        assert contents.page_end == contents_page
        assert "Recommendations" in contents.text


def test_ilacs_summary_after_the_table_and_graded_headings() -> None:
    found = sections("reports", REDCAR_2026)
    assert [s.kind for s in found] == [
        "front",
        "summary",
        "recommendations",
        "judgement_help_protection",
        "judgement_children_in_care",
        "judgement_care_leavers",
        "judgement_leadership",
        "back_matter",
    ]
    front, summary = found[0], found[1]
    assert front.text.rstrip().endswith("Overall effectiveness Good")
    assert summary.heading == ""
    assert summary.text.startswith("Following the last inspection in 2022")
    assert found[3].heading == (
        "The experiences and progress of children who need help and protection: good"
    )
    assert found[4].heading == (
        "The experiences and progress of children in care: requires improvement to be good"
    )
    assert [s.page_start for s in found[3:]] == [2, 5, 8, 10, 13]


def test_ilacs_grade_split_over_two_lines_stays_in_the_table() -> None:
    # Page 1 prints "Overall effectiveness Requires improvement to" then "be good".
    front, summary = sections("reports", ROCHDALE_2018)[:2]
    assert front.text.rstrip().endswith("be good")
    assert summary.text.startswith("Leaders have been successful in making improvements")


def test_focused_visit_letter() -> None:
    assert outline("letters", WEST_NORTHANTS_FV) == [
        ("front", 1),
        ("headline_findings", 1),
        ("recommendations", 2),
        ("main_findings", 2),
        ("closing", 5),
    ]


def test_unknown_heading_is_kept_as_other() -> None:
    # Page 2 of the Kirklees JTAI letter opens with a heading no row knows.
    other = [s for s in sections("letters", KIRKLEES_JTAI) if s.kind == "other"]
    assert [(s.heading, s.page_start) for s in other] == [
        ("Kirklees Safeguarding Children Partnership (KSCP)", 2)
    ]
    assert other[0].text.startswith("The Kirklees safeguarding children partners have")


def test_legacy_looked_after_children_report() -> None:
    # Contents: About this inspection 2, judgements and what they mean 2, Service information 3,
    # Overall effectiveness 4, Capacity to improve 4, ... Record of main findings 21 (PDF pages
    # are two more than the printed numbers).
    kinds = [s.kind for s in sections("reports", NORFOLK_2013)]
    assert kinds == [
        "front",
        "contents",
        "inspection_information",
        "judgement_descriptors",
        "area_information",
        "judgement_overall",
        "judgement_capacity_to_improve",
        "recommendations",
        "judgement_outcomes",
        "judgement_quality_of_provision",
        "judgement_leadership",
        "judgements",
    ]


def test_section_pages_splits_at_page_breaks() -> None:
    summary = next(s for s in sections("reports", ROTHERHAM_2014) if s.kind == "summary")
    pages = list(section_pages(summary))
    assert [n for n, _ in pages] == [3, 4]
    assert pages[1][1].startswith("• Children have returned home from care")


def test_every_row_of_the_table_compiles() -> None:
    for rule in rules():
        re.compile(rule.pattern)


def _whole(document: Report | Letter, kind: str, label: str) -> str:
    """The document's text once its page furniture is out (parse/furniture.py): what the
    sections must hold, every character of it."""
    pages = without_furniture(corpus_document(kind, label).pages)
    return "".join("".join(p.text.split()) for p in pages)


@pytest.mark.parametrize(
    ("kind", "label"),
    [("reports", f) for f in REPORTS] + [("letters", f) for f in LETTERS],
)
def test_sections_cover_the_document_in_page_order(kind: str, label: str) -> None:
    document = parsed(kind, label)
    found = document.content.sections
    assert found, label
    for before, after in pairwise(found):
        assert before.page_start <= after.page_start
        assert before.page_end <= after.page_start
    for section in found:
        assert section.page_end >= section.page_start
        assert section.text.count(PAGE_BREAK) == section.page_end - section.page_start
    printed = _whole(document, kind, label)
    kept = "".join("".join((s.heading + s.text).split()) for s in found)
    assert 0 <= len(printed) - len(kept) <= 4, "text dropped"  # glued footnote marks only
