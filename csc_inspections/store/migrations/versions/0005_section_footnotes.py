"""Sections keep the footnotes printed at the foot of their pages.

`sections.footnotes`: the footnotes of the pages a section runs over, one a line, as printed
("2 The system in which ..."). Parsing takes them out of the text before sections are cut, so
that no finding or figure runs into them; this column keeps what they say. Null where the
section's pages print none; rows stored before this revision are null until re-read.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sections") as batch:
        batch.add_column(sa.Column("footnotes", sa.Text))


def downgrade() -> None:
    with op.batch_alter_table("sections") as batch:
        batch.drop_column("footnotes")
