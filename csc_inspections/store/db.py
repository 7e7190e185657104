"""Opening a database by URL or path, with the settings each backend needs.

A SQLite file by default (one file, no server), PostgreSQL for shared deployments
(`postgresql://user@host/db`, read through psycopg 3). Opening checks the schema: a command
that only reads never makes a database, and no command works on a schema it does not know.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from sqlalchemy import URL, Engine, create_engine, event, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError

from ..errors import DatabaseUnavailable, UsageError
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


_BACKENDS = ("sqlite", "postgresql")
_GIVE = "give a SQLite file or a URL such as postgresql://user@host/db with --db"


def parsed_url(db: str | Path) -> URL:
    """The SQLAlchemy URL of a --db value; a URL that cannot be read, or of a database this
    code does not support, is a DatabaseUnavailable naming it (not a driver's ImportError)."""
    try:
        url = make_url(database_url(db))
    except (ArgumentError, ValueError) as exc:  # ValueError: a port that is not a number
        shown = re.sub(r"(://[^:/@]*:)[^@/]*@", r"\1***@", str(db))  # no password in a message
        raise DatabaseUnavailable(shown, f"{shown} is not a database URL", _GIVE) from exc
    backend = url.get_backend_name()
    if backend not in _BACKENDS:
        raise DatabaseUnavailable(str(db), f"{backend} databases are not supported", _GIVE)
    return url


def display_name(db: str | Path) -> str:
    """The database as a message names it: the path of a file, a URL as the user would write
    it (no driver, no password)."""
    url = parsed_url(db)
    if url.get_backend_name() == "sqlite":
        return str(url.database)
    return url.set(drivername=url.get_backend_name()).render_as_string(hide_password=True)


def _sqlite_pragmas(dbapi_connection: Any, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.close()


def engine_for(db: str | Path, read_only: bool = False) -> Engine:
    """An engine with the backend's settings, before any check of what the database holds."""
    url = parsed_url(db)
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
    engine = opened(db, create, read_only)
    try:
        with engine.begin() as conn:
            if create and lifecycle.revision(conn) is None:
                lifecycle.create(conn)
            else:
                lifecycle.check(conn, name)
    except DBAPIError as exc:
        engine.dispose()
        raise _unavailable(db, exc) from exc
    except UsageError:
        engine.dispose()
        raise
    return engine


def opened(db: str | Path, create: bool = True, read_only: bool = False) -> Engine:
    """An engine on a database that exists (or, with `create`, can be made) and answers, before
    any check of its schema (`db upgrade` reads an older one); each reason it cannot be opened
    is a DatabaseUnavailable naming it."""
    url = parsed_url(db)
    a_file = not url.query.get("uri") and url.database not in (None, "", ":memory:")
    if url.get_backend_name() == "sqlite" and a_file:
        _check_file(Path(str(url.database)), create)
    engine = engine_for(db, read_only)
    try:
        with engine.connect():
            pass
    except DBAPIError as exc:
        engine.dispose()
        raise _unavailable(db, exc) from exc
    return engine


def _unavailable(db: str | Path, exc: DBAPIError) -> DatabaseUnavailable:
    """The database's own words for why it cannot be opened, and what to check."""
    name = display_name(db)
    why = f"cannot open {name}: {lifecycle.describe_failure(exc)}"
    if parsed_url(db).get_backend_name() == "sqlite":
        todo = "check the file and its folder can be read and written"
    else:
        todo = "check that the server is running and the URL's host, port, user and database"
    return DatabaseUnavailable(name, why, todo)


_SQLITE_HEADER = b"SQLite format 3\x00"


def _check_file(path: Path, create: bool) -> None:
    """Refuse, naming the path, what SQLite would refuse in vaguer words ("unable to open
    database file", "file is not a database") or, for a command that only reads, silently
    make: a mistyped path must not become an empty database."""
    name = str(path)
    if path.is_dir():
        raise DatabaseUnavailable(name, f"{path} is a folder", "name a database file with --db")
    if not path.parent.is_dir():
        why = f"no folder {path.parent} for the database {path}"
        raise DatabaseUnavailable(name, why, "make the folder first, or name another with --db")
    if not path.exists():
        if create:
            return
        raise DatabaseUnavailable(
            name,
            f"no database at {path}",
            "build one with `csc-inspections ingest FOLDER`, or name another with --db",
        )
    with path.open("rb") as fh:
        header = fh.read(len(_SQLITE_HEADER))
    if header and header != _SQLITE_HEADER:
        raise DatabaseUnavailable(
            name,
            f"{path} is not a SQLite database",
            "name the database file with --db (`csc-inspections ingest` makes one)",
        )
