"""The gradebook and points layouts: one row per student and quiz with the grading method
applied, one column per question holding the credit (0..1), or for ``points`` the points earned
(the credit times the question's points), on the attempt that method picks (for "average", the
mean over the submitted attempts), and the total percent (``points`` adds the total points and
the possible points). While a written answer waits for the teacher's marking, its cell and the
total say "waiting" rather than a number that would change.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from fractions import Fraction

import sqlalchemy.orm as so

from quizapp.domain.quiz import GradingMethod, picked_by_method
from quizapp.services.export.base import (
    AttemptCredits,
    Banks,
    ExportScope,
    Quiz,
    format_decimal,
    quiz_grade,
    scope_quizzes,
    student_attempts,
)

# The cell of a written answer, and of the total, while the answer waits for marking.
WAITING = "waiting"
GRADEBOOK_LEAD_COLUMNS = ("class", "username", "display_name", "quiz", "attempts")
GRADEBOOK_TOTAL_COLUMN = "total_percent"
POINTS_TOTAL_COLUMNS = ("total_points", "possible_points")


def _question_columns(quizzes: Sequence[Quiz], banks: Banks) -> list[tuple[str, str]]:
    """(bank slug, question id) per column, in order of first appearance."""
    columns: dict[tuple[str, str], None] = {}
    for quiz in quizzes:
        for question in banks.get(quiz.version_id).questions:
            columns.setdefault((quiz.bank_slug, question.id), None)
    return list(columns)


def gradebook_rows(
    session: so.Session, scope: ExportScope, *, in_points: bool = False
) -> Iterator[list[str]]:
    """The header, then one row per student and quiz (students without attempts included).

    ``in_points`` (the points layout): each question's cell holds the points earned (credit
    times the question's points), and the total comes as points and possible points as well.
    """
    banks = Banks(session)
    quizzes = scope_quizzes(session, scope)
    columns = _question_columns(quizzes, banks)
    several_banks = len({slug for slug, _ in columns}) > 1
    yield [
        *GRADEBOOK_LEAD_COLUMNS,
        *(f"{slug}/{qid}" if several_banks else qid for slug, qid in columns),
        *(POINTS_TOTAL_COLUMNS if in_points else ()),
        GRADEBOOK_TOTAL_COLUMN,
    ]
    for quiz in quizzes:
        bank = banks.get(quiz.version_id)
        weights = {q.id: q.points if in_points else Fraction(1) for q in bank.questions}
        possible = bank.total_points
        for username, display_name, attempts in student_attempts(session, quiz):
            credits = _question_credits(quiz.grading_method, attempts, list(weights))
            grade = quiz_grade(quiz.grading_method, attempts)
            waiting = {qid for attempt in attempts for qid in attempt.waiting_questions}
            # Until it is marked, a written answer (and so the total) is "waiting", never 0.
            total = WAITING if grade is None and waiting else ""
            totals = (
                (total if grade is None else format_decimal(grade * possible, 2), str(possible))
                if in_points
                else ()
            )
            yield [
                quiz.class_name,
                username,
                display_name,
                quiz.title,
                str(len(attempts)),
                *(
                    WAITING
                    if slug == quiz.bank_slug and qid in waiting
                    else format_decimal(credits[qid] * weights[qid])
                    if slug == quiz.bank_slug and qid in credits
                    else ""
                    for slug, qid in columns
                ),
                *totals,
                total if grade is None else format_decimal(grade * 100, 2),
            ]


def _question_credits(
    method: str, attempts: Iterable[AttemptCredits], question_ids: Sequence[str]
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
