"""Commands about documents: ingest, what the database holds, one LA, one report, search."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer

from ..answers import Store
from ..answers import search as searching
from ..answers.as_json import detail_json, report_json
from ..errors import UsageError
from ..ingest import Outcome, find_pdfs, ingest
from ..reference import history_predecessors
from ..store import publications, read
from ..store.search import Filters
from . import views
from .common import (
    DateOption,
    View,
    ViewOption,
    app,
    console,
    engine,
    errors,
    local_authority,
    parse_kind,
    print_json,
    progress_bar,
)


@app.command("ingest")
def ingest_command(
    ctx: typer.Context,
    paths: Annotated[
        list[Path], typer.Argument(help="PDF files or folders (searched recursively).")
    ],
    workers: Annotated[int, typer.Option(min=1, help="Worker processes for reading PDFs.")] = 1,
) -> None:
    """Read reports and letters into the database; a second run of the same files does nothing."""
    files = find_pdfs(paths)
    db = engine(ctx, create=True)
    with progress_bar() as bar:
        task = bar.add_task("ingesting", total=len(files))

        tagged: list[int] = []

        def tagging(documents: int) -> None:
            tagged.append(documents)
            bar.update(task, description=f"tagging the themes of {documents} documents")

        outcomes = ingest(db, files, workers, lambda _o: bar.advance(task), tagging)
    _print_outcomes(outcomes)
    if tagged:
        console.print(f"themes: the items of {tagged[0]} documents tagged")
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


@app.command("summary")
def summary_command(ctx: typer.Context) -> None:
    """What the database holds: documents by kind, LAs, overall grades, problems."""
    console.print(views.summary(read.summary(engine(ctx))))


@app.command("la")
def la_command(
    ctx: typer.Context,
    name_or_urn: Annotated[str, typer.Argument(help="LA name, URN, LA code or ONS code.")],
    fmt: ViewOption = View.table,
) -> None:
    """An LA's reports and grades, the letters between them, and earlier inspections cited."""
    la = local_authority(name_or_urn)
    db = engine(ctx)
    reports, letters = read.history(db, la.urn), read.letters(db, la.urn)
    cited = read.cited(db, la.urn)
    unavailable = publications.unavailable(db, la.urn)
    earlier = [  # predecessor councils whose history this LA continues
        views.Predecessor(u, n, read.history(db, u), read.letters(db, u))
        for u, n in history_predecessors(la).items()
    ]
    if fmt is View.json:
        print_json(
            {
                "la": asdict(la),
                "reports": [report_json(r) for r in reports],
                "letters": [asdict(r) for r in letters],
                "cited": [asdict(c) for c in cited],
                "unavailable": [asdict(p) for p in unavailable],
                "predecessors": [
                    {
                        "urn": p.urn,
                        "name": p.name,
                        "reports": [report_json(r) for r in p.reports],
                        "letters": [asdict(r) for r in p.letters],
                    }
                    for p in earlier
                ],
            }
        )
        return
    console.print(views.la_header(la), views.reports_table(reports))
    if letters:
        console.print(views.letters_table(letters))
    if cited:
        console.print(views.cited_table(cited))
    if unavailable:
        console.print(views.unavailable_table(unavailable))
    for before in earlier:
        console.print(views.predecessor_tables(before))


@app.command("search")
def search_command(
    ctx: typer.Context,
    query: Annotated[str, typer.Argument(help='Words, "a phrase", prefix*, AND / OR / NOT.')],
    la: Annotated[str | None, typer.Option(help="Only this LA (name, URN or code).")] = None,
    framework: Annotated[
        list[str] | None,
        typer.Option(
            parser=parse_kind, help="Only these report or letter kinds (repeatable): sif, ..."
        ),
    ] = None,
    section: Annotated[str | None, typer.Option(help="Only this section kind.")] = None,
    since: DateOption = None,
    until: DateOption = None,
    limit: Annotated[int, typer.Option(min=1, max=500)] = 20,
    fmt: ViewOption = View.table,
) -> None:
    """Search what inspectors wrote; every hit names its report, page and section."""
    where = searching.filters(la, tuple(framework or ()), section, since, until)
    found = searching.results(Store(engine(ctx)), query, where, size=limit)
    if fmt is View.json:
        print_json([{**asdict(h), "snippet": views.plain_snippet(h.snippet)} for h in found.hits])
        return
    console.print(_found(query, found, where), soft_wrap=True, highlight=False)
    if found.hits:
        console.print(views.hits_table(found.hits))


def _found(query: str, found: searching.Results, where: Filters) -> str:
    """The line above the hits: how many there are, or what to try when there are none."""
    total, shown = found.total, len(found.hits)
    if total == 0 and not shown:
        if found.plain:
            return f"no matches for {query!r} (not valid query syntax: searched as plain words)"
        fewer = ", or fewer filters" if where != Filters() else ""
        return (
            f"no matches for {query!r}: try other words, a prefix (safeguard*) or OR between "
            f"words{fewer}"
        )
    said = f"{total} result{'' if total == 1 else 's'}"
    said += f", showing 1-{shown}" if shown < total else ""
    return said + (" (not valid query syntax: searched as plain words)" if found.plain else "")


@app.command("report")
def report_command(
    ctx: typer.Context,
    ref: Annotated[str, typer.Argument(help="Inspection id, or the file (or a unique part).")],
    fmt: ViewOption = View.table,
) -> None:
    """A report's or letter's facts, judgements, findings, recommendations and sections."""
    db = engine(ctx)
    found = read.find_inspection(db, ref)
    if found is None:
        raise UsageError(f"no single stored report or letter matches {ref!r}")
    detail = read.inspection_detail(db, found)
    if detail is None:
        raise UsageError(f"no single stored report or letter matches {ref!r}")
    if fmt is View.json:
        print_json(detail_json(detail))
    else:
        console.print(views.detail(detail))
