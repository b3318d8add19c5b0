"""Reading an uploaded file from a form: its size is checked before it is kept, and a text file
must be UTF-8. A refused file sets the form field's error and gives None, so that the page is
shown again with the message beside the field."""

from __future__ import annotations

from typing import Any


def read_upload(field: Any, limit: int) -> bytes | None:
    """The uploaded file's bytes, or None (with the field's error) when it exceeds ``limit``."""
    data: bytes = field.data.read(limit + 1)
    if len(data) > limit:
        field.errors = [f"The file is larger than {limit // 1024} KB."]
        return None
    return data


def read_text_upload(field: Any, limit: int, *, not_text: str) -> str | None:
    """The uploaded file as text (a UTF-8 byte-order mark dropped), or None with the field's
    error: ``not_text`` when it is not UTF-8."""
    data = read_upload(field, limit)
    if data is None:
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        field.errors = [not_text]
        return None
