"""class and assignment archive: when the teacher archived a class or an assignment

Revision ID: 0008_class_assignment_archive
Revises: 0007_bank_archive
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import quizapp.db.base

revision = "0008_class_assignment_archive"
down_revision = "0007_bank_archive"
branch_labels = None
depends_on = None

TABLES = ("classroom", "assignment")


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column("archived_at", quizapp.db.base.UTCDateTime(), nullable=True)
            )


def downgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("archived_at")
