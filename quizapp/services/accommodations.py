"""Accommodations: extra time and extra attempts one student has on one assignment.

The teacher of the class sets them; starting an attempt, the student's quiz list and the timer
all read them through :func:`extras_for` / :func:`extras_by_assignment`, and
:func:`attempts_allowed` and :func:`time_limit_minutes` are the one place the assignment's
settings and a student's extras are added up. Extra time lengthens the time limit (it does not
move the quiz's closing time); giving it while the student's attempt is running moves that
attempt's deadline at once. Setting both to zero removes the accommodation.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

import sqlalchemy as sa
import sqlalchemy.orm as so

from quizapp.db.engine import write_transaction
from quizapp.db.models import IN_PROGRESS, Accommodation, Assignment, Attempt, Enrollment, User
from quizapp.errors import InvalidInput, NotFound
from quizapp.services.assignments import owned_assignment

MAX_EXTRA_MINUTES = 24 * 60
MAX_EXTRA_ATTEMPTS = 100


@dataclass(frozen=True)
class Extras:
    """What one student has on top of the assignment's settings."""

    minutes: int = 0
    attempts: int = 0

    def __bool__(self) -> bool:
        return bool(self.minutes or self.attempts)


NONE = Extras()


def attempts_allowed(assignment: Assignment, extras: Extras) -> int | None:
    """How many attempts the student may make (None: unlimited)."""
    allowed = assignment.attempts_allowed
    return None if allowed is None else allowed + extras.attempts


def time_limit_minutes(assignment: Assignment, extras: Extras) -> int | None:
    """The student's time limit per attempt (None: untimed, and extra time changes nothing)."""
    limit = assignment.time_limit_minutes
    return None if not limit else limit + extras.minutes


def extras_for(session: so.Session, assignment_id: int, student_id: int) -> Extras:
    return extras_by_assignment(session, student_id, [assignment_id]).get(assignment_id, NONE)


def extras_by_assignment(
    session: so.Session, student_id: int, assignment_ids: Iterable[int]
) -> dict[int, Extras]:
    """The student's extras on each of these assignments that has some."""
    wanted = list(assignment_ids)
    if not wanted:
        return {}
    rows = session.scalars(
        sa.select(Accommodation).where(
            Accommodation.student_id == student_id, Accommodation.assignment_id.in_(wanted)
        )
    )
    return {row.assignment_id: Extras(row.extra_minutes, row.extra_attempts) for row in rows}


def extras_by_student(session: so.Session, assignment_id: int) -> dict[int, Extras]:
    """Every student's extras on one assignment (for its results page)."""
    rows = session.scalars(
        sa.select(Accommodation).where(Accommodation.assignment_id == assignment_id)
    )
    return {row.student_id: Extras(row.extra_minutes, row.extra_attempts) for row in rows}


def extras_problems(minutes: int | None, attempts: int | None) -> dict[str, str]:
    """Every problem with the extras asked for, by field name ({} when they are fine)."""
    problems: dict[str, str] = {}
    if minutes is not None and not 0 <= minutes <= MAX_EXTRA_MINUTES:
        problems["extra_minutes"] = f"Extra time is 0 to {MAX_EXTRA_MINUTES} minutes."
    if attempts is not None and not 0 <= attempts <= MAX_EXTRA_ATTEMPTS:
        problems["extra_attempts"] = f"Extra attempts are 0 to {MAX_EXTRA_ATTEMPTS}."
    return problems


def set_extras(
    session: so.Session,
    teacher: User,
    assignment_id: int,
    student_id: int,
    extras: Extras,
    now: dt.datetime,
) -> Extras:
    """Give a student of the class these extras on the assignment (zero and zero: none).

    A running timed attempt of the student's gets the change in extra time at once.
    """
    assignment = owned_assignment(session, teacher, assignment_id)
    problems = extras_problems(extras.minutes, extras.attempts)
    if problems:
        raise InvalidInput(" ".join(problems.values()))
    enrolled = session.scalar(
        sa.select(Enrollment.id).where(
            Enrollment.classroom_id == assignment.classroom_id, Enrollment.student_id == student_id
        )
    )
    if enrolled is None:
        raise NotFound("There is no such student in this class.")
    with write_transaction(session):
        row = session.scalar(
            sa.select(Accommodation)
            .where(
                Accommodation.assignment_id == assignment_id,
                Accommodation.student_id == student_id,
            )
            .with_for_update()
        )
        before = NONE if row is None else Extras(row.extra_minutes, row.extra_attempts)
        if not extras:
            if row is not None:
                session.delete(row)
        elif row is None:
            session.add(
                Accommodation(
                    assignment_id=assignment_id,
                    student_id=student_id,
                    extra_minutes=extras.minutes,
                    extra_attempts=extras.attempts,
                    updated_at=now,
                )
            )
        else:
            row.extra_minutes, row.extra_attempts, row.updated_at = (
                extras.minutes,
                extras.attempts,
                now,
            )
        shift = dt.timedelta(minutes=extras.minutes - before.minutes)
        if shift and assignment.time_limit_minutes:
            running = session.scalars(
                sa.select(Attempt)
                .where(
                    Attempt.assignment_id == assignment_id,
                    Attempt.student_id == student_id,
                    Attempt.state == IN_PROGRESS,
                    Attempt.deadline.is_not(None),
                    Attempt.reopened_at.is_(None),  # a reopened attempt keeps the teacher's time
                )
                .with_for_update()
            )
            for attempt in running:
                assert attempt.deadline is not None  # selected for having one
                attempt.deadline = attempt.deadline + shift
    return extras
