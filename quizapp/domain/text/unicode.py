"""What counts as text quizapp can keep: valid Unicode (no lone surrogates), no NUL, in NFC.

Every way text enters (forms, JSON, query strings, uploads) is checked with :func:`clean_text`
at the edge, so a lone surrogate cannot be stored and later fail to encode on a page or in a CSV,
and a NUL byte never reaches PostgreSQL, which refuses it. :func:`printable` is the fallback for
text stored before the check existed: it replaces what cannot be encoded instead of failing.
"""

from __future__ import annotations

import re
import unicodedata

_SURROGATE = re.compile("[\ud800-\udfff]")


class RefusedText(ValueError):
    """Text that cannot be kept; the message says what is wrong with it."""


def clean_text(value: str, *, where: str = "The text") -> str:
    """``value`` in Unicode NFC, or :class:`RefusedText` if it holds a lone surrogate or NUL."""
    if value.isascii():
        if "\x00" in value:
            raise RefusedText(f"{where} contains a NUL character; remove it and send it again.")
        return value
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise RefusedText(
            f"{where} contains a broken character (a lone UTF-16 surrogate); "
            "retype it and send it again."
        ) from None
    if "\x00" in value:
        raise RefusedText(f"{where} contains a NUL character; remove it and send it again.")
    return unicodedata.normalize("NFC", value)


def printable(value: str) -> str:
    """``value`` with any lone surrogate replaced by U+FFFD and NUL dropped: always encodable."""
    if value.isascii():
        return value.replace("\x00", "") if "\x00" in value else value
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        value = _SURROGATE.sub("\ufffd", value)
    return value.replace("\x00", "")
