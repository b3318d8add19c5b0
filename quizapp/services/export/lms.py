"""The layouts with one row per student and one column per quiz holding the points earned:
``moodle``, ``canvas`` and ``classroom``, the shapes those gradebooks import (see
``LMS_LEAD_COLUMNS``), and ``class``, quizapp's own, with each student's total points, points
possible and percent at the end.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from fractions import Fraction

import sqlalchemy.orm as so

from quizapp.services.export.base import (
    Banks,
    ExportScope,
    Layout,
    Quiz,
    format_decimal,
    quiz_grade,
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
CLASS_LEAD_COLUMNS = ("class", "username", "display_name")
CLASS_TOTAL_COLUMNS = ("total_points", "possible_points", "total_percent")


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


def _points_by_student(
    session: so.Session, quizzes: Sequence[Quiz], totals: dict[int, Fraction]
) -> dict[tuple[str, str], tuple[str, dict[int, Fraction]]]:
    """(class, username) -> (display name, points earned per quiz with a grade)."""
    students: dict[tuple[str, str], tuple[str, dict[int, Fraction]]] = {}
    for quiz in quizzes:
        for username, display_name, attempts in student_attempts(session, quiz):
            # Waiting for marking: left blank, as an LMS import reads "no grade yet".
            grade = quiz_grade(quiz.grading_method, attempts)
            _, scores = students.setdefault((quiz.class_name, username), (display_name, {}))
            if grade is not None:
                scores[quiz.id] = grade * totals[quiz.id]
    return students


def _possible_points(banks: Banks, quizzes: Sequence[Quiz]) -> dict[int, Fraction]:
    return {quiz.id: banks.get(quiz.version_id).total_points for quiz in quizzes}


def lms_rows(session: so.Session, scope: ExportScope, layout: Layout) -> Iterator[list[str]]:
    """One row per student (per class), one column per quiz: points earned, blank if none."""
    quizzes = scope_quizzes(session, scope)
    totals = _possible_points(Banks(session), quizzes)
    students = _points_by_student(session, quizzes, totals)
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
        yield [*people, *_cells(scores, quizzes)]


def _cells(scores: dict[int, Fraction], quizzes: Sequence[Quiz]) -> list[str]:
    return [format_decimal(scores[quiz.id], 2) if quiz.id in scores else "" for quiz in quizzes]


def class_rows(session: so.Session, scope: ExportScope) -> Iterator[list[str]]:
    """The class layout: one row per student (per class), one column per quiz with the points
    earned (its header says out of how many), then the student's total points, the points
    possible on the quizzes they have a grade for, and that total as a percent."""
    quizzes = scope_quizzes(session, scope)
    totals = _possible_points(Banks(session), quizzes)
    students = _points_by_student(session, quizzes, totals)
    yield [
        *CLASS_LEAD_COLUMNS,
        *(
            f"{header} ({format_decimal(totals[quiz.id], 2)} points)"
            for header, quiz in zip(_quiz_headers(quizzes), quizzes, strict=True)
        ),
        *CLASS_TOTAL_COLUMNS,
    ]
    for (class_name, username), (display_name, scores) in sorted(students.items()):
        earned = sum(scores.values(), Fraction(0))
        possible = sum((totals[quiz_id] for quiz_id in scores), Fraction(0))
        yield [
            class_name,
            username,
            display_name,
            *_cells(scores, quizzes),
            format_decimal(earned, 2) if scores else "",
            format_decimal(possible, 2) if scores else "",
            format_decimal(100 * earned / possible, 2) if possible else "",
        ]
