"""Chart geometry from hand-written rows: where bands, marks and steps fall."""

from __future__ import annotations

from datetime import date

from csc_inspections.analysis.survival import Step
from csc_inspections.analysis.timeline import Event
from csc_inspections.web.charts import (
    CITED_LANE,
    LEFT,
    LETTER_LANE,
    NARROW_WIDTH,
    WIDTH,
    EntryGrade,
    bar_chart,
    step_chart,
    timeline_chart,
)


def event(kind: str, day: str, grades: dict[str, str], what: str = "sif", file: str = "") -> Event:
    on = date.fromisoformat(day)
    published = on if kind != "cited" else None
    return Event(on, "", kind, what, file or None, published, on, on, grades)


EVENTS = [
    event("cited", "2012-07-01", {"overall": "adequate"}, what="child protection"),
    event("report", "2014-09-16", {"overall": "inadequate"}, file="a.pdf"),
    event("report", "2017-11-06", {"overall": "good", "care_leavers": "outstanding"}, "x", "b.pdf"),
    event("letter", "2019-03-21", {}, what="focused_visit", file="c.pdf"),
]


def test_timeline_lanes_bands_and_marks() -> None:
    chart = timeline_chart(EVENTS, {"a.pdf": 1, "b.pdf": 2, "c.pdf": 3}, date(2020, 6, 30))
    assert [lane.label for lane in chart.lanes] == [
        "Overall effectiveness",
        "Care leavers",
        CITED_LANE,
        LETTER_LANE,
    ]
    assert [t.label for t in chart.ticks] == [str(y) for y in range(2012, 2022)]
    assert chart.ticks[0].at == LEFT and chart.ticks[-1].at == WIDTH - 10  # 2012 .. 2021
    inadequate, good, outstanding = chart.bands
    assert inadequate.css == "inadequate" and inadequate.x + inadequate.width == good.x
    assert good.x + good.width == outstanding.x + outstanding.width  # both until today
    cited = next(m for m in chart.marks if m.cited)
    assert (cited.y, cited.css, cited.abbr, cited.href) == (chart.lanes[2].y, "adequate", "A", "")
    assert [m.href for m in chart.marks if not m.cited] == ["/report/1", "/report/2", "/report/2"]
    (letter,) = chart.letters
    assert letter.y == chart.lanes[3].y and letter.href == "/report/3"
    assert letter.title == "Focused visit, 21 March 2019"


def test_timeline_entries_are_the_events_newest_first() -> None:
    chart = timeline_chart(EVENTS, {"a.pdf": 1, "b.pdf": 2, "c.pdf": 3}, date(2020, 6, 30))
    assert [(e.when, e.href) for e in chart.entries] == [
        ("21 March 2019", "/report/3"),
        ("6 November 2017", "/report/2"),
        ("16 September 2014", "/report/1"),
        ("July 2012", ""),
    ]
    letter, later, first, cited = chart.entries
    assert first.what == "SIF inspection" and first.grades == (
        EntryGrade("Overall effectiveness", "inadequate"),
    )
    assert letter.what == "Focused visit" and letter.grades == ()
    assert later.grades == (
        EntryGrade("Overall effectiveness", "good"),
        EntryGrade("Care leavers", "outstanding"),
    )
    assert cited.what == "Child protection (cited by a later report)"
    assert cited.grades == (EntryGrade("", "adequate"),)


def test_bars_are_shares_of_the_width() -> None:
    chart = bar_chart([("Overall", {"outstanding": 1, "good": 3, "inadequate": 0})])
    (bar,) = chart.bars
    assert bar.total == 4 and [s.grade for s in bar.segments] == ["outstanding", "good"]
    first, second = bar.segments
    assert second.width == 3 * first.width and second.x == first.x + first.width


def test_narrow_bars_put_labels_above_and_fill_a_phone() -> None:
    rows = [("Overall", {"good": 1, "inadequate": 1}), ("Care leavers", {"outstanding": 2})]
    narrow = bar_chart(rows).narrow
    assert narrow is not None and narrow.width == NARROW_WIDTH and narrow.anchor == "start"
    for bar in narrow.bars:
        assert bar.label_x == 0 and bar.label_y < bar.y  # the label above its bar
        last = bar.segments[-1]
        assert bar.segments[0].x == 0 and last.x + last.width <= NARROW_WIDTH
    assert narrow.bars[1].label_y > narrow.bars[0].y + 26  # below the first bar
    assert narrow.height >= narrow.bars[-1].y + 26


def test_step_chart_starts_at_one_and_steps_down() -> None:
    steps = [Step(12.0, 10, 5, 0, 0.5, 0.3, 0.7), Step(24.0, 5, 5, 0, 0.0, 0.0, 0.0)]
    chart = step_chart(steps, width=412, height=244)  # plot: x 56..400, y 12..200
    assert chart.line == "M56.0,12.0 H228.0 V106.0 H400.0 V200.0 H400.0 V200.0"
    assert [t.label for t in chart.x_ticks] == ["0", "12", "24"]
    assert chart.median_y == 106.0
    narrow = chart.narrow  # the same curve for a phone, 360 wide
    assert narrow is not None and narrow.width == NARROW_WIDTH and narrow.narrow is None
    assert narrow.line == "M56.0,12.0 H202.0 V114.0 H348.0 V216.0 H348.0 V216.0"
