"""Tests for true/false questions."""

from __future__ import annotations

from fractions import Fraction

import pytest

from quizapp.domain.grading import GradeState
from quizapp.domain.questions import TrueFalse
from quizapp.errors import ResponseError


def cairo_keen_on_mending_ties() -> TrueFalse:
    """Cairo is as keen as Ankara on mending ties: false."""
    return TrueFalse(
        id="cairo-keen",
        prompt="Cairo is as keen as Turkey to mend ties.",
        answer=False,
        feedback_true="Observers say Cairo has not shown the same enthusiasm.",
        feedback_false="Right: Cairo is more hesitant.",
    )


@pytest.mark.parametrize(
    ("response", "fraction", "state", "feedback"),
    [
        ({"answer": "false"}, 1, GradeState.RIGHT, "Right: Cairo is more hesitant."),
        (
            {"answer": "true"},
            0,
            GradeState.WRONG,
            "Observers say Cairo has not shown the same enthusiasm.",
        ),
        ({"answer": ""}, 0, GradeState.UNANSWERED, ""),
        ({"answer": "maybe"}, 0, GradeState.UNANSWERED, ""),
        ({}, 0, GradeState.UNANSWERED, ""),
    ],
)
def test_grading(response: dict[str, str], fraction: int, state: GradeState, feedback: str) -> None:
    grade = cairo_keen_on_mending_ties().grade(response)
    assert (grade.fraction, grade.state, grade.feedback) == (Fraction(fraction), state, feedback)


def test_correct_response_summary_and_texts() -> None:
    question = cairo_keen_on_mending_ties()
    assert question.correct_response() == {"answer": "false"}
    assert question.grade(question.correct_response()).matched == "False"
    assert question.summarise({"answer": "true"}) == "True"
    assert question.summarise({}) == ""
    assert question.response_from_texts(["True"]) == {"answer": "true"}
    assert question.response_from_texts(["no"]) == {"answer": "false"}
    assert question.response_from_texts([]) == {}
    with pytest.raises(ResponseError, match="neither true nor false"):
        question.response_from_texts(["perhaps"])


def test_check_and_fields() -> None:
    assert cairo_keen_on_mending_ties().check() == []
    assert dict(cairo_keen_on_mending_ties().expected_fields()) == {"answer": "true or false"}
