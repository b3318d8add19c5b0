"""Distractors: same kind, same format, never the answer again, the answer not always longest."""

from __future__ import annotations

import random

import pytest

from quizapp.domain.text import read_written_date
from quizapp.generator.distractors import (
    date_options,
    names_same_thing,
    number_options,
    options_for,
    pick_options,
)


def test_dates_keep_the_answers_precision() -> None:
    options = date_options("early January 2020", [], random.Random(0))
    assert len(options) >= 3
    for option in options:
        shape = read_written_date(option)
        assert shape is not None and shape.qualifier and shape.month is not None and shape.year
    years = date_options("2013", ["2011", "March"], random.Random(0))
    assert years[0] == "2011"
    assert all(len(y) == 4 and y.isdigit() for y in years)


def test_numbers_keep_magnitude_and_spelling() -> None:
    digits = number_options("122,000 drones", random.Random(0))
    assert digits and all(o.endswith(" drones") and "," in o for o in digits)
    words = number_options("eight years", random.Random(0))
    assert words and all(o.split()[0].isalpha() and o.endswith("years") for o in words)
    assert "eight years" not in words


def test_names_same_thing() -> None:
    assert names_same_thing("Onal", "Sedat Onal")
    assert names_same_thing("the Egyptian capital", "Cairo", ["the Egyptian capital"])
    assert names_same_thing("Recep Tayyip Erdogan", "President Erdogan")
    assert not names_same_thing("Ankara", "Cairo")


def test_cities_against_cities_from_the_article_first() -> None:
    entities = {"GPE": ["Turkey", "Egypt", "Cairo", "Ankara", "Libya", "Tobruk"]}
    options = options_for("Cairo", "GPE", entities, random.Random(1))
    assert len(options) == 3
    assert {"Ankara", "Tobruk"} <= set(options)
    assert not {"Turkey", "Egypt", "Libya", "Cairo"} & set(options)


def test_people_fall_back_on_invented_names() -> None:
    options = options_for("Sedat Onal", "PERSON", {"PERSON": ["Sedat Onal"]}, random.Random(0))
    assert len(options) == 3 and all(len(o.split()) >= 2 for o in options)


def test_the_answer_is_not_left_the_longest() -> None:
    answer = "Hamdi Sanad Loza"
    options = pick_options(
        answer, ["Sisi", "Morsi", "Gaddafi", "Mevlut Cavusoglu"], random.Random(0)
    )
    assert any(len(o) >= len(answer) for o in options)


@pytest.mark.parametrize("answer", ["78%", "59 per cent", "90 percent"])
def test_a_share_is_never_offered_above_the_whole(answer: str) -> None:
    for seed in range(20):
        for option in number_options(answer, random.Random(seed)):
            assert float(option.split("%")[0].split()[0]) <= 100, option


def test_a_growth_above_the_whole_may_grow_further() -> None:
    assert any(float(o.rstrip("%")) > 150 for o in number_options("120%", random.Random(1)))
