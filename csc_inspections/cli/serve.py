"""`serve`: the web site and JSON API on a local port (read-only unless told otherwise)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from ..errors import UsageError
from ..settings import CORPUS_ENV, DB_ENV, WARM_ENV, Settings
from .common import app


@app.command("serve")
def serve_command(
    ctx: typer.Context,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    corpus: Annotated[
        Path | None,
        typer.Option(envvar=CORPUS_ENV, help="Folder of the original PDFs, served at /pdf/."),
    ] = None,
    workers: Annotated[
        int,
        typer.Option(
            min=1,
            max=64,
            help="Server processes, each with its own cache. Above 1, uvicorn adds about 40 ms "
            "per kept-alive request (its issue 3149).",
        ),
    ] = 1,
    warm: Annotated[
        bool,
        typer.Option(
            help="Build every LA page before taking requests, then every comparison, so "
            "first visitors wait no longer than later ones."
        ),
    ] = True,
) -> None:
    """Serve the web pages and the JSON API (/api/, described at /api/openapi.json)."""
    import uvicorn  # only this command needs the server

    from ..web.app import create_app

    if corpus is not None and not corpus.is_dir():
        raise UsageError(f"{corpus}: no such folder")
    settings = Settings(db=ctx.obj["db"], corpus=corpus, warm=warm)
    web = create_app(settings)  # opens the database now, so a bad --db fails here
    if workers == 1:
        uvicorn.run(web, host=host, port=port, log_level="info")
        return
    os.environ[DB_ENV] = settings.db  # each worker process builds its app from these
    os.environ[WARM_ENV] = "1" if warm else "0"
    if corpus is not None:
        os.environ[CORPUS_ENV] = str(corpus.resolve())
    factory = "csc_inspections.web.app:app_from_env"
    uvicorn.run(factory, factory=True, workers=workers, host=host, port=port, log_level="info")
