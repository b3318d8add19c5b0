"""Exporting a bank file to an interchange format: validate it, then let the format write it."""

from __future__ import annotations

from pathlib import Path

from quizapp.banks.formats.base import Exported
from quizapp.banks.formats.registry import get_format
from quizapp.banks.validation import check_file, check_text
from quizapp.errors import BankInvalid


def export_bank_text(text: str, format_name: str, *, source_name: str = "<bank>") -> Exported:
    """The bank written in ``text`` in the named format; BankInvalid if the bank has issues."""
    fmt = get_format(format_name)
    checked = check_text(text, source_name)
    if checked.spec is None or checked.issues:
        raise BankInvalid(checked.issues)
    return fmt.export(checked.spec)


def export_bank_file(path: Path, format_name: str) -> Exported:
    """Like ``export_bank_text`` for a bank file."""
    fmt = get_format(format_name)
    checked = check_file(path)
    if checked.spec is None or checked.issues:
        raise BankInvalid(checked.issues)
    return fmt.export(checked.spec)
