"""The bank loader under random input (hypothesis): whatever the text, loading gives a bank or
BankInvalid with positioned issues, never another exception; and validation agrees with it."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quizapp.banks import load_bank_text, validate_text
from quizapp.config import PROJECT_ROOT
from quizapp.errors import BankInvalid

SAMPLE_LINES = (
    (PROJECT_ROOT / "question_banks" / "turkey-egypt-talks-2021.yaml")
    .read_text(encoding="utf-8")
    .splitlines()
)
YAML_PIECES = st.sampled_from(
    ["questions:", "- ", "  - id: q", "type: multiple_choice", "choices:", "correct: true",
     "answers: [1, 2]", "{", "}", "[", "]", "&a", "*a", "!!python/object", "? ", ": ", "'", '"',
     "\t", "#", "---", "...", "5", "null", "~", "\x00", "\ud800", "é", "\u0301"]
)  # fmt: skip


def check(text: str) -> None:
    """Load ``text``; a refusal must carry at least one issue with a position inside the text."""
    try:
        bank = load_bank_text(text, source_name="fuzz.yaml")
    except BankInvalid as error:
        assert error.issues and all(issue.line >= 1 for issue in error.issues)
        assert validate_text(text, source_name="fuzz.yaml") != []
    else:
        assert bank.questions
        assert validate_text(text, source_name="fuzz.yaml") == []


@settings(max_examples=150, deadline=None, database=None)
@given(st.text(max_size=400))
def test_any_text_gives_a_bank_or_issues(text: str) -> None:
    check(text)


@settings(max_examples=150, deadline=None, database=None)
@given(st.lists(st.one_of(YAML_PIECES, st.text(max_size=12)), max_size=40).map(" ".join))
def test_yaml_looking_noise_gives_a_bank_or_issues(text: str) -> None:
    check(text)


@settings(max_examples=100, deadline=None, database=None)
@given(
    st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=len(SAMPLE_LINES) - 1),
            st.one_of(st.none(), YAML_PIECES, st.text(max_size=20)),
        ),
        min_size=1,
        max_size=6,
    )
)
def test_a_damaged_sample_bank_gives_a_bank_or_issues(
    edits: list[tuple[int, str | None]],
) -> None:
    lines = list(SAMPLE_LINES)
    for index, replacement in edits:
        if replacement is None:
            lines[index] = ""  # a line deleted
        else:
            lines[index] = lines[index][: len(lines[index]) // 2] + replacement
    check("\n".join(lines))


def test_the_undamaged_sample_loads() -> None:
    check("\n".join(SAMPLE_LINES))
    with pytest.raises(BankInvalid):
        load_bank_text("questions: 5\n", source_name="fuzz.yaml")
