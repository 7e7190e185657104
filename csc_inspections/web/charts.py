"""Charts as geometry: plain numbers and labels that a template turns into inline SVG.

Drawing on the server keeps the pages readable without JavaScript and free of any CDN, and
keeping geometry apart from markup keeps every label going through the templates' escaping.
Every chart has a table of the same figures beside it on its page, for screen readers.

Phones get their own drawing, chosen by the stylesheet (no JavaScript): bar and step charts carry
a `narrow` variant drawn about 360 units wide, so text stays legible at 320-400 px; the timeline
carries its events as a list, newest first, which phones show instead of the chart and which
screen readers read on every screen.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import pairwise

from ..analysis import SCALE
from ..analysis.survival import Step
from ..analysis.timeline import Event
from ..model import HISTORY_AREAS
from .text import (
    GRADE_ABBR,
    GRADE_CLASS,
    area_label,
    area_lane,
    kind_label,
    long_date,
    month_year,
)


@dataclass(frozen=True)
class Tick:
    at: float  # x for an axis along the bottom, y for one up the side
    label: str


@dataclass(frozen=True)
class Lane:
    y: float
    label: str


@dataclass(frozen=True)
class Band:
    """The span a grade was in force: from one inspection to the next report."""

    x: float
    y: float
    width: float
    css: str
    title: str


@dataclass(frozen=True)
class Mark:
    """An inspection in one area's lane (or a letter in the letters lane)."""

    x: float
    y: float
    css: str
    abbr: str
    title: str
    href: str
    cited: bool = False


@dataclass(frozen=True)
class EntryGrade:
    area: str  # the area's label ("" for a cited inspection of something else)
    grade: str


@dataclass(frozen=True)
class Entry:
    """One event of the timeline as a line of a list: when, what, its link and its grades."""

    when: str
    what: str
    href: str
    grades: tuple[EntryGrade, ...]


@dataclass(frozen=True)
class TimelineChart:
    width: int
    height: int
    left: int
    lanes: tuple[Lane, ...]
    ticks: tuple[Tick, ...]
    bands: tuple[Band, ...]
    marks: tuple[Mark, ...]
    letters: tuple[Mark, ...]
    entries: tuple[Entry, ...] = ()  # the same events, newest first


LANE_HEIGHT, TOP, LEFT, WIDTH = 34, 16, 190, 960
CITED_LANE, LETTER_LANE = "Earlier inspections", "Letters (no grade)"


def _lane_names(events: Sequence[Event]) -> list[str]:
    graded = {a for e in events if e.kind != "letter" and _is_area_event(e) for a in e.grades}
    lanes = [area_lane(a) for a in HISTORY_AREAS if a in graded]
    if any(e.kind == "cited" and not _is_area_event(e) for e in events):
        lanes.append(CITED_LANE)
    if any(e.kind == "letter" for e in events):
        lanes.append(LETTER_LANE)
    return lanes


def _is_area_event(e: Event) -> bool:
    """Reports, and citations of an earlier children's services inspection, grade areas."""
    return e.kind == "report" or e.what.lower().startswith(("children's services", "children’s"))


def _years(first: date, last: date) -> tuple[date, date]:
    return date(first.year, 1, 1), date(last.year + 1, 1, 1)


def _title(e: Event, area: str, grade: str) -> str:
    if e.kind == "cited":
        return f"{area}: {grade}. {e.what}, {month_year(e.date)} (cited by a later report)"
    published = f", published {long_date(e.publication_date)}" if e.publication_date else ""
    return f"{area}: {grade}. {kind_label(e.what)}, {long_date(e.date)}{published}"


@dataclass(frozen=True)
class _Axis:
    """Days from `start` mapped onto the plot's width."""

    start: date
    end: date

    def __call__(self, day: date | None) -> float:
        when = day or self.start  # (the chart leaves undated events out before it places any)
        span = (self.end - self.start).days or 1
        return round(LEFT + (WIDTH - LEFT - 10) * (when - self.start).days / span, 1)


