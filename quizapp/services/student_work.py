"""One student's work on one assignment, as the teacher's page shows it: each attempt question
by question with its grade, the teacher's overrides and marks, extras, and the history.

A written response shows what marking it needs: the model answer, and each rubric criterion
with the points given, while it waits or once marked (see ``written_marks``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction

import sqlalchemy as sa
import sqlalchemy.orm as so

from quizapp.db.models import (
    SUBMITTED,
    Assignment,
    Attempt,
    AttemptEvent,
    Enrollment,
    ScoreOverride,
    User,
)
from quizapp.db.models import Response as ResponseRow
from quizapp.domain.grading import GradeState
from quizapp.domain.quiz import Bank as DomainBank
from quizapp.errors import NotFound
from quizapp.services import accommodations
from quizapp.services import attempts as attempt_service
from quizapp.services import banks as bank_service
from quizapp.services.assignments import owned_assignment


@dataclass(frozen=True)
class CriterionMark:
    """One rubric criterion of a written answer: what it looks for, its most, the points given."""

    id: str
    text: str
    points: Fraction
    given: Fraction | None  # None until the answer is marked


@dataclass(frozen=True)
class MarkedAnswer:
    question_id: str
    prompt: str
    summary: str
    points: Fraction  # the question's points
    earned: Fraction | None  # None while not graded
    state: str  # a GradeState value, or "" while not graded
    override_points: Fraction | None  # the teacher's points, when they changed them
    override_comment: str
    marked_by_teacher: bool = False  # a written response: marked on its criteria
    model_answer: str = ""
    criteria: tuple[CriterionMark, ...] = ()

    @property
    def waiting(self) -> bool:
        """An answer that waits for the teacher's marking."""
        return self.state == GradeState.WAITING


@dataclass(frozen=True)
class HistoryEntry:
    kind: str
    at: dt.datetime
    actor: str
    detail: str


@dataclass(frozen=True)
class MarkedAttempt:
    id: int
    number: int
    state: str
    started_at: dt.datetime
    submitted_at: dt.datetime | None
    deadline: dt.datetime | None
    fraction: Fraction | None
    answers: list[MarkedAnswer]
    history: list[HistoryEntry]

    @property
    def submitted(self) -> bool:
        return self.state == SUBMITTED


@dataclass(frozen=True)
class StudentWork:
    assignment: Assignment
    student: User
    enrolled: bool
    extras: accommodations.Extras
    attempts_allowed: int | None
    time_limit_minutes: int | None
    attempts: list[MarkedAttempt]


def student_work(
    session: so.Session, teacher: User, assignment_id: int, student_id: int
) -> StudentWork:
    """A student's attempts at an assignment, question by question, with overrides and history."""
    assignment = owned_assignment(session, teacher, assignment_id)
    student = session.get(User, student_id)
    attempts = list(
        session.scalars(
            sa.select(Attempt)
            .where(Attempt.assignment_id == assignment_id, Attempt.student_id == student_id)
            .options(so.selectinload(Attempt.responses))
            .order_by(Attempt.number)
        )
    )
    enrolled = (
        session.scalar(
            sa.select(Enrollment.id).where(
                Enrollment.classroom_id == assignment.classroom_id,
                Enrollment.student_id == student_id,
            )
        )
        is not None
    )
    if student is None or (not enrolled and not attempts):
        raise NotFound("There is no such student in this class.")
    bank = bank_service.load_version_bank(assignment.bank_version)
    ids = [attempt.id for attempt in attempts]
    overrides: dict[tuple[int, str], ScoreOverride] = {}
    events: dict[int, list[HistoryEntry]] = {}
    if ids:
        for row in session.scalars(
            sa.select(ScoreOverride).where(ScoreOverride.attempt_id.in_(ids))
        ):
            overrides[(row.attempt_id, row.question_id)] = row
        for event in session.scalars(
            sa.select(AttemptEvent)
            .where(AttemptEvent.attempt_id.in_(ids))
            .options(so.joinedload(AttemptEvent.actor))
            .order_by(AttemptEvent.at, AttemptEvent.id)
        ):
            events.setdefault(event.attempt_id, []).append(
                HistoryEntry(
                    event.kind,
                    event.at,
                    event.actor.display_name if event.actor is not None else "",
                    event.detail,
                )
            )
    extras = accommodations.extras_for(session, assignment_id, student_id)
    return StudentWork(
        assignment=assignment,
        student=student,
        enrolled=enrolled,
        extras=extras,
        attempts_allowed=accommodations.attempts_allowed(assignment, extras),
        time_limit_minutes=accommodations.time_limit_minutes(assignment, extras),
        attempts=[
            MarkedAttempt(
                id=attempt.id,
                number=attempt.number,
                state=attempt.state,
                started_at=attempt.started_at,
                submitted_at=attempt.submitted_at,
                deadline=attempt_service.effective_deadline(attempt, assignment),
                fraction=(
                    Fraction(attempt.fraction_text) if attempt.fraction_text is not None else None
                ),
                answers=_marked_answers(bank, attempt, overrides),
                history=events.get(attempt.id, []),
            )
            for attempt in attempts
        ],
    )


def _marked_answers(
    bank: DomainBank, attempt: Attempt, overrides: dict[tuple[int, str], ScoreOverride]
) -> list[MarkedAnswer]:
    rows: dict[str, ResponseRow] = {row.question_id: row for row in attempt.responses}
    answers = []
    for question in bank.questions:
        row = rows.get(question.id)
        override = overrides.get((attempt.id, question.id))
        graded = row is not None and row.state is not None
        given = (override.criterion_points or {}) if override is not None else {}
        answers.append(
            MarkedAnswer(
                question_id=question.id,
                prompt=question.prompt,
                summary=question.summarise(row.data) if row is not None else "",
                points=question.points,
                earned=(
                    Fraction(row.fraction_text) * question.points
                    if row is not None and row.fraction_text is not None
                    else None
                ),
                state=(row.state or "") if graded and row is not None else "",
                override_points=Fraction(override.points_text) if override else None,
                override_comment=override.comment if override else "",
                marked_by_teacher=question.marked_by_teacher,
                model_answer=question.correct_answer_text(bank.parsed_article)
                if question.marked_by_teacher
                else "",
                criteria=tuple(
                    CriterionMark(
                        criterion.id,
                        criterion.text,
                        criterion.points,
                        Fraction(given[criterion.id]) if criterion.id in given else None,
                    )
                    for criterion in question.marking_criteria()
                ),
            )
        )
    return answers
