"""Page furniture taken out before sections are cut: synthetic pages for each rule, and real
letters and reports where each layout occurs."""

from __future__ import annotations

from csc_inspections.model import Page
from csc_inspections.parse import parse
from csc_inspections.parse.furniture import without_furniture
from tests.conftest import corpus_document

SOUTHEND_FV = "80559_southend-on-sea/children's services focused visit - 28 june 2023.pdf"
DURHAM_JTAI = "80465_durham/joint area child protection inspection - 24 august 2018.pdf"
ROCHDALE_2014 = "80542_rochdale/children's services inspection - 05 december 2014.pdf"
CALDERDALE_2015 = "80444_calderdale/children's services inspection - 20 march 2015.pdf"


def clean(text: str) -> Page:
    return without_furniture([Page(1, text)])[0]


def test_page_x_of_y_alone_or_mid_line() -> None:
    page = clean(
        "Plans do not contain specific, Page 3 of 4 time-bound actions.\nPage 4 of 4\nNext."
    )
    assert page.text == "Plans do not contain specific, time-bound actions.\nNext."


def test_footnotes_kept_apart_and_their_markers_dropped() -> None:
    page = clean(
        "Workers value the ‘trio’ system2. Operation Encompass5is used.\n"
        "\n2 The system in which a small group of social workers\nwork closely together.\n"
        "5 Operation Encompass is a project."
    )
    assert page.text == "Workers value the ‘trio’ system. Operation Encompass is used.\n"
    assert page.footnotes == (
        "2 The system in which a small group of social workers work closely together.",
        "5 Operation Encompass is a project.",
    )


def test_a_footnote_number_alone_on_its_line() -> None:
    page = clean("We saw Clare’s law2 being used.\n\n2\n Clare’s Law: a disclosure scheme.")
    assert page.text == "We saw Clare’s law being used.\n"
    assert page.footnotes == ("2 Clare’s Law: a disclosure scheme.",)


def test_a_number_between_two_words_is_a_marker_without_its_footnote() -> None:
    assert clean("Ensure that all cared for children2receive a health assessment.").text == (
        "Ensure that all cared for children receive a health assessment."
    )


def test_a_date_after_a_blank_line_is_not_a_footnote() -> None:
    page = clean("Ofsted\n\n9 April 2021\nKathryn Boulton\nDear Ms Boulton")
    assert page.footnotes == () and "9 April 2021" in page.text


def test_a_heading_printed_again_at_the_end_of_the_line_before() -> None:
    page = clean(
        "when children are\nmissing from home and care. Areas for improvement\n"
        "Areas for improvement\n4. Ensure that"
    )
    assert page.text.split("\n")[1:3] == ["missing from home and care.", "Areas for improvement"]


def test_letterhead_taken_out_of_the_text() -> None:
    page = clean(
        "living in unregulated or\nOfsted\nPiccadilly Gate\nStore Street\nManchester\nM1 2WD\n"
        "T 0300 123 1231\nTextphone 0161 618 8524\nenquiries@ofsted.gov.uk\n"
        "www.gov.uk/ofstedunregistered care arrangements."
    )
    assert "Piccadilly" not in page.text and "unregistered care arrangements." in page.text


def test_real_pages_lose_their_furniture() -> None:
    southend = parse(corpus_document("letters", SOUTHEND_FV).pages, SOUTHEND_FV)
    assert not any("Page 3 of 4" in s.text for s in southend.content.sections)
    durham = parse(corpus_document("letters", DURHAM_JTAI).pages, DURHAM_JTAI)
    texts = [f.text for f in durham.content.findings] + [
        r.text for r in durham.content.recommendations
    ]
    assert not any("law2" in t or "Encompass5is" in t for t in texts)
    assert any(n.startswith("2 Clare’s Law") for s in durham.content.sections for n in s.footnotes)
    rochdale = parse(corpus_document("reports", ROCHDALE_2014).pages, ROCHDALE_2014)
    last = next(r for r in rochdale.content.recommendations if r.printed_number == 18)
    assert last.text.endswith("linked to educational targets.")  # the footnote kept apart