def _bands(
    reports: Sequence[Event], lane_y: Mapping[str, int], x: _Axis, today: date
) -> list[Band]:
    """Each report's grades, in force until the next report (the last: until today)."""
    bands = []
    for n, e in enumerate(reports):
        until = reports[n + 1].date if n + 1 < len(reports) else today
        for area, grade in e.grades.items():
            y, css = lane_y[area_lane(area)], GRADE_CLASS.get(grade, "none")
            bands.append(Band(x(e.date), y, max(x(until) - x(e.date), 1), css, grade))
    return bands


def _marks(
    events: Sequence[Event], lane_y: Mapping[str, int], x: _Axis, ids: Mapping[str, int]
) -> list[Mark]:
    marks = []
    for e in events:
        for area, grade in e.grades.items():
            lane = area_lane(area) if _is_area_event(e) else CITED_LANE
            title = _title(e, area_label(area) if lane != CITED_LANE else e.what, grade)
            css, abbr = GRADE_CLASS.get(grade, "none"), GRADE_ABBR.get(grade, "?")
            href = _href(e, ids)
            marks.append(Mark(x(e.date), lane_y[lane], css, abbr, title, href, e.kind == "cited"))
    return marks


def timeline_chart(events: Sequence[Event], ids: Mapping[str, int], today: date) -> TimelineChart:
    """Lanes of grades per area across every inspection; `ids` maps a file to its page id."""
    dated = [e for e in events if e.date]
    lanes = _lane_names(dated)
    lane_y = {name: TOP + n * LANE_HEIGHT for n, name in enumerate(lanes)}
    x = _Axis(*_years((dated[0].date or today) if dated else today, today))
    letters = [
        Mark(x(e.date), lane_y[LETTER_LANE], "letter", "", _letter_title(e), _href(e, ids))
        for e in dated
        if e.kind == "letter"
    ]
    step = 1 if x.end.year - x.start.year <= 14 else 2
    years = range(x.start.year, x.end.year + 1, step)
    return TimelineChart(
        width=WIDTH,
        height=TOP + len(lanes) * LANE_HEIGHT + 24,
        left=LEFT,
        lanes=tuple(Lane(y, name) for name, y in lane_y.items()),
        ticks=tuple(Tick(x(date(y, 1, 1)), str(y)) for y in years),
        bands=tuple(_bands([e for e in dated if e.kind == "report"], lane_y, x, today)),
        marks=tuple(_marks(dated, lane_y, x, ids)),
        letters=tuple(letters),
        entries=tuple(_entry(e, ids) for e in reversed(dated)),
    )


def _entry(e: Event, ids: Mapping[str, int]) -> Entry:
    if e.kind == "cited":
        when = str(e.date.year) if e.precision == "year" and e.date else month_year(e.date)
        what = f"{e.what[:1].upper()}{e.what[1:]} (cited by a later report)"
    else:
        when, what = long_date(e.date), kind_label(e.what) if e.file else e.what
        what += f" on {e.topic}" if e.topic else ""
    areas = [a for a in HISTORY_AREAS if a in e.grades] + [
        a for a in e.grades if a not in HISTORY_AREAS
    ]
    grades = tuple(
        EntryGrade(area_label(a) if _is_area_event(e) else "", e.grades[a]) for a in areas
    )
    return Entry(when, what, _href(e, ids), grades)


def _href(e: Event, ids: Mapping[str, int]) -> str:
    found = ids.get(e.file) if e.file else None
    return f"/report/{found}" if found is not None else ""


def _letter_title(e: Event) -> str:
    topic = f" on {e.topic}" if e.topic else ""
    return f"{kind_label(e.what)}{topic}, {long_date(e.date)}"


# Stacked bars: grade counts per area (or per year)


@dataclass(frozen=True)
class Segment:
    x: float
    width: float
    css: str
    grade: str
    count: int


@dataclass(frozen=True)
class Bar:
    y: float  # the bar's top
    label: str
    total: int
    segments: tuple[Segment, ...]
    label_x: float = 0  # where its label's text is anchored ("end" beside, "start" above)
    label_y: float = 0


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    left: int
    bars: tuple[Bar, ...]
    anchor: str = "end"  # of the labels: "end" beside the bars, "start" above them
    narrow: BarChart | None = None  # the same bars for a phone: labels above, full width


BAR_HEIGHT, BAR_GAP, BAR_LEFT, BAR_WIDTH = 26, 10, 190, 640
NARROW_WIDTH, NARROW_LABEL = 360, 20  # a phone's chart: its width, the line for a label above


