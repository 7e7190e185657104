"""`themes`: what inspections asked councils to improve, theme by theme (`answers.themes`).

Without --la: the national table, or with --theme the inspections behind one of its numbers
(a group of it with --group). With --la: the LA's themes beside its neighbours', region's and
England's, or with --theme the points that asked for one.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Annotated, Any, TypeVar

import typer
from sqlalchemy import Engine

from ..analysis.themes import ThemeTable
from ..answers import Store
from ..answers import themes as answers
from ..answers.as_json import behind_json, la_themes_json, recovered_json, theme_table_json
from ..errors import UsageError
from . import theme_views
from .common import (
    View,
    ViewOption,
    app,
    console,
    date_option,
    engine,
    local_authority,
    parse_grouping,
    parse_theme,
    print_json,
)
from .words import group_label

T = TypeVar("T")


class Kept(Store):
    """A store that keeps what it reads for the one command (the table and the inspections
    behind one of its numbers read the same reports and points)."""

    def __init__(self, engine: Engine) -> None:
        super().__init__(engine)
        self.kept: dict[str, Any] = {}

    def cached(self, key: str, compute: Callable[[], T]) -> T:
        if key not in self.kept:
            self.kept[key] = compute()
        found: T = self.kept[key]
        return found


@app.command("themes")
def themes_command(
    ctx: typer.Context,
    la: Annotated[
        str | None, typer.Option(help="An LA (name, URN, LA code or ONS code): its themes.")
    ] = None,
    since: Annotated[date | None, date_option("--from", what="First day counted.")] = None,
    until: Annotated[date | None, date_option("--to", what="Last day counted.")] = None,
    by: Annotated[
        str | None,
        typer.Option(
            parser=parse_grouping, help="Group inspections by year, era, grade or region."
        ),
    ] = None,
    theme: Annotated[
        str | None,
        typer.Option(parser=parse_theme, help="A theme (its id or its words): what asked for it."),
    ] = None,
    group: Annotated[
        str | None, typer.Option(help="With --theme: one group of --by, e.g. 2015 or London.")
    ] = None,
    recovered: Annotated[
        bool,
        typer.Option(
            "--recovered",
            help="What the councils that came out of inadequate were no longer asked.",
        ),
    ] = False,
    fmt: ViewOption = View.table,
) -> None:
    """What inspections asked councils to improve, theme by theme: the share of inspections
    asking each, by year (era, grade, region); the inspections and points behind one number
    (--theme, --group); an LA's themes beside its neighbours', region's and England's (--la);
    what councils that came out of inadequate stopped being asked (--recovered).
    Inspections are dated by their last day on site."""
    if recovered:
        if any(v is not None for v in (la, theme, group, by, since, until)):
            raise UsageError("--recovered takes no other option but --format")
        rows = answers.recovered(Kept(engine(ctx)))
        if fmt is View.json:
            print_json(recovered_json(rows))
        else:
            console.print(theme_views.recovered(rows))
        return
    if group is not None and theme is None:
        raise UsageError("--group needs --theme: the inspections of a group that asked for it")
    store = Kept(engine(ctx))
    if la is not None:
        if by is not None or group is not None:
            raise UsageError("--by and --group are for the national table: leave out --la")
        _la(store, la, theme, since, until, fmt)
    elif theme is not None:
        _behind(ctx, store, theme, by or "year", group, since, until, fmt)
    else:
        found = answers.table(store, by or "year", since, until)
        if fmt is View.json:
            print_json(theme_table_json(found, since, until))
        else:
            console.print(theme_views.national(found, since, until))


def _behind(
    ctx: typer.Context,
    store: Store,
    key: str,
    by: str,
    group: str | None,
    since: date | None,
    until: date | None,
    fmt: View,
) -> None:
    if group is not None:
        group = _group(ctx, answers.table(store, by, since, until), group)
    number = answers.behind_number(store, key, by, group, since, until)
    theme = answers.theme(key)
    if fmt is View.json:
        print_json(behind_json(theme, number.asks, number.cell, by, group, since, until))
    else:
        console.print(theme_views.behind(theme, number.asks, number.cell, by, group))


def _group(ctx: typer.Context, table: ThemeTable, text: str) -> str:
    """The group of the table a user typed, in any case or words ("Requires improvement")."""
    wanted = " ".join(text.lower().replace("_", " ").split())
    for g in table.groups:
        if wanted in {g.lower(), group_label(table.by, g).lower()}:
            return g
    listed = ", ".join(table.groups) or "none in these dates"
    raise typer.BadParameter(
        f"{text!r} is not a group of --by {table.by}: one of {listed}",
        ctx=ctx,
        param_hint="'--group'",
    )


def _la(
    store: Store,
    name_or_urn: str,
    key: str | None,
    since: date | None,
    until: date | None,
    fmt: View,
) -> None:
    la = local_authority(name_or_urn)
    rows = answers.for_la(store, la.urn, since, until)
    if key is not None:
        rows = [r for r in rows if r.theme == key]
    if fmt is View.json:
        print_json(la_themes_json(la, rows, since, until))
    elif key is not None:
        found = next(iter(rows), None)
        console.print(theme_views.la_theme(la, answers.theme(key), found, since, until))
    else:
        console.print(theme_views.la_themes(la, rows, since, until))
