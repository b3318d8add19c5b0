"""What a teacher sees after students answer: grades per class, answers, item statistics.

Grades are read from the attempts as graded (an attempt's exact ``fraction_text`` and each
response's ``fraction_text`` and ``state``), so a regrade is the only thing that changes them.
A student's grade for an assignment applies its grading method to their submitted attempts;
while a written answer waits for marking there is none. Statistics use, per student, the
attempt that grading method picks (highest: the best, the earliest of equals; first; last); for
"average" every submitted attempt counts, as Moodle's statistics do for "all attempts"; an
attempt waiting for marking has no total yet, so it is left out of them (not counted as 0)
until it is marked. Accepting an answer and regrading are in ``regrading``.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

import sqlalchemy as sa
import sqlalchemy.orm as so

from quizapp.db.models import (
    SUBMITTED,
    AcceptedAnswer,
    Assignment,
    Attempt,
    Classroom,
    User,
)
from quizapp.db.models import Response as ResponseRow
from quizapp.domain.grading import GradeState
from quizapp.domain.quiz import Bank as DomainBank
from quizapp.domain.quiz import GradingMethod, aggregate, picked_by_method
from quizapp.domain.statistics import (
    ItemStatistics,
    QuizStatistics,
    item_statistics,
    quiz_statistics,
)
from quizapp.errors import UnknownQuestion
from quizapp.services import accommodations
from quizapp.services import attempts as attempt_service
from quizapp.services import banks as bank_service
from quizapp.services.assignments import owned_assignment
from quizapp.services.classes import enrolled_students, owned_class

DISTRIBUTION_BINS = 10
COMMON_WRONG_LIMIT = 5


def fraction_of(text: str | None) -> Fraction | None:
    return None if text is None else Fraction(text)


def _submitted(attempts: Iterable[Attempt]) -> list[Attempt]:
    return sorted(
        (a for a in attempts if a.state == SUBMITTED and a.fraction_text is not None),
        key=lambda a: a.number,
    )


def chosen_attempts(method: str, attempts: Sequence[Attempt]) -> list[Attempt]:
    """The attempts statistics use for one student (any order, in-progress ones ignored)."""
    return picked_by_method(
        GradingMethod(method), _submitted(attempts), lambda a: Fraction(a.fraction_text or "0")
    )


def student_grade(method: str, attempts: Sequence[Attempt]) -> Fraction | None:
    """The grading method applied to the student's submitted attempts (None: none submitted,
    or one waits for marking, so any grade shown now could change)."""
    if awaiting_marks(attempts):
        return None
    fractions = [Fraction(a.fraction_text or "0") for a in _submitted(attempts)]
    return aggregate(GradingMethod(method), fractions)


def awaiting_marks(attempts: Iterable[Attempt]) -> bool:
    """Whether a submitted attempt has no score yet: a written answer waits for marking."""
    return any(a.state == SUBMITTED and a.fraction_text is None for a in attempts)


# --- the class x quiz table ------------------------------------------------------------------


@dataclass(frozen=True)
class GradebookCell:
    grade: Fraction | None  # None: nothing submitted yet, or waiting for marking
    attempts: int  # every attempt started, submitted or not
    waiting: bool = False  # a written answer waits for the teacher's marking

    @property
    def percent(self) -> float | None:
        return None if self.grade is None else float(self.grade * 100)


@dataclass(frozen=True)
class ClassResults:
    classroom: Classroom
    students: list[User]
    assignments: list[Assignment]
    cells: dict[tuple[int, int], GradebookCell]  # (student id, assignment id) -> cell

    def cell(self, student_id: int, assignment_id: int) -> GradebookCell:
        return self.cells.get((student_id, assignment_id), GradebookCell(None, 0))


def class_results(session: so.Session, teacher: User, class_id: int) -> ClassResults:
    """Every student of the class against every assignment, the grading method applied."""
    classroom = owned_class(session, teacher, class_id)
    students = enrolled_students(session, class_id)
    assignments = list(
        session.scalars(
            sa.select(Assignment)
            .where(Assignment.classroom_id == class_id)
            .order_by(Assignment.created_at, Assignment.id)
        )
    )
    method_of = {a.id: a.grading_method for a in assignments}
    by_cell: dict[tuple[int, int], list[Attempt]] = {}
    if assignments:
        rows = session.scalars(sa.select(Attempt).where(Attempt.assignment_id.in_(list(method_of))))
        for attempt in rows:
            by_cell.setdefault((attempt.student_id, attempt.assignment_id), []).append(attempt)
    cells = {
        key: GradebookCell(
            student_grade(method_of[key[1]], attempts), len(attempts), awaiting_marks(attempts)
        )
        for key, attempts in by_cell.items()
    }
    return ClassResults(classroom, students, assignments, cells)


# --- one assignment in detail ----------------------------------------------------------------


@dataclass(frozen=True)
class AnswerView:
    question_id: str
    prompt: str
    summary: str
    fraction: Fraction | None
    state: str  # a GradeState value, or "" while not graded
    overridden: bool = False  # the teacher set its points by hand


@dataclass(frozen=True)
class AttemptView:
    id: int
    number: int
    state: str
    started_at: dt.datetime
    submitted_at: dt.datetime | None
    fraction: Fraction | None
    answers: list[AnswerView]


@dataclass(frozen=True)
class StudentResult:
    student: User
    enrolled: bool
    grade: Fraction | None
    attempts: list[AttemptView]
    extras: accommodations.Extras = accommodations.NONE
    waiting: bool = False  # a written answer waits for marking, so there is no grade yet


@dataclass(frozen=True)
class AnswerToMark:
    """A submitted written answer that waits for the teacher's marking."""

    student_id: int
    student_name: str
    attempt_number: int
    question_id: str
    prompt: str


