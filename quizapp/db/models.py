"""The tables of quizapp: people, classes, banks and their versions, assignments, attempts.

A bank's questions are not spread over tables: a :class:`BankVersion` keeps the YAML text the
teacher wrote (and its content hash), and the domain objects are rebuilt from it through the
bank loader. Attempts pin the version they were taken on, so editing a bank never changes a grade
already given. Responses are keyed by the question's stable id, never by its display position.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
import sqlalchemy.orm as so

from quizapp.db.base import Base, utcnow

TEACHER = "teacher"
STUDENT = "student"
IN_PROGRESS = "in_progress"
SUBMITTED = "submitted"
# The kinds of entries in an attempt's history.
REOPENED = "reopened"
RESUBMITTED = "resubmitted"
OVERRIDDEN = "score_overridden"
OVERRIDE_REMOVED = "override_removed"


class User(Base):
    __tablename__ = "user"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    # Stored case-folded so that "Ada" and "ada" cannot be two accounts.
    username: so.Mapped[str] = so.mapped_column(sa.String(64), unique=True)
    display_name: so.Mapped[str] = so.mapped_column(sa.String(120))
    password_hash: so.Mapped[str] = so.mapped_column(sa.String(256))
    role: so.Mapped[str] = so.mapped_column(sa.String(16))
    created_at: so.Mapped[dt.datetime] = so.mapped_column(default=utcnow)
    # Part of every login's identifier: raising it (logout, a new password) ends every session.
    session_version: so.Mapped[int] = so.mapped_column(default=0)
    # Set by a teacher's reset or a roster import: the student must choose a password first.
    must_change_password: so.Mapped[bool] = so.mapped_column(default=False)
    # The user's own time zone (an IANA name) for every date shown or entered; None: the school's.
    time_zone: so.Mapped[str | None] = so.mapped_column(sa.String(64))

    __table_args__ = (sa.CheckConstraint(f"role IN ('{TEACHER}', '{STUDENT}')", name="role"),)

    @property
    def is_teacher(self) -> bool:
        return self.role == TEACHER

    # The session-login protocol (is_authenticated, is_active, is_anonymous, get_id), written
    # out here so the model needs no web library.
    is_authenticated = True
    is_active = True
    is_anonymous = False

    def get_id(self) -> str:
        # "<id>:<version>": a session cookie made before the version changed names no one.
        return f"{self.id}:{self.session_version}"

    def __repr__(self) -> str:
        return f"<User {self.username} ({self.role})>"


class LoginFailure(Base):
    """One failed login, kept an hour: the throttle counts these per account and per address,
    in the database so that every worker and every instance sees the same counts."""

    __tablename__ = "login_failure"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    # The case-folded username tried (it need not exist), or "" for a wrong join code.
    account: so.Mapped[str] = so.mapped_column(sa.String(64))
    address: so.Mapped[str] = so.mapped_column(sa.String(64))
    failed_at: so.Mapped[dt.datetime] = so.mapped_column(default=utcnow)

    __table_args__ = (
        sa.Index("ix_login_failure_account_failed_at", "account", "failed_at"),
        sa.Index("ix_login_failure_address_failed_at", "address", "failed_at"),
    )


class Classroom(Base):
    __tablename__ = "classroom"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    name: so.Mapped[str] = so.mapped_column(sa.String(120))
    join_code: so.Mapped[str] = so.mapped_column(sa.String(16), unique=True)
    teacher_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("user.id"), index=True)
    created_at: so.Mapped[dt.datetime] = so.mapped_column(default=utcnow)
    # set when the teacher archived the class: hidden from their lists, closed to joining
    archived_at: so.Mapped[dt.datetime | None]

    teacher: so.Mapped[User] = so.relationship()
    enrollments: so.Mapped[list[Enrollment]] = so.relationship(
        back_populates="classroom", cascade="all, delete-orphan"
    )


class Enrollment(Base):
    __tablename__ = "enrollment"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    classroom_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("classroom.id"), index=True)
    student_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("user.id"), index=True)
    joined_at: so.Mapped[dt.datetime] = so.mapped_column(default=utcnow)

    classroom: so.Mapped[Classroom] = so.relationship(back_populates="enrollments")
    student: so.Mapped[User] = so.relationship()

    __table_args__ = (sa.UniqueConstraint("classroom_id", "student_id"),)


class Bank(Base):
    __tablename__ = "bank"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    slug: so.Mapped[str] = so.mapped_column(sa.String(120), unique=True)
    title: so.Mapped[str] = so.mapped_column(sa.String(300))
    # None for banks imported from the question_banks folder, which every teacher may use.
    owner_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("user.id"), index=True)
    source_path: so.Mapped[str | None] = so.mapped_column(sa.String(500))
    created_at: so.Mapped[dt.datetime] = so.mapped_column(default=utcnow)
    # Set when its owner archives it: hidden from the lists, still behind every assignment.
    archived_at: so.Mapped[dt.datetime | None]

    owner: so.Mapped[User | None] = so.relationship()
    versions: so.Mapped[list[BankVersion]] = so.relationship(
        back_populates="bank", order_by="BankVersion.number"
    )


class BankVersion(Base):
    __tablename__ = "bank_version"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    bank_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("bank.id"), index=True)
    number: so.Mapped[int]
    content_hash: so.Mapped[str] = so.mapped_column(sa.String(64))
    yaml_text: so.Mapped[str] = so.mapped_column(sa.Text)
    created_at: so.Mapped[dt.datetime] = so.mapped_column(default=utcnow)
    created_by_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("user.id"))

    bank: so.Mapped[Bank] = so.relationship(back_populates="versions")

    __table_args__ = (sa.UniqueConstraint("bank_id", "number"),)


class Assignment(Base):
    __tablename__ = "assignment"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    classroom_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("classroom.id"), index=True)
    bank_version_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("bank_version.id"))
    title: so.Mapped[str] = so.mapped_column(sa.String(300))
    opens_at: so.Mapped[dt.datetime | None]
    closes_at: so.Mapped[dt.datetime | None]
    # None means unlimited attempts.
    attempts_allowed: so.Mapped[int | None]
    grading_method: so.Mapped[str] = so.mapped_column(sa.String(16))
    feedback_timing: so.Mapped[str] = so.mapped_column(sa.String(16))
    time_limit_minutes: so.Mapped[int | None]
    created_at: so.Mapped[dt.datetime] = so.mapped_column(default=utcnow)
    # set when the teacher archived it: hidden from their lists; its attempts stay
    archived_at: so.Mapped[dt.datetime | None]

    classroom: so.Mapped[Classroom] = so.relationship()
    bank_version: so.Mapped[BankVersion] = so.relationship()


class Attempt(Base):
    __tablename__ = "attempt"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    assignment_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("assignment.id"), index=True)
    student_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("user.id"), index=True)
    number: so.Mapped[int]
    state: so.Mapped[str] = so.mapped_column(sa.String(16), default=IN_PROGRESS)
    started_at: so.Mapped[dt.datetime] = so.mapped_column(default=utcnow)
    deadline: so.Mapped[dt.datetime | None]
    submitted_at: so.Mapped[dt.datetime | None]
    # The order questions and choices are shown in, fixed at the start so reloads keep it:
    # {"questions": [question ids], "choices": {question id: [choice ids]}}.
    layout: so.Mapped[dict[str, Any]] = so.mapped_column(sa.JSON)
    # The exact score ("3/4") and the same as a percentage for sorting and charts.
    fraction_text: so.Mapped[str | None] = so.mapped_column(sa.String(64))
    percent: so.Mapped[float | None]
    # Set when a teacher reopens the submitted attempt: from then on only the attempt's own
    # deadline ends it, not the quiz's closing time (the teacher chose to let it go on).
    reopened_at: so.Mapped[dt.datetime | None]

    assignment: so.Mapped[Assignment] = so.relationship()
    student: so.Mapped[User] = so.relationship()
    responses: so.Mapped[list[Response]] = so.relationship(
        back_populates="attempt", cascade="all, delete-orphan"
    )

    # The unique attempt number per student and assignment is what makes two racing
    # "start attempt" requests yield one attempt.
    __table_args__ = (
        sa.UniqueConstraint("assignment_id", "student_id", "number"),
        sa.CheckConstraint(f"state IN ('{IN_PROGRESS}', '{SUBMITTED}')", name="state"),
    )


class Response(Base):
    __tablename__ = "response"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    attempt_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("attempt.id"), index=True)
    question_id: so.Mapped[str] = so.mapped_column(sa.String(120))
    # The flat fields of the response, as the question type expects them.
    data: so.Mapped[dict[str, str]] = so.mapped_column(sa.JSON)
    # The client's sequence number of the save that wrote ``data``: an older one never wins.
    client_seq: so.Mapped[int] = so.mapped_column(default=0)
    saved_at: so.Mapped[dt.datetime] = so.mapped_column(default=utcnow)
    # Immediate feedback: the student checked this question, so it is graded and frozen.
    checked: so.Mapped[bool] = so.mapped_column(default=False)
    fraction_text: so.Mapped[str | None] = so.mapped_column(sa.String(64))
    state: so.Mapped[str | None] = so.mapped_column(sa.String(16))

    attempt: so.Mapped[Attempt] = so.relationship(back_populates="responses")

    __table_args__ = (sa.UniqueConstraint("attempt_id", "question_id"),)


class AcceptedAnswer(Base):
    """An alternative answer a teacher accepted for one assignment, applied by a regrade."""

    __tablename__ = "accepted_answer"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    assignment_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("assignment.id"), index=True)
    question_id: so.Mapped[str] = so.mapped_column(sa.String(120))
    text: so.Mapped[str] = so.mapped_column(sa.String(500))
    credit_text: so.Mapped[str] = so.mapped_column(sa.String(64), default="1")
    created_at: so.Mapped[dt.datetime] = so.mapped_column(default=utcnow)

    __table_args__ = (sa.UniqueConstraint("assignment_id", "question_id", "text"),)


class ScoreOverride(Base):
    """The points a teacher gave one question of one attempt, in place of the graded points.

    Every regrade applies it again, so an override stands until the teacher removes it. The
    mark of a written answer is one too, with the points of each rubric criterion.
    """

    __tablename__ = "score_override"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    attempt_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("attempt.id"), index=True)
    question_id: so.Mapped[str] = so.mapped_column(sa.String(120))
    # Exact points ("3/2"), between 0 and the question's points.
    points_text: so.Mapped[str] = so.mapped_column(sa.String(64))
    comment: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    # A marked written answer: the exact points given each rubric criterion, by criterion id
    # ({"reason": "2", "details": "3/2"}); None for an override of any other question.
    criterion_points: so.Mapped[dict[str, str] | None] = so.mapped_column(sa.JSON)
    teacher_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("user.id"))
    created_at: so.Mapped[dt.datetime] = so.mapped_column(default=utcnow)

    __table_args__ = (sa.UniqueConstraint("attempt_id", "question_id"),)


class AttemptEvent(Base):
    """One entry of an attempt's history: what a teacher changed (or a resubmission), and why."""

    __tablename__ = "attempt_event"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    attempt_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("attempt.id"), index=True)
    kind: so.Mapped[str] = so.mapped_column(sa.String(32))
    actor_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("user.id"))
    at: so.Mapped[dt.datetime] = so.mapped_column(default=utcnow)
    detail: so.Mapped[str] = so.mapped_column(sa.Text, default="")

    actor: so.Mapped[User | None] = so.relationship()


