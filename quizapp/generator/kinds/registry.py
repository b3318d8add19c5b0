"""The question kinds by name: what each proposes and words, and its share of a bank.

A kind is one module that calls :func:`register`; adding a kind touches nothing else.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from quizapp.errors import InvalidInput
from quizapp.generator.model import ArticleAnalysis, Drafted

Proposer = Callable[[ArticleAnalysis, "KindContext"], Iterable[Drafted]]


@dataclass(frozen=True)
class KindContext:
    """What every kind may use beyond the analysis: the seed and the allowed question types."""

    seed: int
    types: frozenset[str]


@dataclass(frozen=True)
class QuestionKind:
    """A registered kind: its name, the reading skill it tests, its share and its proposer."""

    name: str
    skill: str
    share: float  # fraction of a bank's questions it may take
    propose: Proposer
    description: str
    default: bool = True  # drafted in a default bank; others only when their type is asked for


class UnknownKind(InvalidInput):
    """A kind name that no module registered."""


_KINDS: dict[str, QuestionKind] = {}


def register(
    name: str, *, skill: str, share: float, description: str, default: bool = True
) -> Callable[[Proposer], Proposer]:
    """Register the decorated function as the proposer of the kind ``name``."""

    def decorate(propose: Proposer) -> Proposer:
        _KINDS[name] = QuestionKind(name, skill, share, propose, description, default)
        return propose

    return decorate


def kind_named(name: str) -> QuestionKind:
    """The kind called ``name``; an unknown name is refused with the list of valid ones."""
    try:
        return _KINDS[name]
    except KeyError:
        valid = ", ".join(sorted(_KINDS))
        raise UnknownKind(f"Unknown question kind {name!r}; valid kinds: {valid}.") from None


def all_kinds() -> list[QuestionKind]:
    """Every registered kind, in registration order."""
    return list(_KINDS.values())
