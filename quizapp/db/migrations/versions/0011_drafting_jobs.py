"""drafting jobs: articles drafted outside the request workers, claimed by runners with a lease

Revision ID: 0011_drafting_jobs
Revises: 0010_written_marks
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import quizapp.db.base

revision = "0011_drafting_jobs"
down_revision = "0010_written_marks"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "drafting_job",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("article_name", sa.String(length=300), nullable=False),
        sa.Column("article_text", sa.Text(), nullable=False),
        sa.Column("max_questions", sa.Integer(), nullable=False),
        sa.Column("result_yaml", sa.Text(), nullable=True),
        sa.Column("failure", sa.Text(), nullable=True),
        sa.Column("runner", sa.String(length=120), nullable=True),
        sa.Column("claims", sa.Integer(), nullable=False),
        sa.Column("lease_until", quizapp.db.base.UTCDateTime(), nullable=True),
        sa.Column("created_at", quizapp.db.base.UTCDateTime(), nullable=False),
        sa.Column("started_at", quizapp.db.base.UTCDateTime(), nullable=True),
        sa.Column("finished_at", quizapp.db.base.UTCDateTime(), nullable=True),
        sa.CheckConstraint(
            "state IN ('queued', 'running', 'done', 'failed')",
            name=op.f("ck_drafting_job_state"),
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["user.id"], name=op.f("fk_drafting_job_owner_id_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_drafting_job")),
    )
    with op.batch_alter_table("drafting_job", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_drafting_job_owner_id"), ["owner_id"], unique=False)
        batch_op.create_index("ix_drafting_job_state_id", ["state", "id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("drafting_job", schema=None) as batch_op:
        batch_op.drop_index("ix_drafting_job_state_id")
        batch_op.drop_index(batch_op.f("ix_drafting_job_owner_id"))
    op.drop_table("drafting_job")
