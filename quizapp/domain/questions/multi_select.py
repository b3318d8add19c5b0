"""Multi-select: tick every right choice; partial credit that ticking everything cannot earn.

A response has one key per ticked choice id (``{"b": "1", "d": "1"}``). With k right choices,
each ticked right choice earns 1/k and each ticked wrong one costs 1/k, floored at 0.
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
    pick_by_text,
    rename_keys,
)
from quizapp.domain.questions.multiple_choice import (
    Choice,
    choice_display,
    choice_problems,
    draw_choice_order,
)

# Values a form may post for an unticked box that still sends its key.
_UNTICKED = frozenset({"", "0", "false", "off", "no"})


@dataclass(frozen=True, kw_only=True)
class MultiSelect(QuestionType):
    """Tick all the right choices (one or more) and none of the wrong ones."""

    type_name: ClassVar[str] = "multi_select"

    choices: tuple[Choice, ...]
    shuffle: bool = True

    def expected_fields(self) -> Mapping[str, str]:
        return {choice.id: "ticked (1)" for choice in self.choices}

    def is_complete(self, response: Response) -> bool:
        return bool(self._ticked(response))

    def grade(self, response: Response) -> Grade:
        ticked = self._ticked(response)
        if not ticked:
            return Grade.unanswered()
        right = sum(choice.correct for choice in self.choices)
        net = sum(1 if choice.correct else -1 for choice in ticked)
        fraction = max(Fraction(0), Fraction(net, right)) if right else Fraction(0)
        feedback = " ".join(choice.feedback for choice in ticked if choice.feedback)
        return Grade.for_fraction(fraction, feedback=feedback, matched=_texts(ticked))

    def correct_response(self) -> dict[str, str]:
        return {choice.id: "1" for choice in self.choices if choice.correct}

    def summarise(self, response: Response) -> str:
        return _texts(self._ticked(response))

    def response_from_texts(self, texts: Sequence[str]) -> dict[str, str]:
        """The choices whose texts are given, ticked."""
        return {
            pick_by_text(self.choices, text, lambda choice: choice.text, "choices").id: "1"
            for text in texts
        }

    def option_ids(self) -> tuple[str, ...]:
        return tuple(choice.id for choice in self.choices)

    def rename_options(self, response: Response, rename: Callable[[str], str]) -> dict[str, str]:
        return rename_keys(response, rename)

    def display(self, article: Article) -> Display:
        return choice_display(self.choices)

    def draw_option_order(self, rng: random.Random, *, shuffle_choices: bool) -> list[str]:
        return draw_choice_order(self.choices, rng, shuffle=shuffle_choices and self.shuffle)

    def plausible_wrong(self, article: Article, rng: random.Random) -> dict[str, str]:
        """All but one of the right choices, and one wrong choice."""
        right = [choice.id for choice in self.choices if choice.correct]
        wrong = [choice.id for choice in self.choices if not choice.correct]
        ticked = rng.sample(right, k=max(0, len(right) - 1)) + rng.sample(
            wrong, k=min(1, len(wrong))
        )
        return {choice_id: "1" for choice_id in ticked} or self.correct_response()

    def _type_problems(self) -> list[str]:
        problems = choice_problems(self.choices)
        if not any(choice.correct for choice in self.choices):
            problems.append("at least one choice must be correct")
        return problems

    def _ticked(self, response: Response) -> list[Choice]:
        return [
            choice
            for choice in self.choices
            if response.get(choice.id, "").strip().casefold() not in _UNTICKED
        ]


def _texts(choices: Sequence[Choice]) -> str:
    return "; ".join(choice.text for choice in choices)
