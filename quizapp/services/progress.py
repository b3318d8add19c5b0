"""A student's view across quizzes: the quizzes of their classes, and their progress over time.

``assignments_for_student`` lists the assignments of the student's classes with what the home
page needs (open or closed, attempts left, the grade by the quiz's grading method, the attempt
to resume). ``student_progress`` gathers every attempt, best and latest score per quiz, the
scores in time order for the chart, and mastery per skill: the share of the available credit
earned on questions of each skill across submitted attempts. A score is counted only once the
quiz's feedback timing lets the student see it, so "after close" quizzes stay hidden until then;
an attempt whose written answer waits for the teacher has no score yet and says so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

import sqlalchemy as sa
import sqlalchemy.orm as so

from quizapp.db.models import (
    IN_PROGRESS,
    SUBMITTED,
    Assignment,
    Attempt,
    BankVersion,
    Classroom,
    Enrollment,
    User,
)
from quizapp.db.models import Response as ResponseRow
from quizapp.domain.quiz import Availability, GradingMethod, aggregate, availability
from quizapp.services import accommodations
from quizapp.services import attempts as attempt_service
from quizapp.services import banks as bank_service

SKILL_LABELS = {
    "detail": "Details",
    "main_idea": "Main idea",
    "inference": "Inference",
    "vocabulary": "Vocabulary",
    "sequence": "Sequence of events",
    "cause_effect": "Cause and effect",
}


@dataclass(frozen=True)
class AttemptSummary:
    """One attempt in a list; ``score`` is None while in progress or not yet shown."""

    id: int
    assignment_id: int
    assignment_title: str
    class_name: str
    number: int
    state: str
    started_at: dt.datetime
    submitted_at: dt.datetime | None
    score: Fraction | None
    # Submitted, with a written answer the teacher has not marked yet: no score exists so far.
    waiting: bool = False

    @property
    def in_progress(self) -> bool:
        return self.state == IN_PROGRESS

    @property
    def percent(self) -> float | None:
        return None if self.score is None else float(self.score * 100)


@dataclass(frozen=True)
class AssignmentSummary:
    """One quiz on the student's home page."""

    id: int
    title: str
    class_name: str
    opens_at: dt.datetime | None
    closes_at: dt.datetime | None
    status: Availability
    attempts_used: int
    attempts_allowed: int | None  # None: unlimited
    in_progress_attempt_id: int | None
    grade: Fraction | None  # the grading method applied to the scores the student may see
    grading_method: str
    feedback_timing: str
    time_limit_minutes: int | None
    submitted_count: int
    waiting_count: int = 0  # submitted attempts whose written answers wait for marking

    @property
    def attempts_left(self) -> int | None:
        if self.attempts_allowed is None:
            return None
        return max(0, self.attempts_allowed - self.attempts_used)

    @property
    def can_start(self) -> bool:
        """A new attempt may begin (or the one in progress be resumed)."""
        if self.in_progress_attempt_id is not None:
            return True
        return self.status is Availability.OPEN and self.attempts_left != 0

    @property
    def percent(self) -> float | None:
        return None if self.grade is None else float(self.grade * 100)


@dataclass(frozen=True)
class QuizProgress:
    """One quiz on the progress page: best and latest visible score, and the overall grade."""

    assignment_id: int
    title: str
    class_name: str
    attempts: int
    best: Fraction | None
    latest: Fraction | None
    grade: Fraction | None
    grading_method: str


@dataclass(frozen=True)
class SkillMastery:
    """Credit earned out of credit available on the questions of one skill."""

    skill: str
    label: str
    earned: Fraction
    possible: Fraction
    questions: int  # question answers counted (one per question per attempt)

    @property
    def fraction(self) -> Fraction:
        return self.earned / self.possible if self.possible else Fraction(0)

    @property
    def percent(self) -> float:
        return float(self.fraction * 100)


@dataclass(frozen=True)
class StudentProgress:
    attempts: list[AttemptSummary]  # newest first
    quizzes: list[QuizProgress]
    timeline: list[AttemptSummary]  # scored attempts, oldest first (the chart)
    skills: list[SkillMastery]


