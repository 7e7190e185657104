"""Improvement points and key findings: counts against labels.csv, focused cases, invariants.

Each document is read and parsed once per session (`parsed`). Expected values were read from the
documents, not copied from the parser's output.
"""

from __future__ import annotations

from functools import cache

import pytest

from csc_inspections.model import Letter, Recommendation, Report
from csc_inspections.parse import parse
from tests.conftest import corpus_document, labels

ROTHERHAM_2014 = "80543_rotherham/children's services inspection - 19 november 2014.pdf"
SHEFFIELD_2014 = "80551_sheffield/children's services inspection - 21 february 2014.pdf"
SLOUGH_2016 = "80553_slough/children's services inspection - 17 february 2016.pdf"
SUNDERLAND_2018 = "80566_sunderland/children's services inspection - 25 july 2018.pdf"
REDCAR_2026 = "80541_redcar and cleveland/children's services inspection - 28 january 2026.pdf"
YORK_2025 = "80453_york/children's services inspection - 15 april 2025.pdf"
THURROCK_2024 = "80571_thurrock/children's services inspection - 29 october 2024.pdf"
NORTH_LINCS_2022 = "80527_north lincolnshire/children's services inspection - 25 november 2022.pdf"
SURREY_LSCB_2015 = "80567_surrey/children's services inspection - 03 august 2015.pdf"
BLACKBURN_FV = (
    "80430_blackburn with darwen/children's services focused visit - 30 november 2018.pdf"
)
KIRKLEES_JTAI = "80478_kirklees/joint area child protection inspection - 18 august 2022.pdf"
CENTRAL_BEDS_JTAI = (
    "80446_central bedfordshire/joint area child protection inspection - 10 may 2016.pdf"
)
BRACKNELL_JTAI = "80436_bracknell forest/joint area child protection inspection - 08 march 2019.pdf"

# labels.csv counts that the PDF contradicts: (n_recommendations, n_priority_actions) as printed.
# Sunderland 2018, pages 8-9: "Recommendations" numbers 15 items; items 10-15 are printed
# without a space after the number ("10.Ensure that children who present as homeless ...").
LABEL_ERRORS = {SUNDERLAND_2018: (15, 0)}
# Reports whose improvement list has no points: Thurrock 2024 prints no "What needs to improve?"
# (labels.csv note); North Lincolnshire 2022 prints the heading over one paragraph, no bullets.
NO_POINTS = {THURROCK_2024, NORTH_LINCS_2022}
LABELLED = sorted(f for f, row in labels().items() if row["n_recommendations"])
SCORED = sorted(
    f for f, row in labels().items() if row["framework"] not in ("not_a_report", "other")
)


@cache
def parsed(kind: str, label: str) -> Report | Letter:
    """The document as the real code path gives it: read the PDF, classify, parse."""
    return parse(corpus_document(kind, label).pages, label)


def points(kind: str, label: str, scope: str = "main") -> list[Recommendation]:
    return [r for r in parsed(kind, label).content.recommendations if r.scope == scope]


@pytest.mark.parametrize("label", LABELLED)
def test_counts_match_the_labels(label: str) -> None:
    row = labels()[label]
    wanted = (int(row["n_recommendations"]), int(row["n_priority_actions"] or 0))
    wanted = LABEL_ERRORS.get(label, wanted)
    found = points("reports", label)
    priority = sum(1 for r in found if r.group == "priority")
    assert (len(found), priority) == wanted
    assert [r.number for r in found] == list(range(1, len(found) + 1))


def test_sif_groups_and_sub_headings() -> None:
    found = points("reports", ROTHERHAM_2014)
    assert len(found) == 26
    assert [r.group for r in found] == ["priority"] * 10 + ["improvement"] * 16
    first, sixth, eleventh = found[0], found[5], found[10]
    assert first.text == "Secure effective leadership across children’s services."
    assert first.heading == "Leadership, management and governance"
    assert (first.source.page, first.source.file) == (4, ROTHERHAM_2014)
    assert sixth.heading == "Management oversight of social work practice"
    assert sixth.text.startswith("Significantly strengthen the strategic management")
    assert eleventh.heading == (
        "Enable looked after children and young people to live in permanent homes"
    )
    assert found[25].heading == "Direct engagement with children and young people"
    # Item 21 runs on with a second sentence on its own line.
    assert found[20].text.endswith("an effective performance management and information system.")


