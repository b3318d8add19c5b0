"""Reading a date at the precision it was written: a year, a month of a year, or a day.

"2020" is a year; "January 2020", "Jan. 2020", "2020-01" a month; "5 January 2020" a day.
Two dates are the same answer only at the same precision, so "2020" never equals
"January 2020".
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass

from quizapp.domain.text.normalise import strip_diacritics


@dataclass(frozen=True, order=True)
class DateValue:
    """A date as precise as it was written: a year, a month of a year, or a day."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> str:
        """ "year", "month" or "day"."""
        if self.day is not None:
            return "day"
        return "year" if self.month is None else "month"


MONTH_NUMBERS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = "(?P<month_name>" + "|".join(sorted(MONTH_NUMBERS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\.?"
_YEAR = r"(?P<year>\d{4})"
_DATE_FORMS = [
    re.compile(pattern)
    for pattern in (
        rf"{_YEAR}",
        rf"{_YEAR}[-/.](?P<month>\d{{1,2}})",
        rf"(?P<month>\d{{1,2}})[-/]{_YEAR}",
        rf"{_YEAR}[-/.](?P<month>\d{{1,2}})[-/.](?P<day>\d{{1,2}})",
        rf"{_MONTH},?\s*{_YEAR}",
        rf"{_DAY}\s*(?:of\s+)?{_MONTH},?\s*{_YEAR}",
        rf"{_MONTH}\s*{_DAY},?\s*{_YEAR}",
    )
]


def parse_date(text: str) -> DateValue | None:
    """A whole text read as a date at the precision written, or None.

    "2020" is a year; "January 2020", "Jan. 2020", "2020-01" a month; "2020-01-05",
    "5 January 2020", "January 5th, 2020" a day. All-numeric day forms other than ISO
    ("05/01/2020") are ambiguous between countries and are not read.
    """
    folded = " ".join(strip_diacritics(unicodedata.normalize("NFKC", text)).casefold().split())
    folded = re.sub(r"^the\s+", "", folded).rstrip(".")
    for form in _DATE_FORMS:
        match = form.fullmatch(folded)
        if match is None:
            continue
        fields = match.groupdict()
        year = int(fields["year"])
        month_name = fields.get("month_name")
        month_digits = fields.get("month")
        month = (
            MONTH_NUMBERS[month_name] if month_name else int(month_digits) if month_digits else None
        )
        day = int(fields["day"]) if fields.get("day") else None
        try:
            datetime.date(year, month or 1, day or 1)
        except ValueError:
            return None
        return DateValue(year, month, day)
    return None
