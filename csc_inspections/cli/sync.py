"""`sync`: fetch what Ofsted has published since the last run, and ingest it."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated, NamedTuple

import httpx2
import typer
from rich.console import Console
from rich.markup import escape
from sqlalchemy import Engine

from ..errors import UnknownLocalAuthority
from ..reference import find, suggest
from ..sync.client import FetchError, Polite
from ..sync.run import Options, Result, default_data_dir, sync
from ..sync.site import OFSTED
from .common import app, console, date_option, engine, errors, progress_bar


@app.command("sync")
def sync_command(
    ctx: typer.Context,
    base_url: Annotated[
        str, typer.Option(help="Where the search and provider pages are (file links as given).")
    ] = OFSTED,
    data_dir: Annotated[
        Path | None,
        typer.Option(help="Folder for downloaded files [default: <database>-files beside it]."),
    ] = None,
    la: Annotated[
        list[str] | None, typer.Option(help="Only this LA: name, URN or code (repeatable).")
    ] = None,
    since: Annotated[
        date | None, date_option(what="Only publications published on or after (YYYY-MM-DD).")
    ] = None,
    delay: Annotated[float, typer.Option(min=0, help="Seconds between requests.")] = 1.0,
    timeout: Annotated[float, typer.Option(min=0.1, help="Seconds to wait for an answer.")] = 60.0,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="List what would be fetched; fetch and store nothing.")
    ] = False,
) -> None:
    """Walk Ofsted's report site: list every publication of every LA, fetch what is new, ingest
    it. A second run fetches nothing it holds; a stopped run resumes."""
    options = Options(
        base_url=base_url,
        data_dir=data_dir or default_data_dir(ctx.obj["db"]),
        las=frozenset(_urn(text) for text in la or ()),
        since=since,
        dry_run=dry_run,
    )
    db = engine(ctx, create=not dry_run)
    try:
        result = _run(db, options, Pace(delay, timeout))
    except FetchError as exc:
        _say(errors, "[red]failed:[/red]", str(exc))
        raise typer.Exit(1) from exc
    _print_result(result, dry_run)
    if result.not_listed:
        raise typer.Exit(2)
    if result.failed or result.missing:
        raise typer.Exit(1)


class Pace(NamedTuple):
    """How the client paces itself: seconds between requests, seconds to wait for one."""

    delay: float
    timeout: float


def _run(db: Engine, options: Options, http: Pace) -> Result:
    """The walk with a progress bar: LAs done of those listed, the current one named."""
    with httpx2.Client() as client, progress_bar() as bar:
        task = bar.add_task("listing", total=None)

        def progress(what: str, done: int, total: int) -> None:
            bar.update(task, description=what or "done", completed=done, total=total)

        polite = Polite(client, delay=http.delay, timeout=http.timeout)
        return sync(db, polite, options, progress)


def _urn(text: str) -> int:
    """An LA the lookup knows, or any URN (the site may list LAs the lookup lacks)."""
    found = find(text)
    if found is not None:
        return found.urn
    if text.strip().isdigit():
        return int(text)
    raise UnknownLocalAuthority(text, suggest(text))


def _print_result(result: Result, dry_run: bool) -> None:
    """Problems on stderr, one line each; the summary on stdout, never wrapped (cron mails
    and logs read it)."""
    for urn in result.not_listed:
        _say(errors, "[red]error:[/red]", f"no provider with URN {urn} on the site")
    for p in result.failed:
        _say(errors, "[red]failed:[/red]", f"{p.la_name}: {p.what}: {p.url}: {p.message}")
    for p in result.missing:
        _say(errors, "[yellow]missing:[/yellow]", f"{p.la_name}: {p.what}: {p.url}: {p.message}")
    if dry_run:
        for i in result.would_fetch:
            _say(console, "would fetch:", f"{i.la_name}: {i.title}, {i.published or '?'}: {i.url}")
        _say(
            console,
            "",
            f"{_n(result.providers, 'LA')}, {_n(result.listed, 'publication')} "
            f"listed; {len(result.would_fetch)} to fetch",
        )
        return
    for c in result.grade_changes:
        change = f"{c.before or 'none'} → {c.after or 'none'}"
        _say(console, "overall grade:", f"{c.la_name}: {change} ({c.file})")
    _say(
        console,
        "",
        f"{_n(result.providers, 'LA')}, {_n(result.listed, 'publication')} listed: "
        f"{_n(result.reports, 'new report')}, {_n(result.letters, 'new letter')}, "
        f"{_n(len(result.grade_changes), 'grade change')}, {len(result.missing)} missing, "
        f"{len(result.failed)} failed",
    )


def _say(where: Console, tag: str, text: str) -> None:
    where.print(f"{tag} {escape(text)}".lstrip(), highlight=False, soft_wrap=True)


def _n(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"
