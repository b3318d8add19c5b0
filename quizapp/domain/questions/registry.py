"""The registry that maps a ``type_name`` (the ``type:`` of a bank question) to its class.

A registry is an ordinary object: ``questions.default_registry()`` builds a fresh one holding
the built-in types, and a test or plug-in that needs another type registers it on its own
instance, so no module-level state is ever mutated.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TypeVar

from quizapp.domain.questions.base import QuestionType
from quizapp.errors import UnknownQuestionType

T = TypeVar("T", bound=QuestionType)


class QuestionTypeRegistry:
    """Question type classes by name, in the order they were registered."""

    def __init__(self) -> None:
        self._types: dict[str, type[QuestionType]] = {}

    def register(self, cls: type[T]) -> type[T]:
        """Add a type under its ``type_name``; returns the class, so it works as a decorator."""
        name = getattr(cls, "type_name", "")
        if not name:
            raise ValueError(f"{cls.__name__} has no type_name")
        if name in self._types and self._types[name] is not cls:
            raise ValueError(f"the question type {name!r} is already registered")
        self._types[name] = cls
        return cls

    def get(self, type_name: str) -> type[QuestionType]:
        """The class for a name; UnknownQuestionType (listing the known names) otherwise."""
        try:
            return self._types[type_name]
        except KeyError:
            known = ", ".join(self._types) or "none"
            raise UnknownQuestionType(
                f"unknown question type {type_name!r}; known types: {known}"
            ) from None

    def names(self) -> tuple[str, ...]:
        return tuple(self._types)

    def __contains__(self, type_name: object) -> bool:
        return type_name in self._types

    def __iter__(self) -> Iterator[str]:
        return iter(self._types)

    def __len__(self) -> int:
        return len(self._types)
