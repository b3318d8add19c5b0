"""Tests for the question-type registry."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import ClassVar

import pytest

from quizapp.domain.grading import Grade
from quizapp.domain.questions import (
    Cloze,
    Evidence,
    MultipleChoice,
    MultiSelect,
    Numeric,
    Ordering,
    QuestionType,
    QuestionTypeRegistry,
    ShortAnswer,
    TrueFalse,
    WrittenResponse,
    default_registry,
)
from quizapp.errors import UnknownQuestionType


@dataclass(frozen=True, kw_only=True)
class Essay(QuestionType):
    """A type from outside the built-ins, to show that registries are extensible."""

    type_name: ClassVar[str] = "essay"

    def expected_fields(self) -> Mapping[str, str]:
        return {"answer": "text"}

    def is_complete(self, response: Mapping[str, str]) -> bool:
        return bool(response.get("answer"))

    def grade(self, response: Mapping[str, str]) -> Grade:
        return Grade.unanswered()

    def correct_response(self) -> dict[str, str]:
        return {}

    def summarise(self, response: Mapping[str, str]) -> str:
        return response.get("answer", "")

    def response_from_texts(self, texts: Sequence[str]) -> dict[str, str]:
        return {"answer": " ".join(texts)}

    def _type_problems(self) -> list[str]:
        return []


def test_default_registry_holds_the_nine_built_ins() -> None:
    registry = default_registry()
    assert registry.names() == (
        "multiple_choice",
        "multi_select",
        "true_false",
        "short_answer",
        "numeric",
        "cloze",
        "ordering",
        "evidence",
        "written_response",
    )
    expected = [MultipleChoice, MultiSelect, TrueFalse, ShortAnswer, Numeric, Cloze, Ordering]
    assert [registry.get(name) for name in registry.names()] == [
        *expected,
        Evidence,
        WrittenResponse,
    ]
    assert "cloze" in registry
    assert "essay" not in registry
    assert len(registry) == 9


def test_unknown_type_lists_the_known_names() -> None:
    with pytest.raises(UnknownQuestionType) as raised:
        default_registry().get("matching")
    message = str(raised.value)
    assert "'matching'" in message
    assert "multiple_choice, multi_select, true_false" in message


def test_each_default_registry_is_new() -> None:
    extended = default_registry()
    assert extended.register(Essay) is Essay
    assert extended.get("essay") is Essay
    assert "essay" not in default_registry()


def test_register_refuses_a_second_class_under_the_same_name() -> None:
    @dataclass(frozen=True, kw_only=True)
    class OtherCloze(Essay):
        type_name: ClassVar[str] = "cloze"

    registry = default_registry()
    registry.register(Cloze)  # registering the same class again is harmless
    with pytest.raises(ValueError, match="already registered"):
        registry.register(OtherCloze)


def test_empty_registry_says_so() -> None:
    with pytest.raises(UnknownQuestionType, match="known types: none"):
        QuestionTypeRegistry().get("cloze")
