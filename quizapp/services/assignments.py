"""Assigning a bank to a class: dates, attempts, grading method, feedback timing, time limit.

An assignment pins the bank's newest version at the moment it is made, so later edits of the
bank never change what students of this assignment see or how they are graded. Its settings
start from the bank's own ``quiz:`` settings and the teacher may change them; every setting is
checked here and each problem is reported against the field it concerns. Only the teacher who
owns the class may assign, edit or close; other classes and other teachers' private banks are
reported as not found. Banks a teacher may assign are their own and the shared ones (no owner).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, fields, replace

import sqlalchemy as sa
import sqlalchemy.orm as so

from quizapp.db.base import utcnow
from quizapp.db.engine import write_transaction
from quizapp.db.models import Assignment, BankVersion, Classroom, User
from quizapp.domain.behaviours import FeedbackTiming
from quizapp.domain.quiz import Availability, GradingMethod, availability
from quizapp.errors import InvalidInput, NotFound
from quizapp.services import banks as bank_service
from quizapp.services.classes import owned_class

MAX_TITLE = 300
MAX_ATTEMPTS = 100
MAX_TIME_LIMIT_MINUTES = 24 * 60


@dataclass(frozen=True)
class AssignmentSettings:
    """What a teacher chooses when assigning; ``attempts_allowed=None`` means unlimited."""

    title: str
    opens_at: dt.datetime | None = None
    closes_at: dt.datetime | None = None
    attempts_allowed: int | None = None
    grading_method: str = GradingMethod.HIGHEST.value
    feedback_timing: str = FeedbackTiming.IMMEDIATE.value
    time_limit_minutes: int | None = None


class AssignmentInvalid(InvalidInput):
    """Settings that cannot be used; ``problems`` maps each field name to what to change."""

    def __init__(self, problems: dict[str, str]) -> None:
        self.problems = dict(problems)
        super().__init__(" ".join(self.problems.values()))


def settings_problems(settings: AssignmentSettings) -> dict[str, str]:
    """Every problem with ``settings``, keyed by field name ({} when they are fine)."""
    problems: dict[str, str] = {}
    title = settings.title.strip()
    if not title or len(title) > MAX_TITLE:
        problems["title"] = f"Give the assignment a title of 1 to {MAX_TITLE} characters."
    for name in ("opens_at", "closes_at"):
        value = getattr(settings, name)
        if value is not None and value.tzinfo is None:
            problems[name] = "The date has no time zone."
    if (
        settings.opens_at is not None
        and settings.closes_at is not None
        and "opens_at" not in problems
        and "closes_at" not in problems
        and settings.closes_at <= settings.opens_at
    ):
        problems["closes_at"] = "The closing time must come after the opening time."
    attempts = settings.attempts_allowed
    if attempts is not None and not 1 <= attempts <= MAX_ATTEMPTS:
        problems["attempts_allowed"] = (
            f"Allow from 1 to {MAX_ATTEMPTS} attempts, or leave it empty for unlimited."
        )
    if settings.grading_method not in {method.value for method in GradingMethod}:
        choices = ", ".join(method.value for method in GradingMethod)
        problems["grading_method"] = f"The grading method must be one of: {choices}."
    if settings.feedback_timing not in {timing.value for timing in FeedbackTiming}:
        choices = ", ".join(timing.value for timing in FeedbackTiming)
        problems["feedback_timing"] = f"Feedback timing must be one of: {choices}."
    limit = settings.time_limit_minutes
    if limit is not None and not 1 <= limit <= MAX_TIME_LIMIT_MINUTES:
        problems["time_limit_minutes"] = (
            f"A time limit is 1 to {MAX_TIME_LIMIT_MINUTES} minutes, or empty for none."
        )
    return problems


def _check(settings: AssignmentSettings) -> AssignmentSettings:
    problems = settings_problems(settings)
    if problems:
        raise AssignmentInvalid(problems)
    return replace(settings, title=settings.title.strip())


def default_settings(session: so.Session, teacher: User, bank_id: int) -> AssignmentSettings:
    """The settings a new assignment of this bank starts from: the bank's ``quiz:`` block."""
    bank = bank_service.visible_bank(session, teacher, bank_id)
    quiz = bank_service.load_version_bank(bank_service.latest_version(session, bank)).settings
    return AssignmentSettings(
        title=bank.title[:MAX_TITLE],
        attempts_allowed=quiz.attempts,
        grading_method=str(quiz.grading),
        feedback_timing=str(quiz.feedback),
        time_limit_minutes=quiz.time_limit_minutes,
    )


