"""Recommendations and findings carry the practice themes they are about.

`recommendation_themes` and `finding_themes`: one row per item and theme the tagger puts it
under, with its score; `themes_tagged`: which documents' items are tagged and by which model.
A database upgraded to this revision has no tags until the next `ingest` or `sync`, which tags
every document whose tags are missing or were made by another model.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

ITEMS = ("recommendation", "finding")


def upgrade() -> None:
    for item in ITEMS:
        op.create_table(
            f"{item}_themes",
            sa.Column(
                f"{item}_id",
                sa.Integer,
                sa.ForeignKey(f"{item}s.id", ondelete="CASCADE"),
                primary_key=True,
            ),
            sa.Column("theme", sa.String(30), primary_key=True),
            sa.Column("score", sa.Float, nullable=False),
        )
        op.create_index(f"ix_{item}_themes_theme", f"{item}_themes", ["theme"])
    op.create_table(
        "themes_tagged",
        sa.Column(
            "inspection_id",
            sa.Integer,
            sa.ForeignKey("inspections.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("model", sa.Text, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("themes_tagged")
    for item in ITEMS:
        op.drop_table(f"{item}_themes")
