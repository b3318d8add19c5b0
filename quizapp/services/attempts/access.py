"""Who may use an attempt, and its deadlines: ownership and enrolment, time limits, closing
dates, and submitting an overdue attempt with the answers saved before its deadline.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable
from fractions import Fraction
from typing import NamedTuple

import sqlalchemy as sa
import sqlalchemy.orm as so

from quizapp.db.engine import write_transaction
from quizapp.db.models import (
    IN_PROGRESS,
    RESUBMITTED,
    STUDENT,
    SUBMITTED,
    AcceptedAnswer,
    Assignment,
    Attempt,
    AttemptEvent,
    BankVersion,
    Enrollment,
    User,
)
from quizapp.db.models import Response as ResponseRow
from quizapp.domain.quiz import Bank as DomainBank
from quizapp.errors import Forbidden, NotFound
from quizapp.services import banks as bank_service
from quizapp.services.attempts.marks import record_grades, responses_and_overrides

DEFAULT_GRACE = dt.timedelta(seconds=60)
NOT_YOURS = "There is no such attempt among yours."


def require_student(user: User) -> None:
    """Forbidden unless ``user`` is a student (teachers preview nothing through these)."""
    if user.role != STUDENT:
        raise Forbidden("Only students take quizzes.")


# An assignment's bank version without its YAML text: the bank cache needs only the content hash,
# and reads the text (one more query) only the first time this process meets the version.
_VERSION_WITHOUT_TEXT = so.joinedload(Assignment.bank_version, innerjoin=True).defer(
    BankVersion.yaml_text
)


def student_assignment(session: so.Session, student: User, assignment_id: int) -> Assignment:
    """An assignment of one of the student's classes, else :class:`NotFound`.

    One statement: the assignment, its bank version (without its text) and whether the
    student is enrolled in its class.
    """
    require_student(student)
    enrolled = (
        sa.exists()
        .where(
            Enrollment.classroom_id == Assignment.classroom_id,
            Enrollment.student_id == student.id,
        )
        .label("enrolled")
    )
    found = session.execute(
        sa.select(Assignment, enrolled)
        .where(Assignment.id == assignment_id)
        .options(_VERSION_WITHOUT_TEXT)
    ).first()
    if found is None or not found.enrolled:
        raise NotFound("There is no such quiz in your classes.")
    assignment: Assignment = found.Assignment
    return assignment


# Loads an attempt's assignment and bank version (without its text) in the attempt's own SELECT.
_WITH_BANK_VERSION = so.joinedload(Attempt.assignment, innerjoin=True).options(
    _VERSION_WITHOUT_TEXT
)
_WITH_ASSIGNMENT = so.joinedload(Attempt.assignment, innerjoin=True)


# Whether an attempt's student is still in the class of its assignment: a correlated test read
# in the attempt's own SELECT, so checking enrolment costs no query. (The eager loads join an
# alias of the assignment table, so the table named here stays inside the test.)
STILL_ENROLLED = (
    sa.exists()
    .where(
        Assignment.id == Attempt.assignment_id,
        Enrollment.classroom_id == Assignment.classroom_id,
        Enrollment.student_id == Attempt.student_id,
    )
    .label("still_enrolled")
)
NO_LONGER_ENROLLED = (
    "You are no longer in the class of this quiz, so this attempt is closed to you. "
    "Ask your teacher if this is a mistake."
)


def own_attempt(session: so.Session, student: User, attempt_id: int) -> Attempt:
    """The student's attempt with its assignment and bank version (one query).

    NotFound unless it is theirs; Forbidden once they have left (or been removed from) the
    class, even with the attempt still open.
    """
    require_student(student)
    found = session.execute(
        sa.select(Attempt, STILL_ENROLLED)
        .where(Attempt.id == attempt_id)
        .options(_WITH_BANK_VERSION)
    ).first()
    if found is None or found.Attempt.student_id != student.id:
        raise NotFound(NOT_YOURS)
    if not found.still_enrolled:
        raise Forbidden(NO_LONGER_ENROLLED)
    attempt: Attempt = found.Attempt
    return attempt


class StoredState(NamedTuple):
    """What a save decides by about a stored response: its sequence number and whether it was
    checked (its data is only ever overwritten)."""

    client_seq: int
    checked: bool


class LockedAttempt(NamedTuple):
    attempt: Attempt
    stored: dict[str, StoredState]  # by question id, for the questions asked about only


def own_locked_attempt(
    session: so.Session, student: User, attempt_id: int, responses_to: Collection[str] = ()
) -> LockedAttempt:
    """Inside a write transaction: :func:`own_attempt` and :func:`locked_attempt` in one
    statement, for a save, which needs nothing else before the lock. The layout (a JSON
    document) stays unloaded until something reads it.

    The same statement reads the stored state of the responses to ``responses_to`` (an outer
    join: one row per stored response, the attempt's columns repeated), so a save sends one
    SELECT, not two. On PostgreSQL only the attempt's row is locked, as in
    :func:`locked_attempt`; the response rows are written only under that lock.
    """
    require_student(student)
    rows = session.execute(
        sa.select(
            Attempt,
            STILL_ENROLLED,
            ResponseRow.question_id,
            ResponseRow.client_seq,
            ResponseRow.checked,
        )
        .outerjoin(
            ResponseRow,
            sa.and_(
                ResponseRow.attempt_id == Attempt.id,
                ResponseRow.question_id.in_(list(responses_to)),
            ),
        )
        .where(Attempt.id == attempt_id)
        .options(_WITH_BANK_VERSION, so.defer(Attempt.layout))
        .with_for_update(of=Attempt)
        .execution_options(populate_existing=True)
    ).all()
    if not rows or rows[0].Attempt.student_id != student.id:
        raise NotFound(NOT_YOURS)
    if not rows[0].still_enrolled:
        raise Forbidden(NO_LONGER_ENROLLED)
    stored = {
        row.question_id: StoredState(row.client_seq, row.checked)
        for row in rows
        if row.question_id is not None
    }
    return LockedAttempt(rows[0].Attempt, stored)


def locked_attempt(session: so.Session, attempt_id: int) -> Attempt:
    """The attempt and its assignment re-read inside a write transaction.

    On PostgreSQL only the attempt's row is locked (``FOR UPDATE OF attempt``): the
    assignment is shared by the whole class, and locking it would queue every student's saves
    behind one another.
    """
    attempt = session.scalar(
        sa.select(Attempt)
        .where(Attempt.id == attempt_id)
        .options(_WITH_ASSIGNMENT)
        .with_for_update(of=Attempt)
        .execution_options(populate_existing=True)
    )
    if attempt is None:
        raise NotFound(NOT_YOURS)
    return attempt


def effective_deadline(attempt: Attempt, assignment: Assignment) -> dt.datetime | None:
    """When the attempt must end: its time limit or the quiz's closing time, whichever is first.

    A reopened attempt ends only at its own deadline: the teacher reopened it, closed quiz or not.
    """
    if attempt.reopened_at is not None:
        return attempt.deadline
    limits = [when for when in (attempt.deadline, assignment.closes_at) if when is not None]
    return min(limits) if limits else None


def is_overdue(
    attempt: Attempt, assignment: Assignment, now: dt.datetime, grace: dt.timedelta
) -> bool:
    """An attempt still in progress after its deadline and the grace period."""
    deadline = effective_deadline(attempt, assignment)
    return attempt.state == IN_PROGRESS and deadline is not None and now > deadline + grace


def format_when(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")


def accepted_for(session: so.Session, assignment_id: int) -> list[AcceptedAnswer]:
    return list(
        session.scalars(
            sa.select(AcceptedAnswer).where(AcceptedAnswer.assignment_id == assignment_id)
        )
    )


def stored_responses(
    session: so.Session, attempt_id: int, question_ids: Iterable[str] | None = None
) -> list[ResponseRow]:
    """The attempt's stored responses, freshly read; only those of ``question_ids`` if given."""
    query = sa.select(ResponseRow).where(ResponseRow.attempt_id == attempt_id)
    if question_ids is not None:
        wanted = list(question_ids)
        if not wanted:
            return []
        query = query.where(ResponseRow.question_id.in_(wanted))
    return list(session.scalars(query.execution_options(populate_existing=True)))


def finish(session: so.Session, attempt: Attempt, bank: DomainBank, at: dt.datetime) -> None:
    """Grade the saved responses and mark the attempt submitted (inside a write transaction).

    A reopened attempt's new grade replaces the old one, and its history says so.
    """
    before = attempt.fraction_text
    rows, overrides = responses_and_overrides(session, attempt.id)
    record_grades(
        session, attempt, bank, rows, accepted_for(session, attempt.assignment_id), overrides
    )
    attempt.state = SUBMITTED
    attempt.submitted_at = at
    if attempt.reopened_at is not None:
        session.add(
            AttemptEvent(
                attempt_id=attempt.id,
                kind=RESUBMITTED,
                actor_id=attempt.student_id,
                at=at,
                detail=f"Score {describe_score(before)} → {describe_score(attempt.fraction_text)}.",
            )
        )


def describe_score(fraction_text: str | None) -> str:
    """A stored score for a history entry: "3/4 (75 %)", or "waiting for marking".

    Entries describe submitted attempts, which lack a score only while a written answer waits.
    """
    if fraction_text is None:
        return "waiting for marking"
    fraction = Fraction(fraction_text)
    return f"{fraction} ({float(fraction * 100):.0f} %)"


def finish_late(
    session: so.Session,
    attempt: Attempt,
    assignment: Assignment,
    bank: DomainBank,
    now: dt.datetime,
    grace: dt.timedelta,
) -> bool:
    """Inside a write transaction: submit the attempt at its deadline, with the answers saved
    by then, if it is overdue; True when it did."""
    if not is_overdue(attempt, assignment, now, grace):
        return False
    deadline = effective_deadline(attempt, assignment)
    assert deadline is not None  # is_overdue says there is one
    finish(session, attempt, bank, deadline)
    return True


TIME_IS_UP = "Time is up: this attempt was submitted with the answers saved before the deadline."


def finish_if_overdue(
    session: so.Session, attempt_id: int, now: dt.datetime, grace: dt.timedelta
) -> bool:
    """Submit the attempt at its deadline if it is overdue; True when this call submitted it."""
    attempt = session.get(Attempt, attempt_id)
    if attempt is None or not is_overdue(attempt, attempt.assignment, now, grace):
        return False
    bank = bank_service.load_version_bank(attempt.assignment.bank_version)
    with write_transaction(session):
        attempt = locked_attempt(session, attempt_id)
        return finish_late(session, attempt, attempt.assignment, bank, now, grace)


def submit_overdue(
    session: so.Session,
    now: dt.datetime,
    *,
    grace: dt.timedelta = DEFAULT_GRACE,
    student_id: int | None = None,
) -> int:
    """Submit every attempt past its deadline (and grace) with its last saved answers.

    For a scheduled job (all attempts) or a student's home page (``student_id``). Each attempt
    is submitted at its deadline, not at ``now``. Returns how many were submitted.
    """
    cutoff = now - grace
    query = (
        sa.select(Attempt.id)
        .join(Assignment, Assignment.id == Attempt.assignment_id)
        .where(
            Attempt.state == IN_PROGRESS,
            sa.or_(Attempt.deadline < cutoff, Assignment.closes_at < cutoff),
        )
        .order_by(Attempt.id)
    )
    if student_id is not None:
        query = query.where(Attempt.student_id == student_id)
    attempt_ids = list(session.scalars(query))
    return sum(finish_if_overdue(session, attempt_id, now, grace) for attempt_id in attempt_ids)
