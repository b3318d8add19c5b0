"""score overrides: a teacher's points for one question of an attempt, and the attempt's history

Revision ID: 0004_score_overrides
Revises: 0003_login_throttle
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import quizapp.db.base

revision = "0004_score_overrides"
down_revision = "0003_login_throttle"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "score_override",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("attempt_id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.String(length=120), nullable=False),
        sa.Column("points_text", sa.String(length=64), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("teacher_id", sa.Integer(), nullable=False),
        sa.Column("created_at", quizapp.db.base.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["attempt_id"], ["attempt.id"], name=op.f("fk_score_override_attempt_id_attempt")
        ),
        sa.ForeignKeyConstraint(
            ["teacher_id"], ["user.id"], name=op.f("fk_score_override_teacher_id_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_score_override")),
        sa.UniqueConstraint(
            "attempt_id", "question_id", name=op.f("uq_score_override_attempt_id_question_id")
        ),
    )
    with op.batch_alter_table("score_override", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_score_override_attempt_id"), ["attempt_id"], unique=False
        )
    op.create_table(
        "attempt_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("attempt_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("at", quizapp.db.base.UTCDateTime(), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["attempt_id"], ["attempt.id"], name=op.f("fk_attempt_event_attempt_id_attempt")
        ),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["user.id"], name=op.f("fk_attempt_event_actor_id_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attempt_event")),
    )
    with op.batch_alter_table("attempt_event", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_attempt_event_attempt_id"), ["attempt_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("attempt_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_attempt_event_attempt_id"))
    op.drop_table("attempt_event")
    with op.batch_alter_table("score_override", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_score_override_attempt_id"))
    op.drop_table("score_override")
