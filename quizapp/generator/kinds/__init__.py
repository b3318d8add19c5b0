"""The question kinds a reading teacher writes, one module each, registered by name.

Importing this package registers every kind; :func:`kind_named` and :func:`all_kinds` look
them up.
"""

from __future__ import annotations

from quizapp.generator.kinds import (  # noqa: F401  (each module registers its kind)
    cause_effect,
    key_fact,
    main_idea,
    sentence_kinds,
    sequence,
    speaker_view,
    true_statement,
    vocabulary,
    written_response,
)
from quizapp.generator.kinds.registry import (
    KindContext,
    QuestionKind,
    UnknownKind,
    all_kinds,
    kind_named,
    register,
)

__all__ = ["KindContext", "QuestionKind", "UnknownKind", "all_kinds", "kind_named", "register"]
