"""Items and findings read by hand from the PDFs (tests/fixtures/quotable/items.csv) against
what the parser makes of them; accuracy per kind, at least 99% each.

A row is right when the parser gives an item (or finding) whose text is the row's text, on the
row's page, with the row's printed number, group and form; a `no_item` row (a sentence saying
there is nothing to list) is right when no item carries that sentence.
"""

from __future__ import annotations

import csv
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from csc_inspections.model import Finding, Parsed, Recommendation
from tests.corpus_parsed import parsed

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "quotable" / "items.csv"
KINDS = ("recommendation", "finding", "no_item")
LEAST = 0.99
_PROBE = 40  # an item is found by the first characters of its text


@cache
def rows() -> tuple[dict[str, str], ...]:
    with FIXTURE.open(newline="", encoding="utf-8") as fh:
        return tuple(csv.DictReader(fh))


def _document(row: dict[str, str]) -> Parsed:
    folder, label = row["file"].split("/", 1)
    found = parsed(folder, label)
    assert found is not None, row["file"]
    return found


def _printed(value: str) -> int | None:
    return int(value) if value else None


def _recommendation_right(row: dict[str, str], items: tuple[Recommendation, ...]) -> bool:
    match = [r for r in items if r.text[:_PROBE] == row["text"][:_PROBE]]
    return any(
        r.text == row["text"]
        and r.source.page == int(row["page"])
        and r.printed_number == _printed(row["printed_number"])
        and (r.group or "") == row["group"]
        and r.form == row["form"]
        for r in match
    )


def _finding_right(row: dict[str, str], items: tuple[Finding, ...]) -> bool:
    return any(f.text == row["text"] and f.source.page == int(row["page"]) for f in items)


def _no_item_right(row: dict[str, str], items: tuple[Recommendation, ...]) -> bool:
    sentence = row["text"].lower().rstrip(".")
    return not any(sentence in r.text.lower() for r in items)


def right(row: dict[str, str]) -> bool:
    """Whether the parser gives what the row says a reader takes from the PDF."""
    content = _document(row).content
    if row["kind"] == "recommendation":
        return _recommendation_right(row, content.recommendations)
    if row["kind"] == "finding":
        return _finding_right(row, content.findings)
    return _no_item_right(row, content.recommendations)


def test_the_fixture_covers_the_eras_and_kinds() -> None:
    assert len(rows()) >= 90
    assert {r["kind"] for r in rows()} == set(KINDS)
    eras = {r["era"] for r in rows()}
    assert {"sif", "ilacs", "ilacs_2026", "focused_visit", "jtai"} <= eras


@pytest.mark.parametrize("kind", KINDS)
def test_accuracy_per_kind(kind: str) -> None:
    chosen = [r for r in rows() if r["kind"] == kind]
    outcome = Counter(right(r) for r in chosen)
    wrong = [f"{r['file']} p{r['page']}: {r['text'][:60]}" for r in chosen if not right(r)]
    accuracy = outcome[True] / len(chosen)
    assert accuracy >= LEAST, f"{kind}: {outcome[True]}/{len(chosen)} right; wrong:\n" + "\n".join(
        wrong
    )
