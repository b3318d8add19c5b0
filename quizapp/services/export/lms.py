"""The LMS gradebook layouts: ``moodle``, ``canvas`` and ``classroom``, the shapes those
gradebooks import, one row per student and one column per quiz with the points earned (see
``LMS_LEAD_COLUMNS``).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from fractions import Fraction

import sqlalchemy.orm as so

from quizapp.domain.quiz import GradingMethod, aggregate
from quizapp.services.export.base import (
    Banks,
    ExportScope,
    Layout,
    Quiz,
    format_decimal,
    scope_quizzes,
    student_attempts,
)

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


def _split_name(display_name: str, username: str) -> tuple[str, str]:
    """(first name, last name): the last word of the display name is taken as the last name."""
    words = display_name.split()
    if len(words) < 2:
        return (display_name or username), ""
    return " ".join(words[:-1]), words[-1]


def _quiz_headers(quizzes: Sequence[Quiz]) -> list[str]:
    """One column title per quiz; a repeated title gets the quiz number so none collide."""
    titles = [quiz.title for quiz in quizzes]
    return [
        f"{quiz.title} (quiz {quiz.id})" if titles.count(quiz.title) > 1 else quiz.title
        for quiz in quizzes
    ]


def lms_rows(session: so.Session, scope: ExportScope, layout: Layout) -> Iterator[list[str]]:
    """One row per student (per class), one column per quiz: points earned, blank if none."""
    banks = Banks(session)
    quizzes = scope_quizzes(session, scope)
    totals = {
        quiz.id: sum((q.points for q in banks.get(quiz.version_id).questions), Fraction(0))
        for quiz in quizzes
    }
    students: dict[tuple[str, str], tuple[str, dict[int, str]]] = {}
    for quiz in quizzes:
        for username, display_name, attempts in student_attempts(session, quiz):
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
