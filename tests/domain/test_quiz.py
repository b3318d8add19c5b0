"""Tests for banks, quiz settings, attempt totals and aggregation over attempts."""

from __future__ import annotations

from fractions import Fraction

import pytest

from quizapp.domain.behaviours import FeedbackTiming
from quizapp.domain.grading import Grade
from quizapp.domain.questions import Choice, MultipleChoice, Ordering, OrderItem, TrueFalse
from quizapp.domain.quiz import (
    Bank,
    GradingMethod,
    QuizSettings,
    Source,
    aggregate,
    attempt_fraction,
    picked_by_method,
)
from quizapp.errors import UnknownQuestion


def talks_bank() -> Bank:
    """A small bank: a one-point choice, a one-point true/false, a two-point ordering."""
    return Bank(
        id="turkey-egypt-talks-2021",
        title="Turkey, Egypt kick off diplomatic talks in Cairo",
        article="Turkey and Egypt have kicked off talks. The talks are in Cairo.",
        questions=(
            MultipleChoice(
                id="host-city",
                prompt="Which city hosted the talks?",
                choices=(Choice("a", "Cairo", correct=True), Choice("b", "Ankara")),
            ),
            TrueFalse(id="talks-began", prompt="Talks began.", answer=True),
            Ordering(
                id="order",
                prompt="Order these.",
                points=Fraction(2),
                items=(OrderItem("a", "first"), OrderItem("b", "second"), OrderItem("c", "third")),
            ),
        ),
    )


def test_defaults_of_settings_and_source() -> None:
    settings = QuizSettings()
    assert settings.attempts is None
    assert settings.grading is GradingMethod.HIGHEST
    assert settings.feedback is FeedbackTiming.IMMEDIATE
    assert settings.pass_fraction == Fraction(3, 5)
    assert (settings.shuffle_questions, settings.shuffle_choices) == (True, True)
    assert talks_bank().source == Source()


def test_bank_question_lookup() -> None:
    bank = talks_bank()
    assert bank.question("talks-began").type_name == "true_false"
    with pytest.raises(UnknownQuestion) as raised:
        bank.question("missing")
    ids = ", ".join(question.id for question in bank.questions)
    assert str(raised.value) == (
        f"No question 'missing' in bank {bank.id!r}; its questions are: {ids}."
    )
    # Still a KeyError, for code that only asks whether the question is there.
    assert isinstance(raised.value, KeyError)


def test_bank_article_and_points() -> None:
    bank = talks_bank()
    assert [s.id for s in bank.parsed_article.sentences] == ["s1", "s2"]
    assert bank.total_points == 4


def test_attempt_fraction_is_weighted_by_points() -> None:
    bank = talks_bank()
    grades = {
        "host-city": bank.question("host-city").grade({"choice": "a"}),
        "talks-began": bank.question("talks-began").grade({"answer": "false"}),
        "order": bank.question("order").grade({"a": "2", "b": "1", "c": "3"}),
    }
    # 1 x 1 + 1 x 0 + 2 x 2/3 = 7/3 of 4 points
    assert attempt_fraction(bank, grades) == Fraction(7, 12)
    assert attempt_fraction(bank.questions, grades) == Fraction(7, 12)


def test_ungraded_questions_count_as_zero() -> None:
    bank = talks_bank()
    grades = {"host-city": Grade.for_fraction(Fraction(1))}
    assert attempt_fraction(bank, grades) == Fraction(1, 4)
    assert attempt_fraction(bank, {}) == 0
    assert attempt_fraction([], {}) == 0


ATTEMPTS = [Fraction(1, 2), Fraction(3, 4), Fraction(1, 3)]


@pytest.mark.parametrize(
    ("method", "expected"),
    [
        (GradingMethod.HIGHEST, Fraction(3, 4)),
        (GradingMethod.AVERAGE, Fraction(19, 36)),
        (GradingMethod.FIRST, Fraction(1, 2)),
        (GradingMethod.LAST, Fraction(1, 3)),
    ],
)
def test_aggregate(method: GradingMethod, expected: Fraction) -> None:
    assert aggregate(method, ATTEMPTS) == expected
    assert aggregate(method, [Fraction(2, 3)]) == Fraction(2, 3)
    assert aggregate(method, []) is None


def test_average_is_exact() -> None:
    thirds = [Fraction(1, 3)] * 3
    assert aggregate(GradingMethod.AVERAGE, thirds) == Fraction(1, 3)


def test_availability_runs_from_opening_until_closing() -> None:
    from datetime import UTC, datetime

    from quizapp.domain.quiz import Availability, availability

    opens, closes = datetime(2026, 3, 1, 9, tzinfo=UTC), datetime(2026, 3, 1, 10, tzinfo=UTC)
    before, during = (
        datetime(2026, 3, 1, 8, 59, tzinfo=UTC),
        datetime(2026, 3, 1, 9, 30, tzinfo=UTC),
    )
    assert availability(opens, closes, before) is Availability.UPCOMING
    assert availability(opens, closes, opens) is Availability.OPEN
    assert availability(opens, closes, during) is Availability.OPEN
    assert availability(opens, closes, closes) is Availability.CLOSED
    assert availability(None, None, during) is Availability.OPEN
    assert availability(None, closes, before) is Availability.OPEN


@pytest.mark.parametrize(
    ("method", "expected"),
    [("highest", [2]), ("first", [1]), ("last", [3]), ("average", [1, 2, 3])],
)
def test_picked_by_method(method: str, expected: list[int]) -> None:
    fractions = {1: Fraction(1, 2), 2: Fraction(3, 4), 3: Fraction(1, 4)}
    picked = picked_by_method(GradingMethod(method), [1, 2, 3], fractions.__getitem__)
    assert picked == expected
    assert picked_by_method(GradingMethod(method), [], fractions.__getitem__) == []


def test_highest_picks_the_earliest_of_equals() -> None:
    picked = picked_by_method(GradingMethod.HIGHEST, ["a", "b"], lambda _: Fraction(1, 2))
    assert picked == ["a"]
