"""The schema of release 0.1, as `metadata.create_all` made it.

Databases of that release have no alembic_version table and say `schema_version = 1` in
`meta`; `csc-inspections db upgrade` stamps them with this revision before upgrading, so this
revision itself changes nothing.

Revision ID: 0001
Revises:
Create Date: 2026-12-04
"""

from __future__ import annotations

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