@dataclass(frozen=True)
class WrongAnswer:
    summary: str
    count: int
    # What accepting it would store, or None when the type has no typed answer to accept.
    acceptable_text: str | None


@dataclass(frozen=True)
class QuestionResult:
    question_id: str
    prompt: str
    type_name: str
    points: Fraction
    attempts: int
    right: int
    common_wrong: list[WrongAnswer]
    accepted: list[str]
    item: ItemStatistics | None

    @property
    def share_right(self) -> float | None:
        return None if not self.attempts else 100 * self.right / self.attempts


@dataclass(frozen=True)
class DistributionBin:
    low: int  # percent, inclusive
    high: int  # percent, exclusive except for the last bin, which includes 100
    count: int

    @property
    def label(self) -> str:
        return f"{self.low}–{self.high} %"


@dataclass(frozen=True)
class AssignmentResults:
    assignment: Assignment
    bank: DomainBank
    students: list[StudentResult]
    questions: list[QuestionResult]
    distribution: list[DistributionBin]
    statistics: QuizStatistics
    to_mark: list[AnswerToMark]

    @property
    def waiting_students(self) -> int:
        return sum(1 for s in self.students if s.waiting)

    @property
    def graded_students(self) -> int:
        return sum(1 for s in self.students if s.grade is not None)


def score_distribution(
    grades: Iterable[Fraction], bins: int = DISTRIBUTION_BINS
) -> list[DistributionBin]:
    """How many grades fall in each band of ``100 / bins`` percent (100 % in the top band)."""
    width = 100 // bins
    counts = [0] * bins
    for grade in grades:
        index = min(int(grade * bins), bins - 1)
        counts[index] += 1
    return [
        DistributionBin(i * width, 100 if i == bins - 1 else (i + 1) * width, count)
        for i, count in enumerate(counts)
    ]


def accepted_text_for(bank: DomainBank, question_id: str, data: Mapping[str, str]) -> str | None:
    """The text a teacher would accept for this response, when its type takes typed answers."""
    try:
        question = bank.question(question_id)
    except UnknownQuestion:
        return None
    if not attempt_service.accepts_alternative_answers(question):
        return None
    return question.summarise(data).strip() or None


def _load_attempts(session: so.Session, assignment_id: int) -> list[Attempt]:
    return list(
        session.scalars(
            sa.select(Attempt)
            .where(Attempt.assignment_id == assignment_id)
            .options(so.selectinload(Attempt.responses))
            .order_by(Attempt.student_id, Attempt.number)
        )
    )


