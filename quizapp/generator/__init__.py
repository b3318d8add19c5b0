"""From an article's text to a draft question bank, offline, with one spaCy parse per article.

Entry points: :func:`ask` (the question whose answer is a selected span), :func:`draft_bank` and
:func:`draft_banks` (article text -> bank dict in the YAML shape), and :func:`read_article`
(a .txt, .md, .html, .docx or .pdf file -> :class:`ArticleText`). Everything returns plain data;
the services layer validates it against the bank schema.
"""

from __future__ import annotations

from quizapp.generator.answer_aware import ask
from quizapp.generator.emit import answers_of_draft
from quizapp.generator.language_model import LanguageModelMissing, load_pipeline
from quizapp.generator.pipeline import draft_bank, draft_banks
from quizapp.generator.request import (
    DEFAULT_MAX_QUESTIONS,
    DRAFTED_TYPES,
    QUESTION_TYPES,
    ArticleText,
    DraftOptions,
)

__all__ = [
    "DEFAULT_MAX_QUESTIONS",
    "DRAFTED_TYPES",
    "QUESTION_TYPES",
    "ArticleText",
    "DraftOptions",
    "LanguageModelMissing",
    "answers_of_draft",
    "ask",
    "draft_bank",
    "draft_banks",
    "load_pipeline",
]
