"""Accepting a student's alternative answer, and regrading an assignment.

Accepting an answer stores an :class:`AcceptedAnswer` and regrades the assignment's submitted
attempts with the same grading function the student pages use (``attempts.record_grades``,
which also applies the teacher's overrides and marks); only attempts whose grade changes are
written.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import sqlalchemy as sa
import sqlalchemy.orm as so

from quizapp.db.engine import write_transaction
from quizapp.db.models import SUBMITTED, AcceptedAnswer, Attempt, User
from quizapp.errors import InvalidInput, NotFound, UnknownQuestion
from quizapp.services import attempts as attempt_service
from quizapp.services import banks as bank_service
from quizapp.services.assignments import owned_assignment

MAX_ACCEPTED_TEXT = 500


@dataclass(frozen=True)
class RegradeReport:
    checked: int  # submitted attempts looked at
    changed: int  # attempts whose grade (total or any question) changed

    def summary(self) -> str:
        return (
            f"Regraded {self.checked} submitted attempt(s): {self.changed} changed, "
            f"{self.checked - self.changed} unchanged."
        )


def accept_answer(
    session: so.Session,
    teacher: User,
    assignment_id: int,
    question_id: str,
    text: str,
    credit: Fraction = Fraction(1),
) -> RegradeReport:
    """Accept ``text`` as an answer to the question for this assignment, then regrade it."""
    assignment = owned_assignment(session, teacher, assignment_id)
    bank = bank_service.load_version_bank(assignment.bank_version)
    try:
        question = bank.question(question_id)
    except UnknownQuestion:
        raise NotFound("The quiz has no such question.") from None
    text = text.strip()
    if not text or len(text) > MAX_ACCEPTED_TEXT:
        raise InvalidInput(f"An accepted answer is 1 to {MAX_ACCEPTED_TEXT} characters.")
    if not 0 < credit <= 1:
        raise InvalidInput("The credit for an accepted answer is more than 0 and at most 1.")
    if not attempt_service.accepts_alternative_answers(question):
        raise InvalidInput(
            "Only typed answers (short answer, numeric, fill in the blanks) can be accepted."
        )
    with write_transaction(session):
        existing = session.scalar(
            sa.select(AcceptedAnswer).where(
                AcceptedAnswer.assignment_id == assignment_id,
                AcceptedAnswer.question_id == question_id,
                AcceptedAnswer.text == text,
            )
        )
        if existing is None:
            session.add(
                AcceptedAnswer(
                    assignment_id=assignment_id,
                    question_id=question_id,
                    text=text,
                    credit_text=str(credit),
                )
            )
        else:
            existing.credit_text = str(credit)
    return regrade_assignment(session, teacher, assignment_id)


def regrade_assignment(session: so.Session, teacher: User, assignment_id: int) -> RegradeReport:
    """Grade every submitted attempt again (with the accepted answers); store only changes."""
    assignment = owned_assignment(session, teacher, assignment_id)
    bank = bank_service.load_version_bank(assignment.bank_version)
    checked = changed = 0
    with write_transaction(session):
        accepted = list(
            session.scalars(
                sa.select(AcceptedAnswer).where(AcceptedAnswer.assignment_id == assignment_id)
            )
        )
        attempts = list(
            session.scalars(
                sa.select(Attempt)
                .where(Attempt.assignment_id == assignment_id, Attempt.state == SUBMITTED)
                .options(so.selectinload(Attempt.responses))
                .order_by(Attempt.id)
                .with_for_update()
            )
        )
        overrides = attempt_service.overrides_for(session, [a.id for a in attempts])
        for attempt in attempts:
            checked += 1
            if attempt_service.record_grades(
                session, attempt, bank, attempt.responses, accepted, overrides.get(attempt.id, {})
            ):
                changed += 1
    return RegradeReport(checked, changed)