def assignment_results(session: so.Session, teacher: User, assignment_id: int) -> AssignmentResults:
    """Everything the results page of one assignment shows."""
    assignment = owned_assignment(session, teacher, assignment_id)
    bank = bank_service.load_version_bank(assignment.bank_version)
    prompts = {q.id: q.prompt for q in bank.questions}
    attempts = _load_attempts(session, assignment_id)
    roster = enrolled_students(session, assignment.classroom_id)
    enrolled_ids = {student.id for student in roster}
    by_student: dict[int, list[Attempt]] = {}
    for attempt in attempts:
        by_student.setdefault(attempt.student_id, []).append(attempt)
    # Students who left the class keep their attempts on this page.
    former = [a.student for a in attempts if a.student_id not in enrolled_ids]
    people = roster + sorted(
        {user.id: user for user in former}.values(), key=lambda u: u.display_name
    )

    extras = accommodations.extras_by_student(session, assignment_id)
    overrides = attempt_service.overrides_for(session, [a.id for a in attempts])
    students = []
    to_mark: list[AnswerToMark] = []
    order = {question_id: index for index, question_id in enumerate(prompts)}
    used: list[Attempt] = []
    for person in people:
        own = by_student.get(person.id, [])
        used.extend(chosen_attempts(assignment.grading_method, own))
        views = [
            AttemptView(
                id=a.id,
                number=a.number,
                state=a.state,
                started_at=a.started_at,
                submitted_at=a.submitted_at,
                fraction=fraction_of(a.fraction_text),
                answers=_answer_views(bank, prompts, a.responses, overrides.get(a.id, {})),
            )
            for a in own
        ]
        students.append(
            StudentResult(
                student=person,
                enrolled=person.id in enrolled_ids,
                grade=student_grade(assignment.grading_method, own),
                attempts=views,
                extras=extras.get(person.id, accommodations.NONE),
                waiting=awaiting_marks(own),
            )
        )
        to_mark += [
            AnswerToMark(
                person.id, person.display_name, a.number, row.question_id, prompts[row.question_id]
            )
            for a in own
            if a.state == SUBMITTED
            for row in sorted(a.responses, key=lambda r: order.get(r.question_id, 0))
            if row.state == GradeState.WAITING and row.question_id in prompts
        ]

    accepted = _accepted_by_question(session, assignment_id)
    grades = [s.grade for s in students if s.grade is not None]
    marks, max_marks = _marks(bank, used), _max_marks(bank)
    return AssignmentResults(
        assignment=assignment,
        bank=bank,
        students=students,
        questions=_question_results(bank, used, accepted, item_statistics(marks, max_marks)),
        distribution=score_distribution(grades),
        statistics=quiz_statistics(marks, max_marks),
        to_mark=to_mark,
    )


def _answer_views(
    bank: DomainBank,
    prompts: Mapping[str, str],
    responses: Iterable[ResponseRow],
    overridden: Mapping[str, Fraction],
) -> list[AnswerView]:
    by_question = {r.question_id: r for r in responses}
    views = []
    for question_id, prompt in prompts.items():
        row = by_question.get(question_id)
        if row is None:
            views.append(AnswerView(question_id, prompt, "", None, ""))
            continue
        views.append(
            AnswerView(
                question_id,
                prompt,
                bank.summarise(question_id, row.data),
                fraction_of(row.fraction_text),
                row.state or "",
                question_id in overridden,
            )
        )
    return views


def _max_marks(bank: DomainBank) -> dict[str, Fraction]:
    return {question.id: question.points for question in bank.questions}


def _marks(bank: DomainBank, attempts: Iterable[Attempt]) -> list[dict[str, Fraction]]:
    points = _max_marks(bank)
    return [
        {
            r.question_id: Fraction(r.fraction_text) * points[r.question_id]
            for r in attempt.responses
            if r.question_id in points and r.fraction_text is not None
        }
        for attempt in attempts
    ]


def _accepted_by_question(session: so.Session, assignment_id: int) -> dict[str, list[str]]:
    accepted: dict[str, list[str]] = {}
    for row in session.scalars(
        sa.select(AcceptedAnswer)
        .where(AcceptedAnswer.assignment_id == assignment_id)
        .order_by(AcceptedAnswer.id)
    ):
        accepted.setdefault(row.question_id, []).append(row.text)
    return accepted


def _question_results(
    bank: DomainBank,
    used: Sequence[Attempt],
    accepted: Mapping[str, list[str]],
    statistics: Iterable[ItemStatistics],
) -> list[QuestionResult]:
    items = {item.question_id: item for item in statistics}
    results = []
    for question in bank.questions:
        right = 0
        wrong: Counter[str] = Counter()
        shown: dict[str, tuple[str, str | None]] = {}
        for attempt in used:
            row = next((r for r in attempt.responses if r.question_id == question.id), None)
            if row is None:
                continue
            if row.state == GradeState.RIGHT:
                right += 1
            elif row.state in (GradeState.WRONG, GradeState.PARTIAL):
                summary = question.summarise(row.data)
                # Count "cairo " and "Cairo" together; show the first spelling seen.
                key = " ".join(summary.casefold().split())
                wrong[key] += 1
                shown.setdefault(key, (summary, accepted_text_for(bank, question.id, row.data)))
        results.append(
            QuestionResult(
                question_id=question.id,
                prompt=question.prompt,
                type_name=question.type_name,
                points=question.points,
                attempts=len(used),
                right=right,
                common_wrong=[
                    WrongAnswer(shown[key][0], count, shown[key][1])
                    for key, count in wrong.most_common(COMMON_WRONG_LIMIT)
                ],
                accepted=accepted.get(question.id, []),
                item=items.get(question.id),
            )
        )
    return results
