"""Numeric answers with a tolerance, Moodle-style: the first answer within range gives credit.

The response is ``{"answer": "<text>"}``: digits with thousands separators and decimals
("1,500.5"), or number words ("eight"), optionally followed by a unit ("8 years"). When the
question names a unit, a unit given in the response must be that one (plural or singular).
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import ClassVar

from quizapp.domain.article import Article
from quizapp.domain.grading import Grade
from quizapp.domain.questions.base import (
    Display,
    QuestionType,
    Response,
    credit_problems,
    field_text,
)
from quizapp.domain.questions.misreadings import nearby_number
from quizapp.domain.text import normalise, parse_number


@dataclass(frozen=True)
class NumericAnswer:
    """A value accepted within ``value ± tolerance`` (inclusive), with its credit and feedback."""

    value: Decimal
    tolerance: Decimal = Decimal(0)
    credit: Fraction = Fraction(1)
    feedback: str = ""

    def accepts(self, number: Decimal) -> bool:
        return abs(number - self.value) <= self.tolerance

    def describe(self, unit: str = "") -> str:
        text = _plain(self.value)
        if self.tolerance:
            text += f" ± {_plain(self.tolerance)}"
        return f"{text} {unit}".strip()


@dataclass(frozen=True, kw_only=True)
class Numeric(QuestionType):
    """Type a number."""

    type_name: ClassVar[str] = "numeric"
    accepts_typed_alternatives: ClassVar[bool] = True

    answers: tuple[NumericAnswer, ...]
    unit: str = ""

    def expected_fields(self) -> Mapping[str, str]:
        return {"answer": "number"}

    def is_complete(self, response: Response) -> bool:
        return field_text(response, "answer") != ""

    def grade(self, response: Response) -> Grade:
        if not self.is_complete(response):
            return Grade.unanswered()
        parsed = parse_number(field_text(response, "answer"))
        if parsed is None:
            return Grade.for_fraction(Fraction(0), feedback="That is not a number.")
        number, unit = parsed
        if unit and self.unit and not _same_unit(unit, self.unit):
            return Grade.for_fraction(Fraction(0), feedback=f"Give the answer in {self.unit}.")
        for answer in self.answers:
            if answer.accepts(number):
                return Grade.for_fraction(
                    answer.credit, feedback=answer.feedback, matched=answer.describe(self.unit)
                )
        return Grade.for_fraction(Fraction(0))

    def correct_response(self) -> dict[str, str]:
        full = [answer for answer in self.answers if answer.credit == 1] or list(self.answers)
        return {"answer": _plain(full[0].value)} if full else {}

    def summarise(self, response: Response) -> str:
        return field_text(response, "answer")

    def response_from_texts(self, texts: Sequence[str]) -> dict[str, str]:
        """The texts joined by spaces."""
        text = " ".join(texts).strip()
        return {"answer": text} if text else {}

    def display(self, article: Article) -> Display:
        return Display(unit=self.unit)

    def correct_answer_text(self, article: Article) -> str:
        text = self.summarise(self.correct_response())
        return f"{text} {self.unit}" if self.unit else text

    def plausible_wrong(self, article: Article, rng: random.Random) -> dict[str, str]:
        """A number near the first answer."""
        return {"answer": nearby_number(self.answers[0].value, rng)}

    def _type_problems(self) -> list[str]:
        if not self.answers:
            return ["the answers: there are none"]
        problems = credit_problems((answer.credit for answer in self.answers), "the answers")
        problems += [
            f"the answer {_plain(answer.value)} has a negative tolerance"
            for answer in self.answers
            if answer.tolerance < 0
        ]
        return problems


def _plain(value: Decimal) -> str:
    return format(value.normalize(), "f")


def _same_unit(given: str, expected: str) -> bool:
    def singular(unit: str) -> str:
        unit = normalise(unit)
        return unit[:-1] if unit.endswith("s") and len(unit) > 1 else unit

    return singular(given) == singular(expected)
