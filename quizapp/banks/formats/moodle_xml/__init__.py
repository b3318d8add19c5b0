"""Moodle XML (``question/format/xml``): write a bank, read what Moodle writes.

This package is the format's entry in the registry (``name``, ``label``, ``extension``,
``media_type``, ``export``, ``parse``, ``recognises``). ``vocabulary`` holds what both
directions agree on (quizapp's tags, the ordering grading type), ``writing`` writes a bank as
Moodle XML and ``reading`` reads what Moodle writes. A written response is an ``essay`` whose
grader information holds the model answer and the rubric (``marking_guide``).
"""

from __future__ import annotations

from quizapp.banks.formats.moodle_xml.reading import parse, recognises
from quizapp.banks.formats.moodle_xml.writing import export

name = "moodle-xml"
label = "Moodle XML"
extension = "xml"
media_type = "application/xml"

__all__ = ["export", "extension", "label", "media_type", "name", "parse", "recognises"]