class Accommodation(Base):
    """Extra time and extra attempts one student has on one assignment."""

    __tablename__ = "accommodation"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    assignment_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("assignment.id"), index=True)
    student_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("user.id"), index=True)
    extra_minutes: so.Mapped[int] = so.mapped_column(default=0)
    extra_attempts: so.Mapped[int] = so.mapped_column(default=0)
    updated_at: so.Mapped[dt.datetime] = so.mapped_column(default=utcnow)

    __table_args__ = (sa.UniqueConstraint("assignment_id", "student_id"),)


# The states of a drafting job, in the order a job goes through them.
QUEUED = "queued"
RUNNING = "running"
DONE = "done"
FAILED = "failed"
DRAFTING_STATES = (QUEUED, RUNNING, DONE, FAILED)


class DraftingJob(Base):
    """One article waiting for, going through or done with drafting, for its owner only.

    A runner claims a queued job by setting its state, its name and a lease; while the job runs
    the runner renews the lease, so a job whose runner died is seen by its lease running out
    (and is queued again, or failed once it has been tried ``claims`` times).
    """

    __tablename__ = "drafting_job"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    owner_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("user.id"), index=True)
    state: so.Mapped[str] = so.mapped_column(sa.String(16), default=QUEUED)
    # The article as read from the teacher's text or file, and the drafting options.
    title: so.Mapped[str] = so.mapped_column(sa.String(300))
    article_name: so.Mapped[str] = so.mapped_column(sa.String(300))
    article_text: so.Mapped[str] = so.mapped_column(sa.Text)
    max_questions: so.Mapped[int]
    # The draft as YAML once done; what went wrong, in the teacher's words, once failed.
    result_yaml: so.Mapped[str | None] = so.mapped_column(sa.Text)
    failure: so.Mapped[str | None] = so.mapped_column(sa.Text)
    runner: so.Mapped[str | None] = so.mapped_column(sa.String(120))
    claims: so.Mapped[int] = so.mapped_column(default=0)
    lease_until: so.Mapped[dt.datetime | None]
    created_at: so.Mapped[dt.datetime] = so.mapped_column(default=utcnow)
    started_at: so.Mapped[dt.datetime | None]
    finished_at: so.Mapped[dt.datetime | None]

    __table_args__ = (
        sa.CheckConstraint(
            "state IN (" + ", ".join(f"'{state}'" for state in DRAFTING_STATES) + ")",
            name="state",
        ),
        sa.Index("ix_drafting_job_state_id", "state", "id"),
    )
