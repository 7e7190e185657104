"""Vocabulary checked in code, the sync record, a data version row, PostgreSQL search.

- areas, grades and kinds lose their CHECK constraints: they are the vocabulary's (data/),
  checked when rows are written, so a new framework needs no migration;
- `publications`: every publication `sync` has seen on Ofsted's site, and its state;
- `data_version`: one row each write of documents changes, for readers that cache;
- on PostgreSQL, each passage's words as a weighted tsvector under a GIN index, and their
  number (for BM25 relevance, as SQLite's FTS5 ranks).

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# What `store.search_postgres.CREATE` made when this revision was written, copied rather than
# imported: a migration must do the same thing however that module changes later.
_PG_SEARCH = (
    """DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_ts_dict WHERE dictname = 'csc_english_stem') THEN
    CREATE TEXT SEARCH DICTIONARY csc_english_stem (TEMPLATE = snowball, LANGUAGE = english);
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'csc_english') THEN
    CREATE TEXT SEARCH CONFIGURATION csc_english (COPY = english);
    ALTER TEXT SEARCH CONFIGURATION csc_english ALTER MAPPING
      FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part WITH csc_english_stem;
  END IF;
END $$""",
    "ALTER TABLE passages ADD COLUMN IF NOT EXISTS tsv tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('csc_english', heading), 'A') || "
    "setweight(to_tsvector('csc_english', text), 'B')) STORED",
    "ALTER TABLE passages ADD COLUMN IF NOT EXISTS words integer GENERATED ALWAYS AS ("
    "length(regexp_replace(text, '[[:alnum:]]+', 'x', 'g')) - "
    "length(regexp_replace(text, '[[:alnum:]]+', '', 'g'))) STORED",
    "CREATE INDEX IF NOT EXISTS ix_passages_tsv ON passages USING gin (tsv)",
)


def upgrade() -> None:
    with op.batch_alter_table("judgements") as batch:
        batch.drop_constraint("ck_area_allowed", type_="check")
        batch.drop_constraint("ck_grade_allowed", type_="check")
    with op.batch_alter_table("inspections") as batch:
        batch.drop_constraint("ck_kind_allowed", type_="check")
    _publications()
    version = op.create_table(
        "data_version",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("version", sa.Integer, nullable=False),
        sa.CheckConstraint("id = 1", name="ck_data_version_one_row"),
    )
    op.bulk_insert(version, [{"id": 1, "version": 1}])
    if op.get_bind().dialect.name == "postgresql":
        for statement in _PG_SEARCH:
            op.execute(statement)


def _publications() -> None:
    op.create_table(
        "publications",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("url", sa.Text, nullable=False, unique=True),
        sa.Column("urn", sa.Integer, nullable=False),
        sa.Column("la_name", sa.Text, nullable=False),
        sa.Column("kind", sa.String(30), nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("published", sa.Date),
        sa.Column("state", sa.String(10), nullable=False),
        sa.Column("label", sa.Text),
        sa.Column("sha256", sa.String(64)),
        sa.Column("message", sa.Text),
        sa.Column("first_seen", sa.DateTime, nullable=False),
        sa.Column("checked_at", sa.DateTime, nullable=False),
        sa.CheckConstraint(
            "state IN ('listed', 'held', 'missing', 'failed')", name="ck_state_allowed"
        ),
    )
    op.create_index("ix_publications_urn", "publications", ["urn"])


def downgrade() -> None:
    raise NotImplementedError("release 0.1 cannot read what later releases store")
