"""Tests for the short-answer matching rules, one table per rule."""

from __future__ import annotations

from fractions import Fraction

import pytest

from quizapp.banks.convert import edit_distance
from quizapp.domain.questions.matching import (
    Answer,
    ArticleNames,
    Leniency,
    MatchKind,
    display_answer,
    match_answer,
    typo_allowance,
    wildcard_pattern,
)

LENIENT = Leniency()
CITY_ENTITIES = frozenset({"Ankara", "Tobruk", "Cairo", "Libya", "Egypt", "Turkey"})


def kind_of(
    response: str,
    *answers: str,
    leniency: Leniency = LENIENT,
    distinct_entities: frozenset[str] = frozenset(),
) -> MatchKind | None:
    """How ``response`` matches the first matching of ``answers`` (None when none does)."""
    found = match_answer(
        response,
        [Answer(text) for text in answers],
        leniency=leniency,
        names=ArticleNames.of(distinct_entities),
        edit_distance=edit_distance,
    )
    return None if found is None else found.kind


@pytest.mark.parametrize(
    ("response", "expected"),
    [
        ("Ankara", None),
        ("cairo", MatchKind.EXACT),
        ("CAIRO!", MatchKind.EXACT),
        ("Ciaro", MatchKind.TYPO),
        ("Caiiro", MatchKind.TYPO),
        ("Cairns", None),  # an entity of the article: never accepted by leniency
        ("Cairn", None),  # as close to "Cairns" as to "Cairo": ambiguity is not forgiven
        ("Kario", None),  # two edits in five letters
    ],
)
def test_which_city_with_entity_guard(response: str, expected: MatchKind | None) -> None:
    entities = CITY_ENTITIES | {"Cairns"}
    assert kind_of(response, "Cairo", distinct_entities=entities) == expected


def test_typo_closer_to_another_entity_is_refused() -> None:
    entities = frozenset({"Davutoglu"})
    assert kind_of("Cavusoglou", "Cavusoglu", distinct_entities=entities) is MatchKind.TYPO
    assert kind_of("Cavutoglu", "Cavusoglu", distinct_entities=entities) is None
    assert kind_of("Cavutoglu", "Cavusoglu") is MatchKind.TYPO


def test_the_answer_itself_among_the_entities_does_not_block_it() -> None:
    entities = frozenset({"Sedat Onal", "Ambassador Sedat Onal", "Ankara"})
    assert kind_of("Onall", "Sedat Onal", "Onal", distinct_entities=entities) is MatchKind.TYPO


def test_exact_match_beats_an_earlier_lenient_one() -> None:
    found = match_answer(
        "Onal", [Answer("Onel", Fraction(1, 2)), Answer("Onal")], edit_distance=edit_distance
    )
    assert found is not None and found.answer.text == "Onal" and found.kind is MatchKind.EXACT


def test_first_lenient_match_gives_its_credit() -> None:
    found = match_answer(
        "Cairro",
        [Answer("Cairo", Fraction(1)), Answer("Cairro*", Fraction(0))],
        edit_distance=edit_distance,
    )
    assert found is not None and found.answer.credit == 1


def test_catch_all_wildcard_comes_after_leniency_of_earlier_answers() -> None:
    answers = [Answer("Cairo"), Answer("*", Fraction(0), "Read paragraph 1.")]
    found = match_answer("Ciaro", answers, edit_distance=edit_distance)
    assert found is not None and found.answer.text == "Cairo"
    found = match_answer("Paris", answers, edit_distance=edit_distance)
    assert found is not None and found.kind is MatchKind.WILDCARD and found.answer.credit == 0


@pytest.mark.parametrize(
    ("response", "expected"),
    [
        ("Jan. 2020", MatchKind.DATE),
        ("jan 2020", MatchKind.DATE),
        ("2020-01", MatchKind.DATE),
        ("2020/1", MatchKind.DATE),
        ("01/2020", MatchKind.DATE),
        ("January, 2020", MatchKind.EXACT),  # punctuation is dropped before comparing
        ("Jan. 2020", MatchKind.DATE),
        ("January 2020", MatchKind.EXACT),
        ("in January 2020", MatchKind.PREPOSITION),
        ("2020", None),  # less precise than the answer
        ("5 January 2020", None),  # more precise than the article says
        ("February 2020", None),
        ("Jan 2021", None),
        ("Janury 2020", None),  # no typo tolerance on dates
        ("2020-13", None),
    ],
)
def test_dates_at_the_answers_precision(response: str, expected: MatchKind | None) -> None:
    assert kind_of(response, "January 2020") == expected


@pytest.mark.parametrize(
    ("response", "expected"),
    [
        ("2020-01-05", MatchKind.DATE),
        ("5th of January 2020", MatchKind.DATE),
        ("January 5, 2020", MatchKind.DATE),
        ("Jan. 5th 2020", MatchKind.DATE),
        ("6 January 2020", None),
        ("January 2020", None),
    ],
)
def test_full_dates(response: str, expected: MatchKind | None) -> None:
    assert kind_of(response, "5 January 2020") == expected