def _segments(counts: Mapping[str, int], left: float, width: float) -> tuple[Segment, ...]:
    total = sum(counts.get(g, 0) for g in SCALE)
    x, segments = left, []
    for grade in SCALE:
        count = counts.get(grade, 0)
        share = width * count / total if total else 0
        if count:
            segments.append(Segment(round(x, 1), round(share, 1), GRADE_CLASS[grade], grade, count))
        x += share
    return tuple(segments)


def bar_chart(rows: Sequence[tuple[str, Mapping[str, int]]]) -> BarChart:
    """One bar per row, split by grade (best first), each bar as long as its share of 100%."""
    bars, narrow = [], []
    for n, (label, counts) in enumerate(rows):
        total = sum(counts.get(g, 0) for g in SCALE)
        y = n * (BAR_HEIGHT + BAR_GAP)
        segments = _segments(counts, BAR_LEFT, BAR_WIDTH - BAR_LEFT - 10)
        bars.append(Bar(y, label, total, segments, BAR_LEFT - 10, y + 18))
        y = n * (BAR_HEIGHT + BAR_GAP + NARROW_LABEL) + NARROW_LABEL
        segments = _segments(counts, 0, NARROW_WIDTH - 2)
        narrow.append(Bar(y, label, total, segments, 0, y - 6))
    small = BarChart(
        NARROW_WIDTH,
        len(rows) * (BAR_HEIGHT + BAR_GAP + NARROW_LABEL) + 4,
        0,
        tuple(narrow),
        "start",
    )
    height = len(rows) * (BAR_HEIGHT + BAR_GAP) + 4
    return BarChart(BAR_WIDTH, height, BAR_LEFT, tuple(bars), narrow=small)


# Step chart: the share of inadequate spells still open (Kaplan-Meier)


@dataclass(frozen=True)
class StepChart:
    width: int
    height: int
    left: int
    top: int
    bottom: int
    line: str  # SVG path data
    band: str  # SVG path data (closed)
    x_ticks: tuple[Tick, ...]
    y_ticks: tuple[Tick, ...]
    median_y: float
    narrow: StepChart | None = None  # the same curve drawn for a phone


def step_chart(steps: Sequence[Step], width: int = 640, height: int = 320) -> StepChart:
    """S(t) as a step line from 1 at month 0, with its 95% band shaded behind it (and the same
    drawn 360 by 260 for a phone, when drawn wider)."""
    left, top, bottom, right = 56, 12, height - 44, width - 12
    last = max((s.time for s in steps), default=12.0)
    months = max(12, int(-(-last // 12)) * 12)

    def x(t: float) -> float:
        return round(left + (right - left) * t / months, 1)

    def y(s: float) -> float:
        return round(float(bottom - (bottom - top) * s), 1)

    points = [(0.0, 1.0, 1.0, 1.0), *((s.time, s.survival, s.lower, s.upper) for s in steps)]
    points.append((float(months), *points[-1][1:]))
    line, upper, lower = [f"M{x(0)},{y(1)}"], [], []
    for (t0, _, lo0, up0), (t1, s1, _, _) in pairwise(points):
        line += [f"H{x(t1)}", f"V{y(s1)}"]
        upper += [f"{x(t0)},{y(up0)}", f"{x(t1)},{y(up0)}"]
        lower += [f"{x(t0)},{y(lo0)}", f"{x(t1)},{y(lo0)}"]
    band = "M" + " L".join(upper + lower[::-1]) + " Z"
    step = 12 if months <= 96 else 24
    if width <= NARROW_WIDTH:
        step *= 2 if months / step > 6 else 1
    return StepChart(
        width=width,
        height=height,
        left=left,
        top=top,
        bottom=bottom,
        line=" ".join(line),
        band=band,
        x_ticks=tuple(Tick(x(m), str(m)) for m in range(0, months + 1, step)),
        y_ticks=tuple(Tick(y(v / 4), f"{v * 25}%") for v in range(5)),
        median_y=y(0.5),
        narrow=step_chart(steps, NARROW_WIDTH, 260) if width > NARROW_WIDTH else None,
    )
