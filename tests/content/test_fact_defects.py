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
from functools import cache
from pathlib import Path

import pytest

from tests.content.fact_defects import DETECTORS, Defect
from tests.corpus_parsed import documents

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
