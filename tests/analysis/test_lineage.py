"""Councils that were reorganised: a successor's history and the national count either side of
each reorganisation.

The corpus holds the successors' reports but none of the predecessors' (those come from
`sync`), so the predecessors' reports here are hand-built rows under their real URNs; the
successors' come from the real corpus where that helps. Expected values are worked out from the
domain facts (shared/docs/domain.md, "Councils that were reorganised") and labels.csv, never
from the code under test: children's services pass to the successors on the day of the
reorganisation; Ofsted counts 152 councils in 2017-19, 151 from April 2019, 152 from April 2021
and 153 from April 2023; a new council has no grade until its own first inspection.
"""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import Engine

from csc_inspections.analysis.national import coverage, national_picture, stats_as_at
from csc_inspections.analysis.neighbours import neighbours
from csc_inspections.analysis.survival import episodes
from csc_inspections.analysis.timeline import timeline
from csc_inspections.records import ReportRecord
from csc_inspections.store import read
from tests.analysis.conftest import latest_labelled
from tests.analysis.rows import cited, letter, report
from tests.conftest import labels, letter_rows

RI, GOOD, INAD = "requires improvement", "good", "inadequate"

# Ofsted URNs from the lookup.
NORTHANTS, NORTH_N, WEST_N = 121939, 2637539, 2637548
CUMBRIA, CUMBERLAND, WESTMORLAND = 135513, 2733690, 2733698
POOLE, BCP, DORSET = 137316, 2532287, 2532283
LEICESTERSHIRE = 80483


def old(urn: int, published: str, overall: str, region: str, start: str = "") -> ReportRecord:
    """A predecessor's graded report (hand-built: the corpus has none)."""
    file = f"{urn}_predecessor/children's services inspection - {published}.pdf"
    return report(
        urn, published, overall, region=region, leadership=overall, file=file, start=start
    )


NORTHANTS_2019 = old(NORTHANTS, "2019-08-01", INAD, "East Midlands", start="2019-06-03")
CUMBRIA_2022 = old(CUMBRIA, "2022-09-01", GOOD, "North West")
POOLE_2018 = old(POOLE, "2018-03-01", GOOD, "South West")
# The successors' first reports, as labels.csv has them.
NORTH_N_2022 = report(NORTH_N, "2022-11-25", RI, region="East Midlands")
WEST_N_2022 = report(WEST_N, "2022-11-25", RI, region="East Midlands")
WESTMORLAND_2024 = report(WESTMORLAND, "2024-07-12", GOOD, region="North West")
CUMBERLAND_2024 = report(CUMBERLAND, "2024-11-26", GOOD, region="North West")
DORSET_2021 = report(DORSET, "2021-11-19", GOOD, region="South West")
BCP_2022 = report(BCP, "2022-02-11", INAD, region="South West")
ROWS = [
    NORTHANTS_2019,
    CUMBRIA_2022,
    POOLE_2018,
    NORTH_N_2022,
    WEST_N_2022,
    WESTMORLAND_2024,
    CUMBERLAND_2024,
    DORSET_2021,
    BCP_2022,
]


@pytest.mark.parametrize(
    ("as_at", "las_counted", "overall", "existing"),
    [
        # 31 March 2019: Poole (good, 2018) and Northamptonshire and Cumbria are not yet
        # inspected in these rows; 152 councils, Bournemouth, Poole, Dorset County among them.
        ("2019-03-31", 1, {GOOD: 1}, 152),
        # 1 April 2019: Poole is gone; BCP and Dorset exist but are not yet inspected.
        ("2019-04-01", 0, {}, 151),
        # 31 March 2021: Northamptonshire (inadequate, 2019) counts; BCP not yet inspected
        # (its report is of February 2022), Dorset not yet (November 2021).
        ("2021-03-31", 1, {INAD: 1}, 151),
        # 1 April 2021: Northamptonshire is gone; North and West not yet inspected.
        ("2021-04-01", 0, {}, 152),
        # 31 March 2023: Cumbria (good, 2022), Dorset (good), BCP (inadequate), North and
        # West Northamptonshire (both requires improvement, November 2022).
        ("2023-03-31", 5, {GOOD: 2, INAD: 1, RI: 2}, 152),
        # 1 April 2023: Cumbria is gone; Cumberland and Westmorland and Furness not yet.
        ("2023-04-01", 4, {GOOD: 1, INAD: 1, RI: 2}, 153),
        # 1 December 2024: both Cumbrian successors have their own reports.
        ("2024-12-01", 6, {GOOD: 3, INAD: 1, RI: 2}, 153),
    ],
)
def test_national_count_either_side_of_each_reorganisation(
    as_at: str, las_counted: int, overall: dict[str, int], existing: int
) -> None:
    picture = national_picture(ROWS, date.fromisoformat(as_at))
    assert picture["las_counted"] == las_counted
    assert {g: n for g, n in picture["areas"]["overall"].items() if n} == overall
    assert picture["las_existing"] == existing


def test_a_predecessor_counts_until_the_day_before() -> None:
    # Northamptonshire's 2019 report counts on 31 March 2021, not on 1 April 2021; `urns`
    # (an older way to limit the count) does not bring it back.
    day_before, day_of = date(2021, 3, 31), date(2021, 4, 1)
    assert stats_as_at([NORTHANTS_2019], day_before)["las_counted"] == 1
    assert stats_as_at([NORTHANTS_2019], day_of)["las_counted"] == 0
    assert stats_as_at([NORTHANTS_2019], day_of, urns={NORTHANTS})["las_counted"] == 0
    assert stats_as_at([NORTHANTS_2019], day_of)["regions"] == {}


