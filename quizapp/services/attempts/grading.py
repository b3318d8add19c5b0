"""Grading an attempt: each question on its response, with the teacher's accepted answers, and
the teacher's score overrides put in place of the graded points."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from fractions import Fraction
from typing import NamedTuple, Protocol

from quizapp.domain.grading import Grade
from quizapp.domain.questions import (
    Answer,
    Cloze,
    QuestionType,
    ShortAnswer,
)
from quizapp.domain.quiz import Bank as DomainBank
from quizapp.domain.quiz import attempt_fraction
from quizapp.domain.text import normalise


class AcceptedText(Protocol):
    """A teacher-accepted alternative answer (an ``AcceptedAnswer`` row has these fields)."""

    @property
    def question_id(self) -> str: ...

    @property
    def text(self) -> str: ...

    @property
    def credit_text(self) -> str: ...


class GradedAttempt(NamedTuple):
    """Every question's grade (by question id) and the points-weighted total of the attempt."""

    grades: dict[str, Grade]
    fraction: Fraction


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

    The graded feedback stays: it still describes the answer given.
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
    extras = [(alternative.text, Fraction(alternative.credit_text)) for alternative in accepted]
    if isinstance(question, ShortAnswer):
        widened = replace(question, answers=question.answers + _answers(extras))
        return widened.grade(response)
    if isinstance(question, Cloze):
        per_blank = _accepted_per_blank(question, extras)
        blanks = tuple(
            replace(blank, answers=blank.answers + _answers(per_blank.get(blank.id, [])))
            for blank in question.blanks
        )
        return replace(question, blanks=blanks).grade(response)
    grade = question.grade(response)
    given = normalise(question.summarise(response))
    credits = [credit for text, credit in extras if given and normalise(text) == given]
    if credits and max(credits) > grade.fraction:
        return Grade.for_fraction(max(credits), matched=question.summarise(response))
    return grade


def _answers(texts: Iterable[tuple[str, Fraction]]) -> tuple[Answer, ...]:
    # A star typed by a student is a star, not a teacher's wildcard.
    return tuple(Answer(text.replace("*", "\\*"), credit) for text, credit in texts)


def _accepted_per_blank(
    question: Cloze, extras: Sequence[tuple[str, Fraction]]
) -> dict[str, list[tuple[str, Fraction]]]:
    """Accepted texts by blank: "blank: text; blank: text" (a cloze summary) or a bare text.

    A bare text only makes sense when the passage has a single blank.
    """
    blank_ids = [blank.id for blank in question.blanks]
    found: dict[str, list[tuple[str, Fraction]]] = {}
    for text, credit in extras:
        pairs = [part.partition(":") for part in text.split(";")]
        named = [(name.strip(), value.strip()) for name, sep, value in pairs if sep]
        if named and all(name in blank_ids for name, _ in named):
            for name, value in named:
                if value and value != "(blank)":
                    found.setdefault(name, []).append((value, credit))
        elif len(blank_ids) == 1:
            found.setdefault(blank_ids[0], []).append((text.strip(), credit))
    return found
