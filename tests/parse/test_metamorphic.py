"""Metamorphic tests: every corpus document, laid out as another printing would lay it out,
reads the same.

A transform of tests/parse/layouts.py changes where the words of a report stand (an area's
title beside its grade, a grade wrapped over two lines, loose spacing, running headers moved,
the overall judgement beside its label) but not what the report says; so the framework, the
grades, the dates and the number of recommendations read from the transformed pages must equal
those read from the original. The originals are parsed once per process (tests/corpus_parsed);
the transformed parses are pure Python on text.
"""

from __future__ import annotations

from datetime import date

import pytest

from csc_inspections.errors import DocumentError
from csc_inspections.model import Fact, Page, Parsed, Report
from csc_inspections.parse import parse, plain_layout
from tests.corpus_parsed import documents
from tests.parse.layouts import TRANSFORMS

Signature = tuple[object, ...]


def _day(found: Fact[date] | None) -> date | None:
    return found.value if found else None


def signature(parsed: Parsed) -> Signature:
    """What a printing must not change: kind, grades by area, dates, recommendation count."""
    count = len(parsed.content.recommendations)
    if isinstance(parsed, Report):
        grades = tuple(sorted((j.area, j.grade) for j in parsed.judgements))
        dates = (parsed.inspection_start, parsed.inspection_end, parsed.publication_date)
        return (parsed.kind, grades, *map(_day, dates), count)
    dates = (parsed.visit_start, parsed.visit_end, parsed.letter_date, parsed.publication_date)
    return (parsed.kind, *map(_day, dates), count)


def differences(name: str) -> list[str]:
    """Documents whose transformed pages read differently, each with both readings."""
    transform = TRANSFORMS[name]
    found: list[str] = []
    for doc, original in documents():
        try:
            again = signature(parse(transform(doc.pages), doc.label))
        except DocumentError as exc:
            again = (type(exc).__name__,)
        if again != (want := signature(original)):
            found.append(f"{doc.label}: {want} -> {again}")
    return found


@pytest.mark.parametrize("name", sorted(TRANSFORMS))
def test_another_printing_reads_the_same(name: str) -> None:
    found = differences(name)
    assert not found, f"{len(found)} documents read differently:\n" + "\n".join(found[:20])


# --- what makes the printings read alike -----------------------------------------------------


def test_plain_layout_reads_one_spacing() -> None:
    pages = (Page(1, "  Inspection   dates:\t3 to 7 June 2024 \n\n\nLead inspector: A Person"),)
    assert (
        plain_layout(pages)[0].text
        == "Inspection dates: 3 to 7 June 2024\nLead inspector: A Person"
    )


def test_a_running_footer_leaves_page_one_too_but_its_title_stays() -> None:
    title = "Inspection of Anytown children's services"
    head = f"{title}\nInspection dates: 3 to 7 June 2024\nLead inspector: A Person\n"
    footer = f"{title}\nwww.gov.uk/ofsted"
    pages = tuple(
        Page(n, f"{head if n == 1 else ''}Text of page {n}.\n{footer}") for n in range(1, 6)
    )
    read = plain_layout(pages)
    assert read[0].text == f"{head}Text of page 1."
    assert all(p.text == f"Text of page {p.number}." for p in read[1:])