def _student_assignments(session: so.Session, student: User) -> list[Assignment]:
    return list(
        session.scalars(
            sa.select(Assignment)
            .join(Enrollment, Enrollment.classroom_id == Assignment.classroom_id)
            .where(Enrollment.student_id == student.id)
            .options(
                so.joinedload(Assignment.classroom),
                # the skills table reads each version's bank (its text only on a cache miss)
                so.joinedload(Assignment.bank_version).defer(BankVersion.yaml_text),
            )
            .order_by(Assignment.created_at.desc(), Assignment.id.desc())
        )
    )


def _attempts_by_assignment(
    session: so.Session, student: User, assignment_ids: Sequence[int]
) -> dict[int, list[Attempt]]:
    found: dict[int, list[Attempt]] = {}
    if not assignment_ids:
        return found
    rows = session.scalars(
        sa.select(Attempt)
        .where(Attempt.student_id == student.id, Attempt.assignment_id.in_(list(assignment_ids)))
        .order_by(Attempt.assignment_id, Attempt.number)
        .execution_options(populate_existing=True)
    )
    for attempt in rows:
        found.setdefault(attempt.assignment_id, []).append(attempt)
    return found


def _visible_scores(
    assignment: Assignment, attempts: Sequence[Attempt], now: dt.datetime
) -> list[Fraction]:
    return [
        Fraction(attempt.fraction_text)
        for attempt in attempts
        if attempt.fraction_text is not None
        and attempt_service.score_visible(assignment, attempt, now)
    ]


def _summary(assignment: Assignment, attempt: Attempt, now: dt.datetime) -> AttemptSummary:
    visible = attempt.fraction_text is not None and attempt_service.score_visible(
        assignment, attempt, now
    )
    return AttemptSummary(
        id=attempt.id,
        assignment_id=assignment.id,
        assignment_title=assignment.title,
        class_name=assignment.classroom.name,
        number=attempt.number,
        state=attempt.state,
        started_at=attempt.started_at,
        submitted_at=attempt.submitted_at,
        score=Fraction(attempt.fraction_text) if visible and attempt.fraction_text else None,
        waiting=_waiting(attempt),
    )


def _waiting(attempt: Attempt) -> bool:
    """Submitted, and not scored: an answer waits for the teacher's marking."""
    return attempt.state == SUBMITTED and attempt.fraction_text is None


def _assignment_summary(
    assignment: Assignment,
    attempts: Sequence[Attempt],
    now: dt.datetime,
    extras: accommodations.Extras,
) -> AssignmentSummary:
    current = next((a for a in attempts if a.state == IN_PROGRESS), None)
    return AssignmentSummary(
        id=assignment.id,
        title=assignment.title,
        class_name=assignment.classroom.name,
        opens_at=assignment.opens_at,
        closes_at=assignment.closes_at,
        status=availability(assignment.opens_at, assignment.closes_at, now),
        attempts_used=len(attempts),
        attempts_allowed=accommodations.attempts_allowed(assignment, extras),
        in_progress_attempt_id=current.id if current is not None else None,
        grade=aggregate(
            GradingMethod(assignment.grading_method), _visible_scores(assignment, attempts, now)
        ),
        grading_method=assignment.grading_method,
        feedback_timing=assignment.feedback_timing,
        time_limit_minutes=accommodations.time_limit_minutes(assignment, extras),
        submitted_count=sum(a.state == SUBMITTED for a in attempts),
        waiting_count=sum(_waiting(a) for a in attempts),
    )


def _status_rank(summary: AssignmentSummary) -> int:
    return {Availability.OPEN: 0, Availability.UPCOMING: 1, Availability.CLOSED: 2}[summary.status]


def assignments_for_student(
    session: so.Session,
    student: User,
    now: dt.datetime,
    *,
    grace: dt.timedelta = attempt_service.DEFAULT_GRACE,
) -> list[AssignmentSummary]:
    """The quizzes of the student's classes: open ones first, then upcoming, then closed."""
    attempt_service.require_student(student)
    attempt_service.submit_overdue(session, now, grace=grace, student_id=student.id)
    assignments = _student_assignments(session, student)
    attempts = _attempts_by_assignment(session, student, [a.id for a in assignments])
    extras = accommodations.extras_by_assignment(session, student.id, [a.id for a in assignments])
    summaries = [
        _assignment_summary(a, attempts.get(a.id, []), now, extras.get(a.id, accommodations.NONE))
        for a in assignments
    ]
    return sorted(summaries, key=_status_rank)


@dataclass(frozen=True)
class AssignmentDetail:
    summary: AssignmentSummary
    attempts: list[AttemptSummary]  # in attempt order


