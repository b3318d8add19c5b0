"""create the tables

Revision ID: 0001
Revises:
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import quizapp.db.base

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "user",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("display_name", sa.String(length=120), nullable=False),
        sa.Column("password_hash", sa.String(length=256), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("created_at", quizapp.db.base.UTCDateTime(), nullable=False),
        sa.CheckConstraint("role IN ('teacher', 'student')", name=op.f("ck_user_role")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_user")),
        sa.UniqueConstraint("username", name=op.f("uq_user_username")),
    )
    op.create_table(
        "bank",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=120), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=True),
        sa.Column("source_path", sa.String(length=500), nullable=True),
        sa.Column("created_at", quizapp.db.base.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["owner_id"], ["user.id"], name=op.f("fk_bank_owner_id_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bank")),
        sa.UniqueConstraint("slug", name=op.f("uq_bank_slug")),
    )
    with op.batch_alter_table("bank", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_bank_owner_id"), ["owner_id"], unique=False)

    op.create_table(
        "classroom",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("join_code", sa.String(length=16), nullable=False),
        sa.Column("teacher_id", sa.Integer(), nullable=False),
        sa.Column("created_at", quizapp.db.base.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["teacher_id"], ["user.id"], name=op.f("fk_classroom_teacher_id_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_classroom")),
        sa.UniqueConstraint("join_code", name=op.f("uq_classroom_join_code")),
    )
    with op.batch_alter_table("classroom", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_classroom_teacher_id"), ["teacher_id"], unique=False)

    op.create_table(
        "bank_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("bank_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("yaml_text", sa.Text(), nullable=False),
        sa.Column("created_at", quizapp.db.base.UTCDateTime(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["bank_id"], ["bank.id"], name=op.f("fk_bank_version_bank_id_bank")
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["user.id"], name=op.f("fk_bank_version_created_by_id_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bank_version")),
        sa.UniqueConstraint("bank_id", "number", name=op.f("uq_bank_version_bank_id_number")),
    )
    with op.batch_alter_table("bank_version", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_bank_version_bank_id"), ["bank_id"], unique=False)

    op.create_table(
        "enrollment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("classroom_id", sa.Integer(), nullable=False),
        sa.Column("student_id", sa.Integer(), nullable=False),
        sa.Column("joined_at", quizapp.db.base.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["classroom_id"], ["classroom.id"], name=op.f("fk_enrollment_classroom_id_classroom")
        ),
        sa.ForeignKeyConstraint(
            ["student_id"], ["user.id"], name=op.f("fk_enrollment_student_id_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_enrollment")),
        sa.UniqueConstraint(
            "classroom_id", "student_id", name=op.f("uq_enrollment_classroom_id_student_id")
        ),
    )
    with op.batch_alter_table("enrollment", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_enrollment_classroom_id"), ["classroom_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_enrollment_student_id"), ["student_id"], unique=False)

    op.create_table(
        "assignment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("classroom_id", sa.Integer(), nullable=False),
        sa.Column("bank_version_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("opens_at", quizapp.db.base.UTCDateTime(), nullable=True),
        sa.Column("closes_at", quizapp.db.base.UTCDateTime(), nullable=True),
        sa.Column("attempts_allowed", sa.Integer(), nullable=True),
        sa.Column("grading_method", sa.String(length=16), nullable=False),
        sa.Column("feedback_timing", sa.String(length=16), nullable=False),
        sa.Column("time_limit_minutes", sa.Integer(), nullable=True),
        sa.Column("created_at", quizapp.db.base.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["bank_version_id"],
            ["bank_version.id"],
            name=op.f("fk_assignment_bank_version_id_bank_version"),
        ),
        sa.ForeignKeyConstraint(
            ["classroom_id"], ["classroom.id"], name=op.f("fk_assignment_classroom_id_classroom")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assignment")),
    )
    with op.batch_alter_table("assignment", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_assignment_classroom_id"), ["classroom_id"], unique=False
        )

    op.create_table(
        "accepted_answer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("assignment_id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.String(length=120), nullable=False),
        sa.Column("text", sa.String(length=500), nullable=False),
        sa.Column("credit_text", sa.String(length=64), nullable=False),
        sa.Column("created_at", quizapp.db.base.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["assignment_id"],
            ["assignment.id"],
            name=op.f("fk_accepted_answer_assignment_id_assignment"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_accepted_answer")),
        sa.UniqueConstraint(
            "assignment_id",
            "question_id",
            "text",
            name=op.f("uq_accepted_answer_assignment_id_question_id_text"),
        ),
    )
    with op.batch_alter_table("accepted_answer", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_accepted_answer_assignment_id"), ["assignment_id"], unique=False
        )

    op.create_table(
        "attempt",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("assignment_id", sa.Integer(), nullable=False),
        sa.Column("student_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("started_at", quizapp.db.base.UTCDateTime(), nullable=False),
        sa.Column("deadline", quizapp.db.base.UTCDateTime(), nullable=True),
        sa.Column("submitted_at", quizapp.db.base.UTCDateTime(), nullable=True),
        sa.Column("layout", sa.JSON(), nullable=False),
        sa.Column("fraction_text", sa.String(length=64), nullable=True),
        sa.Column("percent", sa.Double(), nullable=True),
        sa.CheckConstraint("state IN ('in_progress', 'submitted')", name=op.f("ck_attempt_state")),
        sa.ForeignKeyConstraint(
            ["assignment_id"], ["assignment.id"], name=op.f("fk_attempt_assignment_id_assignment")
        ),
        sa.ForeignKeyConstraint(
            ["student_id"], ["user.id"], name=op.f("fk_attempt_student_id_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attempt")),
        sa.UniqueConstraint(
            "assignment_id",
            "student_id",
            "number",
            name=op.f("uq_attempt_assignment_id_student_id_number"),
        ),
    )
    with op.batch_alter_table("attempt", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_attempt_assignment_id"), ["assignment_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_attempt_student_id"), ["student_id"], unique=False)

    op.create_table(
        "response",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("attempt_id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.String(length=120), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("client_seq", sa.Integer(), nullable=False),
        sa.Column("saved_at", quizapp.db.base.UTCDateTime(), nullable=False),
        sa.Column("checked", sa.Boolean(), nullable=False),
        sa.Column("fraction_text", sa.String(length=64), nullable=True),
        sa.Column("state", sa.String(length=16), nullable=True),
        sa.ForeignKeyConstraint(
            ["attempt_id"], ["attempt.id"], name=op.f("fk_response_attempt_id_attempt")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_response")),
        sa.UniqueConstraint(
            "attempt_id", "question_id", name=op.f("uq_response_attempt_id_question_id")
        ),
    )
    with op.batch_alter_table("response", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_response_attempt_id"), ["attempt_id"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("response", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_response_attempt_id"))

    op.drop_table("response")
    with op.batch_alter_table("attempt", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_attempt_student_id"))
        batch_op.drop_index(batch_op.f("ix_attempt_assignment_id"))

    op.drop_table("attempt")
    with op.batch_alter_table("accepted_answer", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_accepted_answer_assignment_id"))

    op.drop_table("accepted_answer")
    with op.batch_alter_table("assignment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_assignment_classroom_id"))

    op.drop_table("assignment")
    with op.batch_alter_table("enrollment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_enrollment_student_id"))
        batch_op.drop_index(batch_op.f("ix_enrollment_classroom_id"))

    op.drop_table("enrollment")
    with op.batch_alter_table("bank_version", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_bank_version_bank_id"))

    op.drop_table("bank_version")
    with op.batch_alter_table("classroom", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_classroom_teacher_id"))

    op.drop_table("classroom")
    with op.batch_alter_table("bank", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_bank_owner_id"))

    op.drop_table("bank")
    op.drop_table("user")
