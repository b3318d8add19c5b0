"""Tests for reading numbers in digits and words."""

from __future__ import annotations

from decimal import Decimal

import pytest

from quizapp.domain.text import (
    NumberInText,
    canonical_numbers,
    number_in,
    parse_number,
    spelled_number,
)


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("one hundred and five", "105"),
        ("two thousand and twenty", "2020"),
        ("1.5 million people", "1500000 people"),
        ("twenty first century", "21st century"),
        ("eleventh hour", "11th hour"),
        ("two three", "2 3"),
        ("one and two", "1 and 2"),
        ("a lot", "a lot"),
        ("nine hundred ninety nine thousand", "999000"),
    ],
)
def test_canonical_numbers(text: str, canonical: str) -> None:
    assert canonical_numbers(text) == canonical


@pytest.mark.parametrize(
    ("text", "parsed"),
    [
        ("8", (Decimal(8), "")),
        ("1,500.5 km", (Decimal("1500.5"), "km")),
        ("eight years", (Decimal(8), "years")),
        ("-3", (Decimal(-3), "")),
        ("minus two", (Decimal(-2), "")),
        (".5", (Decimal("0.5"), "")),
        ("1.5 million", (Decimal(1500000), "")),
        ("a hundred", (Decimal(100), "")),
        ("8 or 9", None),
        ("about 8", None),
        ("first", None),
        ("", None),
    ],
)
def test_parse_number(text: str, parsed: tuple[Decimal, str] | None) -> None:
    assert parse_number(text) == parsed


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("about 1,500 km away", NumberInText(Decimal(1500), "about ", " km away", "1,500")),
        ("2.5 litres", NumberInText(Decimal("2.5"), "", " litres", "2.5")),
        ("eight years", NumberInText(Decimal(8), "", "years", "")),
        ("Twenty one people", NumberInText(Decimal(21), "", "people", "")),
        ("the first day", None),
        ("no number here", None),
    ],
)
def test_number_in(text: str, found: NumberInText | None) -> None:
    assert number_in(text) == found


@pytest.mark.parametrize(
    ("value", "words"),
    [(0, "zero"), (7, "seven"), (13, "thirteen"), (42, "forty two"), (100, None)],
)
def test_spelled_number(value: int, words: str | None) -> None:
    assert spelled_number(value) == words
