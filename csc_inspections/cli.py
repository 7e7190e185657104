"""The command line: thin commands over the library, errors turned into one plain line.

Exit codes: 0 all well, 1 some files failed, 2 a usage error (bad option, unknown LA, ...).
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from sqlalchemy import Engine

from . import export as exporter
from . import views
from .errors import CscError, UsageError
from .ingest import Outcome, find_pdfs, ingest
from .reference import find
from .settings import DB_ENV, DEFAULT_DB
from .store import read, search
from .store.db import connect

app = typer.Typer(no_args_is_help=True, add_completion=False)
export_app = typer.Typer(no_args_is_help=True, help="Write stored data as CSV, JSON or XLSX.")
app.add_typer(export_app, name="export")
console = Console()
errors = Console(stderr=True, soft_wrap=True)


class Format(StrEnum):
    csv = "csv"
    json = "json"
    xlsx = "xlsx"


FormatOption = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]
OutputOption = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write to this file, not standard output.")
]


@contextmanager
def _edge() -> Iterator[None]:
    """Turn the library's errors into one plain line and exit code 2."""
    try:
        yield
    except CscError as exc:
        errors.print(f"[red]error:[/red] {exc}", highlight=False)
        raise typer.Exit(2) from exc


def _engine(ctx: typer.Context) -> Engine:
    db: str = ctx.obj["db"]
    return connect(db)


@app.callback()
def main(
    ctx: typer.Context,
    db: Annotated[
        str,
        typer.Option("--db", envvar=DB_ENV, help="SQLite file or database URL (postgresql://...)."),
    ] = DEFAULT_DB,
) -> None:
    """Ofsted inspections of local authority children's services, as data.

    Exit codes: 0 all well, 1 some files failed, 2 a usage error.
    """
    ctx.obj = {"db": db}


@app.command("ingest")
def ingest_command(
    ctx: typer.Context,
    paths: Annotated[
        list[Path], typer.Argument(help="PDF files or folders (searched recursively).")
    ],
    workers: Annotated[int, typer.Option(min=1, help="Worker processes for reading PDFs.")] = 1,
) -> None:
    """Read reports and letters into the database; a second run of the same files does nothing."""
    with _edge():
        files = find_pdfs(paths)
        engine = _engine(ctx)
        columns = (
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
        )
        with Progress(*columns, console=errors, transient=True) as bar:
            task = bar.add_task("ingesting", total=len(files))
            outcomes = ingest(engine, files, workers, lambda _o: bar.advance(task))
    _print_outcomes(outcomes)
    if any(o.status == "failed" for o in outcomes):
        raise typer.Exit(1)


def _print_outcomes(outcomes: list[Outcome]) -> None:
    counts = Counter(o.status for o in outcomes)
    for o in outcomes:
        if o.status == "failed":
            errors.print(f"[red]failed:[/red] {o.reason}", highlight=False)
    console.print(
        f"{counts['ingested']} ingested, {counts['unchanged']} unchanged, "
        f"{counts['failed']} failed ({len(outcomes)} files)"
    )


def _export(rows: read.Rows, fmt: Format, output: Path | None) -> None:
    if output is not None:
        exporter.write_file(rows, fmt.value, output)
        errors.print(f"{len(rows)} rows written to {output}")
    elif fmt is Format.xlsx and sys.stdout.isatty():
        raise UsageError("XLSX is binary: name a file with --output")
    else:
        exporter.write(rows, fmt.value, sys.stdout.buffer)


@export_app.command("history")
def export_history(
    ctx: typer.Context, fmt: FormatOption = Format.csv, output: OutputOption = None
) -> None:
    """One row per report: LA, framework, dates, lead inspector and a grade per area."""
    with _edge():
        _export(read.history(_engine(ctx)), fmt, output)


@export_app.command("recommendations")
def export_recommendations(
    ctx: typer.Context, fmt: FormatOption = Format.csv, output: OutputOption = None
) -> None:
    """One row per improvement point: file, urn, number, group, heading, text, page, ..."""
    with _edge():
        _export(read.recommendations(_engine(ctx)), fmt, output)


@export_app.command("findings")
def export_findings(
    ctx: typer.Context, fmt: FormatOption = Format.csv, output: OutputOption = None
) -> None:
    """One row per key finding of a report or letter, with its page."""
    with _edge():
        _export(read.findings(_engine(ctx)), fmt, output)


@export_app.command("figures")
def export_figures(
    ctx: typer.Context, fmt: FormatOption = Format.csv, output: OutputOption = None
) -> None:
    """One row per context figure: name, value, unit, as-at date, page and sentence."""
    with _edge():
        _export(read.figures(_engine(ctx)), fmt, output)


