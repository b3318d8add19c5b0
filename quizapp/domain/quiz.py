"""A question bank as the domain sees it, its quiz settings, and quiz-level arithmetic.

``Bank`` is the validated, immutable form of a bank file (``quizapp.banks`` builds it);
``QuizSettings`` and ``Source`` are its value objects. ``attempt_fraction`` turns the grades
of one attempt into its points-weighted fraction, ``aggregate`` combines a student's attempts
by the quiz's grading method and ``picked_by_method`` names the attempts that grade rests on,
and ``availability`` says whether a quiz is open at a moment.
All arithmetic is exact (``Fraction``).
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from fractions import Fraction
from functools import cached_property
from typing import TypeVar

from quizapp.domain.article import Article
from quizapp.domain.behaviours import FeedbackTiming
from quizapp.domain.grading import Grade
from quizapp.domain.questions.base import QuestionType
from quizapp.errors import UnknownQuestion

Item = TypeVar("Item")


class Availability(enum.StrEnum):
    """Where a quiz stands between its opening and closing times."""

    UPCOMING = "upcoming"
    OPEN = "open"
    CLOSED = "closed"


def availability(
    opens_at: datetime | None, closes_at: datetime | None, now: datetime
) -> Availability:
    """Open from ``opens_at`` (inclusive) until ``closes_at`` (exclusive); None is unbounded."""
    if opens_at is not None and now < opens_at:
        return Availability.UPCOMING
    if closes_at is not None and now >= closes_at:
        return Availability.CLOSED
    return Availability.OPEN


class GradingMethod(enum.StrEnum):
    """How several attempts at one quiz make one grade."""

    HIGHEST = "highest"
    AVERAGE = "average"
    FIRST = "first"
    LAST = "last"


@dataclass(frozen=True)
class Source:
    """Where the article comes from (every field optional)."""

    publisher: str = ""
    published: date | None = None
    url: str = ""
    author: str = ""


@dataclass(frozen=True)
class QuizSettings:
    """How a bank is delivered; ``attempts=None`` means unlimited."""

    shuffle_questions: bool = True
    shuffle_choices: bool = True
    attempts: int | None = None
    grading: GradingMethod = GradingMethod.HIGHEST
    feedback: FeedbackTiming = FeedbackTiming.IMMEDIATE
    time_limit_minutes: int | None = None
    pass_fraction: Fraction = Fraction(3, 5)


@dataclass(frozen=True)
class Bank:
    """A question bank: the article, its questions in authored order, settings and source."""

    id: str
    title: str
    article: str
    questions: tuple[QuestionType, ...]
    settings: QuizSettings = field(default_factory=QuizSettings)
    source: Source = field(default_factory=Source)

    def question(self, question_id: str) -> QuestionType:
        """The question with this id; :class:`UnknownQuestion` (listing the bank's question ids)
        when there is none."""
        for question in self.questions:
            if question.id == question_id:
                return question
        raise UnknownQuestion(self.id, question_id, [question.id for question in self.questions])

    def summarise(self, question_id: str, response: Mapping[str, str]) -> str:
        """A student's answer to one question as a line of text ("" for a question the bank
        no longer has, e.g. a response kept from before the teacher edited the bank)."""
        try:
            question = self.question(question_id)
        except UnknownQuestion:
            return ""
        return question.summarise(response)

    @cached_property
    def parsed_article(self) -> Article:
        """The article split into paragraphs and sentences (computed once)."""
        return Article(self.article)

    @property
    def total_points(self) -> Fraction:
        return sum((question.points for question in self.questions), Fraction(0))


def attempt_fraction(
    bank_or_questions: Bank | Iterable[QuestionType], grades: Mapping[str, Grade]
) -> Fraction:
    """The points-weighted fraction of an attempt; an ungraded question counts as 0."""
    questions = (
        bank_or_questions.questions if isinstance(bank_or_questions, Bank) else bank_or_questions
    )
    earned = Fraction(0)
    possible = Fraction(0)
    for question in questions:
        possible += question.points
        grade = grades.get(question.id)
        if grade is not None:
            earned += question.points * grade.fraction
    return earned / possible if possible else Fraction(0)


def aggregate(method: GradingMethod, fractions: Sequence[Fraction]) -> Fraction | None:
    """One grade from attempt fractions given in attempt order; None when there are none."""
    if not fractions:
        return None
    if method is GradingMethod.HIGHEST:
        return max(fractions)
    if method is GradingMethod.AVERAGE:
        return sum(fractions, Fraction(0)) / len(fractions)
    if method is GradingMethod.FIRST:
        return fractions[0]
    return fractions[-1]


def picked_by_method(
    method: GradingMethod, submitted: Sequence[Item], fraction: Callable[[Item], Fraction]
) -> list[Item]:
    """The submitted attempts (given in attempt order) a grading method rests on.

    highest: the best one, the earliest of equals; first; last; average: all of them.
    """
    if not submitted:
        return []
    if method is GradingMethod.AVERAGE:
        return list(submitted)
    if method is GradingMethod.FIRST:
        return [submitted[0]]
    if method is GradingMethod.LAST:
        return [submitted[-1]]
    best = max(fraction(item) for item in submitted)
    return [next(item for item in submitted if fraction(item) == best)]
