"""A teacher looking after one student's work on an assignment: score overrides on a submitted
attempt (a written answer's mark is one, see ``written_marks``), reopening it, extras (see
``accommodations``), and the attempt's history (the page reads it all from ``student_work``).

An override gives one question of a submitted attempt the points the teacher chose, with an
optional comment for the student; it is stored as a :class:`ScoreOverride` and applied through
the one grade-storing function (``attempts.record_grades``), so the attempt's total, the
results page, the item statistics and every CSV read the teacher's points, and a regrade keeps
them. Removing it regrades the attempt without it. Reopening puts a submitted attempt back in
progress with its answers, for one student, with a reason; it then ends only at the deadline
the teacher gave (see ``attempts.effective_deadline``), and submitting it again replaces its
old score. Every change is an :class:`AttemptEvent` in the attempt's history. Only the teacher of
the class may do any of this; another teacher's attempts are "not found".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from fractions import Fraction

import sqlalchemy as sa
import sqlalchemy.orm as so

from quizapp.db.engine import write_transaction
from quizapp.db.models import (
    IN_PROGRESS,
    OVERRIDDEN,
    OVERRIDE_REMOVED,
    REOPENED,
    SUBMITTED,
    Assignment,
    Attempt,
    AttemptEvent,
    Classroom,
    Enrollment,
    ScoreOverride,
    User,
)
from quizapp.db.models import Response as ResponseRow
from quizapp.domain.quiz import Bank as DomainBank
from quizapp.errors import Conflict, InvalidInput, NotFound, UnknownQuestion
from quizapp.services import accommodations
from quizapp.services import attempts as attempt_service
from quizapp.services import banks as bank_service
from quizapp.services.attempts.access import accepted_for, describe_score, locked_attempt

MAX_COMMENT = 1000
MAX_REASON = 500
MAX_REOPEN_MINUTES = 24 * 60
NO_SUCH_ATTEMPT = "There is no such attempt in your classes."


def parse_points(text: str) -> Fraction:
    """Points as a teacher types them ("1", "1.5", "0,5"), else :class:`InvalidInput`."""
    cleaned = text.strip().replace(",", ".")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise InvalidInput(f"Points must be a number such as 1 or 1.5, not {text!r}.") from None
    if not value.is_finite():
        raise InvalidInput("Points must be a number such as 1 or 1.5.")
    return Fraction(value)


def teacher_attempt(session: so.Session, teacher: User, attempt_id: int) -> Attempt:
    """An attempt at an assignment of the teacher's classes, else :class:`NotFound`."""
    attempt = session.scalar(
        sa.select(Attempt)
        .join(Assignment, Assignment.id == Attempt.assignment_id)
        .join(Classroom, Classroom.id == Assignment.classroom_id)
        .where(Attempt.id == attempt_id, Classroom.teacher_id == teacher.id)
    )
    if attempt is None or not teacher.is_teacher:
        raise NotFound(NO_SUCH_ATTEMPT)
    return attempt


def _question_points(bank: DomainBank, question_id: str) -> Fraction:
    try:
        return bank.question(question_id).points
    except UnknownQuestion:
        raise NotFound("The quiz has no such question.") from None


def _restore_grades(session: so.Session, attempt: Attempt, bank: DomainBank) -> None:
    """Store the attempt's grades again, with its overrides as they now are."""
    rows, overrides = attempt_service.responses_and_overrides(session, attempt.id)
    attempt_service.record_grades(
        session, attempt, bank, rows, accepted_for(session, attempt.assignment_id), overrides
    )


def override_score(
    session: so.Session,
    teacher: User,
    attempt_id: int,
    question_id: str,
    points: Fraction,
    comment: str,
    now: dt.datetime,
    *,
    criterion_points: Mapping[str, Fraction] | None = None,
) -> Attempt:
    """Give one question of a submitted attempt ``points`` (0 to its points), with a comment.

    ``criterion_points`` are the rubric points a marked written answer's ``points`` come from
    (``written_marks`` works them out); they are kept with the override for the student.
    """
    attempt = teacher_attempt(session, teacher, attempt_id)
    bank = bank_service.load_version_bank(attempt.assignment.bank_version)
    possible = _question_points(bank, question_id)
    if not 0 <= points <= possible:
        raise InvalidInput(f"Give 0 to {possible} points for this question, not {points}.")
    comment = comment.strip()
    if len(comment) > MAX_COMMENT:
        raise InvalidInput(f"A comment is at most {MAX_COMMENT} characters.")
    with write_transaction(session):
        attempt = locked_attempt(session, attempt_id)
        if attempt.state != SUBMITTED:
            raise Conflict(
                "This attempt is in progress: its scores can be changed once it is submitted."
            )
        before = attempt.fraction_text
        row = session.scalar(
            sa.select(ScoreOverride).where(
                ScoreOverride.attempt_id == attempt_id, ScoreOverride.question_id == question_id
            )
        )
        criteria = (
            {key: str(value) for key, value in criterion_points.items()}
            if criterion_points is not None
            else None
        )
        if row is None:
            session.add(
                ScoreOverride(
                    attempt_id=attempt_id,
                    question_id=question_id,
                    points_text=str(points),
                    comment=comment,
                    criterion_points=criteria,
                    teacher_id=teacher.id,
                    created_at=now,
                )
            )
        else:
            row.points_text, row.comment, row.teacher_id, row.created_at = (
                str(points),
                comment,
                teacher.id,
                now,
            )
            row.criterion_points = criteria
        answered = session.scalar(
            sa.select(ResponseRow.id).where(
                ResponseRow.attempt_id == attempt_id, ResponseRow.question_id == question_id
            )
        )
        if answered is None:
            # The points of an unanswered question are stored where every reader looks for them.
            session.add(ResponseRow(attempt_id=attempt_id, question_id=question_id, data={}))
        session.flush()
        _restore_grades(session, attempt, bank)
        note = f" Comment: {comment}" if comment else ""
        if criteria:
            note = " Per criterion: " + ", ".join(f"{k} {v}" for k, v in criteria.items()) + "."
            note += f" Comment: {comment}" if comment else ""
        session.add(
            AttemptEvent(
                attempt_id=attempt_id,
                kind=OVERRIDDEN,
                actor_id=teacher.id,
                at=now,
                detail=(
                    f"{question_id}: {points} of {possible} point(s). Score "
                    f"{describe_score(before)} → {describe_score(attempt.fraction_text)}.{note}"
                ),
            )
        )
    return attempt