def assign_bank(
    session: so.Session,
    teacher: User,
    class_id: int,
    bank_id: int,
    settings: AssignmentSettings,
) -> Assignment:
    """Assign the bank's newest version to the class with ``settings``."""
    owned_class(session, teacher, class_id)
    bank = bank_service.visible_bank(session, teacher, bank_id)
    if bank.archived_at is not None:
        raise InvalidInput(
            f"The bank {bank.title!r} is archived: restore it on its page to assign it again."
        )
    settings = _check(settings)
    with write_transaction(session):
        version = bank_service.latest_version(session, bank)
        assignment = Assignment(
            classroom_id=class_id, bank_version_id=version.id, **asdict(settings)
        )
        session.add(assignment)
    return assignment


def owned_assignment(session: so.Session, teacher: User, assignment_id: int) -> Assignment:
    """The assignment if it belongs to one of the teacher's classes, else :class:`NotFound`."""
    assignment = session.get(Assignment, assignment_id)
    if assignment is None:
        raise NotFound("There is no such assignment in your classes.")
    try:
        owned_class(session, teacher, assignment.classroom_id)
    except NotFound:
        raise NotFound("There is no such assignment in your classes.") from None
    return assignment


def settings_of(assignment: Assignment) -> AssignmentSettings:
    """An assignment's current settings, e.g. to fill the edit form."""
    # The settings' fields are named after the assignment's columns.
    return AssignmentSettings(
        **{field.name: getattr(assignment, field.name) for field in fields(AssignmentSettings)}
    )


def update_assignment(
    session: so.Session, teacher: User, assignment_id: int, settings: AssignmentSettings
) -> Assignment:
    """Change the settings; the pinned bank version stays (grades already given keep meaning)."""
    owned_assignment(session, teacher, assignment_id)
    settings = _check(settings)
    with write_transaction(session):
        assignment = session.get(Assignment, assignment_id, with_for_update=True)
        if assignment is None:
            raise NotFound("There is no such assignment in your classes.")
        for name, value in asdict(settings).items():
            setattr(assignment, name, value)
    return assignment


def close_assignment(
    session: so.Session, teacher: User, assignment_id: int, *, now: dt.datetime | None = None
) -> Assignment:
    """Close the assignment now (no new attempts or saves after this moment)."""
    owned_assignment(session, teacher, assignment_id)
    now = now or utcnow()
    with write_transaction(session):
        assignment = session.get(Assignment, assignment_id, with_for_update=True)
        if assignment is None:
            raise NotFound("There is no such assignment in your classes.")
        close_at(assignment, now)
    return assignment


def close_at(assignment: Assignment, now: dt.datetime) -> None:
    """Move the assignment's dates so that it is closed from ``now`` (inside a write
    transaction); one that closed earlier keeps its own closing time."""
    if assignment.closes_at is None or assignment.closes_at > now:
        assignment.closes_at = now
    if assignment.opens_at is not None and assignment.opens_at > now:
        assignment.opens_at = now


def _archived_is(archived: bool) -> sa.ColumnElement[bool]:
    column = Assignment.archived_at
    return column.is_not(None) if archived else column.is_(None)


def list_assignments(
    session: so.Session, teacher: User, class_id: int, *, archived: bool = False
) -> list[Assignment]:
    """The class's assignments, newest first: those in use, or with ``archived`` the archived."""
    owned_class(session, teacher, class_id)
    return list(
        session.scalars(
            sa.select(Assignment)
            .where(Assignment.classroom_id == class_id, _archived_is(archived))
            # the class page shows each assignment's version number: one query, not one each
            .options(so.joinedload(Assignment.bank_version).defer(BankVersion.yaml_text))
            .order_by(Assignment.created_at.desc(), Assignment.id.desc())
        )
    )


def teacher_assignments(session: so.Session, teacher: User, limit: int = 10) -> list[Assignment]:
    """The teacher's newest assignments across their classes (for the dashboard), leaving out
    the archived ones and those of archived classes."""
    return list(
        session.scalars(
            sa.select(Assignment)
            .join(Classroom, Classroom.id == Assignment.classroom_id)
            .where(
                Classroom.teacher_id == teacher.id,
                Classroom.archived_at.is_(None),
                Assignment.archived_at.is_(None),
            )
            .options(so.joinedload(Assignment.classroom))
            .order_by(Assignment.created_at.desc(), Assignment.id.desc())
            .limit(limit)
        )
    )


def is_open(assignment: Assignment, now: dt.datetime | None = None) -> bool:
    """Whether students may start or continue attempts at ``now``."""
    status = availability(assignment.opens_at, assignment.closes_at, now or utcnow())
    return status is Availability.OPEN


def question_count(assignment: Assignment) -> int:
    """How many questions the assignment's pinned bank version holds."""
    return len(bank_service.load_version_bank(assignment.bank_version).questions)
