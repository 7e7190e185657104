"""Grade changes in a period and the transition matrix: by hand, then against the labels."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

import pytest

from csc_inspections.analysis import SCALE
from csc_inspections.analysis.movement import changes, transition_matrix
from csc_inspections.records import ReportRecord
from tests.analysis.rows import report
from tests.conftest import labels

OUT, GOOD, RI, INAD = SCALE

ROWS = [
    # LA 1: RI -> inadequate -> good, then a 2026-framework report (leadership only).
    report(1, "2015-01-10", RI, framework="sif", leadership=RI),
    report(1, "2018-03-01", INAD, leadership=INAD),
    report(1, "2022-06-30", GOOD, leadership=GOOD),
    report(1, "2026-05-04", framework="ilacs_2026", leadership=OUT),
    # LA 2: good, good, outstanding.
    report(2, "2016-02-01", GOOD, framework="sif", leadership=GOOD),
    report(2, "2019-02-01", GOOD, leadership=GOOD),
    report(2, "2026-05-10", OUT, framework="ilacs_short", leadership=GOOD),
    # LA 3: the pre-SIF "adequate" (framework other) is not compared with what follows.
    report(3, "2013-08-01", "adequate", framework="other"),
    report(3, "2016-09-01", RI, framework="sif"),
]


def test_changes_in_a_month() -> None:
    found = changes(ROWS, date(2026, 5, 1), date(2026, 5, 31))
    # LA 1's 2026 report has no overall grade, so only LA 2 changed overall.
    assert [(c.urn, c.direction, c.from_grade, c.to_grade) for c in found] == [(2, "up", GOOD, OUT)]
    assert (found[0].from_file, found[0].to_file) == (ROWS[5].file, ROWS[6].file)
    assert (found[0].from_publication_date, found[0].to_publication_date) == (
        date(2019, 2, 1),
        date(2026, 5, 10),
    )


def test_changes_in_an_area_include_2026_reports() -> None:
    found = changes(ROWS, date(2026, 5, 1), date(2026, 5, 31), area="leadership")
    assert [(c.urn, c.area, c.direction, c.from_grade, c.to_grade) for c in found] == [
        (1, "leadership", "up", GOOD, OUT)
    ]


def test_changes_both_ends_included_in_date_order() -> None:
    found = changes(ROWS, date(2018, 3, 1), date(2022, 6, 30))
    assert [(c.urn, c.to_publication_date, c.direction) for c in found] == [
        (1, date(2018, 3, 1), "down"),
        (1, date(2022, 6, 30), "up"),
    ]
    assert changes(ROWS, date(2018, 3, 2), date(2022, 6, 29)) == []


def test_transition_matrix_by_hand() -> None:
    matrix = transition_matrix(ROWS)
    # Pairs: LA 1 RI->inadequate, inadequate->good (2026 report has no overall);
    # LA 2 good->good, good->outstanding; LA 3 has a single comparable report.
    expected = {before: dict.fromkeys(SCALE, 0) for before in SCALE}
    expected[RI][INAD] = expected[INAD][GOOD] = expected[GOOD][GOOD] = expected[GOOD][OUT] = 1
    assert matrix == expected
    leadership = transition_matrix(ROWS, "leadership")
    # LA 1 RI->inadequate->good->outstanding; LA 2 good->good->good.
    assert leadership[RI][INAD] == leadership[INAD][GOOD] == leadership[GOOD][OUT] == 1
    assert leadership[GOOD][GOOD] == 2
    assert sum(sum(row.values()) for row in leadership.values()) == 5


# --- the real corpus against labels.csv ---------------------------------------------------


def labelled_pairs() -> list[tuple[int, dict[str, str], dict[str, str]]]:
    """Consecutive labelled reports with an overall grade, per LA."""
    by_la: dict[int, list[dict[str, str]]] = defaultdict(list)
    for r in labels().values():
        if r["framework"] not in ("other", "not_a_report") and r["overall"]:
            by_la[int(r["urn"])].append(r)
    pairs = []
    for urn, rs in by_la.items():
        rs.sort(key=lambda r: r["publication_date"])
        pairs += [(urn, rs[n], rs[n + 1]) for n in range(len(rs) - 1)]
    return pairs


def test_corpus_matrix_matches_the_labels(history: list[ReportRecord]) -> None:
    expected = {before: dict.fromkeys(SCALE, 0) for before in SCALE}
    for _, before, after in labelled_pairs():
        expected[before["overall"]][after["overall"]] += 1
    assert transition_matrix(history) == expected


@pytest.mark.parametrize(
    ("start", "end"), [("2026-05-18", "2026-05-24"), ("2023-01-01", "2023-12-31")]
)
def test_corpus_changes_match_the_labels(history: list[ReportRecord], start: str, end: str) -> None:
    expected = {
        (urn, b["overall"], a["overall"], a["file"])
        for urn, b, a in labelled_pairs()
        if start <= a["publication_date"] <= end and a["overall"] != b["overall"]
    }
    found = changes(history, date.fromisoformat(start), date.fromisoformat(end))
    assert {(c.urn, c.from_grade, c.to_grade, c.to_file) for c in found} == expected


def test_corpus_week_of_2026_05_18(history: list[ReportRecord]) -> None:
    # Read from labels.csv: Coventry, Norfolk and Wandsworth good -> outstanding and Hull
    # requires improvement -> good, all published 18 May 2026; Bradford inadequate ->
    # requires improvement on 21 May.
    found = changes(history, date(2026, 5, 18), date(2026, 5, 24))
    assert sorted((c.la_name, c.to_grade) for c in found) == [
        ("Bradford", RI),
        ("Coventry", OUT),
        ("Kingston Upon Hull", GOOD),
        ("Norfolk", OUT),
        ("Wandsworth", OUT),
    ]
    assert all(c.direction == "up" for c in found)
