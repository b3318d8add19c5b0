"""Zip packages (QTI content packages), written deterministically and read defensively.

An uploaded package is never extracted to disk: members are read into memory, one by one, and
only after their names and sizes pass the checks. Absolute names, ``..`` steps, backslashes and
drive letters are refused (path traversal), as are packages with too many members, members
larger than ``MAX_MEMBER_BYTES`` once inflated, a total beyond ``MAX_TOTAL_BYTES`` or a
compression ratio no real XML reaches (zip bombs). The sizes in the zip directory can lie, so
reading stops as soon as the inflated bytes pass the limit, whatever the directory says.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import PurePosixPath

MAX_MEMBERS = 2000
MAX_MEMBER_BYTES = 10 * 1024 * 1024
MAX_TOTAL_BYTES = 50 * 1024 * 1024
MAX_RATIO = 200
# A fixed date keeps the bytes of an export the same from one run to the next.
_DATE = (2020, 1, 1, 0, 0, 0)


class PackageRefused(ValueError):
    """The package cannot be used; the message says why."""


def is_zip(raw: bytes) -> bool:
    return raw[:4] == b"PK\x03\x04"


def write_package(files: dict[str, bytes]) -> bytes:
    """A zip holding ``files`` (name -> bytes) in the order given."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for member, content in files.items():
            info = zipfile.ZipInfo(member, date_time=_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            package.writestr(info, content)
    return buffer.getvalue()


def _safe_name(member: str) -> str:
    path = PurePosixPath(member)
    if (
        "\\" in member
        or member.startswith("/")
        or ".." in path.parts
        or (path.parts and ":" in path.parts[0])
    ):
        raise PackageRefused(f"the package member {member!r} points outside the package; refused")
    return str(path)


def read_package(raw: bytes) -> dict[str, bytes]:
    """Every file of a zip package by its name; PackageRefused when it is unsafe or broken."""
    try:
        package = zipfile.ZipFile(io.BytesIO(raw))
    except (zipfile.BadZipFile, ValueError) as error:
        raise PackageRefused(f"not a readable zip file ({error})") from None
    with package:
        members = [info for info in package.infolist() if not info.is_dir()]
        if len(members) > MAX_MEMBERS:
            raise PackageRefused(f"the package has more than {MAX_MEMBERS} files")
        files: dict[str, bytes] = {}
        total = 0
        for info in members:
            name = _safe_name(info.filename)
            if info.file_size > MAX_MEMBER_BYTES or (
                info.compress_size and info.file_size / info.compress_size > MAX_RATIO
            ):
                raise PackageRefused(_bomb(name))
            try:
                with package.open(info) as member:
                    content = member.read(MAX_MEMBER_BYTES + 1)
            except (zipfile.BadZipFile, OSError, NotImplementedError, RuntimeError) as error:
                raise PackageRefused(f"cannot read {name!r} from the package ({error})") from None
            total += len(content)
            if len(content) > MAX_MEMBER_BYTES or total > MAX_TOTAL_BYTES:
                raise PackageRefused(_bomb(name))
            files[name] = content
        return files


def _bomb(name: str) -> str:
    return (
        f"{name!r} inflates beyond the limits ({MAX_MEMBER_BYTES // (1024 * 1024)} MB a file, "
        f"{MAX_TOTAL_BYTES // (1024 * 1024)} MB in all); refused as a possible zip bomb"
    )
