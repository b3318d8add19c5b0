"""Grading an attempt: each question on its response, with the teacher's accepted answers, and
the teacher's score overrides put in place of the graded points."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import NamedTuple, Protocol

from quizapp.domain.grading import Grade
from quizapp.domain.questions import QuestionType
from quizapp.domain.quiz import Bank as DomainBank
from quizapp.domain.quiz import attempt_fraction


class AcceptedText(Protocol):
    """A teacher-accepted alternative answer (an ``AcceptedAnswer`` row has these fields)."""

    @property
    def question_id(self) -> str: ...

    @property
    def text(self) -> str: ...

    @property
    def credit_text(self) -> str: ...


class GradedAttempt(NamedTuple):
    """Every question's grade (by question id) and the points-weighted total of the attempt.

    While an answer waits for the teacher's marking the total is not settled: it counts that
    answer as 0 for now, and nothing may show it as the attempt's score.
    """

    grades: dict[str, Grade]
    fraction: Fraction

    @property
    def settled(self) -> bool:
        return all(grade.settled for grade in self.grades.values())


def accepts_alternative_answers(question: QuestionType) -> bool:
    """Whether a teacher may accept another typed answer for this question."""
    return question.accepts_typed_alternatives


def grade_attempt(
    bank: DomainBank,
    responses: Mapping[str, Mapping[str, str]],
    accepted: Sequence[AcceptedText] = (),
) -> GradedAttempt:
    """Grade each question of ``bank`` on its response (missing ones are unanswered)."""
    by_question: dict[str, list[AcceptedText]] = {}
    for alternative in accepted:
        by_question.setdefault(alternative.question_id, []).append(alternative)
    grades = {
        question.id: grade_question(
            question, responses.get(question.id, {}), by_question.get(question.id, ())
        )
        for question in bank.questions
    }
    return GradedAttempt(grades, attempt_fraction(bank, grades))


def with_overrides(
    bank: DomainBank, graded: GradedAttempt, overrides: Mapping[str, Fraction]
) -> GradedAttempt:
    """``graded`` with the teacher's points (by question id) in place of the graded ones.

    The graded feedback stays: it still describes the answer given. A written answer's mark is
    such an override too, so marking it settles its grade.
    """
    if not overrides:
        return graded
    grades = dict(graded.grades)
    for question in bank.questions:
        points = overrides.get(question.id)
        if points is not None:
            fraction = points / question.points if question.points else Fraction(0)
            grades[question.id] = Grade.for_fraction(
                fraction, feedback=grades[question.id].feedback
            )
    return GradedAttempt(grades, attempt_fraction(bank, grades))


def grade_question(
    question: QuestionType, response: Mapping[str, str], accepted: Sequence[AcceptedText] = ()
) -> Grade:
    """One question's grade, counting the teacher's accepted alternatives with their credit.

    The teacher's own answers are tried first (they come first in the list), so an accepted
    alternative never lowers a grade the bank already gives.
    """
    if not accepted or not accepts_alternative_answers(question):
        return question.grade(response)
    alternatives = [
        (alternative.text, Fraction(alternative.credit_text)) for alternative in accepted
    ]
    return question.grade_with_alternatives(response, alternatives)
