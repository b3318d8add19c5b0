"""True or false: the response is ``{"answer": "true"}`` or ``{"answer": "false"}``.

As in Moodle, ``feedback_true`` is shown to a student who answered "true" and
``feedback_false`` to one who answered "false", whichever is right.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import ClassVar

from quizapp.domain.article import Article
from quizapp.domain.grading import Grade
from quizapp.domain.questions.base import (
    Display,
    QuestionType,
    Response,
    ViewOption,
    field_text,
)
from quizapp.errors import ResponseError

_WORDS = {"true": True, "false": False, "t": True, "f": False, "yes": True, "no": False}
# True and false name themselves: they are not option ids, so a page shows them as they are.
_DISPLAY = Display(options=(ViewOption("true", "True"), ViewOption("false", "False")))


@dataclass(frozen=True, kw_only=True)
class TrueFalse(QuestionType):
    """Say whether a statement about the article is true."""

    type_name: ClassVar[str] = "true_false"

    answer: bool
    feedback_true: str = ""
    feedback_false: str = ""

    def expected_fields(self) -> Mapping[str, str]:
        return {"answer": "true or false"}

    def is_complete(self, response: Response) -> bool:
        return field_text(response, "answer") in ("true", "false")

    def grade(self, response: Response) -> Grade:
        if not self.is_complete(response):
            return Grade.unanswered()
        given = field_text(response, "answer") == "true"
        fraction = Fraction(1) if given == self.answer else Fraction(0)
        feedback = self.feedback_true if given else self.feedback_false
        return Grade.for_fraction(fraction, feedback=feedback, matched=_word(self.answer))

    def correct_response(self) -> dict[str, str]:
        return {"answer": "true" if self.answer else "false"}

    def summarise(self, response: Response) -> str:
        if not self.is_complete(response):
            return ""
        return _word(field_text(response, "answer") == "true")

    def response_from_texts(self, texts: Sequence[str]) -> dict[str, str]:
        """The word "true" or "false" (also "yes"/"no"); no texts means no answer."""
        if not texts:
            return {}
        word = " ".join(texts).strip().casefold()
        if word not in _WORDS:
            raise ResponseError(f"{' '.join(texts)!r} is neither true nor false")
        return {"answer": "true" if _WORDS[word] else "false"}

    def display(self, article: Article) -> Display:
        return _DISPLAY

    def plausible_wrong(self, article: Article, rng: random.Random) -> dict[str, str]:
        """The other word."""
        return {"answer": "false" if self.answer else "true"}

    def _type_problems(self) -> list[str]:
        return []


def _word(value: bool) -> str:
    return "True" if value else "False"
