"""Dates at the precision printed: year-only citations, month-only figure dates.

- `inspections.date_precision` may be `year`: a report citing "the child protection inspection
  in 2013" keeps the year (start_date 1 January) without inventing a month;
- `figures.as_at_precision` (`day` or `month`): "At December 2014" keeps its month (as_at the
  first of the month) without inventing a day.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("inspections") as batch:
        batch.drop_constraint("ck_date_precision_allowed", type_="check")
        batch.create_check_constraint(
            "ck_date_precision_allowed", "date_precision IN ('day', 'month', 'year')"
        )
    with op.batch_alter_table("figures") as batch:
        batch.add_column(
            sa.Column(
                "as_at_precision",
                sa.String(5),
                nullable=False,
                server_default="day",
                comment="day, or month where the report prints only a month (as_at is its first"
                " day)",
            )
        )
        batch.create_check_constraint(
            "ck_as_at_precision_allowed", "as_at_precision IN ('day', 'month')"
        )


def downgrade() -> None:
    with op.batch_alter_table("figures") as batch:
        batch.drop_constraint("ck_as_at_precision_allowed", type_="check")
        batch.drop_column("as_at_precision")
    op.execute("UPDATE inspections SET date_precision = 'month' WHERE date_precision = 'year'")
    with op.batch_alter_table("inspections") as batch:
        batch.drop_constraint("ck_date_precision_allowed", type_="check")
        batch.create_check_constraint(
            "ck_date_precision_allowed", "date_precision IN ('day', 'month')"
        )
