"""fit.Fit and the widths it gives columns (the views drawn with it: tests/cli/test_views.py)."""

from __future__ import annotations

import io

from rich.console import Console, RenderableType
from rich.table import Table

from csc_inspections.cli.fit import Fit, share


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
