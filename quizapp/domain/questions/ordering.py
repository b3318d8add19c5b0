"""Ordering: put items (usually events of the article) in order, with partial credit.

The response gives each item id its position 1..n (``{"a": "2", "b": "1", ...}``). Credit is
the share of item pairs placed in the right relative order (Kendall's pair agreement), exact:
swapping two neighbours of four items still earns 5/6. A response is complete only when the
positions are exactly 1..n, each used once.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from itertools import combinations
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
    rename_keys,
)
from quizapp.errors import ResponseError


@dataclass(frozen=True)
class OrderItem:
    """One thing to put in order: a stable id and its text."""

    id: str
    text: str


@dataclass(frozen=True, kw_only=True)
class Ordering(QuestionType):
    """Put ``items`` in order; the tuple holds them in the correct order."""

    type_name: ClassVar[str] = "ordering"

    items: tuple[OrderItem, ...]

    def expected_fields(self) -> Mapping[str, str]:
        return {item.id: f"position 1..{len(self.items)}" for item in self.items}

    def is_complete(self, response: Response) -> bool:
        return self._positions(response) is not None

    def grade(self, response: Response) -> Grade:
        positions = self._positions(response)
        if positions is None:
            return Grade.unanswered()
        pairs = list(combinations(positions, 2))  # in the correct order, earlier item first
        if not pairs:
            return Grade.for_fraction(Fraction(1))
        kept = sum(earlier < later for earlier, later in pairs)
        return Grade.for_fraction(Fraction(kept, len(pairs)))

    def correct_response(self) -> dict[str, str]:
        return {item.id: str(number) for number, item in enumerate(self.items, start=1)}

    def summarise(self, response: Response) -> str:
        """The item texts in the order the student chose: "first → second → third"."""
        positions = self._positions(response)
        if positions is None:
            return ""
        chosen = sorted(zip(positions, self.items, strict=True), key=lambda pair: pair[0])
        return " → ".join(item.text for _, item in chosen)

    def response_from_texts(self, texts: Sequence[str]) -> dict[str, str]:
        """The item texts in the order chosen; every item exactly once."""
        if not texts:
            return {}
        chosen = [pick_by_text(self.items, text, lambda item: item.text, "items") for text in texts]
        repeated = duplicates(item.text for item in chosen)
        if repeated:
            raise ResponseError(f"{repeated[0]!r} is placed more than once")
        if len(chosen) != len(self.items):
            raise ResponseError(f"all {len(self.items)} items must be placed, not {len(chosen)}")
        return {item.id: str(number) for number, item in enumerate(chosen, start=1)}

    def option_ids(self) -> tuple[str, ...]:
        return tuple(item.id for item in self.items)

    def rename_options(self, response: Response, rename: Callable[[str], str]) -> dict[str, str]:
        return rename_keys(response, rename)

    def display(self, article: Article) -> Display:
        return Display(options=tuple(ViewOption(item.id, item.text) for item in self.items))

    def draw_option_order(self, rng: random.Random, *, shuffle_choices: bool) -> list[str]:
        """Always shuffled, whatever the bank says, since the authored order is the answer.

        Every order is equally likely, the authored one included: ruling it out would tell a
        student something about the answer (with two items, all of it).
        """
        order = [item.id for item in self.items]
        rng.shuffle(order)
        return order

    def plausible_wrong(self, article: Article, rng: random.Random) -> dict[str, str]:
        """The right order with two neighbours swapped."""
        positions = list(range(1, len(self.items) + 1))
        if len(positions) > 1:
            i = rng.randrange(len(positions) - 1)
            positions[i], positions[i + 1] = positions[i + 1], positions[i]
        return {
            item.id: str(position) for item, position in zip(self.items, positions, strict=True)
        }

    def _type_problems(self) -> list[str]:
        problems: list[str] = []
        if len(self.items) < 2:
            problems.append("an ordering question needs at least two items")
        problems += [
            f"the item id {i!r} is used twice" for i in duplicates(x.id for x in self.items)
        ]
        problems += [
            f"the item {text!r} appears twice"
            for text in duplicates(loose(item.text) for item in self.items)
        ]
        problems += [
            f"item {item.id!r} has no text" for item in self.items if not item.text.strip()
        ]
        return problems

    def _positions(self, response: Response) -> list[int] | None:
        """The chosen position of each item (in correct order), or None if not a full ranking."""
        if not self.items:
            return None
        positions: list[int] = []
        for item in self.items:
            text = field_text(response, item.id)
            if not text.isdecimal():
                return None
            positions.append(int(text))
        if sorted(positions) != list(range(1, len(self.items) + 1)):
            return None
        return positions
