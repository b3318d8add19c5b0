"""The known interchange formats by name, and guessing a file's format from its content."""

from __future__ import annotations

from typing import cast

from quizapp.banks.formats import gift, moodle_xml, qti3, qti12
from quizapp.banks.formats.base import BankFormat

FORMATS: dict[str, BankFormat] = {
    module.name: cast(BankFormat, module) for module in (gift, moodle_xml, qti3, qti12)
}


class UnknownFormat(ValueError):
    """A format name that is not registered; the message lists the known ones."""


def get_format(name: str) -> BankFormat:
    """The format called ``name``; UnknownFormat naming the known formats otherwise."""
    try:
        return FORMATS[name]
    except KeyError:
        known = ", ".join(FORMATS)
        raise UnknownFormat(f"unknown format {name!r}; known formats: {known}") from None


def guess_format(raw: bytes) -> BankFormat | None:
    """The first format (most specific first) that recognises the content, or None."""
    for fmt in sorted(FORMATS.values(), key=lambda f: f.name == "gift"):
        if fmt.recognises(raw):
            return fmt
    return None
