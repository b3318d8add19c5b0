"""``python -m quizapp.banks`` prints the bank JSON Schema (kept in question_banks/schema.json)."""

from __future__ import annotations

import sys

from quizapp.banks.schema import json_schema_text

if __name__ == "__main__":
    sys.stdout.write(json_schema_text())
