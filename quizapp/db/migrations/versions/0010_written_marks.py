"""written marks: a teacher's points per rubric criterion on a marked written answer

The mark of a written answer is a score override (its points and comment) that also keeps the
points the teacher gave each criterion, so the student sees how the mark was made.

Revision ID: 0010_written_marks
Revises: 0009_user_time_zone
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010_written_marks"
down_revision = "0009_user_time_zone"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("score_override", schema=None) as batch_op:
        batch_op.add_column(sa.Column("criterion_points", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("score_override", schema=None) as batch_op:
        batch_op.drop_column("criterion_points")