def test_numbered_sub_headings_over_bulleted_points() -> None:
    found = points("reports", SLOUGH_2016)
    assert len(found) == 22
    assert found[0].heading == "Quality and effectiveness of practice"
    assert found[7].heading == "Oversight and scrutiny by senior and political leaders"
    assert "Oversight" not in found[6].text


def test_point_wrapped_across_a_page_break() -> None:
    # Item 25 starts on page 5 and ends on page 6; item 18 ("There are no areas for priority or
    # immediate action.") is not a point, so item 25 is the seventh.
    found = points("reports", SHEFFIELD_2014)
    assert len(found) == 13
    wrapped = found[6]
    assert wrapped.text.startswith("For all looked after children, ensure that permanent")
    assert wrapped.text.endswith(
        "Legal action must be taken at an early stage to avoid unnecessary delay in securing a "
        "plan for their future."
    )
    assert wrapped.source.page == 5
    assert found[8].text.startswith("Improve the educational achievement of looked after")
    assert "• working with education providers to reduce fixed-term exclusions." in found[8].text


def test_ilacs_framework_references_kept_apart() -> None:
    found = points("reports", REDCAR_2026)
    assert [(r.text, r.framework_ref) for r in found] == [
        ("The sufficiency of homes for children in care.", "(outcome 4, national framework)"),
        ("Consistency in the recording of contingency plans.", "(outcome 2, national framework)"),
        (
            "The response to children who are privately fostered.",
            "(outcome 3, national framework)",
        ),
    ]
    # Printed under "What needs to improve?" (page 2): the group as printed, bulleted (no number).
    assert all(r.source.page == 2 and r.group == "what_needs_to_improve" for r in found)
    assert all(r.printed_number is None and r.form == "listed" for r in found)
    assert "national framework" in found[1].source.text


def test_framework_reference_without_brackets() -> None:
    found = points("reports", YORK_2025)
    assert found[0].framework_ref == "Enabler three: National Framework."
    assert "National Framework" not in found[0].text


def test_lscb_recommendations_kept_apart() -> None:
    lscb = points("reports", ROTHERHAM_2014, "lscb")
    assert len(lscb) == 9  # items 158-166 on page 41
    assert [r.number for r in lscb] == list(range(1, 10))
    assert [r.group for r in lscb] == ["priority"] * 5 + ["improvement"] * 4
    assert lscb[0].heading == "Performance, challenge and improvement"
    assert lscb[0].text.startswith("Increase the pace of both change and coordination")
    assert all(r.source.page == 41 for r in lscb)
    main_texts = {r.text for r in points("reports", ROTHERHAM_2014)}
    assert not main_texts & {r.text for r in lscb}


def test_standalone_lscb_review_points_are_the_lscb_s() -> None:
    assert points("reports", SURREY_LSCB_2015) == []
    lscb = points("reports", SURREY_LSCB_2015, "lscb")
    assert len(lscb) == 8  # eight bullets under "Recommendations", page 6
    assert lscb[7].text == (
        "Put in place a process for assessing the impact of training on improving the quality "
        "of practice (paragraph 15)."
    )


def test_focused_visit_improvement_points() -> None:
    found = points("letters", BLACKBURN_FV)
    assert [r.text for r in found] == [
        "The strategic multi-agency approach to ensure that children who are suffering neglect "
        "are helped and protected at the earliest opportunity.",
        "Social workers having workloads that allow them to spend sufficient time with children.",
        "Quality assurance activity, including audits that offer effective opportunities for "
        "learning and practice improvement.",
        "The quality of assessments and plans, with clear analysis, that lead to improved "
        "outcomes.",
        "Management oversight that focuses on improving quality and outcomes as well as "
        "compliance.",
    ]
    assert all(r.scope == "main" and r.source.page == 2 and not r.agencies for r in found)


def test_jtai_points_name_their_agencies() -> None:
    assert points("letters", KIRKLEES_JTAI) == []
    found = points("letters", KIRKLEES_JTAI, "agencies")
    assert len(found) == 4
    assert found[0].agencies == ("partnership",)  # "... Kirklees Safeguarding Children Partnership"
    assert found[2].text.startswith("The exercise of professional curiosity from some health")
    assert found[2].agencies == ("health",)
    # The footnote under the list ("1 as of 1 July 2022, the Clinical Commissioning Groups ...")
    # is not part of the last point.
    assert found[3].text == (
        "Contingency planning for children in care who are not able to return to their birth "
        "families."
    )


