"""`db upgrade`: bring a database made by an earlier release to this release's schema."""

from __future__ import annotations

import typer

from ..store import lifecycle
from ..store.db import display_name, opened
from .common import app, console

db_app = typer.Typer(no_args_is_help=True, help="The database itself: its schema.")
app.add_typer(db_app, name="db")


@db_app.command("upgrade")
def upgrade_command(ctx: typer.Context) -> None:
    """Upgrade the --db database's schema in place (one transaction); nothing to do is fine."""
    engine = opened(ctx.obj["db"])
    try:
        before, after = lifecycle.upgrade(engine)
    finally:
        engine.dispose()
    name = display_name(ctx.obj["db"])
    if before == after:
        said = f"{name}: schema {after}, already the newest"
    elif before is None:
        said = f"{name}: made, schema {after}"
    else:
        said = f"{name}: schema {before} upgraded to {after}"
    console.print(said, soft_wrap=True, highlight=False)
