"""QTI 3.0 content packages (1EdTech): a zip with ``imsmanifest.xml``, the article as a shared
``qti-assessment-stimulus``, one ``qti-assessment-item`` per question that refers to it, and a
``qti-assessment-test`` that lists them in order with their points as weights.

This package is the format's entry in the registry (``name``, ``label``, ``extension``,
``media_type``, ``export``, ``parse``, ``recognises``). ``elements`` holds the vocabulary both
directions share, ``writing`` builds the package of the ``items`` one per question, ``scoring``
the response processing that scores as quizapp does, and ``reading`` takes packages back
(quizapp's own and simpler ones).
"""

from __future__ import annotations

from quizapp.banks.formats.qti3.reading import parse, recognises
from quizapp.banks.formats.qti3.writing import export

name = "qti3"
label = "QTI 3.0 package"
extension = "zip"
media_type = "application/zip"

__all__ = ["export", "extension", "label", "media_type", "name", "parse", "recognises"]
