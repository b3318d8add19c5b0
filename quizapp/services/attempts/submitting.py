"""Checking one question (immediate feedback) and submitting an attempt exactly once."""

from __future__ import annotations

import datetime as dt

import sqlalchemy.orm as so

from quizapp.db.engine import write_transaction
from quizapp.db.models import (
    SUBMITTED,
    Attempt,
    User,
)
from quizapp.domain.behaviours import (
    FeedbackTiming,
)
from quizapp.domain.behaviours import can_check as may_check
from quizapp.domain.grading import Grade
from quizapp.errors import Conflict, Forbidden, InvalidInput
from quizapp.services import banks as bank_service
from quizapp.services.attempts.access import (
    DEFAULT_GRACE,
    TIME_IS_UP,
    accepted_for,
    effective_deadline,
    finish,
    finish_late,
    locked_attempt,
    own_attempt,
    stored_responses,
)
from quizapp.services.attempts.grading import grade_question


def check_question(
    session: so.Session,
    student: User,
    attempt_id: int,
    question_id: str,
    now: dt.datetime,
    *,
    grace: dt.timedelta = DEFAULT_GRACE,
) -> Grade:
    """Grade one question now and freeze its answer (quizzes with immediate feedback only)."""
    attempt = own_attempt(session, student, attempt_id)
    assignment = attempt.assignment
    if not may_check(FeedbackTiming(assignment.feedback_timing)):
        raise Forbidden("In this quiz, feedback comes after you submit.")
    bank = bank_service.load_version_bank(assignment.bank_version)
    try:
        question = bank.question(question_id)
    except KeyError:
        raise InvalidInput("This quiz has no such question.") from None
    if question.marked_by_teacher:
        raise InvalidInput("Your teacher marks this answer after you submit: it has no check.")
    with write_transaction(session):
        attempt = locked_attempt(session, attempt_id)
        if attempt.state == SUBMITTED:
            raise Conflict("This attempt is already submitted.")
        timed_out = finish_late(session, attempt, attempt.assignment, bank, now, grace)
        if timed_out:
            grade = Grade.unanswered()
        else:
            row = next(iter(stored_responses(session, attempt_id, [question_id])), None)
            if row is None or not question.is_complete(row.data):
                raise InvalidInput("Answer the question before checking it.")
            grade = grade_question(
                question,
                row.data,
                [a for a in accepted_for(session, assignment.id) if a.question_id == question_id],
            )
            if not row.checked:
                row.checked = True
                row.fraction_text = str(grade.fraction)
                row.state = str(grade.state)
    if timed_out:
        raise Conflict(TIME_IS_UP)
    return grade


def submit_attempt(
    session: so.Session,
    student: User,
    attempt_id: int,
    now: dt.datetime,
    *,
    grace: dt.timedelta = DEFAULT_GRACE,
) -> Attempt:
    """Grade and submit the attempt once; submitting it again returns it unchanged."""
    attempt = own_attempt(session, student, attempt_id)
    bank = bank_service.load_version_bank(attempt.assignment.bank_version)
    with write_transaction(session):
        attempt = locked_attempt(session, attempt_id)
        if attempt.state != SUBMITTED:
            deadline = effective_deadline(attempt, attempt.assignment)
            late = deadline is not None and now > deadline + grace
            finish(session, attempt, bank, deadline if late and deadline else now)
    return attempt
