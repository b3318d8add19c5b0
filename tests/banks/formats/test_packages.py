"""Zip packages: written the same way every time, refused when unsafe (traversal, bombs)."""

from __future__ import annotations

import io
import zipfile

import pytest

from quizapp.banks.formats.importing import import_file_bytes
from quizapp.banks.formats.packages import (
    MAX_MEMBER_BYTES,
    PackageRefused,
    read_package,
    write_package,
)


def zipped(files: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as package:
        for name, content in files.items():
            package.writestr(name, content)
    return buffer.getvalue()


def test_a_written_package_reads_back_and_is_the_same_bytes_each_time() -> None:
    files = {"imsmanifest.xml": b"<manifest/>", "items/q1.xml": b"<item/>"}
    assert write_package(files) == write_package(files)
    assert read_package(write_package(files)) == files


@pytest.mark.parametrize(
    "name", ["../evil.xml", "/etc/passwd", "items/../../x.xml", "C:/x.xml", "a\\..\\b.xml"]
)
def test_path_traversal_is_refused(name: str) -> None:
    with pytest.raises(PackageRefused, match="outside the package"):
        read_package(zipped({"imsmanifest.xml": b"<m/>", name: b"x"}))


def test_a_zip_bomb_is_refused_before_it_is_inflated() -> None:
    bomb = zipped({"imsmanifest.xml": b"<m/>", "big.xml": b"\0" * (MAX_MEMBER_BYTES + 1)})
    with pytest.raises(PackageRefused, match="zip bomb"):
        read_package(bomb)


def test_a_highly_compressed_member_is_refused_even_under_the_size_limit() -> None:
    with pytest.raises(PackageRefused, match="zip bomb"):
        read_package(zipped({"a.xml": b"a" * 1_000_000}))


def test_a_broken_zip_is_a_clear_problem() -> None:
    result = import_file_bytes(b"PK\x03\x04 not really a zip", "broken.zip", format_name="qti3")
    assert result.yaml_text is None
    assert "not a readable zip file" in result.issues[0].message


def test_a_package_without_a_manifest_says_so() -> None:
    result = import_file_bytes(zipped({"item.xml": b"<x/>"}), "p.zip", format_name="qti3")
    assert result.yaml_text is None
    assert "imsmanifest.xml" in result.issues[0].message
