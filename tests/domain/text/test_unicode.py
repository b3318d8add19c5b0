"""The rules for text quizapp keeps: NFC, no lone surrogate, no NUL; and the printable fallback."""

from __future__ import annotations

import pytest

from quizapp.domain.text import RefusedText, clean_text, printable


def test_clean_text_normalises_to_nfc() -> None:
    assert clean_text("Cafe\u0301") == "Caf\u00e9"
    assert clean_text("plain ascii") == "plain ascii"


@pytest.mark.parametrize("bad", ["a\x00b", "x\ud800y", "\udfff", "\u00e9\x00"])
def test_clean_text_refuses_nul_and_lone_surrogates_naming_the_place(bad: str) -> None:
    with pytest.raises(RefusedText, match=r"^The answer contains"):
        clean_text(bad, where="The answer")


def test_printable_replaces_what_cannot_be_encoded() -> None:
    assert printable("x\ud800y\x00z") == "x\ufffdyz"
    assert printable("\u00e9t\u00e9") == "\u00e9t\u00e9"
    printable("\udc80" * 3).encode("utf-8")
