"""Writing banks as YAML: readable layout, and text that loads back to the same bank."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

from quizapp.banks import append_question, dump_bank, load_bank_text
from quizapp.banks.loading import load_yaml_text
from quizapp.config import PROJECT_ROOT

SAMPLE = PROJECT_ROOT / "question_banks" / "turkey-egypt-talks-2021.yaml"


def test_the_sample_bank_round_trips() -> None:
    original = SAMPLE.read_text(encoding="utf-8")
    data = load_yaml_text(original).data
    written = dump_bank(data)
    assert load_bank_text(written) == load_bank_text(original)
    assert load_yaml_text(written).data == data


def test_layout_is_readable() -> None:
    data: dict[str, Any] = {
        "title": "Talks",
        "id": "talks",
        "article": "First paragraph.\n\nSecond paragraph.\n",
        "questions": [
            {
                "prompt": "Where?",
                "type": "multiple_choice",
                "id": "where",
                "choices": [{"text": "Cairo", "correct": True}, "Ankara"],
                "explanation": "Line one.\nLine two.",
            },
            {"id": "lead", "type": "short_answer", "prompt": "Who?", "answers": ["Onal"]},
        ],
    }
    written = dump_bank(data)
    assert written.startswith("# yaml-language-server: $schema=schema.json\nid: talks\n")
    assert "article: |\n  First paragraph.\n\n  Second paragraph.\n" in written
    assert "    choices: [{text: Cairo, correct: true}, Ankara]\n" in written
    assert "    explanation: |-\n      Line one.\n      Line two.\n" in written
    assert "  - id: where\n    type: multiple_choice\n    prompt: Where?\n" in written
    assert "\n\n  - id: lead\n" in written  # a blank line between questions
    assert load_bank_text(written).question("lead").prompt == "Who?"


def test_values_that_look_like_other_types_stay_what_they_are() -> None:
    data: dict[str, Any] = {
        "id": "types",
        "title": "true",
        "article": "The year 2020 was long.",
        "questions": [
            {
                "id": "year",
                "type": "short_answer",
                "prompt": "2020",
                "answers": ["2020", "no"],
                "points": Decimal("1.5"),
            },
            {
                "id": "share",
                "type": "numeric",
                "prompt": "Share?",
                "answers": [
                    {"value": Fraction(1, 4), "credit": Fraction(1, 2)},
                    {"value": 1, "credit": 1},
                ],
            },
        ],
    }
    reloaded = load_yaml_text(dump_bank(data)).data
    assert reloaded["title"] == "true"
    assert reloaded["questions"][0]["answers"] == ["2020", "no"]
    assert reloaded["questions"][0]["points"] == Decimal("1.5")
    assert reloaded["questions"][1]["answers"][0] == {
        "value": Decimal("0.25"),
        "credit": Decimal("0.5"),
    }


def test_long_choice_lists_are_written_one_per_line() -> None:
    long_choices = [f"A rather long distractor sentence number {n}" for n in range(4)]
    written = dump_bank(
        {
            "id": "x",
            "title": "T",
            "article": "A.",
            "questions": [
                {"id": "q", "type": "multiple_choice", "prompt": "P", "choices": long_choices}
            ],
        }
    )
    assert "    choices:\n      - A rather long distractor sentence number 0\n" in written


def test_append_question_keeps_the_teachers_text_and_comments() -> None:
    original = SAMPLE.read_text(encoding="utf-8").replace(
        "questions:\n", "questions:  # reviewed in class\n", 1
    )
    added = append_question(
        original,
        {
            "id": "new-one",
            "type": "short_answer",
            "prompt": "Which city hosted the consultations?",
            "answers": ["Cairo"],
            "evidence": "the Egyptian capital, Cairo",
        },
    )
    assert added.startswith(original.rstrip("\n"))
    assert "# reviewed in class" in added
    bank = load_bank_text(added)
    assert bank.questions[-1].id == "new-one"
    assert len(bank.questions) == len(load_bank_text(original).questions) + 1
