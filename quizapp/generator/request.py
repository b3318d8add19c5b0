"""What a draft is asked for: the article (:class:`ArticleText`, as reading a file yields it)
and the teacher's options (:class:`DraftOptions`: how many questions, of which types, which
seed)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

QUESTION_TYPES = (
    "multiple_choice",
    "short_answer",
    "numeric",
    "true_false",
    "cloze",
    "ordering",
    "evidence",
    "written_response",
)
# Types drafted only when asked for by name (a written answer needs a teacher to mark it);
# DRAFTED_TYPES are those drafted when the teacher names none.
ON_REQUEST_TYPES = frozenset({"written_response"})
DRAFTED_TYPES = frozenset(QUESTION_TYPES) - ON_REQUEST_TYPES
DEFAULT_MAX_QUESTIONS = 10


@dataclass(frozen=True)
class DraftOptions:
    """What the teacher asked for: how many questions, of which types, with which seed."""

    max_questions: int = DEFAULT_MAX_QUESTIONS
    types: frozenset[str] = DRAFTED_TYPES
    seed: int = 0


@dataclass(frozen=True)
class ArticleText:
    """An article ready to draft from: its title, its body text and what is known of its source."""

    title: str
    text: str
    source: Mapping[str, str] = field(default_factory=dict)
    name: str = ""  # where it came from (a file name), for messages


def default_title(text: str) -> str:
    """A title from the first words of an article that has none."""
    words = text.split()[:8]
    return " ".join(words).rstrip(".,;:") or "Untitled article"
