"""QTI 1.2 as Canvas imports and exports it: a zip with ``imsmanifest.xml`` and one
``questestinterop`` assessment, each item typed by its ``question_type`` metadata.

This package is the format's entry in the registry (``name``, ``label``, ``extension``,
``media_type``, ``export``, ``parse``, ``recognises``): ``writing`` writes a bank as a package
Canvas imports as a quiz, ``reading`` takes Canvas exports back. The quiz settings travel in
Canvas's own ``assessment_meta.xml`` (``canvas_meta``).
"""

from __future__ import annotations

from quizapp.banks.formats.qti12.reading import parse, recognises
from quizapp.banks.formats.qti12.writing import export

name = "qti12"
label = "QTI 1.2 (Canvas)"
extension = "zip"
media_type = "application/zip"

__all__ = ["export", "extension", "label", "media_type", "name", "parse", "recognises"]
