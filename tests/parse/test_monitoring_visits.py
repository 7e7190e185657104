"""Monitoring visit letters, composed in the test from Ofsted's published letter form.

The corpus holds no monitoring visit letter, so each letter here is written in the test: the
wording follows the form of the letters Ofsted publishes (title, opening sentence with the
visit's days, its place in the series and the inspectors, "Areas covered by the visit", an
overview and the findings), with invented names. Paragraphs are wrapped at several widths, as
PDF text comes out with its line breaks wherever the layout put them. The last tests read every
corpus letter of another kind and check that none is taken for a monitoring visit.
"""

from __future__ import annotations

import textwrap
from datetime import date
from functools import cache

import pytest

from csc_inspections.model import Letter, Page
from csc_inspections.parse import letters, parse
from tests.conftest import corpus_document, letter_rows

LABEL = "99998_anyshire/monitoring visit - 14 november 2022.pdf"
LETTERHEAD = """Ofsted
Piccadilly Gate
Store Street
Manchester
M1 2WD
T 0300 123 1231
Textphone 0161 618 8524
enquiries@ofsted.gov.uk
www.gov.uk/ofsted"""
ADDRESS = """Ms Pat Example
Director of Children’s Services
Anyshire County Council
County Hall
Anytown AN1 1AA
Dear Ms Example"""
PAGE = "<page>"  # where a composed letter turns the page


def compose(blocks: list[str], width: int) -> list[Page]:
    """Pages of a letter: a block starting '# ' is a heading line, '- ' a bullet, PAGE a page
    break, '= ' a line kept as it is; every other block is a paragraph wrapped at `width`."""
    pages: list[list[str]] = [[]]
    for block in blocks:
        if block == PAGE:
            pages.append([])
        elif block.startswith(("# ", "= ")):
            pages[-1].append(block[2:])
        elif block.startswith("- "):
            pages[-1].append(textwrap.fill(block[2:], width, initial_indent="• "))
        else:
            pages[-1].append(textwrap.fill(block, width))
    return [Page(n, "\n".join(lines)) for n, lines in enumerate(pages, start=1)]


# The form of 2019 onwards: "Areas covered by the visit", "Headline findings", "Findings and
# progress"; the visit's days run into the next month.
ILACS_FORM = [
    f"= {LETTERHEAD}",
    "= 14 November 2022",
    f"= {ADDRESS}",
    "# Monitoring visit to Anyshire children’s services",
    "This letter summarises the findings of the monitoring visit to Anyshire children’s "
    "services on 29 and 30 September, and 1 October 2022. This was the second monitoring "
    "visit since the local authority was judged inadequate in December 2021. His Majesty’s "
    "Inspectors for this visit were Alex Brown and Chris Green-Jones.",
    "# Areas covered by the visit",
    "The focus of the monitoring visit was children in need and those subject to a child "
    "protection plan. In particular, inspectors reviewed the progress made in the following "
    "areas of concern identified at the last inspection:",
    "- the quality of assessments and plans;",
    "- management oversight of social work practice.",
    "This visit was carried out in line with the inspection of local authority children’s "
    "services (ILACS) framework. Inspectors considered a range of evidence, including case "
    "records, and spoke to social workers and managers.",
    PAGE,
    "# Headline findings",
    "Leaders have made steady progress in improving the help children in need receive. "
    "Caseloads have reduced and most children now have an allocated social worker.",
    "# Findings and progress",
    "Assessments are more timely and most consider the history of the family, although the "
    "quality of plans remains too variable across teams.",
    "Managers now review children’s progress regularly, but their oversight does not always "
    "lead to timely action when plans drift.",
    "= Ofsted will take the findings from this monitoring visit into account when planning "
    "your next inspection or visit.",
    "# Yours sincerely",
    "= Alex Brown",
    "= His Majesty’s Inspector",
]

# The form of 2015-18: "Monitoring visit of", the visit's place in the series in the opening
# sentence, the days in a sentence of their own, "Overview" and "Findings and evaluation of
# progress".
SIF_FORM = [
    f"= {LETTERHEAD}",
    "= 2 December 2016",
    f"= {ADDRESS}",
    "# Monitoring visit of Anyborough children’s services",
    "This letter summarises the findings of the fourth monitoring visit to Anyborough "
    "children’s services since the local authority was judged inadequate in June 2015. The "
    "visit took place on 9 and 10 November 2016. The visit was carried out by Her Majesty’s "
    "Inspectors Jane Doe and Sam Roe-Smith.",
    "# Areas covered by the visit",
    "During this visit, inspectors reviewed the progress made by the local authority in "
    "relation to care leavers, including the suitability of their accommodation. A range of "
    "evidence was considered, including case records.",
    "# Overview",
    "The local authority is making progress in improving services for care leavers. Personal "
    "advisers know young people well.",
    PAGE,
    "# Findings and evaluation of progress",
    "Pathway plans are more up to date, and most young people contribute to them. Too few "
    "young people are in education, employment or training.",
    "# Yours sincerely",
    "= Jane Doe",
    "= Her Majesty’s Inspector",
]


