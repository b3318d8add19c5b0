"""The result of grading one response: an exact fraction, the state it implies, and feedback.

``Grade`` is what every question type's ``grade()`` returns; ``state_for_fraction`` is the one
place that turns a fraction into right / partial / wrong, so that all types agree on it.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from fractions import Fraction


class GradeState(enum.StrEnum):
    """How a graded response is shown to people; ``UNANSWERED`` means nothing gradable was given."""

    RIGHT = "right"
    PARTIAL = "partial"
    WRONG = "wrong"
    UNANSWERED = "unanswered"
    # An answer only a teacher can grade, not yet marked: it earns nothing *yet*, and nothing
    # that shows a score may show one for it (see ``Grade.waiting``).
    WAITING = "waiting"


def state_for_fraction(fraction: Fraction) -> GradeState:
    """Right for 1, wrong for 0, partial in between; fractions outside 0..1 are a bug."""
    if not 0 <= fraction <= 1:
        raise ValueError(f"a grade fraction must lie between 0 and 1, not {fraction}")
    if fraction == 1:
        return GradeState.RIGHT
    if fraction == 0:
        return GradeState.WRONG
    return GradeState.PARTIAL


@dataclass(frozen=True)
class Grade:
    """The fraction (0..1, exact) a response earned, its state, and what to tell the student."""

    fraction: Fraction
    state: GradeState
    feedback: str = ""
    matched: str | None = None

    @classmethod
    def for_fraction(
        cls, fraction: Fraction, *, feedback: str = "", matched: str | None = None
    ) -> Grade:
        """A grade whose state follows from its fraction."""
        return cls(fraction, state_for_fraction(fraction), feedback, matched)

    @classmethod
    def waiting(cls) -> Grade:
        """The grade of an answer that waits for the teacher's marking (no points settled)."""
        return cls(Fraction(0), GradeState.WAITING)

    @property
    def settled(self) -> bool:
        """Whether the fraction is final: false only while the answer waits for marking."""
        return self.state != GradeState.WAITING

    @classmethod
    def unanswered(cls) -> Grade:
        """The grade of a response that is not complete: nothing earned, nothing to say."""
        return cls(Fraction(0), GradeState.UNANSWERED)
