"""Tests for multi-select questions and their partial credit."""

from __future__ import annotations

from fractions import Fraction

import pytest

from quizapp.domain.grading import GradeState
from quizapp.domain.questions import Choice, MultiSelect
from quizapp.errors import ResponseError


def disputes_between_the_countries() -> MultiSelect:
    """Which issues divide Turkey and Egypt? Libya and maritime borders; not the others."""
    return MultiSelect(
        id="disputes",
        prompt="Which issues have the two countries been at odds over?",
        choices=(
            Choice("a", "The conflict in Libya", correct=True, feedback="Libya: yes."),
            Choice("b", "Maritime borders", correct=True),
            Choice("c", "Trade tariffs", feedback="Not mentioned."),
            Choice("d", "Water rights"),
        ),
    )


@pytest.mark.parametrize(
    ("ticked", "fraction", "state"),
    [
        ({"a", "b"}, Fraction(1), GradeState.RIGHT),
        ({"a"}, Fraction(1, 2), GradeState.PARTIAL),
        ({"b"}, Fraction(1, 2), GradeState.PARTIAL),
        ({"a", "b", "c"}, Fraction(1, 2), GradeState.PARTIAL),
        ({"a", "c"}, Fraction(0), GradeState.WRONG),
        ({"c", "d"}, Fraction(0), GradeState.WRONG),
        ({"a", "b", "c", "d"}, Fraction(0), GradeState.WRONG),
        (set(), Fraction(0), GradeState.UNANSWERED),
    ],
)
def test_partial_credit(ticked: set[str], fraction: Fraction, state: GradeState) -> None:
    grade = disputes_between_the_countries().grade({choice: "1" for choice in ticked})
    assert (grade.fraction, grade.state) == (fraction, state)


def test_three_right_choices_give_thirds() -> None:
    question = MultiSelect(
        id="three",
        prompt="Pick the three.",
        choices=tuple(Choice(i, i.upper(), correct=i != "d") for i in "abcd"),
    )
    assert question.grade({"a": "1", "b": "1"}).fraction == Fraction(2, 3)
    assert question.grade({"a": "1", "b": "1", "d": "1"}).fraction == Fraction(1, 3)


def test_unticked_values_do_not_count() -> None:
    question = disputes_between_the_countries()
    assert question.grade({"a": "1", "b": "1", "c": "0", "d": ""}).fraction == 1
    assert not question.is_complete({"a": "0", "b": "off"})


def test_feedback_and_summary_list_the_ticked_choices() -> None:
    grade = disputes_between_the_countries().grade({"a": "1", "c": "1"})
    assert grade.feedback == "Libya: yes. Not mentioned."
    assert grade.matched == "The conflict in Libya; Trade tariffs"
    assert disputes_between_the_countries().summarise({"c": "1", "a": "1"}) == (
        "The conflict in Libya; Trade tariffs"
    )


def test_correct_response_and_fields() -> None:
    question = disputes_between_the_countries()
    assert question.correct_response() == {"a": "1", "b": "1"}
    assert question.grade(question.correct_response()).state is GradeState.RIGHT
    assert list(question.expected_fields()) == ["a", "b", "c", "d"]


def test_response_from_texts() -> None:
    question = disputes_between_the_countries()
    assert question.response_from_texts(["maritime borders", "Water rights"]) == {
        "b": "1",
        "d": "1",
    }
    with pytest.raises(ResponseError, match="Oil"):
        question.response_from_texts(["Oil"])


def test_check() -> None:
    assert disputes_between_the_countries().check() == []
    no_right = MultiSelect(id="none", prompt="?", choices=(Choice("a", "One"), Choice("b", "Two")))
    assert no_right.check() == ["at least one choice must be correct"]
    assert no_right.grade({"a": "1"}).fraction == 0  # a broken question still never crashes
    assert no_right.correct_response() == {}
