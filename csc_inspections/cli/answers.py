"""Commands that answer questions: an LA's timeline, two inspections side by side, the national
picture, grade movement, time to improve, statistical neighbours."""

from __future__ import annotations

import sys
from dataclasses import asdict
from datetime import date
from enum import StrEnum
from typing import Annotated

import typer
from rich.markdown import Markdown

from ..analysis.compare import Comparison, pick
from ..analysis.compare_render import to_dict, to_html, to_markdown, to_rows
from ..answers import Store, histories, national
from ..answers.comparisons import choices, comparison
from ..answers.neighbours import neighbours
from ..export import write as write_rows
from . import views
from .common import (
    DateOption,
    Listing,
    View,
    ViewOption,
    app,
    console,
    date_option,
    engine,
    errors,
    local_authority,
    parse_area,
    print_json,
)

AreaOption = Annotated[
    str,
    typer.Option(
        parser=parse_area, help="An area: overall, leadership, help_protection, ... or its name."
    ),
]


@app.command("history")
def history_command(
    ctx: typer.Context,
    name_or_urn: Annotated[str, typer.Argument(help="LA name, URN, LA code or ONS code.")],
    fmt: Annotated[Listing, typer.Option("--format", "-f", help="table, csv or json.")] = (
        Listing.table
    ),
) -> None:
    """Every inspection of an LA, graded or cited, and every letter between, in date order."""
    la = local_authority(name_or_urn)
    events = histories.events(Store(engine(ctx)), la)
    rows = [views.event_row(e) for e in events]
    if fmt is Listing.json:
        print_json([asdict(e) for e in events])
    elif fmt is Listing.csv:
        write_rows(rows, "csv", sys.stdout.buffer)
    else:
        console.print(views.la_header(la), views.timeline_table(rows))


@app.command("stats")
def stats_command(
    ctx: typer.Context, as_at: DateOption = None, fmt: ViewOption = View.table
) -> None:
    """Grade counts per area, nationally and per region, from each LA's latest report."""
    stats = national.picture(Store(engine(ctx)), as_at)
    shares = national.shares(stats)
    if fmt is View.json:
        print_json({**stats, "shares": shares})
    else:
        console.print(views.stats(stats, shares))


@app.command("changes")
def changes_command(
    ctx: typer.Context,
    since: Annotated[date | None, date_option("--from")] = None,
    until: Annotated[date | None, date_option("--to")] = None,
    area: AreaOption = "overall",
    fmt: ViewOption = View.table,
) -> None:
    """Reports published in a window whose grade differs from the LA's previous one."""
    moved = national.movement(Store(engine(ctx)), since, until, area)
    if fmt is View.json:
        print_json(
            {"changes": [asdict(c) for c in moved.changes], "transitions": moved.transitions}
        )
    else:
        console.print(
            views.changes_table(moved.changes), views.matrix_table(moved.transitions, area)
        )


@app.command("improvement-times")
def improvement_times_command(
    ctx: typer.Context, as_at: DateOption = None, fmt: ViewOption = View.table
) -> None:
    """How long LAs judged inadequate take to be judged better (Kaplan-Meier, censored)."""
    result = national.improvement(Store(engine(ctx)), as_at)
    if fmt is View.json:
        print_json(asdict(result))
    else:
        console.print(views.improvement(result))


@app.command("neighbours")
def neighbours_command(
    ctx: typer.Context,
    name_or_urn: Annotated[str, typer.Argument(help="LA name, URN, LA code or ONS code.")],
    as_at: DateOption = None,
    fmt: ViewOption = View.table,
) -> None:
    """An LA's latest grades beside its ten statistical neighbours and its region."""
    la = local_authority(name_or_urn)
    view = neighbours(Store(engine(ctx)), la.urn, as_at)
    if fmt is View.json:
        print_json(asdict(view))
    else:
        console.print(views.neighbours(view))


class CompareFormat(StrEnum):
    table = "table"
    markdown = "markdown"
    csv = "csv"
    json = "json"
    html = "html"


@app.command("compare")
def compare_command(
    ctx: typer.Context,
    name_or_urn: Annotated[str, typer.Argument(help="LA name, URN, LA code or ONS code.")],
    a: Annotated[str, typer.Argument(help="One inspection: a year, a date or an id.")],
    b: Annotated[str, typer.Argument(help="The other inspection.")],
    fmt: Annotated[
        CompareFormat, typer.Option("--format", "-f", help="table, markdown, csv, json or html.")
    ] = CompareFormat.table,
) -> None:
    """Two inspections side by side, area by area; what B still asks; repeats; visits between."""
    la = local_authority(name_or_urn)
    store = Store(engine(ctx))
    rows = choices(store, la.urn)
    c = comparison(store, la.urn, a, b, rows)
    if pick(rows, a).inspection_id != c.a.inspection_id:
        _say_swapped(c, a, b)
    if fmt is CompareFormat.json:
        print_json(to_dict(c))
    elif fmt is CompareFormat.csv:
        write_rows(to_rows(c, la.urn), "csv", sys.stdout.buffer)
    elif fmt is CompareFormat.markdown:
        sys.stdout.write(to_markdown(c))
    elif fmt is CompareFormat.html:
        sys.stdout.write(to_html(c))
    else:
        console.print(Markdown(to_markdown(c)))


def _say_swapped(c: Comparison, a: str, b: str) -> None:
    """A comparison always puts the earlier inspection first; when it was given second, say
    so (on stderr, so that the formats on stdout stay as programs read them)."""
    errors.print(
        f"note: A and B put in date order: A is {b} (published {c.a.publication_date}), "
        f"B is {a} (published {c.b.publication_date})",
        highlight=False,
    )
