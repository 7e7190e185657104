"""A report's framework against its own dates: a kind the dates rule out is a Problem and the
pages are read again by a family the dates allow (data/frameworks.csv), never stored silently.

Real reports with one line changed stand for the printings that would mislead a parser (a
title worded as another framework's, a table row lost); small synthetic pages for the rest.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from csc_inspections.frameworks import frameworks
from csc_inspections.model import Fact, Judgement, Page, Problem, Provenance, Report
from csc_inspections.parse import parse
from csc_inspections.parse.consistency import dated
from tests.conftest import corpus_document
from tests.corpus_parsed import documents

WIGHT_2014 = "80419_isle of wight/children's services inspection - 19 november 2014.pdf"
WIGHT_2019 = "80419_isle of wight/children's services inspection - 07 january 2019.pdf"
SIF_TITLE = "Inspection of services for children in need of help and protection"


def _with_page_one(label: str, old: str, new: str) -> list[Page]:
    pages = list(corpus_document("reports", label).pages)
    assert old in pages[0].text
    pages[0] = replace(pages[0], text=pages[0].text.replace(old, new, 1))
    return pages


def _kind_problems(report: Report) -> list[str]:
    return [p.message for p in report.problems if p.field == "kind"]


def test_every_corpus_report_is_of_a_kind_its_dates_allow() -> None:
    known = frameworks()
    wrong = [
        f"{doc.label}: {parsed.kind} on {parsed.inspection_start.value}"
        for doc, parsed in documents()
        if isinstance(parsed, Report)
        and parsed.inspection_start is not None
        and not known[parsed.kind].allows(parsed.inspection_start.value)
    ]
    assert not wrong, "\n".join(wrong)


def test_an_ilacs_report_titled_as_sif_is_read_again_as_ilacs() -> None:
    pages = _with_page_one(WIGHT_2019, "Inspection of children’s social care services", SIF_TITLE)
    report = parse(pages, WIGHT_2019)
    assert isinstance(report, Report)
    assert report.kind == "ilacs_standard"  # 19 to 30 November 2018: two weeks
    assert report.grade("overall") == "good"
    [message] = _kind_problems(report)
    assert "read as SIF inspection" in message and "read again as ILACS" in message


def test_a_2019_table_without_its_overall_row_is_not_the_2026_format() -> None:
    pages = _with_page_one(WIGHT_2019, "Overall effectiveness Good", "")
    report = parse(pages, WIGHT_2019)
    assert isinstance(report, Report)
    assert report.kind == "ilacs_standard"
    assert report.grade("overall") is None
    [message] = _kind_problems(report)
    assert "overall row absent" in message and "2018-11-19" in message


def test_a_sif_report_dated_2020_is_flagged_and_kept_when_no_other_family_reads_it() -> None:
    printed = "16 September 2014 – 8 October 2014"
    pages = _with_page_one(WIGHT_2014, printed, "7 to 18 September 2020")
    report = parse(pages, WIGHT_2014)
    assert isinstance(report, Report)
    assert report.kind == "sif"  # the ILACS parser finds no judgement table: nothing better
    assert report.grade("help_protection") == "requires improvement"
    [message] = _kind_problems(report)
    assert "2020-09-07" in message and "kept as read" in message


# --- synthetic pages -------------------------------------------------------------------------

_TABLE_2019 = """Inspection of Anytown local authority children's services
Inspection dates: 4 to 15 March 2019
Lead inspector: A Person, Her Majesty's Inspector
Judgement Grade
The impact of leaders on social work practice with children and families Good
The experiences and progress of children who need help and protection Good
The experiences and progress of children in care and care leavers Good
Children in Anytown are well served."""


def test_synthetic_2019_table_without_overall_is_read_by_its_dates() -> None:
    report = parse([Page(1, _TABLE_2019)], "synthetic.pdf")
    assert isinstance(report, Report)
    assert report.kind == "ilacs_standard"
    assert len(_kind_problems(report)) == 1


def test_synthetic_2027_table_with_overall_is_the_revised_format_and_flagged() -> None:
    text = _TABLE_2019.replace("4 to 15 March 2019", "4 to 15 October 2027").replace(
        "leavers Good\n", "leavers Good\nOverall effectiveness Good\n"
    )
    report = parse([Page(1, text)], "synthetic.pdf")
    assert isinstance(report, Report)
    assert report.kind == "ilacs_2026"
    assert report.grade("overall") == "good"  # as printed; the Problem says it does not fit
    assert "overall row present" in _kind_problems(report)[0]


def _report(kind: str, day: date) -> Report:
    on = Fact(day, Provenance("x.pdf", 1, str(day)))
    return Report("x.pdf", kind, None, on, on, None, None)


def test_dated_keeps_a_reading_its_dates_allow_and_asks_no_other_family() -> None:
    first = _report("sif", date(2015, 3, 2))
    asked: list[str] = []
    assert dated(first, "sif", lambda f: asked.append(f)) == (first, "sif")
    assert asked == []


def test_dated_takes_the_first_reading_the_dates_allow() -> None:
    first = _report("sif", date(2021, 3, 1))
    good = Judgement("overall", "good", "Overall effectiveness", "Good", Provenance("x.pdf", 1, ""))
    judged = replace(_report("ilacs_short", date(2021, 3, 1)), judgements=(good,))
    again, family = dated(first, "sif", lambda f: judged if f == "ilacs" else None)
    assert family == "ilacs" and isinstance(again, Report) and again.kind == "ilacs_short"
    assert again.problems[0] == Problem(
        "kind",
        "read as SIF inspection, which no inspection begun on 2021-03-01 can be; "
        "read again as ILACS inspection (short)",
    )
