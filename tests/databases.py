"""Fresh databases for tests, on SQLite and on PostgreSQL alike.

Every test that touches the database runs on both backends (the `backend` fixture in
conftest.py is parametrised). PostgreSQL is the server `scripts/postgres.sh start` runs (test.sh
starts it and exports CSC_TEST_POSTGRES_URL); each database asked for is a new, empty one.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from uuid import uuid4

import pytest
from sqlalchemy import create_engine, make_url, text

BACKENDS = ("sqlite", "postgresql")
SERVER_ENV = "CSC_TEST_POSTGRES_URL"


def postgres_server() -> str:
    url = os.environ.get(SERVER_ENV)
    if not url:
        pytest.fail(
            f"{SERVER_ENV} is not set: run the tests with ./test.sh, or start a server with "
            '`eval "$(scripts/postgres.sh start)"`'
        )
    return url


def new_database(backend: str, folder: Path, name: str) -> str:
    """A path (SQLite) or URL (PostgreSQL) naming a database that does not exist yet (SQLite)
    or exists and is empty (PostgreSQL)."""
    if backend == "sqlite":
        return str(folder / f"{name}.db")
    server = make_url(postgres_server())
    database = f"{re.sub(r'[^a-z0-9_]', '_', name.lower())}_{uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{database}"'))
    admin.dispose()
    return server.set(database=database).render_as_string(hide_password=False)