def ilacs_letter(width: int = 90) -> Letter:
    found = parse(compose(ILACS_FORM, width), LABEL)
    assert isinstance(found, Letter)
    return found


def fields(letter: Letter) -> set[str]:
    return {p.field for p in letter.problems}


@pytest.mark.parametrize("width", [58, 74, 90, 120])
def test_letter_of_the_ilacs_form(width: int) -> None:
    letter = ilacs_letter(width)
    assert letter.kind == "monitoring_visit"
    assert letter.la_name is not None and letter.la_name.value == "Anyshire"
    assert letter.letter_date is not None and letter.letter_date.value == date(2022, 11, 14)
    assert letter.visit_start is not None and letter.visit_end is not None
    assert (letter.visit_start.value, letter.visit_end.value) == (
        date(2022, 9, 29),
        date(2022, 10, 1),
    )
    assert letter.visit_start.source.page == 1
    assert letter.inspectors is not None
    assert letter.inspectors.value == ("Alex Brown", "Chris Green-Jones")
    assert letter.topic is not None
    assert letter.topic.value == "children in need and those subject to a child protection plan"
    assert letter.problems == ()


def test_findings_are_read_as_rows_and_kept_as_sections() -> None:
    letter = ilacs_letter()
    kinds = [s.kind for s in letter.content.sections]
    assert kinds == ["front", "areas_covered", "headline_findings", "main_findings", "closing"]
    progress = letter.content.sections[3]
    assert progress.heading == "Findings and progress" and progress.page_start == 2
    assert "oversight does not always" in " ".join(progress.text.split())  # what search indexes
    texts = [f.text for f in letter.content.findings]
    assert texts[0].startswith("Leaders have made steady progress")
    assert any(t.startswith("Managers now review children’s progress") for t in texts)
    assert all(f.source.page == 2 for f in letter.content.findings)
    assert not any("Ofsted will take the findings" in t for t in texts)  # the closing line


@pytest.mark.parametrize("width", [62, 85, 110])
def test_letter_of_the_sif_form(width: int) -> None:
    letter = parse(compose(SIF_FORM, width), LABEL)
    assert isinstance(letter, Letter)
    assert letter.kind == "monitoring_visit"
    assert letter.la_name is not None and letter.la_name.value == "Anyborough"
    assert letter.visit_start is not None and letter.visit_end is not None
    assert (letter.visit_start.value, letter.visit_end.value) == (
        date(2016, 11, 9),
        date(2016, 11, 10),
    )
    assert "took place on 9 and 10 November 2016" in letter.visit_start.source.text
    assert letter.inspectors is not None
    assert letter.inspectors.value == ("Jane Doe", "Sam Roe-Smith")
    assert letter.topic is not None
    assert letter.topic.value == "care leavers, including the suitability of their accommodation"
    assert [s.kind for s in letter.content.sections][1:4] == [
        "areas_covered",
        "headline_findings",
        "main_findings",
    ]
    texts = [f.text for f in letter.content.findings]
    assert texts[0].startswith("The local authority is making progress")
    assert any(t.startswith("Pathway plans are more up to date") for t in texts)
    assert letter.problems == ()


def test_areas_listed_after_a_lead_in_are_the_topic() -> None:
    blocks = [b for b in ILACS_FORM if not b.startswith("The focus of the monitoring visit")]
    at = blocks.index("# Areas covered by the visit") + 1
    blocks.insert(
        at,
        "Inspectors reviewed the progress made in the following areas of concern identified "
        "at the last inspection:",
    )
    blocks.insert(blocks.index("- management oversight of social work practice."), PAGE)
    letter = letters.parse(compose(blocks, 70), LABEL)
    assert letter.topic is not None
    assert letter.topic.value == (
        "the quality of assessments and plans; management oversight of social work practice"
    )
    assert letter.topic.source.page == 1
    assert "following areas of concern" in letter.topic.source.text


@pytest.mark.parametrize(
    ("opening", "start", "end"),
    [
        ("on 12 and 13 March 2019", date(2019, 3, 12), date(2019, 3, 13)),
        ("between 30 September and 2 October 2020", date(2020, 9, 30), date(2020, 10, 2)),
        ("on 30 September, 1 and 2 October 2020", date(2020, 9, 30), date(2020, 10, 2)),
        ("on 15, 16 and 21 July 2025", date(2025, 7, 15), date(2025, 7, 21)),
        ("from 31 January to 1 February 2024", date(2024, 1, 31), date(2024, 2, 1)),
        ("on 30 and 31 December 2019, and 2 January 2020", date(2019, 12, 30), date(2020, 1, 2)),
    ],
)
def test_visit_day_forms(opening: str, start: date, end: date) -> None:
    blocks = [
        b.replace("on 29 and 30 September, and 1 October 2022", opening).replace(
            "= 14 November 2022", "= 14 November 2025"
        )
        for b in ILACS_FORM
    ]
    letter = letters.parse(compose(blocks, 80), LABEL)
    assert letter.visit_start is not None and letter.visit_end is not None
    assert (letter.visit_start.value, letter.visit_end.value) == (start, end)


