"""What every CSV layout shares: the layouts, the scope of an export, neutralising cells, the
number and time formats, and reading the quizzes, banks and students' attempts of a scope.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_EVEN, Decimal
from fractions import Fraction
from itertools import groupby
from typing import Any

import sqlalchemy as sa
import sqlalchemy.orm as so

from quizapp.db.models import (
    SUBMITTED,
    Assignment,
    Attempt,
    BankVersion,
    Classroom,
    Enrollment,
    User,
)
from quizapp.db.models import Response as ResponseRow
from quizapp.domain.grading import GradeState
from quizapp.domain.quiz import Bank as DomainBank
from quizapp.domain.quiz import GradingMethod, aggregate
from quizapp.domain.text import printable
from quizapp.errors import NotFound
from quizapp.services import banks as bank_service
from quizapp.services.assignments import owned_assignment
from quizapp.services.classes import owned_class

BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\0")
BATCH_ROWS = 1000
CREDIT_PLACES = 4


class Layout(enum.StrEnum):
    GRADEBOOK = "gradebook"
    RESPONSES = "responses"
    MOODLE = "moodle"
    CANVAS = "canvas"
    CLASSROOM = "classroom"
    POINTS = "points"
    CLASS = "class"


@dataclass(frozen=True)
class ExportScope:
    """The assignments an export covers, in the order their rows are written."""

    assignment_ids: tuple[int, ...]
    label: str  # for the file name: "all", a class's join code, or "quiz-<id>"


def neutralise(cell: str) -> str:
    """The cell as a spreadsheet must show it: never a formula, always encodable (text stored
    before the edge checks existed may hold a lone surrogate, which would end the stream)."""
    cell = printable(cell)
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def format_decimal(value: Fraction, places: int = CREDIT_PLACES) -> str:
    """An exact fraction as a plain decimal with at most ``places`` digits ("0.5", "1")."""
    quantum = Decimal(1).scaleb(-places)
    decimal = (Decimal(value.numerator) / Decimal(value.denominator)).quantize(
        quantum, rounding=ROUND_HALF_EVEN
    )
    text = format(decimal.normalize(), "f")
    return "0" if text in ("-0", "") else text


def format_time(value: dt.datetime | None) -> str:
    if value is None:
        return ""
    return value.astimezone(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _in_order(query: sa.Select[Any]) -> sa.Select[Any]:
    return query.join(Classroom, Classroom.id == Assignment.classroom_id).order_by(
        Classroom.name, Classroom.id, Assignment.created_at, Assignment.id
    )


def teacher_scope(
    session: so.Session,
    teacher: User,
    *,
    class_id: int | None = None,
    assignment_id: int | None = None,
) -> ExportScope:
    """The teacher's own assignments, optionally narrowed to one class and/or one quiz."""
    if assignment_id is not None:
        assignment = owned_assignment(session, teacher, assignment_id)
        if class_id is not None and assignment.classroom_id != class_id:
            raise NotFound("There is no such assignment in that class.")
        return ExportScope((assignment.id,), f"quiz-{assignment.id}")
    if class_id is not None:
        classroom = owned_class(session, teacher, class_id)
        ids = session.scalars(
            _in_order(sa.select(Assignment.id)).where(Assignment.classroom_id == class_id)
        )
        return ExportScope(tuple(ids), classroom.join_code)
    owned_class_ids = sa.select(Classroom.id).where(Classroom.teacher_id == teacher.id)
    ids = session.scalars(
        _in_order(sa.select(Assignment.id)).where(Assignment.classroom_id.in_(owned_class_ids))
    )
    return ExportScope(tuple(ids), "all")


def operator_scope(
    session: so.Session, *, class_ref: str | None = None, assignment_id: int | None = None
) -> ExportScope:
    """Any class (by id or join code) and/or quiz: for the command line only."""
    query = _in_order(sa.select(Assignment.id))
    label = "all"
    if class_ref is not None:
        ref = class_ref.strip()
        condition = (
            Classroom.id == int(ref) if ref.isdigit() else Classroom.join_code == ref.upper()
        )
        classroom = session.scalar(sa.select(Classroom).where(condition))
        if classroom is None:
            raise NotFound(f"No class has the id or join code {class_ref!r}.")
        query = query.where(Assignment.classroom_id == classroom.id)
        label = classroom.join_code
    if assignment_id is not None:
        query = query.where(Assignment.id == assignment_id)
        label = f"quiz-{assignment_id}"
    ids = tuple(session.scalars(query))
    if assignment_id is not None and not ids:
        raise NotFound(f"There is no quiz (assignment) {assignment_id} in that scope.")
    return ExportScope(ids, label)


