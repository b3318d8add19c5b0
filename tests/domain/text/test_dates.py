"""Tests for reading dates at the precision written."""

from __future__ import annotations

import pytest

from quizapp.domain.text import DateValue, parse_date


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2020", DateValue(2020)),
        ("May 2021", DateValue(2021, 5)),
        ("sept. 2019", DateValue(2019, 9)),
        ("2021-05-05", DateValue(2021, 5, 5)),
        ("05 May 2021", DateValue(2021, 5, 5)),
        ("2021-02-30", None),
        ("05/05/2021", None),  # day-first or month-first: ambiguous, not read
        ("early January 2020", None),
        ("May", None),
    ],
)
def test_parse_date(text: str, value: DateValue | None) -> None:
    assert parse_date(text) == value
