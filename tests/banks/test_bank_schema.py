"""The bank schema: its shorthands, and the committed JSON Schema that editors read."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest
from pydantic import ValidationError

from quizapp.banks import schema
from quizapp.config import PROJECT_ROOT

SCHEMA_JSON = PROJECT_ROOT / "question_banks" / schema.SCHEMA_FILE_NAME


def bank(*questions: dict[str, Any], **top: Any) -> dict[str, Any]:
    return {
        "id": "b",
        "title": "T",
        "article": "Cairo hosted talks.",
        "questions": list(questions),
        **top,
    }


def test_committed_json_schema_is_up_to_date() -> None:
    assert SCHEMA_JSON.read_text(encoding="utf-8") == schema.json_schema_text(), (
        f"question_banks/schema.json is stale; regenerate it with: {schema.REGENERATE_COMMAND}"
    )


def test_json_schema_describes_every_type_and_key_for_editors() -> None:
    exported = json.loads(SCHEMA_JSON.read_text(encoding="utf-8"))
    question_refs = exported["properties"]["questions"]["items"]["oneOf"]
    assert len(question_refs) == 9
    choice = exported["$defs"]["ChoiceSpec"]
    assert choice["additionalProperties"] is False
    assert (
        "correct" in choice["properties"]["correct"]["description"].lower()
        or choice["properties"]["correct"]["description"]
    )
    credit = exported["$defs"]["AnswerSpec"]["properties"]["credit"]
    assert credit == {**credit, "type": "number", "minimum": 0.0, "maximum": 1.0, "default": 1}
    assert exported["properties"]["schema"]["const"] == 1
    criterion = exported["$defs"]["CriterionSpec"]
    assert criterion["additionalProperties"] is False
    assert criterion["required"] == ["id", "text"]
    written = exported["$defs"]["WrittenResponseSpec"]["properties"]
    assert written["rubric"]["items"] == {"$ref": "#/$defs/CriterionSpec"}
    assert "model_answer" in written


def test_shorthands_expand_to_the_full_form() -> None:
    spec = schema.BankSpec.model_validate(
        bank(
            {
                "id": "q1",
                "type": "multiple_choice",
                "prompt": "Where?",
                "choices": [{"text": "Cairo", "correct": True}, "Ankara"],
                "evidence": "Cairo",
            },
            {"id": "q2", "type": "short_answer", "prompt": "Year?", "answers": 2020},
            {
                "id": "q3",
                "type": "ordering",
                "prompt": "Order",
                "items": ["one", {"id": "x", "text": "two"}],
            },
            {
                "id": "q4",
                "type": "numeric",
                "prompt": "How many?",
                "answer": 8,
                "tolerance": Decimal("0.5"),
            },
            quiz={"attempts": "unlimited"},
        )
    )
    mc, short, ordering, numeric = spec.questions
    assert isinstance(mc, schema.MultipleChoiceSpec)
    assert [(c.text, c.correct) for c in mc.choices] == [("Cairo", True), ("Ankara", False)]
    assert mc.evidence == ["Cairo"]
    assert isinstance(short, schema.ShortAnswerSpec)
    assert [a.text for a in short.answers] == ["2020"]  # a YAML number read as the words
    assert isinstance(ordering, schema.OrderingSpec)
    assert [(i.id, i.text) for i in ordering.items] == [(None, "one"), ("x", "two")]
    assert isinstance(numeric, schema.NumericSpec)
    assert (numeric.answer, numeric.tolerance) == (Decimal(8), Decimal("0.5"))
    assert spec.quiz.attempts == "unlimited"


@pytest.mark.parametrize("attempts", [0, -1, "many", 2.5, True])
def test_attempts_must_be_unlimited_or_a_positive_whole_number(attempts: Any) -> None:
    with pytest.raises(ValidationError, match="attempts must be 'unlimited'"):
        schema.QuizSpec.model_validate({"attempts": attempts})


def test_attempts_accepts_a_number() -> None:
    assert schema.QuizSpec.model_validate({"attempts": 3}).attempts == 3


def test_unknown_keys_are_errors_at_every_level() -> None:
    with pytest.raises(ValidationError) as raised:
        schema.BankSpec.model_validate(
            bank(
                {"id": "q", "type": "true_false", "prompt": "P", "answer": True, "hint": "x"},
                colour="red",
            )
        )
    assert sorted(e["type"] for e in raised.value.errors()) == ["extra_forbidden"] * 2
