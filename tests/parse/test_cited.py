"""Cited earlier inspections: the hand-checked fixture (every citation found, none it does not
list), Rotherham 2014's two citations, wording traps read by hand, and invariants over every
SIF report (a cited month is always before the inspection that cites it).
"""

from __future__ import annotations

from datetime import date

import pytest

from csc_inspections.model import CitedInspection, Page
from csc_inspections.parse.cited import kinds, read_cited
from tests.conftest import labels
from tests.parse.test_figures import SIF_FILES, content, fixture_files, rows_for, short

CITED_FILES = fixture_files("cited")
GRADES = {"outstanding", "good", "requires improvement", "adequate", "satisfactory", "inadequate"}
AREAS = {"overall", "help_protection", "children_in_care", "adoption", "care_leavers", "leadership"}
ROTHERHAM_2014 = "80543_rotherham/children's services inspection - 19 november 2014.pdf"
SUNDERLAND_2018 = "80566_sunderland/children's services inspection - 25 july 2018.pdf"
BRADFORD_2014 = "80449_bradford/children's services inspection - 23 may 2014.pdf"
WILTSHIRE_2015 = "80580_wiltshire/children's services inspection - 01 september 2015.pdf"
LEEDS_2015 = "80481_leeds/children's services inspection - 27 march 2015.pdf"
BROMLEY_2016 = "80490_bromley/children's services inspection - 27 june 2016.pdf"
CAMBRIDGESHIRE_2024 = "80445_cambridgeshire/children's services inspection - 16 may 2024.pdf"


def printed_when(c: CitedInspection) -> str:
    """The cited date at the precision printed: "2012-07", or "2012" for a year alone."""
    if c.month is None:
        return ""
    return c.month.isoformat()[: 4 if c.precision == "year" else 7]


def matches(c: CitedInspection, row: dict[str, str]) -> bool:
    month = printed_when(c)
    return (c.what, month, c.grade or "", c.source.page) == (
        row["name"],
        row["value"],
        row["grade"],
        int(row["page"]),
    )


def cited(label: str) -> list[tuple[str, date | None, str | None, int | None]]:
    return [(c.what, c.month, c.grade, c.source.page) for c in content(label).cited]


@pytest.mark.parametrize("label", CITED_FILES, ids=short)
def test_every_fixture_citation_is_found(label: str) -> None:
    found = content(label).cited
    rows = [r for r in rows_for(label, "cited") if r["name"] != "(none)"]
    missing = [r for r in rows if not any(matches(c, r) for c in found)]
    assert [(r["page"], r["name"], r["value"], r["grade"]) for r in missing] == []
    assert len(found) == len(rows)  # and nothing else


@pytest.mark.parametrize("label", CITED_FILES, ids=short)
def test_no_citation_where_the_fixture_says_none(label: str) -> None:
    pages = {int(r["page"]) for r in rows_for(label, "cited") if r["name"] == "(none)"}
    assert [c for c in content(label).cited if c.source.page in pages] == []


def test_rotherham_2014_cites_2012_and_2010_once_each() -> None:
    # Page 7: "The last inspection of Rotherham's services for looked after children was in July
    # 2010. The last inspection of arrangements for the protection of children was in July 2012.
    # The local authority was judged to be adequate in both inspections." Pages 10-11 repeat
    # both: one inspection each, kept where first printed in full.
    got = cited(ROTHERHAM_2014)
    assert ("child protection", date(2012, 7, 1), "adequate", 7) in got
    assert ("looked after children", date(2010, 7, 1), "adequate", 7) in got
    assert len(got) == len({(w, m.year if m else None) for w, m, *_ in got})
    progress = next(c for c in content(ROTHERHAM_2014).cited if c.source.page == 7)
    assert "adequate in both inspections" in progress.source.text


def test_reinspection_cites_each_judgement_of_the_single_inspection() -> None:
    # Page 5: "The last inspection report ... was published in July 2015. The judgements for the
    # local authority were: Overall effectiveness: Inadequate ..." (six lines, all inadequate).
    got = cited(SUNDERLAND_2018)
    assert {w for w, *_ in got} == {f"children's services: {a}" for a in AREAS}
    assert {(m, g) for _, m, g, _ in got} == {(date(2015, 7, 1), "inadequate")}


def test_table_lines_in_the_inspections_list() -> None:
    # Page 8: "LA Fostering 10 Nov 2011 Good", "Private Fostering 20 Mar 2009 Satisfactory".
    got = cited(BRADFORD_2014)
    assert ("fostering agency", date(2011, 11, 1), "good", 8) in got
    assert ("private fostering", date(2009, 3, 1), "satisfactory", 8) in got


def test_one_inspection_two_grades() -> None:
    # Page 3: "... services for safeguarding and looked after children was in March 2012. The
    # local authority was judged to be adequate for children looked after and inadequate for
    # safeguarding." The combined citation gives way to its two graded parts.
    got = [c for c in cited(WILTSHIRE_2015) if c[3] == 3]
    assert ("looked after children", date(2012, 3, 1), "adequate", 3) in got
    assert ("safeguarding", date(2012, 3, 1), "inadequate", 3) in got
    assert not any(w == "safeguarding and looked after children" for w, *_ in got)


