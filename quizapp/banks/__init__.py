"""Question banks as files: the YAML format, its safe loading, validation and conversion.

A bank is one YAML file (``question_banks/*.yaml``) holding an article and the questions about
it. ``schema`` defines the format (and exports ``question_banks/schema.json``), ``loading``
reads YAML safely with positions, ``validation`` reports every problem as ``FILE:LINE:COL:
message``, ``convert`` builds the domain ``Bank``, ``reading`` ties these together and
``writing`` turns a bank dict back into readable YAML.
"""

from __future__ import annotations

from quizapp.banks.issues import Issue
from quizapp.banks.reading import bank_summary, content_hash, load_bank_file, load_bank_text
from quizapp.banks.validation import bank_files, validate_file, validate_text
from quizapp.banks.writing import append_question, dump_bank, with_fields

__all__ = [
    "Issue",
    "append_question",
    "bank_files",
    "bank_summary",
    "content_hash",
    "dump_bank",
    "load_bank_file",
    "load_bank_text",
    "validate_file",
    "validate_text",
    "with_fields",
]
