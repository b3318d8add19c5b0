"""Tests for grade states and the Grade value."""

from __future__ import annotations

from fractions import Fraction

import pytest

from quizapp.domain.grading import Grade, GradeState, state_for_fraction


@pytest.mark.parametrize(
    ("fraction", "state"),
    [
        (Fraction(1), GradeState.RIGHT),
        (Fraction(0), GradeState.WRONG),
        (Fraction(1, 3), GradeState.PARTIAL),
        (Fraction(99, 100), GradeState.PARTIAL),
    ],
)
def test_state_follows_the_fraction(fraction: Fraction, state: GradeState) -> None:
    assert state_for_fraction(fraction) is state
    assert Grade.for_fraction(fraction).state is state


@pytest.mark.parametrize("fraction", [Fraction(-1, 2), Fraction(3, 2)])
def test_fractions_outside_zero_to_one_are_refused(fraction: Fraction) -> None:
    with pytest.raises(ValueError, match="between 0 and 1"):
        state_for_fraction(fraction)


def test_unanswered_grade_earns_nothing() -> None:
    grade = Grade.unanswered()
    assert (grade.fraction, grade.state, grade.feedback, grade.matched) == (
        Fraction(0),
        GradeState.UNANSWERED,
        "",
        None,
    )


def test_states_are_their_names_as_strings() -> None:
    assert [str(state) for state in GradeState] == [
        "right",
        "partial",
        "wrong",
        "unanswered",
        "waiting",
    ]
