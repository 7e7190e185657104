"""Alembic's entry: migrations run on the connection `store.lifecycle` hands over.

There is no alembic.ini: the project's own `csc-inspections db upgrade` is the one way in,
so the database URL and the transaction are the caller's.
"""

from __future__ import annotations

from alembic import context

from csc_inspections.store.schema import metadata

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