@export_app.command("letters")
def export_letters(
    ctx: typer.Context, fmt: FormatOption = Format.csv, output: OutputOption = None
) -> None:
    """One row per letter between inspections: kind, LA, publication and visit dates."""
    with _edge():
        _export(read.letters(_engine(ctx)), fmt, output)


class View(StrEnum):
    table = "table"
    json = "json"


ViewOption = Annotated[View, typer.Option("--format", "-f", help="table, or JSON for programs.")]


def _print_json(value: object) -> None:
    sys.stdout.write(json.dumps(value, indent=2, ensure_ascii=False, default=str) + "\n")


@app.command("la")
def la_command(
    ctx: typer.Context,
    name_or_urn: Annotated[str, typer.Argument(help="LA name, URN, LA code or ONS code.")],
    fmt: ViewOption = View.table,
) -> None:
    """An LA's reports and grades, and the letters between them."""
    with _edge():
        la = find(name_or_urn)
        if la is None:
            raise UsageError(f"no local authority matches {name_or_urn!r}")
        engine = _engine(ctx)
        reports, letters = read.history(engine, la.urn), read.letters(engine, la.urn)
        cited = read.cited(engine, la.urn)
    if fmt is View.json:
        _print_json({"la": asdict(la), "reports": reports, "letters": letters, "cited": cited})
        return
    console.print(views.la_header(la))
    console.print(views.reports_table(reports))
    if letters:
        console.print(views.letters_table(letters))
    if cited:
        console.print(views.cited_table(cited))


@app.command("search")
def search_command(
    ctx: typer.Context,
    query: Annotated[str, typer.Argument(help='Words, "a phrase", or a prefix*.')],
    la: Annotated[str | None, typer.Option(help="Only this LA (name, URN or code).")] = None,
    framework: Annotated[
        list[str] | None, typer.Option(help="Only these report or letter kinds (repeatable).")
    ] = None,
    section: Annotated[str | None, typer.Option(help="Only this section kind.")] = None,
    since: Annotated[datetime | None, typer.Option(formats=["%Y-%m-%d"])] = None,
    until: Annotated[datetime | None, typer.Option(formats=["%Y-%m-%d"])] = None,
    limit: Annotated[int, typer.Option(min=1, max=500)] = 20,
    fmt: ViewOption = View.table,
) -> None:
    """Search what inspectors wrote; every hit names its report, page and section."""
    with _edge():
        urn = _urn(la) if la else None
        filters = search.Filters(
            urn=urn,
            kinds=tuple(framework or ()),
            section_kind=section,
            since=since.date() if since else None,
            until=until.date() if until else None,
        )
        hits = search.search(_engine(ctx), query, filters, limit=limit)
    if fmt is View.json:
        _print_json([{**h, "snippet": views.plain_snippet(h["snippet"])} for h in hits])
    else:
        console.print(views.hits_table(hits))


@app.command("report")
def report_command(
    ctx: typer.Context,
    ref: Annotated[str, typer.Argument(help="Inspection id, or the file (or a unique part).")],
    fmt: ViewOption = View.table,
) -> None:
    """A report's or letter's facts, judgements, findings, recommendations and sections."""
    with _edge():
        engine = _engine(ctx)
        found = read.find_inspection(engine, ref)
        if found is None:
            raise UsageError(f"no single stored report or letter matches {ref!r}")
        detail = read.inspection_detail(engine, found)
    if fmt is View.json:
        _print_json(detail)
    else:
        console.print(views.detail(detail))


def _urn(name_or_code: str) -> int:
    la = find(name_or_code)
    if la is None:
        raise UsageError(f"no local authority matches {name_or_code!r}")
    return la.urn


@app.command("summary")
def summary_command(ctx: typer.Context) -> None:
    """What the database holds: documents by kind, LAs, overall grades, problems."""
    with _edge():
        s = read.summary(_engine(ctx))
    table = Table(title="Documents by kind", title_justify="left")
    table.add_column("Kind")
    table.add_column("Count", justify="right")
    for kind, n in sorted(s["kinds"].items()):
        table.add_row(kind, str(n))
    console.print(table)
    grades = ", ".join(f"{g} {n}" for g, n in sorted(s["overall_grades"].items()))
    console.print(f"{s['las']} local authorities; overall grades: {grades}")
    console.print(
        f"{s['problems']} extraction problems recorded; "
        f"{s['unresolved_la']} documents with no LA resolved"
    )
