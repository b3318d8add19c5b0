"""Banks in and out of other formats for the web: exporting a visible version, importing a file.

Exporting checks access like a YAML download (``banks.visible_version``); importing turns any
supported file into bank YAML, which the caller saves like an uploaded YAML bank, so the same
checks and versioning apply.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy.orm as so

from quizapp.banks.formats import FORMATS, Notice
from quizapp.banks.formats.exporting import export_bank_text
from quizapp.banks.formats.importing import ImportResult as ImportResult
from quizapp.banks.formats.importing import import_file_bytes
from quizapp.db.models import User
from quizapp.errors import NotFound
from quizapp.services import banks as bank_service

YAML_SUFFIXES = (".yaml", ".yml")
UPLOAD_SUFFIXES = (*YAML_SUFFIXES, ".txt", ".gift", ".xml", ".zip", ".csv", ".xlsx")


@dataclass(frozen=True)
class ExportedFile:
    filename: str
    media_type: str
    content: bytes
    notices: list[Notice]


def format_labels() -> dict[str, str]:
    """Each export format's name and the label teachers see."""
    return {name: fmt.label for name, fmt in FORMATS.items()}


def export_version(
    session: so.Session, user: User, bank_id: int, number: int, format_name: str
) -> ExportedFile:
    """A bank version the user may see, written in ``format_name``."""
    fmt = FORMATS.get(format_name)
    if fmt is None:
        raise NotFound(f"There is no export format {format_name!r}.")
    version = bank_service.visible_version(session, user, bank_id, number)
    exported = export_bank_text(version.yaml_text, format_name, source_name=version.bank.slug)
    suffix = (
        "-gift" if format_name == "gift" else f"-{format_name}" if fmt.extension == "zip" else ""
    )
    filename = f"{version.bank.slug}-v{version.number}{suffix}.{fmt.extension}"
    return ExportedFile(filename, fmt.media_type, exported.content, exported.notices)


def import_upload(raw: bytes, filename: str, *, skip_unsupported: bool = False) -> ImportResult:
    """An uploaded GIFT, Moodle XML, QTI or spreadsheet file as bank YAML (or its issues).

    ``skip_unsupported`` leaves out the questions of types quizapp has none for (listed in the
    result's ``skipped``) instead of refusing the file.
    """
    return import_file_bytes(raw, filename, skip_unsupported=skip_unsupported)


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def spreadsheet_template_csv() -> bytes:
    from quizapp.banks.formats.spreadsheet import template_csv

    return template_csv().encode("utf-8")


def spreadsheet_template_xlsx() -> bytes:
    from quizapp.banks.formats.spreadsheet import template_xlsx

    return template_xlsx()
