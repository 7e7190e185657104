"""What every command shares: the app, the --db option, output formats and the error edge."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from sqlalchemy import Engine

from ..errors import CscError, UsageError
from ..reference import LocalAuthority, find
from ..settings import DB_ENV, DEFAULT_DB
from ..store.db import connect

app = typer.Typer(no_args_is_help=True, add_completion=False)
console = Console()
errors = Console(stderr=True, soft_wrap=True)


class View(StrEnum):
    table = "table"
    json = "json"


class Listing(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


ViewOption = Annotated[View, typer.Option("--format", "-f", help="table, or JSON for programs.")]


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


@contextmanager
def edge() -> Iterator[None]:
    """Turn the library's errors into one plain line and exit code 2."""
    try:
        yield
    except CscError as exc:
        errors.print(f"[red]error:[/red] {exc}", highlight=False)
        raise typer.Exit(2) from exc


def engine(ctx: typer.Context, create: bool = False) -> Engine:
    """The --db database; only commands that store documents (`create`) may make it."""
    db: str = ctx.obj["db"]
    opened = connect(db, create=create)
    ctx.call_on_close(opened.dispose)  # a server's connections closed as the command ends
    return opened


def local_authority(name_or_code: str) -> LocalAuthority:
    la = find(name_or_code)
    if la is None:
        raise UsageError(f"no local authority matches {name_or_code!r}")
    return la


def print_json(value: object) -> None:
    sys.stdout.write(json.dumps(value, indent=2, ensure_ascii=False, default=str) + "\n")


def progress_bar() -> Progress:
    """The bar of a long command (`ingest`, `sync`), on stderr. A bar nobody sees is not kept
    up to date at all; one that is needs no more than four redraws a second (Rich's default
    is ten) for a run of seconds to minutes."""
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=errors,
        transient=True,
        disable=not errors.is_terminal,
        refresh_per_second=4,
    )
