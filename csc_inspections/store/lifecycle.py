"""Which schema a database has, making a new one, and upgrading an old one (Alembic).

A new database is made whole from the declared schema and stamped with the newest revision;
an existing one is only ever changed by `csc-inspections db upgrade`, and any other command
refuses a schema older or newer than the code with one line naming what to do.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, inspect, select
from sqlalchemy.exc import DBAPIError

from ..errors import UsageError
from .reference import refresh_reference
from .schema import data_version, meta, metadata
from .search import create_index

# Release 0.1 made its schema with create_all and recorded `schema_version = 1` in `meta`.
_RELEASE_0_1 = "0001"


def _config() -> Config:
    config = Config()
    location = resources.files("csc_inspections.store").joinpath("migrations")
    config.set_main_option("script_location", str(location))
    return config


@cache
def head() -> str:
    """The revision this code reads and writes."""
    revision = ScriptDirectory.from_config(_config()).get_current_head()
    assert revision is not None
    return revision


def revision(conn: Connection) -> str | None:
    """The schema revision of the database, or None for a database with no tables."""
    found = inspect(conn)
    if found.has_table("alembic_version"):
        return MigrationContext.configure(conn).get_current_revision()
    if found.has_table("meta"):
        version = conn.execute(select(meta.c.value).where(meta.c.key == "schema_version"))
        if version.scalar_one_or_none() == "1":
            return _RELEASE_0_1
    if found.get_table_names():
        raise UsageError("it is not a csc-inspections database (it holds other tables)")
    return None


def create(conn: Connection) -> None:
    """A new database: every table, the search index, the reference data, the revision."""
    metadata.create_all(conn)
    create_index(conn)
    conn.execute(data_version.insert().values(id=1, version=1))
    refresh_reference(conn)
    MigrationContext.configure(conn).stamp(ScriptDirectory.from_config(_config()), "head")


def check(conn: Connection, name: str) -> None:
    """Refuse a schema this code does not read, naming the command that mends it."""
    found = revision(conn)
    if found == head():
        return
    if found is None:
        raise UsageError(f"{name} is empty: build it with `csc-inspections ingest FOLDER`")
    script = ScriptDirectory.from_config(_config())
    if found in {r.revision for r in script.walk_revisions()}:
        raise UsageError(
            f"{name} has an older schema ({found}; this version reads {head()}): "
            "run `csc-inspections db upgrade` first"
        )
    raise UsageError(
        f"{name} was made by a newer csc-inspections (schema {found}; this version reads "
        f"{head()}): use that version or a newer one"
    )


def upgrade(engine: Engine) -> tuple[str | None, str]:
    """Bring the database to `head()` in one transaction; (revision before, revision after).

    SQLite alters a table by copying it, and a copied table's rows must not be removed by the
    cascades of the one it replaces: foreign keys are off while it runs, checked after.
    """
    with engine.connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        if sqlite:
            # pysqlite opens transactions only before writes of rows; with its own handling
            # off, the BEGIN below covers the copies of tables (DDL) too.
            driver = conn.connection.driver_connection
            driver.isolation_level = None  # type: ignore[union-attr]
            conn.exec_driver_sql("PRAGMA foreign_keys = OFF")
            conn.commit()
        try:
            with conn.begin():
                if sqlite:
                    conn.exec_driver_sql("BEGIN")
                before = _upgrade(conn)
        finally:
            if sqlite:
                conn.exec_driver_sql("PRAGMA foreign_keys = ON")
                driver.isolation_level = ""  # type: ignore[union-attr]
                conn.commit()
    return before, head()


def _upgrade(conn: Connection) -> str | None:
    before = revision(conn)
    if before is None:
        create(conn)
    elif before != head():
        _migrate(conn, before)
    if conn.dialect.name == "sqlite" and conn.exec_driver_sql("PRAGMA foreign_key_check").first():
        raise UsageError("the upgrade would break links between rows; nothing was changed")
    return before


def _migrate(conn: Connection, before: str) -> None:
    config = _config()
    config.attributes["connection"] = conn
    if not inspect(conn).has_table("alembic_version"):
        command.stamp(config, before)
    command.upgrade(config, "head")
    refresh_reference(conn)


def describe_failure(exc: DBAPIError) -> str:
    """The database's own words for why it cannot be read, without the SQL."""
    return str(exc.orig).splitlines()[0] if exc.orig else str(exc).splitlines()[0]