def test_date_leniency_can_be_switched_off() -> None:
    assert kind_of("Jan. 2020", "January 2020", leniency=Leniency(dates=False)) is None


def test_years_never_match_by_typo() -> None:
    assert kind_of("2021", "2020") is None
    assert kind_of("2020", "2020") is MatchKind.EXACT


@pytest.mark.parametrize(
    ("response", "answer", "expected"),
    [
        ("two", "2", MatchKind.NUMBER),
        ("2", "2", MatchKind.EXACT),
        ("2.0", "2", MatchKind.NUMBER),  # numbers compare by value
        ("2.5", "2", None),
        ("21", "twenty-one", MatchKind.NUMBER),
        ("twenty one", "twenty-one", MatchKind.EXACT),
        ("8 years", "eight years", MatchKind.NUMBER),
        ("a hundred", "100", MatchKind.NUMBER),
        ("1,000", "one thousand", MatchKind.NUMBER),
        ("1st", "first", MatchKind.NUMBER),
        ("1", "first", None),  # an ordinal is not a cardinal
        ("three", "2", None),
        ("tow", "two", None),  # no typo tolerance on numbers
    ],
)
def test_numbers(response: str, answer: str, expected: MatchKind | None) -> None:
    assert kind_of(response, answer) == expected


def test_number_leniency_can_be_switched_off() -> None:
    assert kind_of("two", "2", leniency=Leniency(numbers=False)) is None


@pytest.mark.parametrize(
    ("response", "expected"),
    [
        ("Loza and Onal", MatchKind.NAME_SET),
        ("Onal, Loza", MatchKind.NAME_SET),
        ("Hamdi Sanad Loza & Sedat Onal", MatchKind.NAME_SET),
        ("Sedat Onal and Hamdi Sanad Loza", MatchKind.EXACT),
        ("Onall and Loza", MatchKind.NAME_SET),  # a typo in one name
        ("Onal", None),  # every name is needed
        ("Onal and Loza and Cavusoglu", None),  # and no extra one
        ("Sanad and Onal", None),  # a middle name does not stand for the person
        ("Onal and Onal", None),
    ],
)
def test_name_sets(response: str, expected: MatchKind | None) -> None:
    people = frozenset({"Sedat Onal", "Hamdi Sanad Loza", "Mevlut Cavusoglu"})
    assert (
        kind_of(response, "Sedat Onal and Hamdi Sanad Loza", distinct_entities=people) == expected
    )


def test_a_surname_in_a_list_needs_the_article_to_name_the_person() -> None:
    """Without the article's names nothing shows that "Loza" is distinctive."""
    assert kind_of("Loza and Onal", "Sedat Onal and Hamdi Sanad Loza") is None


def test_name_set_leniency_can_be_switched_off() -> None:
    off = Leniency(name_sets=False)
    assert kind_of("Loza and Onal", "Sedat Onal and Hamdi Sanad Loza", leniency=off) is None


@pytest.mark.parametrize(
    ("response", "pattern", "matches"),
    [
        ("Cairo", "*Cairo*", True),
        ("the university of Cairo in Egypt", "*Cairo*", True),
        ("Kairo", "*Cairo*", False),
        ("Mohamed Morsi", "Mohamed *", True),
        ("Mohamedan", "Mohamed *", False),
        ("anything at all", "*", True),
        ("0", "*", True),
        ("frog", "fr**g", True),
        ("frxxxg", "fr**g", True),
    ],
)
def test_wildcards(response: str, pattern: str, matches: bool) -> None:
    assert (kind_of(response, pattern) is MatchKind.WILDCARD) is matches


def test_escaped_star_is_a_literal_star() -> None:
    assert kind_of("a*b", "a\\*b") is MatchKind.EXACT
    assert kind_of("axb", "a\\*b") is None
    assert kind_of("5*3 or more", "5\\*3*") is MatchKind.WILDCARD


def test_wildcard_pattern_is_anchored_and_literal() -> None:
    pattern = wildcard_pattern("x.y*")
    assert pattern.fullmatch("x y and more") is not None
    assert pattern.fullmatch("xzy") is None
    assert pattern.fullmatch("before x y") is None


def test_display_answer_drops_wildcards() -> None:
    assert display_answer("*Cairo*") == "Cairo"
    assert display_answer("Mohamed * Morsi") == "Mohamed Morsi"
    assert display_answer("5 \\* 3") == "5 * 3"


@pytest.mark.parametrize(("letters", "edits"), [(3, 0), (4, 0), (5, 1), (8, 1), (9, 2), (30, 2)])
def test_typo_allowance_scales_with_length(letters: int, edits: int) -> None:
    assert typo_allowance(letters) == edits


def test_typo_examples() -> None:
    assert kind_of("Mediteranean Sea", "Mediterranean Sea") is MatchKind.TYPO
    assert kind_of("Medteranean Sea", "Mediterranean Sea") is MatchKind.TYPO  # two edits, long
    assert kind_of("Mdteranan Sea", "Mediterranean Sea") is None
    assert kind_of("Iraq", "Iran") is None  # four letters: nothing forgiven
