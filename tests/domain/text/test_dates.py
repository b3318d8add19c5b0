"""Tests for reading dates at the precision written."""

from __future__ import annotations

import pytest

from quizapp.domain.text import DateValue, WrittenDate, parse_date, read_written_date


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


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("early January 2020", WrittenDate("early", None, 1, 2020, day_first=False)),
        ("5 May", WrittenDate("", 5, 5, None, day_first=True)),
        ("Sept. 3, 2021", WrittenDate("", 3, 9, 2021, day_first=False)),
        ("the 4th of July 1776", None),
        ("4th of July 1776", WrittenDate("", 4, 7, 1776, day_first=True)),
        ("2013", WrittenDate("", None, None, 2013, day_first=False)),
        ("late 1990", WrittenDate("late", None, None, 1990, day_first=False)),
        ("5 2020", None),
        ("last week", None),
    ],
)
def test_read_written_date(text: str, written: WrittenDate | None) -> None:
    assert read_written_date(text) == written


def test_a_written_date_is_written_back_the_way_it_was_read() -> None:
    for text in ("early January 2020", "5 May 2021", "May 5, 2021", "March 2019", "2013"):
        date = read_written_date(text)
        assert date is not None and date.written() == text
    assert read_written_date("5 May 2021").parts == read_written_date("9 June 1990").parts  # type: ignore[union-attr]
    assert read_written_date("May 2021").parts != read_written_date("2021").parts  # type: ignore[union-attr]
