"""Reading uploaded files: the size limit and the UTF-8 check set the field's error."""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from werkzeug.datastructures import FileStorage

from quizapp.web.uploads import read_text_upload, read_upload


@dataclass
class Field:
    """The two attributes of a WTForms file field that reading an upload uses."""

    data: FileStorage
    errors: list[str] = field(default_factory=list)


def upload(content: bytes) -> Field:
    return Field(FileStorage(io.BytesIO(content), filename="file.csv"))


def test_a_file_within_the_limit_is_read_whole() -> None:
    assert read_upload(upload(b"x" * 2048), 2048) == b"x" * 2048


def test_a_file_over_the_limit_is_refused_with_the_limit_in_kilobytes() -> None:
    big = upload(b"x" * 2049)
    assert read_upload(big, 2048) is None
    assert big.errors == ["The file is larger than 2 KB."]


def test_text_drops_the_byte_order_mark_and_refuses_other_encodings() -> None:
    assert read_text_upload(upload("\ufeffzoë".encode()), 100, not_text="x") == "zoë"
    latin = upload("zoë".encode("latin-1"))
    assert read_text_upload(latin, 100, not_text="Save it as CSV UTF-8.") is None
    assert latin.errors == ["Save it as CSV UTF-8."]
