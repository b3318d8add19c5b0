"""Tests for multiple-choice questions, around a named example question."""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction
from typing import Any

import pytest

from quizapp.domain.grading import GradeState
from quizapp.domain.questions import Choice, MultipleChoice
from quizapp.errors import ResponseError


def cairo_host_city() -> MultipleChoice:
    """Which city hosted the consultations? Cairo, with feedback on a tempting wrong choice."""
    return MultipleChoice(
        id="host-city",
        prompt="Which city hosted the consultations?",
        evidence="arriving in the Egyptian capital, Cairo, for talks",
        choices=(
            Choice("a", "Cairo", correct=True, feedback="Yes: the delegation arrived in Cairo."),
            Choice("b", "Ankara", feedback="Ankara is where the delegation came from."),
            Choice("c", "Tobruk"),
        ),
    )


@pytest.mark.parametrize(
    ("response", "fraction", "state", "feedback"),
    [
        ({"choice": "a"}, Fraction(1), GradeState.RIGHT, "Yes: the delegation arrived in Cairo."),
        (
            {"choice": "b"},
            Fraction(0),
            GradeState.WRONG,
            "Ankara is where the delegation came from.",
        ),
        ({"choice": "c"}, Fraction(0), GradeState.WRONG, ""),
        ({"choice": " a "}, Fraction(1), GradeState.RIGHT, "Yes: the delegation arrived in Cairo."),
        ({}, Fraction(0), GradeState.UNANSWERED, ""),
        ({"choice": "z"}, Fraction(0), GradeState.UNANSWERED, ""),
        ({"choice": "Cairo"}, Fraction(0), GradeState.UNANSWERED, ""),
    ],
)
def test_grading(
    response: dict[str, str], fraction: Fraction, state: GradeState, feedback: str
) -> None:
    grade = cairo_host_city().grade(response)
    assert (grade.fraction, grade.state, grade.feedback) == (fraction, state, feedback)


def test_grade_names_the_chosen_choice() -> None:
    assert cairo_host_city().grade({"choice": "b"}).matched == "Ankara"


def test_completeness_needs_a_known_choice_id() -> None:
    question = cairo_host_city()
    assert question.is_complete({"choice": "c"})
    assert not question.is_complete({"choice": ""})
    assert not question.is_complete({"choice": "d"})


def test_correct_response_scores_one() -> None:
    question = cairo_host_city()
    assert question.correct_response() == {"choice": "a"}
    assert question.grade(question.correct_response()).fraction == 1


def test_summary_is_the_choice_text() -> None:
    assert cairo_host_city().summarise({"choice": "b"}) == "Ankara"
    assert cairo_host_city().summarise({}) == ""


def test_response_from_texts() -> None:
    question = cairo_host_city()
    assert question.response_from_texts(["  cairo "]) == {"choice": "a"}
    assert question.response_from_texts([]) == {}
    with pytest.raises(ResponseError, match=r"Alexandria.*Cairo; Ankara; Tobruk"):
        question.response_from_texts(["Alexandria"])
    with pytest.raises(ResponseError, match="one answer"):
        question.response_from_texts(["Cairo", "Ankara"])


def test_expected_fields() -> None:
    assert dict(cairo_host_city().expected_fields()) == {"choice": "choice id"}


def test_check_accepts_the_example() -> None:
    assert cairo_host_city().check() == []


def test_a_question_without_a_right_choice_has_no_correct_response() -> None:
    question = replace(cairo_host_city(), choices=(Choice("a", "Cairo"), Choice("b", "Ankara")))
    assert question.correct_response() == {}


@pytest.mark.parametrize(
    ("choices", "problem"),
    [
        (
            (Choice("a", "Cairo"), Choice("b", "Ankara")),
            "exactly one choice must be correct, not 0",
        ),
        (
            (Choice("a", "Cairo", correct=True), Choice("b", "Ankara", correct=True)),
            "exactly one choice must be correct, not 2",
        ),
        (
            (Choice("a", "Cairo", correct=True), Choice("a", "Ankara")),
            "the choice id 'a' is used twice",
        ),
        (
            (Choice("a", "Cairo", correct=True), Choice("b", "cairo")),
            "the choice 'cairo' appears twice",
        ),
        ((Choice("a", "Cairo", correct=True),), "needs at least two"),
        ((Choice("a", "Cairo", correct=True), Choice("b", " ")), "choice 'b' has no text"),
    ],
)
def test_check_finds_authoring_problems(choices: tuple[Choice, ...], problem: str) -> None:
    problems = replace(cairo_host_city(), choices=choices).check()
    assert any(problem in text for text in problems), problems


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"id": "Host City"}, "lower-case letters"),
        ({"prompt": "  "}, "the prompt is empty"),
        ({"skill": "guessing"}, "the skill 'guessing' is not one of"),
        ({"points": Fraction(0)}, "points must be more than 0"),
    ],
)
def test_check_finds_problems_shared_by_every_type(changes: dict[str, Any], problem: str) -> None:
    problems = replace(cairo_host_city(), **changes).check()
    assert any(problem in text for text in problems), problems
