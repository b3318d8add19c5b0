"""The slips a reader makes that several question types share: a nearby number, another name.

Types build their ``plausible_wrong`` responses from these (the demo class answers with them),
so a wrong answer looks like one a student who misread the article would give.
"""

from __future__ import annotations

import random
from decimal import Decimal

from quizapp.domain.article import Article


def nearby_number(value: Decimal, rng: random.Random) -> str:
    """A number a small step (1, 2, 3 or 10) above or below ``value``."""
    step = rng.choice([1, 2, 3, 10])
    return str(value + rng.choice([-step, step]))


def other_name(right: str, article: Article, rng: random.Random) -> str:
    """Another name from the article (the classic reading slip), else a garbled answer."""
    names = [name for name in article.named_spans() if name.casefold() != right.casefold()]
    return rng.choice(names) if names else right[::-1]
