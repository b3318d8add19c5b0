"""Tests for names: lists, a person's shorter forms, and acronyms an article defines."""

from __future__ import annotations

import pytest

from quizapp.domain.text import (
    acronym_definitions,
    distinctive_forms,
    looks_like_person,
    name_items,
    shorter_forms,
    without_titles,
)


def test_name_items_split_lists_on_and_commas_and_ampersands() -> None:
    assert name_items("Sedat Önal and Hamdi Sanad Loza") == ["sedat onal", "hamdi sanad loza"]
    assert name_items("Onal, Loza & Shoukry") == ["onal", "loza", "shoukry"]


def test_without_titles_drops_leading_titles_but_keeps_the_last_word() -> None:
    assert without_titles("mr hamdi loza") == "hamdi loza"
    assert without_titles("Ambassador Dr. Sedat Onal") == "Sedat Onal"
    assert without_titles("mr") == "mr"
    assert without_titles("ceo mona loza") == "ceo mona loza"


def test_without_titles_takes_another_list_of_titles() -> None:
    assert without_titles("ceo mona loza", titles=frozenset({"ceo"})) == "mona loza"
    assert without_titles("mr mona loza", titles=frozenset({"ceo"})) == "mr mona loza"


def test_shorter_forms_keep_the_surname() -> None:
    assert shorter_forms("hamdi sanad loza") == ["hamdi loza", "sanad loza", "loza"]
    assert shorter_forms("cairo") == []


@pytest.mark.parametrize(
    ("others", "forms"),
    [
        ([], ["hamdi loza", "sanad loza", "loza"]),
        (["hamdi loza", "loza"], ["hamdi loza", "sanad loza", "loza"]),  # the same person
        (["mona loza"], ["hamdi loza", "sanad loza"]),  # another Loza: the surname is ambiguous
        (["ahmed hamdi loza"], ["sanad loza"]),  # his "hamdi loza" and "loza" are shared
    ],
)
def test_distinctive_forms_leave_out_what_another_person_shares(
    others: list[str], forms: list[str]
) -> None:
    assert distinctive_forms("hamdi sanad loza", others) == forms


@pytest.mark.parametrize(
    ("name", "person"),
    [
        ("Hamdi Sanad Loza", True),
        ("Recep Tayyip Erdogan", True),
        ("Abdel Fattah el-Sisi", True),  # a lower-case particle inside the name
        ("Ludwig van Beethoven", True),
        ("el-Sisi", False),  # one word
        ("New York", False),
        ("Supreme Court", False),
        ("Bank of England", False),
        ("Cairo", False),
        ("early January 2020", False),
    ],
)
def test_looks_like_person(name: str, person: bool) -> None:
    assert looks_like_person(name) is person


def test_acronym_definitions_read_the_bracket_after_the_name() -> None:
    text = (
        "Officials at the Medicines and Healthcare products Regulatory Agency (MHRA) agreed. "
        "The North Atlantic Treaty Organization (NATO) met. He said (loudly) no. "
        "The plan (ABC) was new."
    )
    assert acronym_definitions(text) == {
        "MHRA": "Medicines and Healthcare products Regulatory Agency",
        "NATO": "North Atlantic Treaty Organization",
    }
