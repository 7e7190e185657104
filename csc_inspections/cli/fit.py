"""Tables that fit the terminal's width without breaking words.

Rich draws a table as wide as the terminal allows (80 columns when the output goes to a pipe or
a log) and, when the table is wider, squeezes its widest columns until it fits, cutting words
anywhere: "inadequate" becomes "inadequat" / "e". A column's `min_width` alone does not save
it: Rich squeezes first and widens the too-narrow columns afterwards, so the table overflows
and the console crops its lines. `Fit` decides before Rich does: it measures what each column
needs so that none of its words breaks, shows the wide layout only when those widths fit, and
then gives every column a fixed width (the words it holds, plus what room is left shared out
as Rich would, widest columns capped first); otherwise it shows the narrow layout the view
built for small terminals, fitted the same way where it can be.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.measure import Measurement
from rich.table import Table

UNBOUNDED = 1_000_000  # a width no line reaches: measuring at it never wraps


class Fit:
    """The wide layout when its words fit the width unbroken, else the narrow one."""

    def __init__(self, wide: RenderableType, narrow: RenderableType | None = None) -> None:
        self.wide = wide
        self.narrow = wide if narrow is None else narrow

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for layout in (self.wide, self.narrow):
            if not isinstance(layout, Table):
                yield layout
                return
            fitted = fitted_table(layout, console, options)
            if fitted is not None:
                yield fitted
                return
        yield self.narrow  # not even the narrow layout fits: Rich squeezes it as it can


def _padding(table: Table) -> int:
    _, right, _, left = table.padding
    return left + right


def _borders(table: Table) -> int:
    """Columns of the vertical lines: between columns, and at the edges when drawn."""
    if not table.box:
        return 0
    return len(table.columns) - 1 + (2 if table.show_edge else 0)


def column_ranges(table: Table, console: Console, options: ConsoleOptions) -> list[tuple[int, int]]:
    """Per column, with its padding: (its longest word, its longest line) over header and
    cells. Rich measures a text's minimum as its longest word, so this is what each column
    needs for no word to break, and what it would fill unwrapped."""
    unbounded = options.update_width(UNBOUNDED)
    ranges = []
    for column in table.columns:
        cells = [*([column.header] if table.show_header else []), *column.cells]
        sizes = [Measurement.get(console, unbounded, cell) for cell in cells]
        least = max((s.minimum for s in sizes), default=1)
        most = max((s.maximum for s in sizes), default=1)
        least = max(least, column.min_width or 0)
        ranges.append((least + _padding(table), max(most, least) + _padding(table)))
    return ranges


def unbroken_width(table: Table, console: Console, options: ConsoleOptions) -> int:
    """The narrowest the table can be drawn with no word broken (Rich's own measurement
    reports the width it would squeeze the table to, words broken or not)."""
    return sum(least for least, _ in column_ranges(table, console, options)) + _borders(table)


def share(ranges: Sequence[tuple[int, int]], room: int) -> list[int] | None:
    """Widths within each (least, most) range summing to at most `room`, the widest columns
    capped at one level (as Rich squeezes them); None when even the least widths exceed it."""
    if sum(least for least, _ in ranges) > room:
        return None
    if sum(most for _, most in ranges) <= room:
        return [most for _, most in ranges]

    def at(level: int) -> list[int]:
        return [max(least, min(most, level)) for least, most in ranges]

    low, high = 0, max(most for _, most in ranges)  # sum(at(low)) fits, sum(at(high)) does not
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (middle, high) if sum(at(middle)) <= room else (low, middle)
    widths = at(low)
    spare = room - sum(widths)
    for n, (_, most) in enumerate(ranges):  # the columns at the cap take the rest, one each
        if spare and widths[n] < most:
            widths[n] += 1
            spare -= 1
    return widths


def fitted_table(table: Table, console: Console, options: ConsoleOptions) -> Table | None:
    """A copy of `table` with every column's width fixed so that no word breaks and the table
    fits `options.max_width`; None when it cannot."""
    ranges = column_ranges(table, console, options)
    widths = share(ranges, options.max_width - _borders(table))
    if widths is None:
        return None
    fixed = copy.copy(table)
    fixed.columns = []
    for column, width in zip(table.columns, widths, strict=True):
        fixed_column = copy.copy(column)
        fixed_column.width = width - _padding(table)
        fixed.columns.append(fixed_column)
    return fixed


class Split:
    """A table of many like columns (a share per year) drawn as several tables when the whole
    would not fit: each repeats the first `keep` columns and takes its share of the others, in
    order, as few tables as fit; the title heads the first. When even one column beside those
    kept does not fit, the whole table is left to Rich."""

    def __init__(self, table: Table, keep: int = 1) -> None:
        self.table = table
        self.keep = keep

    def parts(self, count: int) -> list[Table]:
        """The table as `count` tables, the columns after the kept ones shared out evenly."""
        kept, rest = self.table.columns[: self.keep], self.table.columns[self.keep :]
        found = []
        for n in range(count):
            part = copy.copy(self.table)
            mine = rest[n * len(rest) // count : (n + 1) * len(rest) // count]
            part.columns = [copy.copy(c) for c in (*kept, *mine)]
            part.title = self.table.title if n == 0 else None
            found.append(part)
        return found

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for count in range(1, len(self.table.columns) - self.keep + 1):
            parts = self.parts(count)
            fitted = [
                t for t in (fitted_table(p, console, options) for p in parts) if t is not None
            ]
            if len(fitted) == len(parts):
                yield from fitted
                return
        yield self.table
