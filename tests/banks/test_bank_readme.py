"""Every YAML example in question_banks/README.md is a valid bank or bank fragment.

The convention (also stated in an HTML comment in the README): a block with ``article:`` is a
whole bank; a block that is a list holds questions, checked in place of the sample bank's
questions; any other block holds top-level keys that replace the sample bank's.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from quizapp.banks import dump_bank, validate_text
from quizapp.banks.loading import load_yaml_text
from quizapp.banks.schema import QUESTION_SPECS, QuizSpec
from quizapp.config import PROJECT_ROOT

README = PROJECT_ROOT / "question_banks" / "README.md"
SAMPLE = PROJECT_ROOT / "question_banks" / "turkey-egypt-talks-2021.yaml"
BLOCKS = re.findall(r"^```yaml\n(.*?)^```", README.read_text(encoding="utf-8"), re.M | re.S)


def as_bank(block: str) -> str:
    """The block itself when it is a whole bank, else the sample bank with the block in it."""
    data = load_yaml_text(block).data
    if isinstance(data, dict) and "article" in data:
        return block
    sample: dict[str, Any] = load_yaml_text(SAMPLE.read_text(encoding="utf-8")).data
    if isinstance(data, list):
        return dump_bank({**sample, "questions": data})
    assert isinstance(data, dict), f"a README example is neither a list nor a mapping:\n{block}"
    return dump_bank({**sample, **data})


def test_the_readme_has_examples() -> None:
    assert len(BLOCKS) >= 10


@pytest.mark.parametrize("block", BLOCKS, ids=[f"block-{n}" for n in range(len(BLOCKS))])
def test_readme_example_is_valid(block: str) -> None:
    issues = validate_text(as_bank(block), "README example")
    assert issues == [], "\n".join(issue.format() for issue in issues) + "\n" + block


def test_readme_shows_every_question_type_and_quiz_setting() -> None:
    examples = "\n".join(BLOCKS)
    for type_name in QUESTION_SPECS:
        assert f"type: {type_name}" in examples
    for setting in QuizSpec.model_fields:
        assert f"{setting}:" in examples
