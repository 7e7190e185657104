"""Improvement points keep their printed number and their form; group names may be longer.

- `recommendations.printed_number`: the number printed before a point ("18."), beside
  `number`, its position in its list;
- `recommendations.form`: `listed` (a recommendation) or `narrative` (a paragraph of evaluation
  printed as a point: the "Areas for improvement" of JTAI letters of 2016-2020), so that counts
  can say which they count; rows stored before this revision are `listed` until re-read;
- `recommendations.group_name` widened to 30 characters for the groups of data/item_groups.csv
  ("what_needs_to_improve").

Plain Alembic operations in a batch, so that SQLite (which rebuilds the table) and PostgreSQL
(which alters it) both run it.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("recommendations") as batch:
        batch.add_column(sa.Column("printed_number", sa.Integer))
        batch.add_column(sa.Column("form", sa.String(10), nullable=False, server_default="listed"))
        batch.alter_column(
            "group_name", existing_type=sa.String(20), type_=sa.String(30), existing_nullable=True
        )
        batch.create_check_constraint("ck_form_allowed", "form IN ('listed', 'narrative')")


def downgrade() -> None:
    with op.batch_alter_table("recommendations") as batch:
        batch.drop_constraint("ck_form_allowed", type_="check")
        batch.alter_column(
            "group_name", existing_type=sa.String(30), type_=sa.String(20), existing_nullable=True
        )
        batch.drop_column("form")
        batch.drop_column("printed_number")
