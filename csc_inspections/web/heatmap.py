"""A heat map as geometry: rows by columns of shares, each cell shaded by its share and
labelled with it, for a template to draw as inline SVG (as `charts` does for the other charts).

The themes page draws what councils were asked to improve, theme by year (era, grade,
region). Five shades of one blue, light to dark for 0-19% to 80-100%: a single hue that gets
darker reads the same for every kind of colour blindness, each shade differs from the next in
lightness, and each cell prints its percentage too, in a colour readable on its shade.

Phones get their own drawing (`narrow`, NARROW_WIDTH units wide, chosen by the stylesheet):
each row's label above its cells, and the columns' labels turned upright so that fourteen
years fit across a phone.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

from .charts import NARROW_WIDTH

SHADES = 5  # 0-19%, 20-39%, 40-59%, 60-79%, 80-100%
CELL_HEIGHT, GAP, LINE = 30, 2, 16
CHAR = 8.4  # the width of a character of a 14 px label, at most, in the drawing's units
UPRIGHT_CHAR = 7.2  # the same for the 12 px column labels of a phone's drawing
COLUMN_CHARS = 12  # a column label wraps beyond this many characters (wide drawing)
NARROW_LABEL, NARROW_CELL = 20, 26  # a phone's line for a row label, and a cell's height


@dataclass(frozen=True)
class Value:
    """One cell as given: its share as a whole percentage (None: nothing counted), what its
    tooltip says and where it links ('' for nowhere)."""

    percent: int | None
    title: str
    href: str = ""


@dataclass(frozen=True)
class Column:
    x: float  # the column's centre
    y: float  # its label's first baseline (upright: where the label starts)
    lines: tuple[str, ...]  # its label, wrapped
    count: str  # under the label: how many were counted in it


@dataclass(frozen=True)
class RowLabel:
    x: float
    y: float  # the text's baseline
    label: str


@dataclass(frozen=True)
class HeatCell:
    x: float
    y: float
    width: float
    height: float
    shade: int  # 0 (lightest) .. SHADES - 1; -1 when nothing was counted
    text: str
    title: str
    href: str


@dataclass(frozen=True)
class HeatMap:
    width: int
    height: int
    columns: tuple[Column, ...]
    rows: tuple[RowLabel, ...]
    cells: tuple[HeatCell, ...]
    anchor: str = "end"  # of the row labels: "end" beside the cells, "start" above them
    upright: bool = False  # the column labels turned to read upwards (a phone's drawing)
    narrow: HeatMap | None = None


def shade(percent: int | None) -> int:
    """The shade of a share: 0 for 0-19%, ... SHADES - 1 for 80-100%; -1 for no share."""
    if percent is None:
        return -1
    return min(max(percent, 0) * SHADES // 100, SHADES - 1)


def heat_map(
    rows: Sequence[str],
    columns: Sequence[tuple[str, int]],
    values: Sequence[Sequence[Value]],
) -> HeatMap:
    """`rows` labels by `columns` (label, how many counted), `values[row][column]`."""
    lines = [tuple(textwrap.wrap(label, COLUMN_CHARS) or [""]) for label, _ in columns]
    longest = max((len(line) for wrapped in lines for line in wrapped), default=4)
    width = max(50, round(CHAR * longest) + 12)
    left = round(CHAR * max((len(r) for r in rows), default=0)) + 16  # the row labels' column
    top = LINE * max((len(w) for w in lines), default=1) + LINE + 10
    heads = tuple(
        Column(left + n * width + width / 2, LINE, wrapped, f"({count})")
        for n, (wrapped, (_, count)) in enumerate(zip(lines, columns, strict=True))
    )
    labels, cells = [], []
    for r, label in enumerate(rows):
        y = top + r * (CELL_HEIGHT + GAP)
        labels.append(RowLabel(left - 10, y + 20, label))
        for c, value in enumerate(values[r]):
            x = left + c * width
            cells.append(_cell(value, x, y, width - GAP, CELL_HEIGHT, "%"))
    return HeatMap(
        width=left + len(columns) * width + 4,
        height=top + len(rows) * (CELL_HEIGHT + GAP) + 4,
        columns=heads,
        rows=tuple(labels),
        cells=tuple(cells),
        narrow=_narrow(rows, columns, values),
    )


def _narrow(
    rows: Sequence[str],
    columns: Sequence[tuple[str, int]],
    values: Sequence[Sequence[Value]],
) -> HeatMap:
    """The same map for a phone: labels above the rows, column labels upright."""
    width = (NARROW_WIDTH - 2) / max(len(columns), 1)
    heads = [f"{label} ({count})" for label, count in columns]
    top = round(UPRIGHT_CHAR * max((len(h) for h in heads), default=4)) + 12
    sign = "%" if width >= 40 else ""  # a narrow cell holds the number alone
    labels, cells = [], []
    step = NARROW_LABEL + NARROW_CELL + 8
    for r, label in enumerate(rows):
        y = top + r * step
        labels.append(RowLabel(0, y + NARROW_LABEL - 6, label))
        for c, value in enumerate(values[r]):
            x = 1 + c * width
            cells.append(_cell(value, x, y + NARROW_LABEL, width - GAP, NARROW_CELL, sign))
    return HeatMap(
        width=NARROW_WIDTH,
        height=top + len(rows) * step + 4,
        columns=tuple(
            Column(round(1 + n * width + width / 2, 1), top - 8, (h,), "")
            for n, h in enumerate(heads)
        ),
        rows=tuple(labels),
        cells=tuple(cells),
        anchor="start",
        upright=True,
    )


def _cell(value: Value, x: float, y: float, width: float, height: float, sign: str) -> HeatCell:
    text = "" if value.percent is None else f"{value.percent}{sign}"
    return HeatCell(
        round(x, 1), y, round(width, 1), height, shade(value.percent), text, value.title, value.href
    )
