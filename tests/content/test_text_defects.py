"""The text a journalist would quote, checked over the whole corpus (issue 16, text classes).

Each class of defect (tests/content/defects.py) is counted over every readable document; each
count must be zero once the exceptions explained in
tests/fixtures/quotable/exceptions_text.csv (file, class, what the PDF itself prints) are set
aside. An exception that no longer occurs fails too, so the list cannot go stale.
"""

from __future__ import annotations

import csv
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from tests.content.defects import DETECTORS, Defect
from tests.corpus_parsed import documents

EXCEPTIONS = Path(__file__).resolve().parents[1] / "fixtures" / "quotable" / "exceptions_text.csv"


@cache
def exceptions() -> frozenset[tuple[str, str]]:
    """(class, file) pairs explained by the PDF itself."""
    with EXCEPTIONS.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert all(r["reason"].strip() for r in rows), "every exception says why"
    return frozenset((r["class"], r["file"]) for r in rows)


@cache
def found() -> tuple[Defect, ...]:
    """Every defect of every class in the corpus."""
    return tuple(
        d for doc, parsed in documents() for det in DETECTORS.values() for d in det(doc, parsed)
    )


@pytest.mark.parametrize("kind", sorted(DETECTORS))
def test_no_defects_of_the_class(kind: str) -> None:
    defects = [d for d in found() if d.kind == kind and (kind, d.file) not in exceptions()]
    shown = "\n".join(f"{d.file}: {d.text!r}" for d in defects[:20])
    assert not defects, f"{len(defects)} {kind} defects:\n{shown}"


def test_every_exception_still_occurs() -> None:
    seen = {(d.kind, d.file) for d in found()}
    assert sorted(exceptions() - seen) == []


def test_the_check_reads_the_whole_corpus() -> None:
    counts = Counter(type(parsed).__name__ for _, parsed in documents())
    assert counts["Report"] >= 440 and counts["Letter"] >= 400