def assignment_for_student(
    session: so.Session,
    student: User,
    assignment_id: int,
    now: dt.datetime,
    *,
    grace: dt.timedelta = attempt_service.DEFAULT_GRACE,
) -> AssignmentDetail:
    """One quiz of the student's classes with their attempts at it."""
    assignment = attempt_service.student_assignment(session, student, assignment_id)
    attempt_service.submit_overdue(session, now, grace=grace, student_id=student.id)
    attempts = _attempts_by_assignment(session, student, [assignment.id]).get(assignment.id, [])
    return AssignmentDetail(
        _assignment_summary(
            assignment,
            attempts,
            now,
            accommodations.extras_for(session, assignment.id, student.id),
        ),
        [_summary(assignment, attempt, now) for attempt in attempts],
    )


def student_progress(
    session: so.Session,
    student: User,
    now: dt.datetime,
    *,
    grace: dt.timedelta = attempt_service.DEFAULT_GRACE,
) -> StudentProgress:
    """Every attempt of the student, per-quiz best and latest, the score timeline, skills."""
    attempt_service.require_student(student)
    attempt_service.submit_overdue(session, now, grace=grace, student_id=student.id)
    assignments = _student_assignments(session, student)
    by_assignment = _attempts_by_assignment(session, student, [a.id for a in assignments])
    summaries: list[AttemptSummary] = []
    quizzes: list[QuizProgress] = []
    scored: list[tuple[Assignment, Attempt]] = []
    for assignment in assignments:
        attempts = by_assignment.get(assignment.id, [])
        if not attempts:
            continue
        summaries += [_summary(assignment, attempt, now) for attempt in attempts]
        scores = _visible_scores(assignment, attempts, now)
        quizzes.append(
            QuizProgress(
                assignment_id=assignment.id,
                title=assignment.title,
                class_name=assignment.classroom.name,
                attempts=len(attempts),
                best=max(scores) if scores else None,
                latest=scores[-1] if scores else None,
                grade=aggregate(GradingMethod(assignment.grading_method), scores),
                grading_method=assignment.grading_method,
            )
        )
        scored += [
            (assignment, attempt)
            for attempt in attempts
            if attempt.fraction_text is not None
            and attempt_service.score_visible(assignment, attempt, now)
        ]
    summaries.sort(key=lambda s: (s.started_at, s.id), reverse=True)
    timeline = sorted(
        (s for s in summaries if s.score is not None),
        key=lambda s: (s.submitted_at or s.started_at, s.id),
    )
    return StudentProgress(summaries, quizzes, timeline, _skills(session, scored))


def _skills(
    session: so.Session, scored: Sequence[tuple[Assignment, Attempt]]
) -> list[SkillMastery]:
    if not scored:
        return []
    rows = session.scalars(
        sa.select(ResponseRow).where(ResponseRow.attempt_id.in_([a.id for _, a in scored]))
    )
    fractions: dict[tuple[int, str], Fraction] = {
        (row.attempt_id, row.question_id): Fraction(row.fraction_text)
        for row in rows
        if row.fraction_text is not None
    }
    earned: dict[str, Fraction] = {}
    possible: dict[str, Fraction] = {}
    counted: dict[str, int] = {}
    for assignment, attempt in scored:
        bank = bank_service.load_version_bank(assignment.bank_version)
        for question in bank.questions:
            fraction = fractions.get((attempt.id, question.id), Fraction(0))
            earned[question.skill] = earned.get(question.skill, Fraction(0)) + (
                question.points * fraction
            )
            possible[question.skill] = possible.get(question.skill, Fraction(0)) + question.points
            counted[question.skill] = counted.get(question.skill, 0) + 1
    order = list(SKILL_LABELS)
    return [
        SkillMastery(
            skill,
            SKILL_LABELS.get(skill, skill.replace("_", " ").capitalize()),
            earned[skill],
            possible[skill],
            counted[skill],
        )
        for skill in sorted(possible, key=lambda s: (order.index(s) if s in order else 99, s))
    ]


def classroom_names(session: so.Session, student: User) -> list[str]:
    """The names of the student's classes (for the home page)."""
    return list(
        session.scalars(
            sa.select(Classroom.name)
            .join(Enrollment, Enrollment.classroom_id == Classroom.id)
            .where(Enrollment.student_id == student.id)
            .order_by(Classroom.name)
        )
    )
