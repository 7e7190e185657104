"""An LA beside its statistical neighbours and its region: by hand, then Rotherham."""

from __future__ import annotations

from datetime import date

import pytest

from csc_inspections.analysis import SCALE
from csc_inspections.analysis.neighbours import neighbours
from csc_inspections.records import ReportRecord
from tests.analysis.conftest import latest_labelled, lookup_rows
from tests.analysis.rows import la, report

OUT, GOOD, RI, INAD = SCALE

LOOKUP = {
    1: la(1, "101", neighbours="103 102 999"),
    2: la(2, "102", neighbours="101"),
    3: la(3, "103", region="South"),
    4: la(4, "104"),  # no report
}
ROWS = [
    report(1, "2022-01-01", GOOD, leadership=OUT),
    report(2, "2020-01-01", RI),
    report(2, "2026-03-01", INAD),
    report(3, "2024-01-01", OUT, region="South"),
]


def test_neighbours_by_hand() -> None:
    view = neighbours(ROWS, 1, las=LOOKUP)
    assert (view.la.la_code, view.la.grades) == ("101", {"overall": GOOD, "leadership": OUT})
    # DfE's order (103 first); 999 is not an LA of the lookup.
    assert [(n.la_code, n.publication_date, n.grades.get("overall")) for n in view.neighbours] == [
        ("103", date(2024, 1, 1), OUT),
        ("102", date(2026, 3, 1), INAD),
    ]
    assert view.unknown_codes == ("999",)
    # Region North: LA 1 (good) and LA 2 (inadequate); LA 4 has no report.
    assert (view.region, view.region_las_counted) == ("North", 2)
    assert view.region_counts["overall"] == {OUT: 0, GOOD: 1, RI: 0, INAD: 1}
    assert view.region_counts["leadership"] == {OUT: 1, GOOD: 0, RI: 0, INAD: 0}


def test_neighbours_as_at() -> None:
    view = neighbours(ROWS, 1, as_at=date(2025, 12, 31), las=LOOKUP)
    assert view.neighbours[1].grades == {"overall": RI}
    assert view.region_counts["overall"] == {OUT: 0, GOOD: 1, RI: 1, INAD: 0}


def test_neighbour_without_report_and_unknown_urn() -> None:
    lookup = {**LOOKUP, 5: la(5, "105", neighbours="104")}
    view = neighbours(ROWS, 5, las=lookup)
    assert view.la.publication_date is None and view.la.grades == {}
    assert [(n.la_code, n.file, n.grades) for n in view.neighbours] == [("104", None, {})]
    with pytest.raises(KeyError):
        neighbours(ROWS, 99, las=LOOKUP)


def test_rotherham_on_the_corpus(history: list[ReportRecord]) -> None:
    lookup = lookup_rows()
    rotherham = lookup[80543]
    view = neighbours(history, 80543)
    codes = [c.strip() for c in rotherham["stat_neighbours"].split(",")]
    assert [n.la_code for n in view.neighbours] == codes
    newest = latest_labelled(None)
    by_code = {r["la_code"]: urn for urn, r in lookup.items()}
    for n in view.neighbours:
        expected = newest.get(by_code[n.la_code])
        published = date.fromisoformat(expected["publication_date"]) if expected else None
        assert n.publication_date == published
        assert n.grades.get("overall", "") == (expected["overall"] if expected else "")
    in_region = [u for u, r in lookup.items() if r["region_name"] == rotherham["region_name"]]
    assert view.region_las_counted == sum(1 for u in in_region if u in newest)
    assert view.region_counts["overall"] == {
        g: sum(1 for u in in_region if u in newest and newest[u]["overall"] == g) for g in SCALE
    }
