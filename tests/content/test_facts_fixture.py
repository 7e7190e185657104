"""Accuracy per kind on the hand-checked facts fixture (tests/fixtures/quotable/facts.csv; how
it was chosen and labelled, and the accuracy measured, in README-facts.md): every row's value is
what a reader takes from the PDF's own text, and the parse must give it for at least 99% of
the rows of each kind."""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest

from csc_inspections.model import CitedInspection, Figure, Letter, Parsed
from tests.corpus_parsed import parsed

FACTS = Path(__file__).parents[1] / "fixtures" / "quotable" / "facts.csv"
KINDS = ("figure", "citation", "topic", "visit_start", "visit_end")
Row = dict[str, str]


@cache
def rows() -> tuple[Row, ...]:
    with FACTS.open(newline="", encoding="utf-8") as fh:
        return tuple(csv.DictReader(fh))


def document(row: Row) -> Parsed:
    folder, label = row["file"].split("/", 1)
    result = parsed(folder, label)
    assert result is not None, row["file"]
    return result


def _figure_as_at(f: Figure) -> str:
    if f.as_at is None:
        return ""
    return f.as_at.isoformat()[: 7 if f.as_at_precision == "month" else 10]


def _cited_when(c: CitedInspection) -> str:
    if c.month is None:
        return ""
    return c.month.isoformat()[: 4 if c.precision == "year" else 7]


def _same_number(found: float | str, printed: str) -> bool:
    if isinstance(found, str):
        return found == printed
    return found == float(printed)


def figure(row: Row) -> bool:
    """A figure of that name and unit on that page, with the value and as-at date printed; an
    empty value: the page prints nothing of that name ("one adoption team" is no adoption)."""
    name, unit = row["name"].split("/")
    here = [
        f
        for f in document(row).content.figures
        if (f.name, f.unit, f.source.page) == (name, unit, int(row["page"]))
    ]
    if not row["value"]:
        return not here
    return any(
        _same_number(f.value, row["value"]) and _figure_as_at(f) == row["as_at"] for f in here
    )


def citation(row: Row) -> bool:
    """The inspection cited, at the date precision printed, with its grade (or none). Its page
    is not compared: a report citing one inspection several times keeps one citation, where
    it is printed in full."""
    return any(
        (c.what, _cited_when(c), c.grade or "") == (row["name"], row["value"], row["grade"])
        for c in document(row).content.cited
    )


def _words(text: str) -> str:
    """Text compared as its words: the list punctuation a topic is joined with is not read."""
    return " ".join(re.findall(r"[\w’'()-]+", text.casefold()))


def topic(row: Row) -> bool:
    letter = document(row)
    assert isinstance(letter, Letter)
    if letter.topic is None:
        return row["value"] == ""
    same = _words(letter.topic.value) == _words(row["value"])
    return same and letter.topic.source.page == int(row["page"])


def visit(field: str) -> Callable[[Row], bool]:
    def check(row: Row) -> bool:
        letter = document(row)
        assert isinstance(letter, Letter)
        fact = getattr(letter, field)
        return fact is not None and (fact.value.isoformat(), fact.source.page) == (
            row["value"],
            int(row["page"]),
        )

    return check


CHECKS: dict[str, Callable[[Row], bool]] = {
    "figure": figure,
    "citation": citation,
    "topic": topic,
    "visit_start": visit("visit_start"),
    "visit_end": visit("visit_end"),
}


def test_the_fixture_is_broad() -> None:
    counts = Counter(r["kind"] for r in rows())
    assert sum(counts.values()) >= 70 and set(counts) == set(KINDS)
    eras = {r["file"].split("/")[0] for r in rows()}
    assert eras == {"reports", "letters"}


@pytest.mark.parametrize("kind", KINDS)
def test_accuracy_per_kind(kind: str) -> None:
    mine = [r for r in rows() if r["kind"] == kind]
    wrong = [
        f"{r['file']} p{r['page']}: {r['name']} {r['value']!r}" for r in mine if not CHECKS[kind](r)
    ]
    accuracy = 1 - len(wrong) / len(mine)
    assert accuracy >= 0.99, (f"{kind}: {len(mine) - len(wrong)}/{len(mine)}", wrong)
