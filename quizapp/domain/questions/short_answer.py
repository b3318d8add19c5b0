"""Short answer: a typed word or phrase, graded by the matching rules of ``matching``.

The response is ``{"answer": "<text>"}``. The teacher's answers are tried as ``matching``
describes (exact first, then wildcards and leniency, in the teacher's order), and the first
one that matches gives its credit and feedback.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from fractions import Fraction
from typing import ClassVar

from quizapp.domain.article import Article
from quizapp.domain.grading import Grade
from quizapp.domain.questions.base import (
    QuestionType,
    Response,
    credit_problems,
    duplicates,
    field_text,
)
from quizapp.domain.questions.matching import (
    Answer,
    ArticleNames,
    EditDistance,
    Leniency,
    display_answer,
    has_wildcard,
    match_answer,
    typed_answers,
)
from quizapp.domain.text import normalise


@dataclass(frozen=True, kw_only=True)
class ShortAnswer(QuestionType):
    """Type the answer, graded by ``matching``.

    ``distinct_entities`` are the article's names and ``defined_acronyms`` the (acronym,
    expansion) pairs it defines; ``edit_distance`` measures typos (the bank loader passes
    rapidfuzz's optimal-string-alignment distance).
    """

    type_name: ClassVar[str] = "short_answer"
    accepts_typed_alternatives: ClassVar[bool] = True

    answers: tuple[Answer, ...]
    leniency: Leniency = field(default_factory=Leniency)
    case_sensitive: bool = False
    distinct_entities: frozenset[str] = frozenset()
    defined_acronyms: frozenset[tuple[str, str]] = frozenset()
    edit_distance: EditDistance

    def expected_fields(self) -> Mapping[str, str]:
        return {"answer": "text"}

    def is_complete(self, response: Response) -> bool:
        return field_text(response, "answer") != ""

    def grade(self, response: Response) -> Grade:
        if not self.is_complete(response):
            return Grade.unanswered()
        return grade_text(
            field_text(response, "answer"),
            self.answers,
            leniency=self.leniency,
            case_sensitive=self.case_sensitive,
            names=ArticleNames.of(self.distinct_entities, self.defined_acronyms),
            edit_distance=self.edit_distance,
        )

    def correct_response(self) -> dict[str, str]:
        text = best_answer_text(self.answers)
        return {"answer": text} if text else {}

    def summarise(self, response: Response) -> str:
        return field_text(response, "answer")

    def response_from_texts(self, texts: Sequence[str]) -> dict[str, str]:
        """The texts joined by spaces."""
        text = " ".join(texts).strip()
        return {"answer": text} if text else {}

    def grade_with_alternatives(
        self, response: Response, alternatives: Sequence[tuple[str, Fraction]]
    ) -> Grade:
        """Graded as if the alternatives followed the teacher's own answers."""
        widened = replace(self, answers=self.answers + typed_answers(alternatives))
        return widened.grade(response)

    def plausible_wrong(self, article: Article, rng: random.Random) -> dict[str, str]:
        """A name from the article that is not the answer, else the answer garbled."""
        names = [
            name for name in article.named_spans() if self.grade({"answer": name}).fraction < 1
        ]
        return {"answer": rng.choice(names) if names else self.answers[0].text[::-1]}

    def _type_problems(self) -> list[str]:
        return answer_problems(self.answers, "the answers", self.case_sensitive)


def grade_text(
    text: str,
    answers: Sequence[Answer],
    *,
    leniency: Leniency,
    case_sensitive: bool,
    names: ArticleNames,
    edit_distance: EditDistance,
) -> Grade:
    """The grade of one typed text against a list of teacher answers (short answer and cloze)."""
    found = match_answer(
        text,
        answers,
        leniency=leniency,
        case_sensitive=case_sensitive,
        names=names,
        edit_distance=edit_distance,
    )
    if found is None:
        return Grade.for_fraction(Fraction(0))
    answer = found.answer
    return Grade.for_fraction(answer.credit, feedback=answer.feedback, matched=answer.text)


def best_answer_text(answers: Sequence[Answer]) -> str:
    """What a student could type for full credit: a full-credit answer, wildcard-free if any."""
    full = [answer for answer in answers if answer.credit == 1]
    plain = [answer for answer in full if not has_wildcard(answer.text)]
    candidates = plain or full or list(answers)
    return display_answer(candidates[0].text) if candidates else ""


def answer_problems(answers: Sequence[Answer], where: str, case_sensitive: bool) -> list[str]:
    """Authoring problems of a list of teacher answers."""
    if not answers:
        return [f"{where}: there are none"]
    problems = credit_problems((answer.credit for answer in answers), where)
    problems += [f"{where}: an answer is empty" for a in answers if not a.text.strip()]
    normalised = [normalise(a.text, case_sensitive=case_sensitive) for a in answers]
    problems += [
        f"{where}: {text!r} is listed twice (after ignoring case and punctuation)"
        for text in duplicates(text for text in normalised if text)
    ]
    return problems
