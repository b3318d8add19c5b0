"""Scores as CSV, streamed row by row so that memory stays flat however many rows there are.

Five layouts. ``gradebook``: one row per student and quiz with the grading method applied, one
column per question holding the credit (0..1) on the attempt that method picks (for "average",
the mean credit over the submitted attempts), and the total percent. ``responses``: one row per
saved answer with its summary in words, credit, state and times (ISO 8601, UTC). ``moodle``,
``canvas`` and ``classroom``: the shapes those gradebooks import, one row per student and one
column per quiz with the points earned (see ``LMS_LEAD_COLUMNS``).

The file is UTF-8 with a header row and a fixed column order; an option adds the byte-order mark
Excel needs to read UTF-8. Any cell that starts with ``=``, ``+``, ``-``, ``@``, a tab, a carriage
return or a NUL is prefixed with ``'`` so a spreadsheet shows it as text instead of running it as
a formula (OWASP ASVS 1.2.10). Every number we write ourselves (credits, percents, counts) is
zero or more, so one rule covers every cell: a student's typed "-5" comes out as "'-5".

What may be exported is an :class:`ExportScope`: a teacher's is built only from their own
classes (:func:`teacher_scope`); the command line, run by the operator who holds the database
anyway, may export any class (:func:`operator_scope`).
"""

from __future__ import annotations

import csv
import datetime as dt
import enum
import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
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
from quizapp.domain.quiz import Bank as DomainBank
from quizapp.domain.quiz import GradingMethod, aggregate, picked_by_method
from quizapp.domain.text import printable
from quizapp.errors import InvalidInput, NotFound
from quizapp.services import banks as bank_service
from quizapp.services.assignments import owned_assignment
from quizapp.services.classes import owned_class

BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\0")
BATCH_ROWS = 1000
CREDIT_PLACES = 4

RESPONSE_COLUMNS = (
    "class",
    "username",
    "display_name",
    "quiz",
    "attempt",
    "question_id",
    "response",
    "credit",
    "state",
    "saved_at",
    "submitted_at",
)
GRADEBOOK_LEAD_COLUMNS = ("class", "username", "display_name", "quiz", "attempts")
GRADEBOOK_TOTAL_COLUMN = "total_percent"


class Layout(enum.StrEnum):
    GRADEBOOK = "gradebook"
    RESPONSES = "responses"
    MOODLE = "moodle"
    CANVAS = "canvas"
    CLASSROOM = "classroom"


# The gradebook imports of the LMSs: one row per student, one column per quiz holding the points
# earned (the quiz's grading method applied), and the columns each LMS matches students by.
LMS_LEAD_COLUMNS: dict[Layout, tuple[str, ...]] = {
    # Moodle, Grades > Import > CSV file: map "Username" to the user field "username".
    Layout.MOODLE: ("Username", "First name", "Last name"),
    # Canvas, Grades > Import: students are matched by ID, SIS User ID or SIS Login ID.
    Layout.CANVAS: ("Student", "ID", "SIS User ID", "SIS Login ID", "Section"),
    # Google Classroom's grade sheets: students are matched by their email address.
    Layout.CLASSROOM: ("Last Name", "First Name", "Email Address"),
}
CANVAS_POINTS_ROW = "    Points Possible"


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


def csv_lines(
    session: so.Session, scope: ExportScope, layout: Layout | str, *, bom: bool = False
) -> Iterator[str]:
    """The CSV file as lines of text (each ending in CRLF), produced as they are read."""
    try:
        layout = Layout(layout)
    except ValueError:
        raise InvalidInput(
            f"The layout must be one of: {', '.join(item.value for item in Layout)}."
        ) from None
    if layout is Layout.GRADEBOOK:
        rows = gradebook_rows(session, scope)
    elif layout is Layout.RESPONSES:
        rows = response_rows(session, scope)
    else:
        rows = lms_rows(session, scope, layout)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    first = True
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])
        line = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        if first and bom:
            line = BOM + line
        first = False
        yield line


