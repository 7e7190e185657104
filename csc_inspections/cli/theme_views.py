"""The themes in the terminal: the national table (themes by year, era, grade or region), the
inspections behind one of its numbers with their points, and an LA's themes beside its
neighbours', its region's and England's. Words, never keys; every table fits the terminal
(`fit`): the national table drops the counts from its cells and then splits its groups over
several tables, the others stack their cells."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from rich.console import Group, RenderableType
from rich.text import Text

from ..analysis.themes import Asked, Cell, LaTheme, Recovery, ThemeTable
from ..answers.as_json import RECOVERED_COUNTED, THEMES_COUNTED
from ..reference import LocalAuthority
from ..vocabulary import Theme
from .fit import Fit, Split
from .views import _add, _table, la_header
from .words import day_text, group_label, kind_label, share_text, theme_label, under


def _share(c: Cell) -> str:
    return share_text(c.asked, c.of, c.percent)


def _percent(c: Cell) -> str:
    return f"{c.percent}%" if c.percent is not None else ""


def _window(start: date | None, end: date | None) -> str:
    """The dates counted, in words ('' for all)."""
    if start and end:
        return f" from {start} to {end}"
    return f" from {start}" if start else f" to {end}" if end else ""


def national(table: ThemeTable, start: date | None = None, end: date | None = None) -> Group:
    """Themes as rows, groups as columns. Wide: each cell "73% (27/37)". Narrow: the share
    alone, with each group's number of inspections under its name, split over several tables
    where the groups do not fit beside each other."""
    total = sum(table.sizes.values())
    said = f"{THEMES_COUNTED}, by {table.by}{_window(start, end)}: {total} inspections"
    title = "Themes asked to improve"
    names = [group_label(table.by, g) for g in table.groups]
    wide = _table(title, "Theme", *names, "All")
    sizes = [f"{n}\nn={table.sizes[g]}" for n, g in zip(names, table.groups, strict=True)]
    narrow = _table(title, "Theme", *sizes, f"All\nn={total}")
    for key in table.themes:
        cells = [table.cell(key, g) for g in table.groups] + [table.total(key)]
        _add(wide, theme_label(key), *map(_share, cells))
        _add(narrow, theme_label(key), *map(_percent, cells))
    for column in wide.columns[1:]:  # a share and its counts on one line, or the narrow table
        column.min_width = max(len(str(c)) for c in (column.header, *column.cells))
    hint = (
        f"The inspections behind a number: csc-inspections themes --theme THEME "
        f"--by {table.by} --group GROUP"
    )
    return Group(Text(said), Fit(wide, Split(narrow)), Text(hint, style="dim"))


def points_table(asks: Sequence[Asked], theme: str) -> RenderableType:
    """Each report or letter with the points that asked for the theme. Wide: a row per point
    with its number and page. Narrow: number and page before the point's text."""
    title = f"Inspections and their points on {theme_label(theme)}"
    wide = _table(title, "Inspection", "No.", "Page", "Point", prose="Point")
    narrow = _table(title, "Inspection", "Point", prose="Point")
    for ask in asks:
        points = ask.points.get(theme, ())
        for n, p in enumerate(points):
            first, last = n == 0, n == len(points) - 1
            where = _inspection(ask) if first else Text()
            number = str(p.printed_number or p.number)
            page = str(p.page) if p.page else ""
            wide.add_row(where, Text(number), Text(page), Text(p.text), end_section=last)
            at = f"no. {number}" + (f", p. {page}" if page else "")
            narrow.add_row(where, Text.assemble((at, "bold"), f": {p.text}"), end_section=last)
    return Fit(wide, narrow)


def _inspection(ask: Asked) -> Text:
    d = ask.document
    said = Text.assemble((d.la_name or "", "bold"), f"\n{day_text(ask.on)} {kind_label(d.kind)}")
    return under(said, d.file)


def behind(
    theme: Theme, asks: Sequence[Asked], cell: Cell, by: str | None, group: str | None
) -> Group:
    """The inspections behind one number of the national table, with their points."""
    where = f" ({group_label(by, group)})" if by and group else ""
    said = (
        f"{theme.label}{where}: {cell.asked} of {cell.of} inspections ({_percent(cell)}) asked "
        "the council to improve it (inspections dated by their last day on site)"
    )
    return Group(
        Text(said, style="bold"),
        Text(f"It covers {theme.covers}", style="italic"),
        points_table(asks, theme.key),
    )


def _asked(row: LaTheme) -> str:
    times = len(row.documents)
    return f"{times} times (recurring)" if row.recurring else "once"


def la_themes(
    la: LocalAuthority, rows: Sequence[LaTheme], start: date | None, end: date | None
) -> Group:
    """An LA's themes, most asked first. Wide: a column each for the times asked, the first
    and last dates and the four shares. Narrow: dates under the times, the shares stacked."""
    said = (
        f"What its reports and letters asked to improve{_window(start, end)}, by theme; beside "
        "the share of its own, its statistical neighbours', its region's and England's "
        "inspections asking the same"
    )
    places = (la.name, "Neighbours", la.region or "Region", "England")
    title = f"{la.name}: themes asked to improve"
    wide = _table(title, "Theme", "Asked", "First", "Last", *places)
    narrow = _table(title, "Theme", "Asked", "Share of inspections asking")
    for r in rows:
        cells = (r.la, r.neighbours, r.region, r.national)
        days = (day_text(r.first), day_text(r.last))
        _add(wide, theme_label(r.theme), _asked(r), *days, *map(_share, cells))
        stacked = "\n".join(f"{p}: {_share(c)}" for p, c in zip(places, cells, strict=True))
        span = days[0] if days[0] == days[1] else f"{days[0]} to {days[1]}"
        _add(narrow, theme_label(r.theme), under(_asked(r), span), stacked)
    if not rows:
        return Group(la_header(la), Text(f"No improvement points read{_window(start, end)}."))
    return Group(la_header(la), Text(said), Fit(wide, narrow))


def la_theme(
    la: LocalAuthority,
    theme: Theme,
    row: LaTheme | None,
    start: date | None = None,
    end: date | None = None,
) -> Group:
    """One theme of an LA: when it was asked, and the points that asked."""
    if row is None:
        none = f"No report or letter asked to improve {theme.label}{_window(start, end)}."
        return Group(la_header(la), Text(none))
    when = f"on {row.first}" if row.first == row.last else f"first {row.first}, last {row.last}"
    said = (
        f"{theme.label}: asked {_asked(row)}, {when}; by "
        f"{_share(row.la)} of its inspections, {_share(row.neighbours)} of its neighbours', "
        f"{_share(row.region)} of its region's, {_share(row.national)} of England's"
    )
    return Group(la_header(la), Text(said), points_table(row.documents, theme.key))


def recovered(rows: Sequence[Recovery]) -> Group:
    """What the councils that came out of inadequate stopped being asked, most often first."""
    recoveries = len(rows[0].pairs) if rows else 0
    said = f"{RECOVERED_COUNTED}: {recoveries} recoveries"
    title = "Themes after inadequate"
    wide = _table(title, "Theme", "Asked when inadequate", "No longer asked", "Still", "New")
    narrow = _table(title, "Theme", "No longer asked (of asked)", "Still / new")
    for r in rows:
        dropped = _share(r.share_dropped)
        _add(wide, theme_label(r.theme), str(r.asked), dropped, str(r.still), str(r.new))
        _add(narrow, theme_label(r.theme), dropped, f"{r.still} / {r.new}")
    if not rows:
        return Group(Text(said), Text("No council came out of inadequate in these data."))
    return Group(Text(said), Fit(wide, narrow))