def missing(rows: list[ReportRecord], as_at: str) -> dict[str, str]:
    found = coverage(rows, date.fromisoformat(as_at))["without_report"]
    return {m["name"]: m["created"] for m in found}


def test_new_councils_are_not_yet_inspected_until_their_first_report() -> None:
    before, after = missing(ROWS, "2021-03-31"), missing(ROWS, "2021-04-01")
    assert "Northamptonshire" not in before and "North Northamptonshire" not in before
    assert "Northamptonshire" not in after  # it no longer exists
    assert after["North Northamptonshire"] == after["West Northamptonshire"] == "2021-04-01"
    assert "North Northamptonshire" not in missing(ROWS, "2022-11-25")
    # Before April 2019 the lookup's councils without an Ofsted URN still exist and, with no
    # report that could be stored under them, are without a report; BCP does not exist yet.
    early = missing(ROWS, "2019-03-31")
    assert early["Bournemouth"] == early["Dorset County Council"] == ""
    assert "Poole" not in early and "Bournemouth, Christchurch and Poole" not in early
    assert missing(ROWS, "2019-04-01")["Bournemouth, Christchurch and Poole"] == "2019-04-01"


def test_counts_on_the_corpus_either_side_of_2021(history: list[ReportRecord]) -> None:
    # The corpus's own LAs as labels.csv dates their reports, plus a hand-built Northamptonshire
    # report: it counts the day before the split and not on the day.
    rows = [*history, NORTHANTS_2019]
    for as_at, extra in (("2021-03-31", 1), ("2021-04-01", 0)):
        picture = national_picture(rows, date.fromisoformat(as_at))
        assert picture["las_counted"] == len(latest_labelled(as_at)) + extra
        assert picture["las_existing"] - len(picture["without_report"]) == picture["las_counted"]


def test_a_successors_history_opens_with_its_predecessors() -> None:
    file = f"{NORTHANTS}_predecessor/children's services focused visit - 2020-02-01.pdf"
    visit = letter(NORTHANTS, "2020-02-01", start="2020-01-07", file=file)
    # North Northamptonshire's report citing the 2019 inspection, which is held
    cite = cited(NORTH_N, "2019-06-01", "children's services", INAD, NORTH_N_2022.file, 2)
    events = timeline(
        [NORTH_N_2022, NORTHANTS_2019], [visit], [cite], {NORTHANTS: "Northamptonshire"}
    )
    assert [(e.kind, e.date, e.predecessor) for e in events] == [
        ("report", date(2019, 6, 3), "Northamptonshire"),
        ("letter", date(2020, 1, 7), "Northamptonshire"),
        ("report", date(2022, 11, 25), None),  # inspection dates not read: publication date
    ]
    # Without the predecessor's rows, the citation is the only trace of the 2019 inspection.
    (found,) = [e for e in timeline([NORTH_N_2022], [], [cite]) if e.kind == "cited"]
    assert (found.date, found.predecessor) == (date(2019, 6, 1), None)


def test_north_northamptonshire_on_the_corpus(corpus_db: Engine) -> None:
    own = (
        read.history(corpus_db, NORTH_N),
        read.letters(corpus_db, NORTH_N),
        read.cited(corpus_db, NORTH_N),
    )
    events = timeline([NORTHANTS_2019, *own[0]], own[1], own[2], {NORTHANTS: "Northamptonshire"})
    theirs = [e.file for e in events if e.predecessor]
    assert theirs == [NORTHANTS_2019.file]
    # Its own reports and letters, as labels.csv and letters.csv list them, unmarked.
    expected = {f for f, r in labels().items() if r["urn"] == str(NORTH_N)}
    expected |= {f for f, r in letter_rows().items() if r["urn"] == str(NORTH_N)}
    assert len(expected) == 4  # two reports (2022, 2026) and two focused visits (2023, 2024)
    assert {e.file for e in events if e.file and not e.predecessor} == expected
    assert events[0].file == NORTHANTS_2019.file  # the county's inspection comes first


def test_an_inadequate_council_abolished_is_censored_on_the_day() -> None:
    """Northamptonshire, inadequate in 2019, was abolished on 1 April 2021: its episode ends
    there, not improved (its successors are new councils), and runs on before that day."""
    rows = [old(NORTHANTS, "2019-08-01", INAD, "East Midlands")]
    (after,) = episodes(rows, date(2022, 1, 1))
    assert (after.end_date, after.improved) == (date(2021, 4, 1), False)
    assert "abolished" in after.reason
    assert round(after.months, 1) == round((date(2021, 4, 1) - date(2019, 8, 1)).days / 30.4375, 1)
    (before,) = episodes(rows, date(2020, 6, 1))
    assert (before.end_date, before.improved) == (date(2020, 6, 1), False)
    assert "still inadequate" in before.reason


def test_an_abolished_council_leaves_its_regions_counts() -> None:
    """Leicestershire's region (East Midlands) counts Northamptonshire until 31 March 2021."""
    rows = [
        old(NORTHANTS, "2019-08-01", INAD, "East Midlands"),
        report(LEICESTERSHIRE, "2019-02-01", GOOD, region="East Midlands"),
    ]
    while_it_existed = neighbours(rows, LEICESTERSHIRE, date(2021, 3, 31))
    assert while_it_existed.region_las_counted == 2
    assert while_it_existed.region_counts["overall"][INAD] == 1
    afterwards = neighbours(rows, LEICESTERSHIRE, date(2021, 4, 1))
    assert afterwards.region_las_counted == 1
    assert afterwards.region_counts["overall"][INAD] == 0
