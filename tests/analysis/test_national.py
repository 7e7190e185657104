"""National counts and the summary sheet: a hand-built example, then the real corpus."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date
from typing import Any

import pytest

from csc_inspections.analysis import COUNTED_AREAS, SCALE
from csc_inspections.analysis.national import stats_as_at
from csc_inspections.export import SHEET_COLUMNS, latest_rows
from csc_inspections.records import ReportRecord
from tests.analysis.conftest import latest_labelled, lookup_rows
from tests.analysis.rows import la, report

RI, OUT, GOOD, INAD = "requires improvement", "outstanding", "good", "inadequate"

ROWS = [
    # LA 1 (North): inadequate in 2019, then good in 2022 (before the care leavers split).
    report(1, "2019-03-01", INAD, leadership=INAD, help_protection=INAD, children_in_care=INAD),
    report(1, "2022-05-01", GOOD, leadership=GOOD, help_protection=RI, children_in_care=GOOD),
    # LA 2 (North): one SIF report; its 2.2 care leavers sub-judgement counts as care leavers.
    report(
        2,
        "2016-01-01",
        RI,
        framework="sif",
        leadership=RI,
        help_protection=RI,
        children_in_care=RI,
        care_leavers=GOOD,
        adoption=GOOD,
        lscb=RI,
    ),
    # LA 3 (South): its latest inspection is under the 2026 framework: areas, no overall.
    report(3, "2023-06-01", RI, region="South", leadership=GOOD, help_protection=RI),
    report(
        3,
        "2026-05-01",
        framework="ilacs_2026",
        region="South",
        leadership=OUT,
        help_protection=GOOD,
        children_in_care=GOOD,
        care_leavers=GOOD,
    ),
    # LA 4 (South): outstanding; a later report is published after the as-at date.
    report(
        4,
        "2024-01-01",
        OUT,
        framework="ilacs_short",
        region="South",
        leadership=OUT,
        help_protection=OUT,
        children_in_care=OUT,
        care_leavers=OUT,
    ),
    report(4, "2026-08-01", INAD, region="South", leadership=INAD),
    # LA 5: only a pre-SIF report (framework other): not counted.
    report(5, "2013-08-01", INAD, framework="other", region="South", leadership=INAD),
    # LA 6: a report with no grade read at all: not counted.
    report(6, "2020-01-01", region="South"),
]


def grades(outstanding: int = 0, good: int = 0, ri: int = 0, inadequate: int = 0) -> dict[str, int]:
    return {OUT: outstanding, GOOD: good, RI: ri, INAD: inadequate}


def test_stats_by_hand() -> None:
    # Counted on 2026-06-30: LA 1 (2022 good), LA 2 (2016 SIF), LA 3 (2026, no overall),
    # LA 4 (2024 outstanding; the August report is not published yet).
    assert stats_as_at(ROWS, date(2026, 6, 30)) == {
        "as_at": "2026-06-30",
        "las_counted": 4,
        "areas": {
            # LA 1 good, LA 2 RI, LA 4 outstanding; LA 3 has none.
            "overall": grades(outstanding=1, good=1, ri=1),
            # good (1), RI (2), outstanding (3, 4)
            "leadership": grades(outstanding=2, good=1, ri=1),
            # RI (1), RI (2), good (3), outstanding (4)
            "help_protection": grades(outstanding=1, good=1, ri=2),
            # good (1), RI (2), good (3), outstanding (4)
            "children_in_care": grades(outstanding=1, good=2, ri=1),
            # LA 1's 2022 report has none; good (2), good (3), outstanding (4)
            "care_leavers": grades(outstanding=1, good=2),
        },
        "regions": {
            "North": {"overall": grades(good=1, ri=1)},
            "South": {"overall": grades(outstanding=1)},
        },
    }


def test_a_report_counts_from_its_publication_day() -> None:
    stats = stats_as_at(ROWS, date(2019, 3, 1))
    assert stats["las_counted"] == 2  # LA 1 (published that day) and LA 2
    assert stats["areas"]["overall"] == grades(ri=1, inadequate=1)
    assert stats_as_at(ROWS, date(2019, 2, 28))["areas"]["overall"] == grades(ri=1)


def test_urns_limit_the_count() -> None:
    stats = stats_as_at(ROWS, date(2026, 6, 30), urns={1, 2})
    assert stats["las_counted"] == 2
    assert list(stats["regions"]) == ["North"]


def test_summary_sheet_by_hand() -> None:
    lookup = {
        1: la(1, "101", neighbours="102 103 999"),
        2: la(2, "102", neighbours="101"),
        3: la(3, "103", region="South"),
        7: la(7, "107", region="South", neighbours="101 104"),
        4: la(4, "104", region="South"),
    }
    sheet = latest_rows(ROWS, as_at=date(2026, 6, 30), las=lookup)
    assert [r["la_name"] for r in sheet] == ["LA 1", "LA 2", "LA 3", "LA 4", "LA 7"]
    assert all(list(r) == list(SHEET_COLUMNS) for r in sheet)
    first = sheet[0]
    assert (first["publication_date"], first["overall"], first["care_leavers"]) == (
        "2022-05-01",
        GOOD,
        "",
    )
    assert first["neighbours_overall"] == (
        "LA 2: requires improvement; LA 3: no overall grade; 999: not in the lookup"
    )
    no_report = sheet[-1]
    assert (no_report["urn"], no_report["la_code"], no_report["region"]) == (7, "107", "South")
    assert all(no_report[c] == "" for c in SHEET_COLUMNS[5:-1])
    assert no_report["neighbours_overall"] == "LA 1: good; LA 4: outstanding"


# --- the real corpus, checked against labels.csv read with plain loops ---------------------


def counts_from_labels(as_at: str) -> dict[str, Any]:
    newest = latest_labelled(as_at)
    region = {urn: r["region_name"] for urn, r in lookup_rows().items()}
    areas = {a: Counter(r[a] for r in newest.values() if r[a]) for a in COUNTED_AREAS}
    by_region: dict[str, Counter[str]] = defaultdict(Counter)
    for urn, r in newest.items():
        by_region[region[urn]][r["overall"]] += 1
    return {
        "las_counted": len(newest),
        "areas": {a: {g: areas[a][g] for g in SCALE} for a in COUNTED_AREAS},
        "regions": {n: {"overall": {g: c[g] for g in SCALE}} for n, c in sorted(by_region.items())},
    }


@pytest.mark.parametrize("as_at", ["2026-11-01", "2020-01-01", "2016-06-30"])
def test_stats_on_the_corpus_match_the_labels(history: list[ReportRecord], as_at: str) -> None:
    stats = stats_as_at(history, date.fromisoformat(as_at))
    assert stats == {"as_at": as_at, **counts_from_labels(as_at)}


def test_corpus_figures_2026_11_01(history: list[ReportRecord]) -> None:
    # 141 LAs have a report; the three 2026-framework reports (Brent, Somerset, North
    # Northamptonshire) carry area grades but no overall, so overall adds up to 138.
    stats = stats_as_at(history, date(2026, 11, 1))
    assert stats["las_counted"] == 141
    assert sum(stats["areas"]["overall"].values()) == 138
    assert sum(stats["areas"]["leadership"].values()) == 141


def test_sheet_on_the_corpus(history: list[ReportRecord]) -> None:
    sheet = latest_rows(history)
    newest = latest_labelled(None)
    assert sorted(r["urn"] for r in sheet) == sorted(lookup_rows())  # every LA of the lookup
    for row in sheet:
        expected = newest.get(row["urn"])
        assert row["file"] == (expected["file"] if expected else "")
        if expected:
            assert [row[a] for a in COUNTED_AREAS] == [expected[a] for a in COUNTED_AREAS]
