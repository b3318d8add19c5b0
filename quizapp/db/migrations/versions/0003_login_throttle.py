"""login throttle: failed logins kept in the database, counted per account and per address

Revision ID: 0003_login_throttle
Revises: 0002_sessions
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import quizapp.db.base

revision = "0003_login_throttle"
down_revision = "0002_sessions"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "login_failure",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account", sa.String(length=64), nullable=False),
        sa.Column("address", sa.String(length=64), nullable=False),
        sa.Column("failed_at", quizapp.db.base.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_login_failure")),
    )
    with op.batch_alter_table("login_failure", schema=None) as batch_op:
        batch_op.create_index(
            "ix_login_failure_account_failed_at", ["account", "failed_at"], unique=False
        )
        batch_op.create_index(
            "ix_login_failure_address_failed_at", ["address", "failed_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("login_failure", schema=None) as batch_op:
        batch_op.drop_index("ix_login_failure_address_failed_at")
        batch_op.drop_index("ix_login_failure_account_failed_at")
    op.drop_table("login_failure")
