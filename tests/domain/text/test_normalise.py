"""Tests for the compared form of a text."""

from __future__ import annotations

import pytest

from quizapp.domain.text import normalise


@pytest.mark.parametrize(
    ("text", "normalised"),
    [
        ("  The Sedat  Önal! ", "sedat onal"),
        ("Çavuşoğlu", "cavusoglu"),
        ("Egypt's capital", "egypts capital"),
        ("A hundred", "hundred"),
        ("the", "the"),
        ("1,000 troops", "1000 troops"),
        ("2.5", "2.5"),
        ("el-Sisi", "el sisi"),
        ("\uff23\uff41\uff49\uff52\uff4f", "cairo"),  # full-width letters, folded by NFKC
        ("Straße", "strasse"),
    ],
)
def test_normalise(text: str, normalised: str) -> None:
    assert normalise(text) == normalised


def test_normalise_keeps_case_when_asked() -> None:
    assert normalise("The NATO summit", case_sensitive=True) == "NATO summit"
