"""user time zone: a user's own time zone for the dates pages show and take

Revision ID: 0009_user_time_zone
Revises: 0008_class_assignment_archive
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009_user_time_zone"
down_revision = "0008_class_assignment_archive"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("user", schema=None) as batch_op:
        batch_op.add_column(sa.Column("time_zone", sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("user", schema=None) as batch_op:
        batch_op.drop_column("time_zone")