def export_filename(scope: ExportScope, layout: Layout, today: dt.date | None = None) -> str:
    today = today or dt.datetime.now(dt.UTC).date()
    return f"quizapp-{layout.value}-{scope.label}-{today.isoformat()}.csv"


class Banks:
    """Domain banks by version id, each built once per export."""

    def __init__(self, session: so.Session) -> None:
        self.session = session
        self.cache: dict[int, DomainBank] = {}

    def get(self, version_id: int) -> DomainBank:
        if version_id not in self.cache:
            version = self.session.get(BankVersion, version_id)
            if version is None:
                raise NotFound("A quiz's bank version is missing.")
            self.cache[version_id] = bank_service.load_version_bank(version)
        return self.cache[version_id]


@dataclass(frozen=True)
class Quiz:
    id: int
    title: str
    class_name: str
    classroom_id: int
    grading_method: str
    version_id: int
    bank_slug: str


def scope_quizzes(session: so.Session, scope: ExportScope) -> list[Quiz]:
    if not scope.assignment_ids:
        return []
    rows = session.execute(
        sa.select(Assignment, Classroom.name)
        .join(Classroom, Classroom.id == Assignment.classroom_id)
        .where(Assignment.id.in_(scope.assignment_ids))
        .options(so.joinedload(Assignment.bank_version).joinedload(BankVersion.bank))
    )
    found = {
        assignment.id: Quiz(
            assignment.id,
            assignment.title,
            class_name,
            assignment.classroom_id,
            assignment.grading_method,
            assignment.bank_version_id,
            assignment.bank_version.bank.slug,
        )
        for assignment, class_name in rows
    }
    return [found[i] for i in scope.assignment_ids if i in found]


@dataclass
class AttemptCredits:
    """One attempt's total and credits; ``submitted`` only once it has a score, so an attempt
    whose written answers wait for marking is ``waiting`` (and ``waiting_questions`` name them)."""

    number: int
    submitted: bool
    fraction: Fraction
    credits: dict[str, Fraction]
    waiting: bool = False
    waiting_questions: set[str] = field(default_factory=set)


def quiz_grade(method: str, attempts: Sequence[AttemptCredits]) -> Fraction | None:
    """The grading method over the submitted attempts; None when none is, or one waits for
    marking (a grade written now could change once it is marked)."""
    if any(attempt.waiting for attempt in attempts):
        return None
    return aggregate(GradingMethod(method), [a.fraction for a in attempts if a.submitted])


def student_attempts(
    session: so.Session, quiz: Quiz
) -> Iterator[tuple[str, str, list[AttemptCredits]]]:
    """Per student (class members and anyone with an attempt), by username: their attempts."""
    members = sa.select(Enrollment.student_id).where(Enrollment.classroom_id == quiz.classroom_id)
    takers = sa.select(Attempt.student_id).where(Attempt.assignment_id == quiz.id)
    stream = session.execute(
        sa.select(
            User.id,
            User.username,
            User.display_name,
            Attempt.number,
            Attempt.state,
            Attempt.fraction_text,
            ResponseRow.question_id,
            ResponseRow.fraction_text.label("credit"),
            ResponseRow.state.label("answer_state"),
        )
        .outerjoin(
            Attempt, sa.and_(Attempt.student_id == User.id, Attempt.assignment_id == quiz.id)
        )
        .outerjoin(ResponseRow, ResponseRow.attempt_id == Attempt.id)
        .where(sa.or_(User.id.in_(members), User.id.in_(takers)))
        .order_by(User.username, Attempt.number, ResponseRow.id)
        .execution_options(yield_per=BATCH_ROWS)
    )
    for _user_id, rows in groupby(stream, key=lambda row: row.id):
        attempts: dict[int, AttemptCredits] = {}
        username = display_name = ""
        for row in rows:
            username, display_name = row.username, row.display_name
            if row.number is None:
                continue
            attempt = attempts.setdefault(
                row.number,
                AttemptCredits(
                    row.number,
                    row.state == SUBMITTED and row.fraction_text is not None,
                    Fraction(row.fraction_text or "0"),
                    {},
                    waiting=row.state == SUBMITTED and row.fraction_text is None,
                ),
            )
            if row.question_id is not None and row.credit is not None:
                attempt.credits[row.question_id] = Fraction(row.credit)
            elif row.answer_state == GradeState.WAITING and attempt.waiting:
                attempt.waiting_questions.add(row.question_id)
        yield username, display_name, list(attempts.values())
