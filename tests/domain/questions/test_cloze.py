"""Tests for cloze questions: several blanks, each graded like a short answer."""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

import pytest

from quizapp.banks.convert import edit_distance
from quizapp.domain.grading import GradeState
from quizapp.domain.questions import Answer, Blank, Cloze, Leniency
from quizapp.errors import ResponseError


def troops_deployment_cloze() -> Cloze:
    """Turkey deployed troops to [[country]] in [[when]]."""
    return Cloze(
        id="deployment",
        prompt="Fill in the blanks.",
        text="Turkey deployed troops to [[country]] in [[when]].",
        blanks=(
            Blank("country", (Answer("Libya", feedback="Libya, to support the government."),)),
            Blank("when", (Answer("early January 2020"), Answer("January 2020"))),
        ),
        distinct_entities=frozenset({"Libya", "Tobruk", "Cairo", "Egypt"}),
        edit_distance=edit_distance,
    )


@pytest.mark.parametrize(
    ("response", "fraction", "state"),
    [
        ({"country": "Libya", "when": "January 2020"}, Fraction(1), GradeState.RIGHT),
        ({"country": "libia", "when": "Jan. 2020"}, Fraction(1), GradeState.RIGHT),
        ({"country": "Libya", "when": "2020"}, Fraction(1, 2), GradeState.PARTIAL),
        ({"country": "Egypt", "when": "2020-01"}, Fraction(1, 2), GradeState.PARTIAL),
        ({"country": "Libya", "when": ""}, Fraction(1, 2), GradeState.PARTIAL),
        ({"country": "Tobruk", "when": "2019"}, Fraction(0), GradeState.WRONG),
        ({"country": " ", "when": ""}, Fraction(0), GradeState.UNANSWERED),
        ({}, Fraction(0), GradeState.UNANSWERED),
    ],
)
def test_grade_is_the_mean_of_the_blanks(
    response: dict[str, str], fraction: Fraction, state: GradeState
) -> None:
    grade = troops_deployment_cloze().grade(response)
    assert (grade.fraction, grade.state) == (fraction, state)


def test_each_blank_has_its_own_leniency_and_partial_credit() -> None:
    question = replace(
        troops_deployment_cloze(),
        blanks=(
            Blank("country", (Answer("Libya"), Answer("Tripoli", Fraction(1, 2)))),
            Blank("when", (Answer("January 2020"),)),
        ),
        leniency=Leniency(dates=False),
    )
    grade = question.grade({"country": "Tripoli", "when": "Jan. 2020"})
    assert grade.fraction == Fraction(1, 4)


def test_feedback_and_matches_name_their_blanks() -> None:
    grade = troops_deployment_cloze().grade({"country": "Libya", "when": "Jan 2020"})
    assert grade.feedback == "country: Libya, to support the government."
    # "early January 2020" comes first and, with its qualifier dropped, accepts "Jan 2020".
    assert grade.matched == "country: Libya; when: early January 2020"


def test_summary_shows_each_blank() -> None:
    question = troops_deployment_cloze()
    assert question.summarise({"country": "Libya", "when": "Jan 2020"}) == (
        "country: Libya; when: Jan 2020"
    )
    assert question.summarise({"when": "2020"}) == "country: (blank); when: 2020"
    assert question.summarise({}) == ""


def test_correct_response_fields_and_texts() -> None:
    question = troops_deployment_cloze()
    assert question.correct_response() == {"country": "Libya", "when": "early January 2020"}
    assert question.grade(question.correct_response()).fraction == 1
    assert list(question.expected_fields()) == ["country", "when"]
    assert question.response_from_texts(["Libya", "Jan 2020"]) == {
        "country": "Libya",
        "when": "Jan 2020",
    }
    with pytest.raises(ResponseError, match="2 blanks"):
        question.response_from_texts(["Libya"])


def test_blanks_follow_the_order_of_the_passage() -> None:
    question = replace(
        troops_deployment_cloze(), text="In [[when]], Turkey sent troops to [[country]]."
    )
    assert list(question.expected_fields()) == ["when", "country"]
    assert question.response_from_texts(["Jan 2020", "Libya"])["country"] == "Libya"


@pytest.mark.parametrize(
    ("text", "blanks", "problem"),
    [
        ("To [[country]] in [[year]].", None, "the text names [[year]] but no blank"),
        ("To [[country]].", None, "the blank 'when' is never used in the text"),
        ("[[country]] and [[country]] in [[when]]", None, "[[country]] appears more than once"),
        ("No blanks here.", (), "the text has no [[blank]] placeholders"),
        (
            "[[country]] [[when]]",
            (Blank("country", ()), Blank("when", (Answer("2020"),))),
            "blank 'country': there are none",
        ),
        (
            "[[country]] [[when]]",
            (Blank("country", (Answer("Libya"),)), Blank("when", (Answer("x", Fraction(0)),))),
            "blank 'when': no answer gives full credit",
        ),
    ],
)
def test_check(text: str, blanks: tuple[Blank, ...] | None, problem: str) -> None:
    assert troops_deployment_cloze().check() == []
    question = replace(troops_deployment_cloze(), text=text)
    if blanks is not None:
        question = replace(question, blanks=blanks)
    problems = question.check()
    assert any(problem in found for found in problems), problems


def test_check_finds_a_blank_defined_twice() -> None:
    question = replace(
        troops_deployment_cloze(),
        text="[[country]]",
        blanks=(Blank("country", (Answer("Libya"),)), Blank("country", (Answer("Egypt"),))),
    )
    assert "the blank 'country' is defined twice" in question.check()
