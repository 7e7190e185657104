"""fit.Fit and the widths it gives columns (the views drawn with it: tests/cli/test_views.py)."""

from __future__ import annotations

import io

from rich.console import Console, RenderableType
from rich.table import Table

from csc_inspections.cli.fit import Fit, Split, share


def draw(view: RenderableType, width: int) -> str:
    console = Console(width=width, record=True, file=io.StringIO())
    console.print(view)
    return console.export_text()


def test_share_keeps_every_column_at_its_longest_word() -> None:
    """Rich squeezes the widest columns first; a column of one long word must keep it."""
    assert share([(40, 40), (6, 52)], 60) == [40, 20]
    assert share([(10, 12), (10, 14)], 100) == [12, 14]
    assert share([(10, 50), (10, 50)], 41) == [21, 20]
    assert share([(40, 40), (30, 30)], 60) is None


def test_fit_draws_the_narrow_layout_when_a_word_would_break() -> None:
    wide, narrow = Table("Alpha", "Beta"), Table("Alpha")
    wide.add_row("x" * 50, "y" * 50)
    narrow.add_row("x" * 50)
    assert "y" * 50 in draw(Fit(wide, narrow), 120)
    at_80 = draw(Fit(wide, narrow), 80)
    assert "Beta" not in at_80 and "x" * 50 in at_80


def test_split_shares_the_columns_out_over_as_few_tables_as_fit() -> None:
    table = Table("Theme", *(str(year) for year in range(2013, 2027)), title="Shares")
    table.add_row("Management oversight", *(f"{n}%" for n in range(14)))
    wide = draw(Split(table), 200)
    assert wide.count("Theme") == 1 and wide.count("Shares") == 1
    narrow = draw(Split(table), 60)
    assert max(len(line) for line in narrow.splitlines()) <= 60
    tables = narrow.count("┏")
    assert tables > 1 and narrow.count("Shares") == 1  # the title heads the first
    assert narrow.count("Theme") == narrow.count("Management oversight") == tables  # kept
    assert narrow.index("2019") < narrow.index("2020") and narrow.count("2026") == 1
    years = [w for w in narrow.split() if w.isdigit() and len(w) == 4]
    assert years == [str(year) for year in range(2013, 2027)]  # each year once, in order
    part_sizes = [len(p.columns) - 1 for p in Split(table).parts(3)]
    assert part_sizes == [4, 5, 5]  # shared out evenly


def test_split_leaves_a_table_that_never_fits_to_rich() -> None:
    table = Table("x" * 50, "y" * 50)
    table.add_row("a", "b")
    assert draw(Split(table), 40).count("┏") == 1  # one table, Rich's cuts and all
