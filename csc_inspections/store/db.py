"""Opening a database by URL or path, with the settings each backend needs."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, create_engine, event, insert, select
from sqlalchemy.engine import Connection

from ..reference import local_authorities
from .schema import SCHEMA_VERSION, meta, metadata
from .schema import local_authorities as la_table
from .search import create_index


def database_url(db: str | Path) -> str:
    """A SQLAlchemy URL for a URL or a path (a path means SQLite)."""
    text = str(db)
    return text if "://" in text else f"sqlite:///{Path(text).expanduser()}"


def _sqlite_pragmas(dbapi_connection: object, _record: object) -> None:
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.close()


def connect(db: str | Path, create: bool = True) -> Engine:
    """An engine on the database, its schema created and reference data loaded if new."""
    url = database_url(db)
    engine = create_engine(url)
    if url.startswith("sqlite"):
        event.listen(engine, "connect", _sqlite_pragmas)
    if create:
        with engine.begin() as conn:
            metadata.create_all(conn)
            _add_indexes(conn)
            create_index(conn)
            _seed(conn)
    return engine


def _add_indexes(conn: Connection) -> None:
    """Indexes added to the schema after a database was made: `create_all` builds a table's
    indexes only with the table, and the data need not be re-read to gain them."""
    for table in metadata.sorted_tables:
        for index in table.indexes:
            index.create(conn, checkfirst=True)


def _seed(conn: Connection) -> None:
    if conn.execute(select(meta.c.value).where(meta.c.key == "schema_version")).first():
        return
    conn.execute(insert(meta), [{"key": "schema_version", "value": str(SCHEMA_VERSION)}])
    conn.execute(
        insert(la_table),
        [
            {
                "urn": la.urn,
                "name": la.name,
                "la_code": la.la_code,
                "ons_code": la.ons_code,
                "region": la.region,
                "la_type": la.la_type,
                "child_population": la.child_population,
                "stat_neighbours": ", ".join(la.stat_neighbours),
            }
            for la in local_authorities().values()
        ],
    )
