"""reopen attempts: when a teacher reopened a submitted attempt

Revision ID: 0005_reopen_attempts
Revises: 0004_score_overrides
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import quizapp.db.base

revision = "0005_reopen_attempts"
down_revision = "0004_score_overrides"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("attempt", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reopened_at", quizapp.db.base.UTCDateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("attempt", schema=None) as batch_op:
        batch_op.drop_column("reopened_at")
