"""Reading an uploaded file from a form: its size is checked before it is kept, and a text file
must be UTF-8 and clean text (``quizapp.domain.text``). A refused file sets the form field's
error and gives None, so that the page is shown again with the message beside the field."""

from __future__ import annotations

from typing import Any

from quizapp.domain.text import RefusedText, clean_text


def read_upload(field: Any, limit: int) -> bytes | None:
    """The uploaded file's bytes, or None (with the field's error) when it exceeds ``limit``."""
    data: bytes = field.data.read(limit + 1)
    if len(data) > limit:
        field.errors = [f"The file is larger than {limit // 1024} KB."]
        return None
    return data


def read_text_upload(field: Any, limit: int, *, not_text: str) -> str | None:
    """The uploaded file as text (a UTF-8 byte-order mark dropped), or None with the field's
    error: ``not_text`` when it is not UTF-8, the reason when it holds a NUL or a broken
    character."""
    data = read_upload(field, limit)
    if data is None:
        return None
    try:
        return clean_text(data.decode("utf-8-sig"), where="The file")
    except UnicodeDecodeError:
        field.errors = [not_text]
        return None
    except RefusedText as error:
        field.errors = [str(error)]
        return None
