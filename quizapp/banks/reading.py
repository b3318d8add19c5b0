"""The entry points for using a bank: text or file in, checked domain ``Bank`` out.

``load_bank_text`` and ``load_bank_file`` raise ``quizapp.errors.BankInvalid`` carrying every
issue, so a bank is either used whole or not at all. ``content_hash`` identifies a bank's
content for versioning (line endings do not count), and ``bank_summary`` reads a bank's id
and title without checking the rest, for listings.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from quizapp.banks.loading import DEFAULT_MAX_BYTES, load_yaml_text
from quizapp.banks.validation import check_file, check_text
from quizapp.domain.questions import QuestionTypeRegistry
from quizapp.domain.quiz import Bank
from quizapp.errors import BankInvalid


def load_bank_text(
    text: str,
    *,
    source_name: str = "<bank>",
    registry: QuestionTypeRegistry | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Bank:
    """The domain bank written in ``text``; BankInvalid with every issue otherwise."""
    checked = check_text(text, source_name, registry=registry, max_bytes=max_bytes)
    if checked.bank is None or checked.issues:
        raise BankInvalid(checked.issues)
    return checked.bank


def load_bank_file(
    path: str | Path,
    *,
    registry: QuestionTypeRegistry | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Bank:
    """The domain bank in the file at ``path``; BankInvalid with every issue otherwise."""
    checked = check_file(path, registry=registry, max_bytes=max_bytes)
    if checked.bank is None or checked.issues:
        raise BankInvalid(checked.issues)
    return checked.bank


def normalise_newlines(text: str) -> str:
    """The text with Windows and old Mac line endings turned into ``\\n``."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def content_hash(text: str) -> str:
    """SHA-256 (hex) of the text with normalised line endings: the identity of a version."""
    return hashlib.sha256(normalise_newlines(text).encode("utf-8")).hexdigest()


def bank_summary(text: str, *, source_name: str = "<bank>") -> dict[str, Any]:
    """``{"id": ..., "title": ...}`` read from the YAML alone (None where absent or not text).

    Only the safe loader runs, not the schema or content checks; unreadable YAML raises
    BankInvalid with the loading issues.
    """
    loaded = load_yaml_text(text, source_name)
    if loaded.fatal:
        raise BankInvalid(loaded.issues)
    data = loaded.data if isinstance(loaded.data, dict) else {}
    return {
        key: data.get(key) if isinstance(data.get(key), str) else None for key in ("id", "title")
    }