@pytest.mark.parametrize(
    "sentence",
    [
        "The inspectors were Alex Brown, Her Majesty’s Inspector (HMI), and Chris Green-Jones, "
        "HMI.",
        "The visit was conducted by Alex Brown and Chris Green-Jones, His Majesty’s Inspectors.",
        "This visit was carried out by Her Majesty’s Inspectors Alex Brown and Chris Green-Jones.",
        "Her Majesty’s Inspectors (HMI) for this visit were Alex Brown and Chris Green-Jones.",
    ],
)
def test_inspector_sentence_variants(sentence: str) -> None:
    printed = "His Majesty’s Inspectors for this visit were Alex Brown and Chris Green-Jones."
    blocks = [b.replace(printed, sentence) for b in ILACS_FORM]
    assert blocks != ILACS_FORM
    letter = letters.parse(compose(blocks, 66), LABEL)
    assert letter.inspectors is not None
    assert letter.inspectors.value == ("Alex Brown", "Chris Green-Jones")


def test_a_childrens_trust_and_a_wrapped_title() -> None:
    blocks = [
        "# Monitoring visit to the London Borough of Anyplace\nchildren’s services"
        if b.startswith("# Monitoring visit")
        else b
        for b in ILACS_FORM
    ]
    letter = parse(compose(blocks, 80), LABEL)
    assert isinstance(letter, Letter)
    assert letter.la_name is not None
    assert letter.la_name.value == "London Borough of Anyplace"
    trust = [
        b.replace("Anyshire children’s services", "Anyshire Children’s Trust") for b in ILACS_FORM
    ]
    letter = parse(compose(trust, 80), LABEL)
    assert isinstance(letter, Letter)
    assert letter.la_name is not None and letter.la_name.value == "Anyshire"


def test_focus_printed_in_the_opening_without_an_areas_heading() -> None:
    blocks = [b for b in SIF_FORM if not b.startswith(("# Areas covered", "During this visit"))]
    at = blocks.index("# Overview")
    blocks.insert(at, "The focus of this visit was the front door and children in need.")
    letter = letters.parse(compose(blocks, 80), LABEL)
    assert letter.topic is not None
    assert letter.topic.value == "the front door and children in need"
    assert letter.problems == ()


def test_what_a_letter_does_not_print_is_a_problem_not_a_guess() -> None:
    blocks = [
        "= 20 March 2019",
        "# Monitoring visit to Anyshire children’s services",
        "This letter summarises the findings of the third monitoring visit to Anyshire "
        "children’s services since the local authority was judged inadequate in 2017.",
        "Social workers told inspectors that they feel supported by their managers.",
    ]
    letter = parse(compose(blocks, 80), LABEL)
    assert isinstance(letter, Letter)
    assert letter.kind == "monitoring_visit"
    assert letter.visit_start is None and letter.visit_end is None
    assert letter.inspectors is None and letter.topic is None
    assert fields(letter) == {"visit_start", "inspectors", "topic", "findings"}
    assert letter.content.findings == ()


def test_a_visit_span_longer_than_a_month_is_not_kept_whole() -> None:
    blocks = [
        b.replace(
            "on 29 and 30 September, and 1 October 2022", "on 29 September and 1 December 2022"
        ).replace("= 14 November 2022", "= 14 December 2022")
        for b in ILACS_FORM
    ]
    letter = letters.parse(compose(blocks, 80), LABEL)
    assert letter.visit_start is None
    assert letter.visit_end is not None and letter.visit_end.value == date(2022, 12, 1)
    assert fields(letter) == {"visit_start"}


# --- no corpus letter of another kind is read as a monitoring visit --------------------------

OTHER_KINDS = sorted(f for f, row in letter_rows().items() if row["kind"] != "monitoring_visit")


@cache
def corpus_kind(label: str) -> str:
    found = parse(corpus_document("letters", label).pages, label)
    assert isinstance(found, Letter)
    return found.kind


def test_the_corpus_holds_letters_of_other_kinds_only() -> None:
    kinds = {row["kind"] for row in letter_rows().values()}
    assert kinds == {"focused_visit", "jtai", "jar_progress"}
    assert len(OTHER_KINDS) == len(letter_rows()) > 400


@pytest.mark.parametrize("label", OTHER_KINDS)
def test_no_corpus_letter_of_another_kind_is_a_monitoring_visit(label: str) -> None:
    kind = corpus_kind(label)
    assert kind != "monitoring_visit"
    assert kind == letter_rows()[label]["kind"]
