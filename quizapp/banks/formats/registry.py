"""The known interchange formats by name, and guessing a file's format from its content.

``FORMATS`` read and write; ``READERS`` adds the import-only spreadsheets. Guessing tries the
most specific readers first (XML roots and package contents), GIFT, which accepts nearly any
text, last.
"""

from __future__ import annotations

from typing import Protocol, cast

from quizapp.banks.formats import gift, moodle_xml, qti3, qti12
from quizapp.banks.formats.base import BankFormat, Parsed
from quizapp.banks.formats.spreadsheet import CsvReader, XlsxReader


class BankReader(Protocol):
    """What importing needs of a format (``BankFormat`` without ``export``)."""

    name: str
    label: str

    def parse(self, raw: bytes, source_name: str) -> Parsed: ...

    def recognises(self, raw: bytes) -> bool: ...


FORMATS: dict[str, BankFormat] = {
    module.name: cast(BankFormat, module) for module in (gift, moodle_xml, qti3, qti12)
}
READERS: dict[str, BankReader] = {**FORMATS, "csv": CsvReader(), "xlsx": XlsxReader()}
_GUESS_ORDER = ("moodle-xml", "qti12", "qti3", "xlsx", "csv", "gift")


class UnknownFormat(ValueError):
    """A format name that is not registered; the message lists the known ones."""


def get_format(name: str) -> BankFormat:
    """The format called ``name``; UnknownFormat naming the known formats otherwise."""
    try:
        return FORMATS[name]
    except KeyError:
        known = ", ".join(FORMATS)
        raise UnknownFormat(f"unknown format {name!r}; known formats: {known}") from None


def get_reader(name: str) -> BankReader:
    """The reader called ``name`` (a format or a spreadsheet); UnknownFormat otherwise."""
    try:
        return READERS[name]
    except KeyError:
        known = ", ".join(READERS)
        raise UnknownFormat(f"unknown format {name!r}; known formats: {known}") from None


def guess_format(raw: bytes) -> BankReader | None:
    """The first reader (most specific first) that recognises the content, or None."""
    for reader_name in _GUESS_ORDER:
        if READERS[reader_name].recognises(raw):
            return READERS[reader_name]
    return None
