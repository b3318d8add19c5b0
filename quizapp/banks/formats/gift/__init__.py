"""Moodle's GIFT text format (``question/format/gift``): write a bank, read what Moodle writes.

This package is the format's entry in the registry (``name``, ``label``, ``extension``,
``media_type``, ``export``, ``parse``, ``recognises``). ``syntax`` holds what both directions
share (escaping, the hint comment, the category line), ``writing`` writes a bank as GIFT and
``reading`` reads GIFT as Moodle's parser does.
"""

from __future__ import annotations

from quizapp.banks.formats.gift.reading import parse, recognises
from quizapp.banks.formats.gift.writing import export

name = "gift"
label = "Moodle GIFT"
extension = "txt"
media_type = "text/plain; charset=utf-8"

__all__ = ["export", "extension", "label", "media_type", "name", "parse", "recognises"]
