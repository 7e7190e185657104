"""The fact defects of issue 16, counted over the whole corpus: each class must be zero, or an
explained exception in tests/fixtures/quotable/exceptions_facts.csv (kind, file, reason).

Measured when written (PARSER_VERSION 2 -> 3): letter visit dates outside the letter's range
0 -> 0, topics cut at "focus on" 15 -> 0, repeated citations 40 -> 0, conflicting grades of
one citation 2 -> 0, year-only citations that lost their year 63 -> 0, figures whose own
sentence names another topic 3 -> 0, numbers in words misread 1 -> 0, "At <month> <year>"
figures without their date 18 -> 0. The detectors (`fact_defects.py`) import nothing from
`csc_inspections.parse`.
"""

from __future__ import annotations

import csv
from collections import Counter
from datetime import date
from functools import cache
from pathlib import Path
from typing import TypeVar

import pytest

from csc_inspections.model import CitedInspection, Content, Fact, Figure, Letter, Provenance, Report
from tests.content.fact_defects import DETECTORS, Defect, defects
from tests.corpus_parsed import documents

T = TypeVar("T")
EXCEPTIONS = Path(__file__).parents[1] / "fixtures" / "quotable" / "exceptions_facts.csv"


@cache
def exceptions() -> frozenset[tuple[str, str]]:
    """(kind, file) pairs explained in the exceptions file; every row must give a reason."""
    with EXCEPTIONS.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert all(r["reason"].strip() for r in rows), "an exception without a reason"
    return frozenset((r["kind"], r["file"]) for r in rows)


@cache
def found() -> tuple[Defect, ...]:
    """Every fact defect of every readable corpus document."""
    return tuple(
        d for _, parsed in documents() for detect in DETECTORS.values() for d in detect(parsed)
    )


@pytest.mark.parametrize("kind", sorted(DETECTORS))
def test_no_unexplained_defect(kind: str) -> None:
    unexplained = [d for d in found() if d.kind == kind and (d.kind, d.file) not in exceptions()]
    assert [f"{d.file}: {d.text}" for d in unexplained] == []


def test_every_exception_is_still_needed() -> None:
    seen = {(d.kind, d.file) for d in found()}
    assert sorted(exceptions() - seen) == []


def test_the_check_reads_the_whole_corpus() -> None:
    counts = Counter(type(parsed).__name__ for _, parsed in documents())
    assert counts["Report"] >= 440 and counts["Letter"] >= 400


# --- the detectors find what they are for (synthetic documents) -------------------------------


def _letter(topic: str, visit: tuple[date, date], printed: str, dated: date) -> Letter:
    def at(value: T) -> Fact[T]:
        return Fact(value, Provenance("x.pdf", 1, printed))

    return Letter(
        file="x.pdf",
        kind="focused_visit",
        la_name=None,
        letter_date=at(dated),
        visit_start=at(visit[0]),
        visit_end=at(visit[1]),
        publication_date=None,
        topic=at(topic),
    )


def test_detectors_find_letter_defects() -> None:
    printed = (
        "the focused visit to X children’s services on 29 and 30 September, and 1 October 2020"
    )
    wrong = _letter(
        "arrangements for care leavers, with a particular focus on",
        (date(2020, 10, 1), date(2020, 10, 1)),
        printed,
        date(2020, 11, 13),
    )
    assert {d.kind for d in defects(wrong)} == {"letter_dates", "topic_cut"}
    right = _letter(
        "arrangements for care leavers, with a particular focus on: accommodation",
        (date(2020, 9, 29), date(2020, 10, 1)),
        printed,
        date(2020, 11, 13),
    )
    assert list(defects(right)) == []


def test_detectors_find_citation_and_figure_defects() -> None:
    source = Provenance("r.pdf", 5, "... the child protection inspection in 2013 ...")
    cited = (
        CitedInspection("child protection", None, None, source),
        CitedInspection("child protection", date(2013, 2, 1), "good", source),
        CitedInspection("child protection", date(2013, 3, 1), "adequate", source),
    )
    text = "At 31 March 2015, 606 children and young people were being looked after by the council."
    figures = (
        Figure(
            "child_protection_plans",
            606.0,
            "count",
            Provenance("r.pdf", 5, text),
            date(2015, 3, 31),
        ),
        Figure(
            "special_guardianship_orders",
            3.0,
            "count",
            Provenance(
                "r.pdf", 6, "forty-three children became subject of special guardianship orders"
            ),
        ),
        Figure(
            "looked_after_children",
            549.0,
            "count",
            Provenance("r.pdf", 6, "At December 2014, 549 children were being looked after"),
        ),
    )
    report = Report(
        file="r.pdf",
        kind="sif",
        la_name=None,
        inspection_start=None,
        inspection_end=None,
        publication_date=None,
        lead_inspectors=None,
        content=Content(figures=figures, cited=cited),
    )
    assert Counter(d.kind for d in defects(report)) == {
        "cited_repeated": 1,
        "cited_conflict": 1,
        "cited_year_lost": 1,
        "figure_misnamed": 1,
        "figure_words": 1,
        "figure_undated": 1,
    }
