"""bank archive: when its owner archived a bank (hidden from lists, assignments keep it)

Revision ID: 0007_bank_archive
Revises: 0006_accommodations
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import quizapp.db.base

revision = "0007_bank_archive"
down_revision = "0006_accommodations"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("bank", schema=None) as batch_op:
        batch_op.add_column(sa.Column("archived_at", quizapp.db.base.UTCDateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("bank", schema=None) as batch_op:
        batch_op.drop_column("archived_at")
