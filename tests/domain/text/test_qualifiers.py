"""Tests for the small rewrites grading compares through: qualifiers, prepositions, per cent and
acronyms (all in ``quizapp.domain.text.normalise``)."""

from __future__ import annotations

import pytest

from quizapp.domain.text import join_acronyms, spell_per_cent, split_qualifier, without_preposition


@pytest.mark.parametrize(
    ("text", "split"),
    [
        ("early January 2020", ("early", "January 2020")),
        ("mid-2019", ("mid", "2019")),
        ("the end of March", ("late", "March")),
        ("up to 20%", ("up to", "20%")),
        ("About 3,000", ("about", "3,000")),
        ("around 3,000", ("about", "3,000")),
        ("more than 200", ("more than", "200")),
        ("midnight", ("", "midnight")),  # a word that only starts like a qualifier
        ("Cairo", ("", "Cairo")),
        ("early", ("", "early")),  # nothing after it
    ],
)
def test_split_qualifier(text: str, split: tuple[str, str]) -> None:
    assert split_qualifier(text) == split


@pytest.mark.parametrize(
    ("text", "without"),
    [
        ("in 2013", "2013"),
        ("on tuesday", "tuesday"),
        ("in the city", "city"),
        ("before 2013", "before 2013"),  # changes the value: kept
        ("in", "in"),
    ],
)
def test_without_preposition(text: str, without: str) -> None:
    assert without_preposition(text) == without


@pytest.mark.parametrize(
    "text", ["20 per cent", "20 percent", "20%", "20 pct", "20 Per Cent", "20percent"]
)
def test_spell_per_cent(text: str) -> None:
    assert spell_per_cent(text) == "20 percent"
    assert spell_per_cent(text, "%") == "20%"


@pytest.mark.parametrize(
    ("text", "joined"),
    [
        ("N.A.T.O.", "NATO"),
        ("N A T O", "NATO"),
        ("n.a.t.o", "nato"),
        ("a U.S. official", "a US official"),
        ("Plan B", "Plan B"),
        ("a b c", "a b c"),  # lower-case letters with spaces are words, not an acronym
    ],
)
def test_join_acronyms(text: str, joined: str) -> None:
    assert join_acronyms(text) == joined
