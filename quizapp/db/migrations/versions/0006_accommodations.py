"""accommodations: extra time and extra attempts per student and assignment

Revision ID: 0006_accommodations
Revises: 0005_reopen_attempts
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import quizapp.db.base

revision = "0006_accommodations"
down_revision = "0005_reopen_attempts"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "accommodation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("assignment_id", sa.Integer(), nullable=False),
        sa.Column("student_id", sa.Integer(), nullable=False),
        sa.Column("extra_minutes", sa.Integer(), nullable=False),
        sa.Column("extra_attempts", sa.Integer(), nullable=False),
        sa.Column("updated_at", quizapp.db.base.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["assignment_id"],
            ["assignment.id"],
            name=op.f("fk_accommodation_assignment_id_assignment"),
        ),
        sa.ForeignKeyConstraint(
            ["student_id"], ["user.id"], name=op.f("fk_accommodation_student_id_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_accommodation")),
        sa.UniqueConstraint(
            "assignment_id", "student_id", name=op.f("uq_accommodation_assignment_id_student_id")
        ),
    )
    with op.batch_alter_table("accommodation", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_accommodation_assignment_id"), ["assignment_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_accommodation_student_id"), ["student_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("accommodation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_accommodation_student_id"))
        batch_op.drop_index(batch_op.f("ix_accommodation_assignment_id"))
    op.drop_table("accommodation")
