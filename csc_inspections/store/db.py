"""Opening a database by URL or path, with the settings each backend needs.

A SQLite file by default (one file, no server), PostgreSQL for shared deployments
(`postgresql://user@host/db`, read through psycopg 3). Opening checks the schema: a command
that only reads never makes a database, and no command works on a schema it does not know.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, make_url
from sqlalchemy.exc import DBAPIError

from ..errors import UsageError
from . import lifecycle

_POSTGRES_PREFIXES = ("postgresql://", "postgres://")


def database_url(db: str | Path) -> str:
    """A SQLAlchemy URL for a URL or a path (a path means SQLite; a plain postgresql:// URL
    means psycopg 3, the driver the project installs)."""
    text = str(db)
    if "://" not in text:
        return f"sqlite:///{Path(text).expanduser()}"
    for prefix in _POSTGRES_PREFIXES:
        if text.startswith(prefix):
            return "postgresql+psycopg://" + text.removeprefix(prefix)
    return text


def display_name(db: str | Path) -> str:
    """The database as a message names it: the path of a file, a URL without its password."""
    url = make_url(database_url(db))
    if url.get_backend_name() == "sqlite":
        return str(url.database)
    return url.render_as_string(hide_password=True)


def _sqlite_pragmas(dbapi_connection: Any, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.close()


def engine_for(db: str | Path, read_only: bool = False) -> Engine:
    """An engine with the backend's settings, before any check of what the database holds."""
    url = make_url(database_url(db))
    options: dict[str, Any] = {}
    if url.get_backend_name() == "postgresql":
        options["connect_args"] = {"connect_timeout": 10} | (
            {"options": "-c default_transaction_read_only=on"} if read_only else {}
        )
        options["pool_pre_ping"] = True
    engine = create_engine(url, **options)
    if url.get_backend_name() == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def connect(db: str | Path, create: bool = True, read_only: bool = False) -> Engine:
    """An engine on a database whose schema this code reads.

    `create`: make the database (a missing SQLite file, or an empty PostgreSQL database) with
    every table and the reference data; without it a missing database is an error naming it.
    `read_only`: PostgreSQL sessions refuse writes (SQLite's read-only mode is in its URL).
    """
    name = display_name(db)
    url = make_url(database_url(db))
    if url.get_backend_name() == "sqlite" and not create:
        path = Path(str(url.database))
        if not url.query.get("uri") and not path.is_file():
            raise UsageError(
                f"no database at {path}: build one with `csc-inspections ingest FOLDER`, "
                "or name another with --db"
            )
    engine = engine_for(db, read_only)
    try:
        with engine.begin() as conn:
            if create and lifecycle.revision(conn) is None:
                lifecycle.create(conn)
            else:
                lifecycle.check(conn, name)
    except DBAPIError as exc:
        engine.dispose()
        raise UsageError(f"cannot open {name}: {lifecycle.describe_failure(exc)}") from exc
    except UsageError:
        engine.dispose()
        raise
    return engine
