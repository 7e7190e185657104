"""Time to improve: the estimator against a hand computation, episodes, edge cases, the corpus."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

import pytest

from csc_inspections.analysis.survival import (
    Median,
    episodes,
    kaplan_meier,
    median,
    time_to_improve,
)
from csc_inspections.records import ReportRecord
from tests.analysis.rows import report
from tests.conftest import labels

D = date.fromisoformat

INAD, RI, GOOD = "inadequate", "requires improvement", "good"


def test_kaplan_meier_by_hand() -> None:
    # Six episodes (months, improved?): 6 yes, 6 censored, 10 yes, 10 yes, 15 censored, 20 yes.
    steps = kaplan_meier([(6, True), (6, False), (10, True), (10, True), (15, False), (20, True)])
    # t=6:  at risk 6 (the one censored at 6 is still at risk), 1 event:
    #       S = 1 - 1/6 = 5/6 = 0.8333; Greenwood V = 1/(6*5) = 1/30
    #       log-log band: log S = -0.18232, sqrt V = 0.18257, k = 1.95996 * 0.18257 / 0.18232
    #       = 1.96268; lower = S^exp(k) = (5/6)^7.11838 = 0.27312;
    #       upper = S^exp(-k) = (5/6)^0.14048 = 0.97471
    # t=10: at risk 4, 2 events: S = 5/6 * (1 - 2/4) = 5/12 = 0.41667
    #       V = 1/30 + 2/(4*2) = 17/60; log S = -0.87547, sqrt V = 0.53229,
    #       k = 1.95996 * 0.53229 / 0.87547 = 1.19167; lower = (5/12)^3.29258 = 0.05599;
    #       upper = (5/12)^0.30371 = 0.76652
    # t=15: at risk 2, one censored: S unchanged.
    # t=20: at risk 1, 1 event: S = 0, band 0 .. 0.
    assert [(s.time, s.at_risk, s.events, s.censored) for s in steps] == [
        (6, 6, 1, 1),
        (10, 4, 2, 0),
        (15, 2, 0, 1),
        (20, 1, 1, 0),
    ]
    assert [s.survival for s in steps] == pytest.approx([5 / 6, 5 / 12, 5 / 12, 0.0])
    assert [s.lower for s in steps] == pytest.approx([0.27312, 0.05599, 0.05599, 0.0], abs=1e-4)
    assert [s.upper for s in steps] == pytest.approx([0.97471, 0.76652, 0.76652, 0.0], abs=1e-4)
    # Median: first S <= 0.5 is 5/12 at 10. Interval: the lower band is first <= 0.5 at 6
    # (0.273), the upper band at 20 (0; 0.767 at 10 and 15 is above 0.5).
    assert median(steps) == Median(median=10, lower=6, upper=20)


def test_survival_exactly_one_half_is_the_median() -> None:
    # t=1: S = 3/4; t=2: S = 3/4 * (1 - 1/3) = 1/2 exactly -> median 2 (S <= 0.5, as lifelines)
    steps = kaplan_meier([(1, True), (2, True), (3, False), (4, False)])
    assert median(steps).median == 2


def test_all_censored_has_no_median() -> None:
    steps = kaplan_meier([(3, False), (5, False), (5, False)])
    assert [s.survival for s in steps] == [1.0, 1.0]
    assert median(steps) == Median(None, None, None)
    assert median(kaplan_meier([])) == Median(None, None, None)


def test_no_upper_limit_while_the_upper_band_stays_above_one_half() -> None:
    # 1 event in 4, then censoring: S = 3/4, never <= 0.5: no median. The band still has a
    # lower limit: V = 1/(4*3) = 1/12, log S = -0.28768, k = 1.95996 * 0.28868 / 0.28768
    # = 1.96675, lower = 0.75^exp(1.96675) = 0.75^7.1478 = 0.128 <= 0.5 at t=2.
    steps = kaplan_meier([(2, True), (8, False), (9, False), (9, False)])
    assert steps[0].lower == pytest.approx(0.128, abs=1e-3)
    assert median(steps) == Median(median=None, lower=2, upper=None)
    # 2 events in 4 at once: S = 1/2 (median 4); V = 2/(4*2) = 1/4, log S = -0.69315,
    # k = 1.95996 * 0.5 / 0.69315 = 1.41381; upper = 0.5^exp(-1.41381) = 0.5^0.24321 = 0.845,
    # which never falls further: the median has a lower limit (4) and no upper one.
    steps = kaplan_meier([(4, True), (4, True), (7, False), (9, False)])
    assert steps[0].upper == pytest.approx(0.845, abs=1e-3)
    assert median(steps) == Median(median=4, lower=4, upper=None)


ROWS = [
    # LA 1: inadequate 2015, inadequate again 2017 (same episode), RI 2018 (improved);
    # inadequate again 2020, still inadequate at the as-at date.
    report(1, "2015-01-01", INAD, framework="sif"),
    report(1, "2017-01-01", INAD, framework="sif_reinspection"),
    report(1, "2018-01-01", RI),
    report(1, "2020-01-01", INAD),
    # LA 2: inadequate 2024, next inspection under the 2026 framework (no overall): censored.
    report(2, "2022-01-01", GOOD),
    report(2, "2024-07-01", INAD),
    report(2, "2026-05-01", framework="ilacs_2026", leadership=GOOD),
    # LA 3: a pre-SIF inadequate (framework other) is not an episode; never inadequate since.
    report(3, "2013-07-01", INAD, framework="other"),
    report(3, "2016-03-01", GOOD, framework="sif"),
]


def test_episodes_by_hand() -> None:
    found = episodes(ROWS)  # as at the newest publication, 2026-05-01
    assert [(e.urn, e.start_date, e.end_date, e.improved, e.end_grade) for e in found] == [
        (1, D("2015-01-01"), D("2018-01-01"), True, RI),
        (1, D("2020-01-01"), D("2026-05-01"), False, None),
        (2, D("2024-07-01"), D("2026-05-01"), False, None),
    ]
    # 2015-01-01 .. 2018-01-01 = 365 + 366 + 365 = 1096 days = 1096 / 30.4375 = 36.008 months
    # 2020-01-01 .. 2026-05-01 = 2312 days = 75.959 months
    # 2024-07-01 .. 2026-05-01 = 669 days = 21.979 months
    assert [e.months for e in found] == pytest.approx([36.008, 75.959, 21.979], abs=1e-3)
    assert [e.reason for e in found] == [
        "improved to requires improvement",
        "still inadequate at the as-at date",
        "next report has no overall grade",
    ]
    assert found[0].start_file == ROWS[0].file and found[0].end_file == ROWS[2].file
    assert found[1].end_file is None


def test_as_at_drops_later_reports() -> None:
    # As at 2017-06-30 the 2018 improvement is not published: censored after 2015-01-01 ..
    # 2017-06-30 = 1096 - 185 = 911 days.
    result = time_to_improve(ROWS, as_at=date(2017, 6, 30))
    assert result.as_at == date(2017, 6, 30)
    assert [(e.urn, e.improved, e.end_date) for e in result.episodes] == [
        (1, False, date(2017, 6, 30))
    ]
    assert result.median == Median(None, None, None)


# --- the real corpus: episodes rebuilt from labels.csv with a plain loop -------------------


def episodes_from_labels() -> set[tuple[int, date, date, bool]]:
    by_la: dict[int, list[dict[str, str]]] = defaultdict(list)
    for r in labels().values():
        if r["framework"] not in ("other", "not_a_report"):
            by_la[int(r["urn"])].append(r)
    last = max(r["publication_date"] for rs in by_la.values() for r in rs)
    found = set()
    for urn, rs in by_la.items():
        start = None
        for r in sorted(rs, key=lambda r: r["publication_date"]):
            if start is None and r["overall"] == "inadequate":
                start = r["publication_date"]
            elif start is not None and r["overall"] != "inadequate":
                found.add((urn, D(start), D(r["publication_date"]), r["overall"] != ""))
                start = None
        if start is not None:
            found.add((urn, D(start), D(last), False))
    return found


def test_corpus_episodes_match_the_labels(history: list[ReportRecord]) -> None:
    result = time_to_improve(history)
    got = {(e.urn, e.start_date, e.end_date, e.improved) for e in result.episodes}
    assert len(got) == len(result.episodes)
    assert got == episodes_from_labels()
    assert result.steps[0].at_risk == len(result.episodes)
    assert sum(s.events for s in result.steps) == sum(e.improved for e in result.episodes)