def remove_override(
    session: so.Session, teacher: User, attempt_id: int, question_id: str, now: dt.datetime
) -> Attempt:
    """Take the teacher's points off one question: it is graded on its answer again."""
    attempt = teacher_attempt(session, teacher, attempt_id)
    bank = bank_service.load_version_bank(attempt.assignment.bank_version)
    _question_points(bank, question_id)
    with write_transaction(session):
        attempt = locked_attempt(session, attempt_id)
        row = session.scalar(
            sa.select(ScoreOverride).where(
                ScoreOverride.attempt_id == attempt_id, ScoreOverride.question_id == question_id
            )
        )
        if row is None:
            raise NotFound("This question's score was not changed, so there is nothing to remove.")
        before = attempt.fraction_text
        session.delete(row)
        session.flush()
        if attempt.state == SUBMITTED:
            _restore_grades(session, attempt, bank)
        session.add(
            AttemptEvent(
                attempt_id=attempt_id,
                kind=OVERRIDE_REMOVED,
                actor_id=teacher.id,
                at=now,
                detail=(
                    f"{question_id}: graded on its answer again. Score "
                    f"{describe_score(before)} → {describe_score(attempt.fraction_text)}."
                ),
            )
        )
    return attempt


def reopen_attempt(
    session: so.Session,
    teacher: User,
    attempt_id: int,
    reason: str,
    minutes: int | None,
    now: dt.datetime,
) -> Attempt:
    """Put a submitted attempt back in progress for its student, answers kept.

    It ends at ``now + minutes``; without minutes, after the student's time limit when the quiz
    is timed, else at the quiz's closing time (a quiz already closed needs minutes).
    """
    attempt = teacher_attempt(session, teacher, attempt_id)
    assignment = attempt.assignment
    reason = reason.strip()
    if not reason or len(reason) > MAX_REASON:
        raise InvalidInput(f"Say why the attempt is reopened, in 1 to {MAX_REASON} characters.")
    if minutes is not None and not 1 <= minutes <= MAX_REOPEN_MINUTES:
        raise InvalidInput(f"Give 1 to {MAX_REOPEN_MINUTES} minutes to finish, or leave it empty.")
    if minutes is None:
        extras = accommodations.extras_for(session, assignment.id, attempt.student_id)
        minutes = accommodations.time_limit_minutes(assignment, extras)
    if minutes is not None:
        deadline: dt.datetime | None = now + dt.timedelta(minutes=minutes)
    elif assignment.closes_at is not None and assignment.closes_at <= now:
        raise InvalidInput(
            "This quiz has closed: give the minutes the student has to finish the attempt."
        )
    else:
        deadline = assignment.closes_at
    enrolled = session.scalar(
        sa.select(Enrollment.id).where(
            Enrollment.classroom_id == assignment.classroom_id,
            Enrollment.student_id == attempt.student_id,
        )
    )
    if enrolled is None:
        raise Conflict("The student is no longer in the class, so the attempt cannot be reopened.")
    with write_transaction(session):
        attempt = locked_attempt(session, attempt_id)
        if attempt.state != SUBMITTED:
            raise Conflict("This attempt is already in progress.")
        running = session.scalar(
            sa.select(Attempt.number).where(
                Attempt.assignment_id == attempt.assignment_id,
                Attempt.student_id == attempt.student_id,
                Attempt.state == IN_PROGRESS,
            )
        )
        if running is not None:
            raise Conflict(
                f"The student has attempt {running} in progress; it must be submitted before "
                "another is reopened."
            )
        attempt.state = IN_PROGRESS
        attempt.submitted_at = None
        attempt.reopened_at = now
        attempt.deadline = deadline
        until = "no time limit" if deadline is None else f"until {_when(deadline)}"
        session.add(
            AttemptEvent(
                attempt_id=attempt_id,
                kind=REOPENED,
                actor_id=teacher.id,
                at=now,
                detail=(
                    f"Reopened ({until}); score before: {describe_score(attempt.fraction_text)}. "
                    f"Reason: {reason}"
                ),
            )
        )
    return attempt


def _when(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
