"""`export KIND`: stored data as CSV, JSON or XLSX, one command per table of rows."""

from __future__ import annotations

import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from sqlalchemy import Engine

from .. import export as exporter
from ..analysis.national import latest_rows
from ..errors import UsageError
from ..store import read
from .common import app, edge, engine, errors

export_app = typer.Typer(no_args_is_help=True, help="Write stored data as CSV, JSON or XLSX.")
app.add_typer(export_app, name="export")


class Format(StrEnum):
    csv = "csv"
    json = "json"
    xlsx = "xlsx"


FormatOption = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]
OutputOption = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write to this file, not standard output.")
]

Rows = list[dict[str, Any]]
EXPORTS: dict[str, tuple[Callable[[Engine], Rows], str]] = {
    "history": (read.history, "One row per report: LA, framework, dates, lead inspector, grades."),
    "letters": (read.letters, "One row per letter between inspections: kind, LA, dates, topic."),
    "recommendations": (
        read.recommendations,
        "One row per improvement point: printed number, group (priority action, what needs to "
        "improve, ...) and form (listed or narrative), with its page.",
    ),
    "findings": (read.findings, "One row per key finding of a report or letter, with its page."),
    "figures": (read.figures, "One row per context figure: value, unit, as-at date, page."),
    "cited": (read.cited, "One row per earlier inspection a report cites."),
    "latest": (
        lambda db: latest_rows(read.history(db)),
        "One row per LA: codes, region, latest inspection, grades, neighbours' grades.",
    ),
}


def write(rows: Rows, fmt: Format, output: Path | None) -> None:
    if output is not None:
        exporter.write_file(rows, fmt.value, output)
        errors.print(f"{len(rows)} rows written to {output}")
    elif fmt is Format.xlsx and sys.stdout.isatty():
        raise UsageError("XLSX is binary: name a file with --output")
    else:
        exporter.write(rows, fmt.value, sys.stdout.buffer)


def _command(rows_of: Callable[[Engine], Rows]) -> Callable[..., None]:
    def command(
        ctx: typer.Context, fmt: FormatOption = Format.csv, output: OutputOption = None
    ) -> None:
        with edge():
            write(rows_of(engine(ctx)), fmt, output)

    return command


for _name, (_rows_of, _help) in EXPORTS.items():
    export_app.command(_name, help=_help)(_command(_rows_of))
