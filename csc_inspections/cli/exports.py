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
from ..errors import UsageError
from .common import app, engine, errors

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
        write(rows_of(engine(ctx)), fmt, output)

    return command


for _name, (_rows_of, _help) in exporter.TABLES.items():
    export_app.command(_name, help=_help)(_command(_rows_of))
