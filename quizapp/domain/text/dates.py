"""Reading dates, for grading and for the generator: one reader of written dates.

``read_written_date`` reads a date as a sentence writes it, with its parts and their order
("early January 2020", "5 May", "May 5, 2021", "2013"), so that another date can be written the
same way. ``parse_date`` reads a whole answer as a date at the precision it was written: "2020"
is a year; "January 2020", "Jan. 2020", "2020-01" a month; "5 January 2020" a day. Two dates
are the same answer only at the same precision, so "2020" never equals "January 2020".
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


MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_MONTH_ABBREVIATIONS = (
    ("jan",),
    ("feb",),
    ("mar",),
    ("apr",),
    (),
    ("jun",),
    ("jul",),
    ("aug",),
    ("sept", "sep"),
    ("oct",),
    ("nov",),
    ("dec",),
)
MONTH_NUMBERS = {
    name: number
    for number, (month, short) in enumerate(
        zip(MONTH_NAMES, _MONTH_ABBREVIATIONS, strict=True), start=1
    )
    for name in (month.casefold(), *short)
}
_MONTH = "(?P<month_name>" + "|".join(sorted(MONTH_NUMBERS, key=len, reverse=True)) + r")\.?"
_ORDINAL_SUFFIX = r"(?:st|nd|rd|th)?\.?"
_WRITTEN_DATE = re.compile(
    r"(?P<qualifier>early|mid|mid-|late|the end of|the beginning of)?\s*"
    rf"(?:(?:(?P<day>\d{{1,2}}){_ORDINAL_SUFFIX}\s*(?:of\s+)?)?{_MONTH}"
    rf"(?:\s*(?P<day_after>\d{{1,2}}){_ORDINAL_SUFFIX})?)?,?\s*(?P<year>\d{{4}})?",
    re.IGNORECASE,
)
_YEAR = r"(?P<year>\d{4})"
_NUMERIC_DATE_FORMS = [
    re.compile(pattern)
    for pattern in (
        rf"{_YEAR}",
        rf"{_YEAR}[-/.](?P<month>\d{{1,2}})",
        rf"(?P<month>\d{{1,2}})[-/]{_YEAR}",
        rf"{_YEAR}[-/.](?P<month>\d{{1,2}})[-/.](?P<day>\d{{1,2}})",
    )
]


@dataclass(frozen=True)
class WrittenDate:
    """A date as a sentence writes it: a qualifier ("early"), a day, a month (1-12) and a
    year, each of them possibly missing, and whether the day came before the month."""

    qualifier: str
    day: int | None
    month: int | None
    year: int | None
    day_first: bool

    @property
    def parts(self) -> tuple[bool, bool, bool, bool]:
        """Which parts are written (qualifier, day, month, year): dates written alike have
        the same parts."""
        return (
            bool(self.qualifier),
            self.day is not None,
            self.month is not None,
            self.year is not None,
        )

    def written(self) -> str:
        """The date written out the way it was read ("early January 2020", "May 5, 2021")."""
        pieces: list[str] = []
        if self.qualifier:
            pieces.append(self.qualifier)
        month = MONTH_NAMES[self.month - 1] if self.month is not None else ""
        if self.day is not None and self.day_first:
            pieces.append(str(self.day))
        if month:
            pieces.append(month)
        if self.day is not None and not self.day_first:
            pieces.append(f"{self.day}," if self.year is not None else str(self.day))
        if self.year is not None:
            pieces.append(str(self.year))
        return " ".join(pieces)


def read_written_date(text: str) -> WrittenDate | None:
    """A whole text read as a date with a month name or a year ("early January 2020",
    "5th of May", "Sept. 3, 2021", "2013"), or None."""
    match = _WRITTEN_DATE.fullmatch(text.strip())
    if not match or not (match["month_name"] or match["year"]):
        return None
    day_text = match["day"] or match["day_after"]
    return WrittenDate(
        qualifier=(match["qualifier"] or "").lower(),
        day=int(day_text) if day_text else None,
        month=MONTH_NUMBERS[match["month_name"].casefold()] if match["month_name"] else None,
        year=int(match["year"]) if match["year"] else None,
        day_first=bool(match["day"]),
    )


def parse_date(text: str) -> DateValue | None:
    """A whole text read as a date at the precision written, or None.

    "2020" is a year; "January 2020", "Jan. 2020", "2020-01" a month; "2020-01-05",
    "5 January 2020", "January 5th, 2020" a day. All-numeric day forms other than ISO
    ("05/01/2020") are ambiguous between countries and are not read.
    """
    folded = " ".join(strip_diacritics(unicodedata.normalize("NFKC", text)).casefold().split())
    folded = re.sub(r"^the\s+", "", folded).rstrip(".")
    for form in _NUMERIC_DATE_FORMS:
        match = form.fullmatch(folded)
        if match is not None:
            fields = match.groupdict()
            month = int(fields["month"]) if fields.get("month") else None
            day = int(fields["day"]) if fields.get("day") else None
            return _valid(int(fields["year"]), month, day)
    written = read_written_date(folded)
    if written is None or written.qualifier or written.year is None or written.month is None:
        return None  # "early 2020" is not one date; a bare year was read above
    return _valid(written.year, written.month, written.day)


def _valid(year: int, month: int | None, day: int | None) -> DateValue | None:
    try:
        datetime.date(year, month or 1, day or 1)
    except ValueError:
        return None
    return DateValue(year, month, day)
