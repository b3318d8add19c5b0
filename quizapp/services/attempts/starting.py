"""Starting an attempt, or resuming the one in progress."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
import sqlalchemy.orm as so
from sqlalchemy.exc import IntegrityError

from quizapp.db.engine import write_transaction
from quizapp.db.models import (
    IN_PROGRESS,
    Assignment,
    Attempt,
    Enrollment,
    User,
)
from quizapp.domain.quiz import Availability, availability
from quizapp.domain.quiz import Bank as DomainBank
from quizapp.errors import Conflict, NotFound
from quizapp.services import accommodations
from quizapp.services import banks as bank_service
from quizapp.services.attempts.access import (
    DEFAULT_GRACE,
    finish_late,
    format_when,
    student_assignment,
)
from quizapp.services.attempts.shuffling import build_layout


def start_or_resume(
    session: so.Session,
    student: User,
    assignment_id: int,
    now: dt.datetime,
    *,
    grace: dt.timedelta = DEFAULT_GRACE,
) -> Attempt:
    """The student's attempt in progress, or a new one if the quiz is open and attempts remain.

    An attempt in progress that is past its deadline is submitted instead and returned, so the
    student sees its result. Two racing requests get the same attempt: the enrollment row is
    locked while choosing, and the unique attempt number catches anything that slips through.
    """
    assignment = student_assignment(session, student, assignment_id)
    bank = bank_service.load_version_bank(assignment.bank_version)
    for _ in range(3):
        try:
            with write_transaction(session):
                attempt = _start_locked(session, student, assignment_id, bank, now, grace)
                session.flush()
            return attempt
        except IntegrityError:
            continue  # another request created the same attempt number: look again
    raise Conflict("The quiz could not be started just now. Reload the page to try again.")


def _start_locked(
    session: so.Session,
    student: User,
    assignment_id: int,
    bank: DomainBank,
    now: dt.datetime,
    grace: dt.timedelta,
) -> Attempt:
    # The assignment, freshly read, and the student's enrolment in its class, locked (on
    # PostgreSQL; SQLite's write lock is already held), in one statement.
    found = session.execute(
        sa.select(Assignment, Enrollment.id)
        .join(
            Enrollment,
            sa.and_(
                Enrollment.classroom_id == Assignment.classroom_id,
                Enrollment.student_id == student.id,
            ),
        )
        .where(Assignment.id == assignment_id)
        .with_for_update(of=Enrollment)
        .execution_options(populate_existing=True)
    ).first()
    if found is None:
        raise NotFound("There is no such quiz in your classes.")
    assignment: Assignment = found.Assignment
    attempts = list(
        session.scalars(
            sa.select(Attempt)
            .where(Attempt.assignment_id == assignment_id, Attempt.student_id == student.id)
            .order_by(Attempt.number)
            .execution_options(populate_existing=True)
        )
    )
    current = next((a for a in attempts if a.state == IN_PROGRESS), None)
    if current is not None:
        finish_late(session, current, assignment, bank, now, grace)
        return current
    status = availability(assignment.opens_at, assignment.closes_at, now)
    if status is Availability.UPCOMING:
        assert assignment.opens_at is not None  # only an opening time makes a quiz upcoming
        raise Conflict(f"This quiz opens on {format_when(assignment.opens_at)}.")
    if status is Availability.CLOSED:
        assert assignment.closes_at is not None  # only a closing time closes a quiz
        raise Conflict(f"This quiz closed on {format_when(assignment.closes_at)}.")
    extras = accommodations.extras_for(session, assignment_id, student.id)
    allowed = accommodations.attempts_allowed(assignment, extras)
    if allowed is not None and len(attempts) >= allowed:
        raise Conflict(
            f"You have used all {allowed} attempt{'s' if allowed != 1 else ''} at this quiz."
        )
    number = max((a.number for a in attempts), default=0) + 1
    limit = accommodations.time_limit_minutes(assignment, extras)
    attempt = Attempt(
        assignment_id=assignment_id,
        student_id=student.id,
        number=number,
        state=IN_PROGRESS,
        started_at=now,
        deadline=now + dt.timedelta(minutes=limit) if limit else None,
        layout=build_layout(bank, f"{assignment_id}/{student.id}/{number}"),
    )
    session.add(attempt)
    return attempt