def test_grade_from_the_next_sentence_only() -> None:
    # Page 7: "In January 2010, inspection of Safeguarding and Looked After Children's services
    # found safeguarding inadequate. Services to children looked after were adequate."
    got = cited(LEEDS_2015)
    assert ("safeguarding", date(2010, 1, 1), "inadequate", 7) in got
    assert ("looked after children", date(2010, 1, 1), "adequate", 7) in got
    assert ("contact, referral and assessment", date(2009, 7, 1), None, 7) in got


def test_a_year_and_no_named_inspection_is_no_citation() -> None:
    # Page 2: "Since the Ofsted inspections of 2010 and 2012, there has been significant
    # deterioration in services for children's safeguarding, children looked after, ..."
    assert [c for c in cited(BROMLEY_2016) if c[3] == 2] == []


def test_ilacs_summary_citation() -> None:
    # Page 1: "The last full inspection of children's services in Cambridgeshire, in January
    # 2019, judged all services as requires improvement to be good."
    assert cited(CAMBRIDGESHIRE_2024) == [
        ("children's services", date(2019, 1, 1), "requires improvement", 1)
    ]


@pytest.mark.parametrize("label", SIF_FILES, ids=short)
def test_invariants(label: str) -> None:
    start = date.fromisoformat(labels()[label]["inspection_start"])
    whats = {k.what for k in kinds()} | {f"children's services: {a}" for a in AREAS}
    for c in content(label).cited:
        assert c.what in whats, c
        assert c.grade is None or c.grade in GRADES, c
        assert c.month is None or (c.month.day == 1 and c.month < start), c
        assert c.source.page is not None and c.source.text, c


def test_coverage_over_the_sif_reports() -> None:
    """Measured: 152 of 155 SIF reports cite at least one earlier inspection. Two re-inspections
    print no area section; Doncaster 2018 words its 2015 single inspection as "services for
    children in need of help and protection, including children in care", which is also how the
    2009-13 inspections are described, so no row names it."""
    citing = [label for label in SIF_FILES if content(label).cited]
    assert len(citing) >= 152


# --- issue 16: the grade of the clause naming the inspection, its aspect, years, repeats -------


def _read(*sentences: str) -> list[tuple[str, str, str | None, str]]:
    pages = [Page(3, "Progress since the last inspection\n• " + " ".join(sentences))]
    return [(c.what, printed_when(c), c.grade, c.area) for c in read_cited(pages, "x.pdf")]


def test_the_grade_of_the_clause_that_names_the_inspection() -> None:
    got = _read(
        "The local authority has built on the 2011 adequate judgement of its looked after "
        "children inspection to provide good services and improved outcomes for children."
    )
    assert got == [("looked after children", "2011", "adequate", "overall")]


def test_no_grade_where_the_sentence_gives_none_to_the_inspection() -> None:
    got = _read(
        "Building on the safeguarding and children looked after inspections of 2011, services "
        "continue to be good and some, such as those for care leavers, are outstanding."
    )
    assert got == [("safeguarding and looked after children", "2011", None, "overall")]


def test_a_clause_referring_back_grades_the_inspection() -> None:
    got = _read(
        "The local authority has continued to make progress on the previous Ofsted inspections "
        "of child protection (in 2012), which judged services to be good, and of children "
        "looked after (in 2010), which judged services to be adequate."
    )
    assert ("child protection", "2012", "good", "overall") in got
    assert ("looked after children", "2010", "adequate", "overall") in got


def test_overall_effectiveness_not_another_aspect() -> None:
    got = _read(
        "Safeguarding and looked after children services were last inspected in June 2012. "
        "That inspection judged the overall effectiveness for both safeguarding and looked "
        "after children services to be good, with outcomes for safeguarding judged to be "
        "adequate."
    )
    assert {(w, g) for w, _, g, _ in got} <= {
        ("safeguarding", "good"),
        ("looked after children", "good"),
        ("safeguarding and looked after children", "good"),
    }


def test_a_year_alone_is_kept_and_a_list_of_years_is_one_inspection_each() -> None:
    got = _read(
        "At the time of the two previous safeguarding inspections in 2010 and 2011, the local "
        "authority was judged to be inadequate."
    )
    assert got == [
        ("safeguarding", "2010", "inadequate", "overall"),
        ("safeguarding", "2011", "inadequate", "overall"),
    ]


def test_repeated_citations_are_one_inspection() -> None:
    got = _read(
        "Leaders have made progress since the child protection inspection in 2013.",
        "\n• The previous inspection of the local authority’s arrangements for the protection "
        "of children was in February 2013. The local authority was judged to be good.",
    )
    assert got == [("child protection", "2013-02", "good", "overall")]
