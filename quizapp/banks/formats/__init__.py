"""Interchange formats for banks: GIFT, Moodle XML, QTI 3.0 and Canvas's QTI 1.2.

Each format is one module or package exposing ``name``, ``label``, ``extension``, ``media_type``,
``export(spec)``, ``parse(raw, source_name)`` and ``recognises(raw)`` (the ``BankFormat``
protocol of ``base``); a package keeps writing and reading in modules of their own. In the
writer, a table maps each question type to its writer, so a new type adds one entry per format
and a new format is one module added to ``FORMATS``. ``exporting`` and ``importing`` are the
entry points the CLI and the web use.
"""

from __future__ import annotations

from quizapp.banks.formats.base import BankFormat, Notice
from quizapp.banks.formats.registry import FORMATS, UnknownFormat, get_format

__all__ = ["FORMATS", "BankFormat", "Notice", "UnknownFormat", "get_format"]
