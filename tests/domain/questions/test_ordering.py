"""Tests for ordering questions and their Kendall partial credit."""

from __future__ import annotations

from fractions import Fraction

import pytest

from quizapp.domain.grading import GradeState
from quizapp.domain.questions import Ordering, OrderItem
from quizapp.errors import ResponseError


def libya_timeline() -> Ordering:
    """Four events of the article, in the order they happened."""
    return Ordering(
        id="timeline",
        prompt="Put these events in the order they happened.",
        skill="sequence",
        items=(
            OrderItem("a", "NATO-backed uprising ousts Gaddafi"),
            OrderItem("b", "Morsi is ousted in Egypt"),
            OrderItem("c", "Libya splits between two seats of power"),
            OrderItem("d", "Turkey deploys troops to Libya"),
        ),
    )


def positions(order: str) -> dict[str, str]:
    """The response that places the items in ``order`` ("bacd": b first, a second...)."""
    return {item: str(place) for place, item in enumerate(order, start=1)}


@pytest.mark.parametrize(
    ("order", "fraction", "state"),
    [
        ("abcd", Fraction(1), GradeState.RIGHT),
        ("bacd", Fraction(5, 6), GradeState.PARTIAL),
        ("abdc", Fraction(5, 6), GradeState.PARTIAL),
        ("acbd", Fraction(5, 6), GradeState.PARTIAL),
        ("dabc", Fraction(1, 2), GradeState.PARTIAL),
        ("badc", Fraction(2, 3), GradeState.PARTIAL),
        ("dcba", Fraction(0), GradeState.WRONG),
    ],
)
def test_share_of_pairs_in_order(order: str, fraction: Fraction, state: GradeState) -> None:
    grade = libya_timeline().grade(positions(order))
    assert (grade.fraction, grade.state) == (fraction, state)


@pytest.mark.parametrize(
    "response",
    [
        {},
        {"a": "1", "b": "2", "c": "3"},
        {"a": "1", "b": "1", "c": "3", "d": "4"},
        {"a": "1", "b": "2", "c": "3", "d": "5"},
        {"a": "0", "b": "1", "c": "2", "d": "3"},
        {"a": "one", "b": "2", "c": "3", "d": "4"},
        {"a": "-1", "b": "2", "c": "3", "d": "4"},
    ],
)
def test_missing_or_duplicated_positions_are_incomplete(response: dict[str, str]) -> None:
    question = libya_timeline()
    assert not question.is_complete(response)
    assert question.grade(response).state is GradeState.UNANSWERED
    assert question.summarise(response) == ""


def test_summary_lists_the_chosen_order() -> None:
    assert libya_timeline().summarise(positions("bacd")) == (
        "Morsi is ousted in Egypt → NATO-backed uprising ousts Gaddafi"
        " → Libya splits between two seats of power → Turkey deploys troops to Libya"
    )


def test_correct_response_and_fields() -> None:
    question = libya_timeline()
    assert question.correct_response() == positions("abcd")
    assert question.grade(question.correct_response()).fraction == 1
    assert dict(question.expected_fields()) == {item: "position 1..4" for item in "abcd"}


def test_response_from_texts() -> None:
    question = libya_timeline()
    texts = [question.items[i].text for i in (1, 0, 2, 3)]
    assert question.response_from_texts(texts) == positions("bacd")
    assert question.response_from_texts([]) == {}
    with pytest.raises(ResponseError, match="all 4 items"):
        question.response_from_texts(texts[:3])
    with pytest.raises(ResponseError, match="more than once"):
        question.response_from_texts([texts[0], *texts[:3]])
    with pytest.raises(ResponseError, match="not one of the items"):
        question.response_from_texts(["Something else", *texts[1:]])


@pytest.mark.parametrize(
    ("items", "problem"),
    [
        ((OrderItem("a", "Only one"),), "at least two items"),
        ((OrderItem("a", "One"), OrderItem("a", "Two")), "the item id 'a' is used twice"),
        ((OrderItem("a", "One"), OrderItem("b", "one")), "the item 'one' appears twice"),
        ((OrderItem("a", "One"), OrderItem("b", "")), "item 'b' has no text"),
    ],
)
def test_check(items: tuple[OrderItem, ...], problem: str) -> None:
    assert libya_timeline().check() == []
    problems = Ordering(id="o", prompt="Order.", items=items).check()
    assert any(problem in found for found in problems), problems
