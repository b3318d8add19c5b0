"""Tests for numeric questions: number reading, tolerance, first matching answer, units."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from fractions import Fraction

import pytest

from quizapp.domain.grading import GradeState
from quizapp.domain.questions import Numeric, NumericAnswer


def years_of_hostility() -> Numeric:
    """Shoukry spoke of eight years of open hostility; seven or nine earn half."""
    return Numeric(
        id="years-hostility",
        prompt="How many years of open hostility did Shoukry mention?",
        unit="years",
        answers=(
            NumericAnswer(Decimal(8), feedback="Eight years, since 2013."),
            NumericAnswer(Decimal(8), Decimal(1), Fraction(1, 2), "Close: count from 2013."),
        ),
    )


@pytest.mark.parametrize(
    ("answer", "fraction", "state", "feedback"),
    [
        ("8", Fraction(1), GradeState.RIGHT, "Eight years, since 2013."),
        ("8.0", Fraction(1), GradeState.RIGHT, "Eight years, since 2013."),
        ("eight", Fraction(1), GradeState.RIGHT, "Eight years, since 2013."),
        ("8 years", Fraction(1), GradeState.RIGHT, "Eight years, since 2013."),
        ("8 year", Fraction(1), GradeState.RIGHT, "Eight years, since 2013."),
        ("Eight Years", Fraction(1), GradeState.RIGHT, "Eight years, since 2013."),
        ("9", Fraction(1, 2), GradeState.PARTIAL, "Close: count from 2013."),
        ("7", Fraction(1, 2), GradeState.PARTIAL, "Close: count from 2013."),  # inclusive
        ("6.9", Fraction(0), GradeState.WRONG, ""),
        ("10", Fraction(0), GradeState.WRONG, ""),
        ("8 months", Fraction(0), GradeState.WRONG, "Give the answer in years."),
        ("many", Fraction(0), GradeState.WRONG, "That is not a number."),
        ("8 or 9", Fraction(0), GradeState.WRONG, "That is not a number."),
        ("", Fraction(0), GradeState.UNANSWERED, ""),
    ],
)
def test_grading(answer: str, fraction: Fraction, state: GradeState, feedback: str) -> None:
    grade = years_of_hostility().grade({"answer": answer})
    assert (grade.fraction, grade.state, grade.feedback) == (fraction, state, feedback)


def test_matched_describes_the_answer_and_its_tolerance() -> None:
    question = years_of_hostility()
    assert question.grade({"answer": "8"}).matched == "8 years"
    assert question.grade({"answer": "9"}).matched == "8 ± 1 years"
    assert question.grade({"answer": "10"}).matched is None


@pytest.mark.parametrize(
    ("answer", "fraction"),
    [("1,500", 1), ("1500", 1), ("1,500.25", 1), ("one thousand five hundred", 1), ("1,499", 0)],
)
def test_thousands_separators_decimals_and_words(answer: str, fraction: int) -> None:
    question = Numeric(
        id="troops",
        prompt="How many troops?",
        answers=(NumericAnswer(Decimal(1500), Decimal("0.5")),),
    )
    assert question.grade({"answer": answer}).fraction == fraction


def test_no_unit_on_the_question_accepts_any_unit_text() -> None:
    question = replace(years_of_hostility(), unit="")
    assert question.grade({"answer": "8 long years"}).fraction == 1


def test_correct_response_summary_texts_fields() -> None:
    question = years_of_hostility()
    assert question.correct_response() == {"answer": "8"}
    assert question.grade(question.correct_response()).state is GradeState.RIGHT
    assert question.summarise({"answer": " 9 years "}) == "9 years"
    assert question.response_from_texts(["9", "years"]) == {"answer": "9 years"}
    assert dict(question.expected_fields()) == {"answer": "number"}


@pytest.mark.parametrize(
    ("answers", "problem"),
    [
        ((), "there are none"),
        ((NumericAnswer(Decimal(8), Decimal(-1)),), "the answer 8 has a negative tolerance"),
        ((NumericAnswer(Decimal(8), credit=Fraction(1, 2)),), "no answer gives full credit"),
    ],
)
def test_check(answers: tuple[NumericAnswer, ...], problem: str) -> None:
    assert years_of_hostility().check() == []
    problems = replace(years_of_hostility(), answers=answers).check()
    assert any(problem in text for text in problems), problems
