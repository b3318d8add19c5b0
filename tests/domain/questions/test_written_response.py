"""Tests for written-response questions: they wait for the teacher, and marks follow the rubric."""

from __future__ import annotations

import random
from fractions import Fraction

import pytest

from quizapp.domain.article import Article
from quizapp.domain.grading import GradeState
from quizapp.domain.questions import Criterion, WrittenResponse
from quizapp.domain.questions.base import criteria_fraction

RUBRIC = (
    Criterion("reason", "Gives the reason: mistrust.", Fraction(2)),
    Criterion("details", "Two details from the article.", Fraction(2)),
)


def why_hesitant(rubric: tuple[Criterion, ...] = RUBRIC) -> WrittenResponse:
    return WrittenResponse(
        id="why-hesitant",
        prompt="Explain why Egypt is hesitant.",
        points=Fraction(3),
        model_answer="Egypt mistrusts Turkey after eight years of hostility.",
        rubric=rubric,
    )


@pytest.mark.parametrize(
    ("response", "state"),
    [
        ({"answer": "Because of mistrust."}, GradeState.WAITING),
        ({"answer": "   "}, GradeState.UNANSWERED),
        ({}, GradeState.UNANSWERED),
    ],
)
def test_an_answer_waits_for_marking_and_a_blank_one_is_unanswered(
    response: dict[str, str], state: GradeState
) -> None:
    grade = why_hesitant().grade(response)
    assert grade.state is state
    assert grade.fraction == 0
    assert grade.settled is (state is not GradeState.WAITING)


def test_the_model_answer_is_the_right_answer_in_words_and_waits_too() -> None:
    question = why_hesitant()
    assert question.marked_by_teacher
    assert question.correct_answer_text(Article("")) == question.model_answer
    assert question.grade(question.correct_response()).state is GradeState.WAITING
    assert question.summarise({"answer": " Mistrust. "}) == "Mistrust."
    assert question.response_from_texts(["Mistrust", "and hostility."]) == {
        "answer": "Mistrust and hostility."
    }


def test_without_a_model_answer_there_is_no_correct_response() -> None:
    question = WrittenResponse(id="q", prompt="Explain.")
    assert question.correct_response() == {}
    assert question.correct_answer_text(Article("")) == ""


def test_marks_are_the_share_of_the_rubric_points_given() -> None:
    criteria = why_hesitant().marking_criteria()
    assert criteria_fraction(criteria, {"reason": Fraction(2), "details": Fraction(1)}) == Fraction(
        3, 4
    )
    assert criteria_fraction(criteria, {"reason": Fraction(0), "details": Fraction(0)}) == 0


def test_every_criterion_needs_points_within_its_most() -> None:
    criteria = why_hesitant().marking_criteria()
    with pytest.raises(ValueError, match=r"give points for 'Two details from the article\.'"):
        criteria_fraction(criteria, {"reason": Fraction(2)})
    with pytest.raises(ValueError, match="0 to 2 points, not 3"):
        criteria_fraction(criteria, {"reason": Fraction(3), "details": Fraction(0)})


def test_without_a_rubric_one_mark_out_of_the_points() -> None:
    [overall] = why_hesitant(rubric=()).marking_criteria()
    assert (overall.id, overall.points) == ("overall", 3)


def test_rubric_problems_are_named() -> None:
    rubric = (
        Criterion("reason", "Gives the reason.", Fraction(0)),
        Criterion("reason", " ", Fraction(1)),
    )
    assert why_hesitant(rubric).check() == [
        "the rubric: criterion 'reason' must give more than 0 points",
        "the rubric: criterion 'reason' says nothing to look for",
        "the rubric: the criterion id 'reason' is used twice",
    ]
    assert why_hesitant().check() == []


def test_a_plausible_wrong_answer_copies_a_sentence() -> None:
    article = Article("Egypt feels hesitant. Turkey is keen.")
    answer = why_hesitant().plausible_wrong(article, random.Random(1))["answer"]
    assert answer in {"Egypt feels hesitant.", "Turkey is keen."}
