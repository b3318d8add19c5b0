"""Multiple choice with one right answer, and the ``Choice`` value that multi-select shares.

A response names the chosen choice by its stable id (``{"choice": "a"}``), so the order the
choices were shown in never matters to grading.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping, Sequence
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
    duplicates,
    field_text,
    loose,
    pick_by_text,
    rename_value,
)
from quizapp.errors import ResponseError


@dataclass(frozen=True)
class Choice:
    """One option: a stable id, its text, whether it is right, and feedback when chosen."""

    id: str
    text: str
    correct: bool = False
    feedback: str = ""


def choice_problems(choices: Sequence[Choice]) -> list[str]:
    """Authoring problems that any list of choices can have."""
    problems: list[str] = []
    if len(choices) < 2:
        problems.append("a question with choices needs at least two of them")
    problems += [
        f"the choice id {id_!r} is used twice" for id_ in duplicates(c.id for c in choices)
    ]
    problems += [
        f"the choice {text!r} appears twice" for text in duplicates(loose(c.text) for c in choices)
    ]
    problems += [f"choice {c.id!r} has no text" for c in choices if not c.text.strip()]
    return problems


def choice_display(choices: Sequence[Choice]) -> Display:
    """The choices as options, in authored order."""
    return Display(options=tuple(ViewOption(choice.id, choice.text) for choice in choices))


def draw_choice_order(choices: Sequence[Choice], rng: random.Random, *, shuffle: bool) -> list[str]:
    """The choice ids in authored order, shuffled with ``rng`` when ``shuffle``."""
    order = [choice.id for choice in choices]
    if shuffle:
        rng.shuffle(order)
    return order


@dataclass(frozen=True, kw_only=True)
class MultipleChoice(QuestionType):
    """Pick the one right choice out of several."""

    type_name: ClassVar[str] = "multiple_choice"

    choices: tuple[Choice, ...]
    shuffle: bool = True

    def expected_fields(self) -> Mapping[str, str]:
        return {"choice": "choice id"}

    def is_complete(self, response: Response) -> bool:
        return self._chosen(response) is not None

    def grade(self, response: Response) -> Grade:
        chosen = self._chosen(response)
        if chosen is None:
            return Grade.unanswered()
        fraction = Fraction(1) if chosen.correct else Fraction(0)
        return Grade.for_fraction(fraction, feedback=chosen.feedback, matched=chosen.text)

    def correct_response(self) -> dict[str, str]:
        right = [choice for choice in self.choices if choice.correct]
        return {"choice": right[0].id} if right else {}

    def summarise(self, response: Response) -> str:
        chosen = self._chosen(response)
        return "" if chosen is None else chosen.text

    def response_from_texts(self, texts: Sequence[str]) -> dict[str, str]:
        """The choice whose text is the one text given; no texts means no answer."""
        if not texts:
            return {}
        if len(texts) > 1:
            raise ResponseError("a multiple-choice question takes one answer")
        chosen = pick_by_text(self.choices, texts[0], lambda choice: choice.text, "choices")
        return {"choice": chosen.id}

    def option_ids(self) -> tuple[str, ...]:
        return tuple(choice.id for choice in self.choices)

    def rename_options(self, response: Response, rename: Callable[[str], str]) -> dict[str, str]:
        return rename_value(response, "choice", rename)

    def display(self, article: Article) -> Display:
        return choice_display(self.choices)

    def draw_option_order(self, rng: random.Random, *, shuffle_choices: bool) -> list[str]:
        return draw_choice_order(self.choices, rng, shuffle=shuffle_choices and self.shuffle)

    def plausible_wrong(self, article: Article, rng: random.Random) -> dict[str, str]:
        """One of the wrong choices."""
        wrong = [choice.id for choice in self.choices if not choice.correct]
        return {"choice": rng.choice(wrong)} if wrong else self.correct_response()

    def _type_problems(self) -> list[str]:
        problems = choice_problems(self.choices)
        right = sum(choice.correct for choice in self.choices)
        if right != 1:
            problems.append(f"exactly one choice must be correct, not {right}")
        return problems

    def _chosen(self, response: Response) -> Choice | None:
        wanted = field_text(response, "choice")
        return next((choice for choice in self.choices if choice.id == wanted), None)
