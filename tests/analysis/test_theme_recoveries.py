"""What councils that came out of inadequate stopped being asked: counted on hand-built
records, where every count can be done by eye."""

from __future__ import annotations

from csc_inspections.analysis.themes import Asked, asked, recoveries
from csc_inspections.records import RecommendationRecord, ReportRecord
from tests.analysis.rows import report


def _point(of: ReportRecord, number: int, *themes: str) -> RecommendationRecord:
    return RecommendationRecord(
        file=of.file,
        urn=of.urn,
        la_name=of.la_name,
        report_kind=of.kind,
        publication_date=of.publication_date,
        scope="main",
        number=number,
        printed_number=number,
        group=None,
        form="listed",
        heading=None,
        text=f"point {number}",
        framework_ref=None,
        agencies=None,
        page=3,
        themes=themes,
    )


def _asked(of: ReportRecord, *points: tuple[str, ...]) -> Asked:
    (found,) = asked([of], [_point(of, n, *t) for n, t in enumerate(points, 1)])
    return found


def test_recoveries_count_what_the_better_report_stopped_asking() -> None:
    one_bad, one_good = report(1, "2015-01-01", "inadequate"), report(1, "2018-01-01", "good")
    two_bad = report(2, "2016-01-01", "inadequate")
    two_better = report(2, "2019-01-01", "requires improvement")
    pairs = [
        (
            _asked(one_bad, ("workforce",), ("management_oversight", "assessment")),
            _asked(one_good, ("management_oversight",)),
        ),
        (
            _asked(two_bad, ("workforce", "management_oversight")),
            _asked(two_better, ("workforce",), ("early_help",)),
        ),
    ]
    rows = {r.theme: r for r in recoveries(pairs)}
    # workforce: asked in both inadequate reports; dropped by LA 1's good report, not by LA 2's
    assert (rows["workforce"].asked, rows["workforce"].dropped, rows["workforce"].still) == (
        2,
        1,
        1,
    )
    oversight = rows["management_oversight"]
    assert (oversight.asked, oversight.dropped, oversight.new) == (2, 1, 0)
    assert (rows["assessment"].asked, rows["assessment"].dropped) == (1, 1)
    assert (rows["early_help"].asked, rows["early_help"].new) == (0, 1)
    assert "care_leavers" not in rows  # asked by neither side of either recovery
    # Most often dropped first: assessment (1 of 1), then workforce and oversight (1 of 2)
    assert next(iter(rows)) == "assessment"


def test_an_untagged_point_still_counts_its_report() -> None:
    bad = report(3, "2015-01-01", "inadequate")
    found = _asked(bad, ())
    assert found.themes == frozenset() and found.document is bad