def test_jtai_sub_headings_and_agencies() -> None:
    found = points("letters", CENTRAL_BEDS_JTAI, "agencies")
    assert len(found) == 11
    assert (
        found[0].heading == "Responses to children missing and at risk of child sexual exploitation"
    )
    assert found[6].heading == "Leadership"
    assert found[7].heading == "The Local Safeguarding Children Board"
    assert "probation" in found[9].agencies  # "The NPS and the CRC are now separate probation ..."
    assert all(r.group == "improvement" for r in found)


def test_no_priority_action_is_not_a_point() -> None:
    found = points("letters", BRACKNELL_JTAI, "agencies")
    assert found[0].group == "improvement"
    assert not any("no areas for priority action" in r.text for r in found)


def test_sif_findings_sit_under_their_sub_headings() -> None:
    found = parsed("reports", ROTHERHAM_2014).content.findings
    assert len(found) == 14
    assert found[0].heading == "Leadership, management and governance"
    assert found[7].heading == "Quality of practice"
    assert found[7].text == "Social work practice is not robust and management oversight is weak."
    assert (found[13].source.page, found[13].text) == (
        4,
        "Care leavers are not given enough support to achieve their potential.",
    )


def test_ilacs_and_letter_findings() -> None:
    headline = parsed("reports", REDCAR_2026).content.findings
    assert headline[0].text.startswith("Following the last inspection in 2022")
    assert headline[0].source.page == 1
    letter = parsed("letters", BLACKBURN_FV).content.findings
    assert letter[0].text.startswith("Children in Blackburn with Darwen who are at immediate risk")
    assert any(
        f.text.startswith("Since the last inspection, most children now undergo") for f in letter
    )


@pytest.mark.parametrize("label", SCORED)
def test_every_report_has_an_improvement_list(label: str) -> None:
    document = parsed("reports", label)
    kinds = {s.kind for s in document.content.sections}
    if label == THURROCK_2024:
        assert "recommendations" not in kinds
        return
    assert "recommendations" in kinds
    found = points("reports", label)
    assert (len(found) == 0) == (label in NO_POINTS)
    assert all(r.text and r.source.page for r in found)


WARRINGTON_FV = "80575_warrington/children's services focused visit - 23 february 2018.pdf"
WAKEFIELD_FV = "80451_wakefield/children's services focused visit - 22 march 2018.pdf"
SEFTON_JTAI = "80550_sefton/joint area child protection inspection - 18 december 2019.pdf"


def test_printed_numbers_kept_beside_the_order() -> None:
    lscb = points("reports", ROTHERHAM_2014, "lscb")
    assert [r.printed_number for r in lscb] == list(range(158, 167))  # page 41
    sheffield = points("reports", SHEFFIELD_2014)
    assert sheffield[6].number == 7 and sheffield[6].printed_number == 25


def test_what_needs_to_improve_is_not_a_priority_action() -> None:
    # Page 4: "There are no priority actions following this focused visit." then "What needs to
    # improve in this area of social work practice" over four points.
    warrington = points("letters", WARRINGTON_FV)
    assert [r.group for r in warrington] == ["what_needs_to_improve"] * 4
    assert not any("no priority actions" in r.text for r in warrington)
    # Page 2: three priority actions, then three points under "What needs to improve ...".
    wakefield = points("letters", WAKEFIELD_FV)
    assert [r.group for r in wakefield] == ["priority"] * 3 + ["what_needs_to_improve"] * 3
    assert not any("What needs to improve" in r.text for r in wakefield)


def test_jtai_areas_for_improvement_of_2016_to_2020_are_narrative() -> None:
    central = points("letters", CENTRAL_BEDS_JTAI, "agencies")
    assert {r.form for r in central} == {"narrative"}
    # Sefton 2019: the priority actions complete "ensure that:" (listed); the areas for
    # improvement are paragraphs of evaluation.
    sefton = points("letters", SEFTON_JTAI, "agencies")
    assert [r.form for r in sefton if r.group == "priority"] == ["listed"] * 4
    assert {r.form for r in sefton if r.group == "improvement"} == {"narrative"}
    assert {r.form for r in points("letters", KIRKLEES_JTAI, "agencies")} == {"listed"}


def test_findings_stop_at_the_letters_closing() -> None:
    for label in (WARRINGTON_FV, BLACKBURN_FV):
        texts = [f.text for f in parsed("letters", label).content.findings]
        assert not any(
            "Ofsted will take the findings" in t or "Yours sincerely" in t for t in texts
        )
