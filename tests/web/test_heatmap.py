"""Heat map geometry from hand-written rows: shades, where cells fall, and a phone's drawing."""

from __future__ import annotations

import pytest

from csc_inspections.web.charts import NARROW_WIDTH
from csc_inspections.web.heatmap import SHADES, Value, heat_map, shade

ROWS = ["Workforce", "Health and education of children in care"]
COLUMNS = [(str(year), 10 + year % 7) for year in range(2013, 2027)]


def values(percent: int | None = 50) -> list[list[Value]]:
    return [[Value(percent, f"{r} {c}", f"/x?{r}&{c}") for c, _ in COLUMNS] for r in ROWS]


@pytest.mark.parametrize(
    ("percent", "expected"),
    [(0, 0), (19, 0), (20, 1), (39, 1), (40, 2), (79, 3), (80, 4), (100, 4), (None, -1)],
)
def test_shades_are_fifths(percent: int | None, expected: int) -> None:
    assert shade(percent) == expected
    assert expected < SHADES


def test_cells_sit_in_a_grid_right_of_the_labels() -> None:
    chart = heat_map(ROWS, COLUMNS, values())
    assert len(chart.cells) == len(ROWS) * len(COLUMNS)
    left = chart.cells[0].x
    assert all(r.x < left for r in chart.rows)  # labels end before the cells begin
    assert max(c.x + c.width for c in chart.cells) <= chart.width
    assert max(c.y + c.height for c in chart.cells) <= chart.height
    assert {c.text for c in chart.cells} == {"50%"}
    assert chart.cells[1].href == "/x?Workforce&2014" and chart.cells[1].title == "Workforce 2014"
    assert [c.count for c in chart.columns][:2] == ["(14)", "(15)"]  # 2013 % 7 == 4


def test_long_column_labels_wrap() -> None:
    chart = heat_map(ROWS, [("Yorkshire and the Humber", 47), ("London", 104)], values()[:1] * 2)
    assert chart.columns[0].lines == ("Yorkshire", "and the", "Humber")
    assert chart.columns[1].lines == ("London",)


def test_a_phone_gets_every_cell_within_its_width() -> None:
    narrow = heat_map(ROWS, COLUMNS, values(100)).narrow
    assert narrow is not None and narrow.width == NARROW_WIDTH and narrow.upright
    assert all(c.x >= 0 and c.x + c.width <= NARROW_WIDTH for c in narrow.cells)
    assert {c.text for c in narrow.cells} == {"100"}  # fourteen columns: no room for a sign
    label = narrow.rows[1]
    first = next(c for c in narrow.cells if c.y > label.y)
    assert label.x == 0 and first.y > label.y  # each row's label above its cells
    assert all(c.y > 0 for c in narrow.columns)