class _Banks:
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
class _Quiz:
    id: int
    title: str
    class_name: str
    classroom_id: int
    grading_method: str
    version_id: int
    bank_slug: str


def _quizzes(session: so.Session, scope: ExportScope) -> list[_Quiz]:
    if not scope.assignment_ids:
        return []
    rows = session.execute(
        sa.select(Assignment, Classroom.name)
        .join(Classroom, Classroom.id == Assignment.classroom_id)
        .where(Assignment.id.in_(scope.assignment_ids))
        .options(so.joinedload(Assignment.bank_version).joinedload(BankVersion.bank))
    )
    found = {
        assignment.id: _Quiz(
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


# --- the responses layout --------------------------------------------------------------------


def response_rows(session: so.Session, scope: ExportScope) -> Iterator[list[str]]:
    """The header, then one row per saved answer (bank order within an attempt)."""
    yield list(RESPONSE_COLUMNS)
    banks = _Banks(session)
    for quiz in _quizzes(session, scope):
        bank = banks.get(quiz.version_id)
        order = {question.id: index for index, question in enumerate(bank.questions)}
        stream = session.execute(
            sa.select(
                User.username,
                User.display_name,
                Attempt.id,
                Attempt.number,
                Attempt.submitted_at,
                ResponseRow.question_id,
                ResponseRow.data,
                ResponseRow.fraction_text,
                ResponseRow.state,
                ResponseRow.saved_at,
            )
            .join(Attempt, Attempt.id == ResponseRow.attempt_id)
            .join(User, User.id == Attempt.student_id)
            .where(Attempt.assignment_id == quiz.id)
            .order_by(User.username, Attempt.number, ResponseRow.id)
            .execution_options(yield_per=BATCH_ROWS)
        )
        for _attempt_id, answers in groupby(stream, key=lambda row: row.id):
            for row in sorted(answers, key=lambda r: order.get(r.question_id, len(order))):
                yield [
                    quiz.class_name,
                    row.username,
                    row.display_name,
                    quiz.title,
                    str(row.number),
                    row.question_id,
                    bank.summarise(row.question_id, row.data),
                    ""
                    if row.fraction_text is None
                    else format_decimal(Fraction(row.fraction_text)),
                    row.state or "",
                    format_time(row.saved_at),
                    format_time(row.submitted_at),
                ]


# --- the gradebook layout --------------------------------------------------------------------


def _question_columns(quizzes: Sequence[_Quiz], banks: _Banks) -> list[tuple[str, str]]:
    """(bank slug, question id) per column, in order of first appearance."""
    columns: dict[tuple[str, str], None] = {}
    for quiz in quizzes:
        for question in banks.get(quiz.version_id).questions:
            columns.setdefault((quiz.bank_slug, question.id), None)
    return list(columns)


def gradebook_rows(session: so.Session, scope: ExportScope) -> Iterator[list[str]]:
    """The header, then one row per student and quiz (students without attempts included)."""
    banks = _Banks(session)
    quizzes = _quizzes(session, scope)
    columns = _question_columns(quizzes, banks)
    several_banks = len({slug for slug, _ in columns}) > 1
    yield [
        *GRADEBOOK_LEAD_COLUMNS,
        *(f"{slug}/{qid}" if several_banks else qid for slug, qid in columns),
        GRADEBOOK_TOTAL_COLUMN,
    ]
    for quiz in quizzes:
        question_ids = [question.id for question in banks.get(quiz.version_id).questions]
        for username, display_name, attempts in _student_attempts(session, quiz):
            credits = _question_credits(quiz.grading_method, attempts, question_ids)
            grade = aggregate(
                GradingMethod(quiz.grading_method), [a.fraction for a in attempts if a.submitted]
            )
            yield [
                quiz.class_name,
                username,
                display_name,
                quiz.title,
                str(len(attempts)),
                *(
                    format_decimal(credits[qid])
                    if slug == quiz.bank_slug and qid in credits
                    else ""
                    for slug, qid in columns
                ),
                "" if grade is None else format_decimal(grade * 100, 2),
            ]


@dataclass
class _AttemptCredits:
    number: int
    submitted: bool
    fraction: Fraction
    credits: dict[str, Fraction]


def _student_attempts(
    session: so.Session, quiz: _Quiz
) -> Iterator[tuple[str, str, list[_AttemptCredits]]]:
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
        attempts: dict[int, _AttemptCredits] = {}
        username = display_name = ""
        for row in rows:
            username, display_name = row.username, row.display_name
            if row.number is None:
                continue
            attempt = attempts.setdefault(
                row.number,
                _AttemptCredits(
                    row.number,
                    row.state == SUBMITTED and row.fraction_text is not None,
                    Fraction(row.fraction_text or "0"),
                    {},
                ),
            )
            if row.question_id is not None and row.credit is not None:
                attempt.credits[row.question_id] = Fraction(row.credit)
        yield username, display_name, list(attempts.values())


def _question_credits(
    method: str, attempts: Iterable[_AttemptCredits], question_ids: Sequence[str]
) -> dict[str, Fraction]:
    """Per question, the credit on the attempt the grading method picks (mean for "average");
    a question left unanswered in a submitted attempt earned 0. Empty when nothing is submitted.
    """
    submitted = sorted((a for a in attempts if a.submitted), key=lambda a: a.number)
    picked = picked_by_method(GradingMethod(method), submitted, lambda a: a.fraction)
    if not picked:
        return {}
    return {
        qid: sum((a.credits.get(qid, Fraction(0)) for a in picked), Fraction(0)) / len(picked)
        for qid in question_ids
    }


# --- the LMS gradebook layouts ---------------------------------------------------------------


def _split_name(display_name: str, username: str) -> tuple[str, str]:
    """(first name, last name): the last word of the display name is taken as the last name."""
    words = display_name.split()
    if len(words) < 2:
        return (display_name or username), ""
    return " ".join(words[:-1]), words[-1]


def _quiz_headers(quizzes: Sequence[_Quiz]) -> list[str]:
    """One column title per quiz; a repeated title gets the quiz number so none collide."""
    titles = [quiz.title for quiz in quizzes]
    return [
        f"{quiz.title} (quiz {quiz.id})" if titles.count(quiz.title) > 1 else quiz.title
        for quiz in quizzes
    ]


def lms_rows(session: so.Session, scope: ExportScope, layout: Layout) -> Iterator[list[str]]:
    """One row per student (per class), one column per quiz: points earned, blank if none."""
    banks = _Banks(session)
    quizzes = _quizzes(session, scope)
    totals = {
        quiz.id: sum((q.points for q in banks.get(quiz.version_id).questions), Fraction(0))
        for quiz in quizzes
    }
    students: dict[tuple[str, str], tuple[str, dict[int, str]]] = {}
    for quiz in quizzes:
        for username, display_name, attempts in _student_attempts(session, quiz):
            grade = aggregate(
                GradingMethod(quiz.grading_method), [a.fraction for a in attempts if a.submitted]
            )
            _, scores = students.setdefault((quiz.class_name, username), (display_name, {}))
            scores[quiz.id] = "" if grade is None else format_decimal(grade * totals[quiz.id], 2)
    lead = LMS_LEAD_COLUMNS[layout]
    yield [*lead, *_quiz_headers(quizzes)]
    if layout is Layout.CANVAS:
        yield [
            CANVAS_POINTS_ROW,
            *([""] * (len(lead) - 1)),
            *(format_decimal(totals[q.id], 2) for q in quizzes),
        ]
    for (class_name, username), (display_name, scores) in sorted(students.items()):
        first, last = _split_name(display_name, username)
        if layout is Layout.MOODLE:
            people = [username, first, last]
        elif layout is Layout.CANVAS:
            people = [display_name or username, "", "", username, class_name]
        else:
            people = [last, first, username]
        yield [*people, *(scores.get(quiz.id, "") for quiz in quizzes)]
