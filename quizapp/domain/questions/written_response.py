"""Written response: "Explain in your own words…", answered in sentences and marked by a teacher.

The response is ``{"answer": "<text>"}``. No rule can grade it, so a complete response grades
as ``Grade.waiting()``: it earns nothing yet and shows no score until the teacher marks it
(``services.marking``), giving points per criterion of the rubric and a comment. The marked
share is the rubric points given over the rubric's total (``criteria_fraction``), so the rubric
is the marking scale and ``points`` stays, as for every type, the question's weight in the quiz.
A question without a rubric is marked on one criterion worth its points. The model answer is
what a full-marks answer might say: the teacher's guide when marking, and the "right answer" a
student sees in feedback.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import ClassVar

from quizapp.domain.article import Article
from quizapp.domain.grading import Grade
from quizapp.domain.questions.base import (
    Criterion,
    QuestionType,
    Response,
    duplicates,
    field_text,
)

OVERALL = "overall"


@dataclass(frozen=True, kw_only=True)
class WrittenResponse(QuestionType):
    """Write an answer in sentences; the teacher marks it against the rubric."""

    type_name: ClassVar[str] = "written_response"
    marked_by_teacher: ClassVar[bool] = True

    model_answer: str = ""
    rubric: tuple[Criterion, ...] = ()

    def expected_fields(self) -> Mapping[str, str]:
        return {"answer": "text"}

    def is_complete(self, response: Response) -> bool:
        return field_text(response, "answer") != ""

    def grade(self, response: Response) -> Grade:
        if not self.is_complete(response):
            return Grade.unanswered()
        return Grade.waiting()

    def correct_response(self) -> dict[str, str]:
        """The model answer (it waits for marking like any other answer)."""
        return {"answer": self.model_answer} if self.model_answer.strip() else {}

    def summarise(self, response: Response) -> str:
        return field_text(response, "answer")

    def response_from_texts(self, texts: Sequence[str]) -> dict[str, str]:
        """The texts joined by spaces."""
        text = " ".join(texts).strip()
        return {"answer": text} if text else {}

    def correct_answer_text(self, article: Article) -> str:
        return self.model_answer.strip()

    def plausible_wrong(self, article: Article, rng: random.Random) -> dict[str, str]:
        """A sentence copied from the article, as a student who did not explain might write."""
        sentences = [sentence.text for sentence in article.sentences]
        return {"answer": rng.choice(sentences)} if sentences else {}

    def marking_criteria(self) -> tuple[Criterion, ...]:
        if self.rubric:
            return self.rubric
        return (Criterion(OVERALL, "The answer as a whole", self.points),)

    def _type_problems(self) -> list[str]:
        problems = [
            f"the rubric: criterion '{criterion.id}' must give more than 0 points"
            for criterion in self.rubric
            if criterion.points <= 0
        ]
        problems += [
            f"the rubric: criterion '{criterion.id}' says nothing to look for"
            for criterion in self.rubric
            if not criterion.text.strip()
        ]
        problems += [
            f"the rubric: the criterion id '{criterion_id}' is used twice"
            for criterion_id in duplicates(criterion.id for criterion in self.rubric)
        ]
        return problems
