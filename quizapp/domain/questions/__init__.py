"""Question types: how each kind of question reads and grades a response, and their registry.

The class hierarchy is one level deep::

    QuestionType (base.py: the contract, documented once)
      MultipleChoice  (multiple_choice.py)  one right Choice
      MultiSelect     (multi_select.py)     several right Choices, partial credit
      TrueFalse       (true_false.py)
      ShortAnswer     (short_answer.py)     typed text, Answer + Leniency (matching.py)
      Numeric         (numeric.py)          NumericAnswer with tolerance
      Cloze           (cloze.py)            Blanks, each graded like a short answer
      Ordering        (ordering.py)         OrderItems, Kendall partial credit
      Evidence        (evidence.py)         pick the supporting sentence of the article
      WrittenResponse (written_response.py) sentences, marked by the teacher on a rubric

``default_registry()`` returns a new ``QuestionTypeRegistry`` holding these nine.
"""

from __future__ import annotations

from quizapp.domain.questions.base import SKILLS, Criterion, QuestionType, Response
from quizapp.domain.questions.cloze import Blank, Cloze
from quizapp.domain.questions.evidence import Evidence
from quizapp.domain.questions.matching import Answer, Leniency
from quizapp.domain.questions.multi_select import MultiSelect
from quizapp.domain.questions.multiple_choice import Choice, MultipleChoice
from quizapp.domain.questions.numeric import Numeric, NumericAnswer
from quizapp.domain.questions.ordering import Ordering, OrderItem
from quizapp.domain.questions.registry import QuestionTypeRegistry
from quizapp.domain.questions.short_answer import ShortAnswer
from quizapp.domain.questions.true_false import TrueFalse
from quizapp.domain.questions.written_response import WrittenResponse

BUILT_IN_TYPES: tuple[type[QuestionType], ...] = (
    MultipleChoice,
    MultiSelect,
    TrueFalse,
    ShortAnswer,
    Numeric,
    Cloze,
    Ordering,
    Evidence,
    WrittenResponse,
)


def default_registry() -> QuestionTypeRegistry:
    """A new registry with the nine built-in question types."""
    registry = QuestionTypeRegistry()
    for question_type in BUILT_IN_TYPES:
        registry.register(question_type)
    return registry


__all__ = [
    "BUILT_IN_TYPES",
    "SKILLS",
    "Answer",
    "Blank",
    "Choice",
    "Cloze",
    "Criterion",
    "Evidence",
    "Leniency",
    "MultiSelect",
    "MultipleChoice",
    "Numeric",
    "NumericAnswer",
    "OrderItem",
    "Ordering",
    "QuestionType",
    "QuestionTypeRegistry",
    "Response",
    "ShortAnswer",
    "TrueFalse",
    "WrittenResponse",
    "default_registry",
]
