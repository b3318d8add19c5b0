"""A question type the services have never heard of takes part in a quiz through its hooks alone.

"Spell it" is a made-up type: a student picks, from letters shown in a drawn order, the letter a
word starts with. Nothing in ``services`` names it, yet the layout draws its letters, grading
counts a teacher's accepted answer for it, the page knows its evidence sentences and the demo
class gets a plausible wrong answer from it.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import ClassVar

from quizapp.domain.article import Article
from quizapp.domain.grading import Grade
from quizapp.domain.questions import QuestionType, Response
from quizapp.domain.questions.base import Display, ViewOption, field_text
from quizapp.domain.quiz import Bank, QuizSettings
from quizapp.services import attempts as attempt_service
from quizapp.services import demo

ARTICLE = "Ada visited Paris in 2019. She met Bo there.\n\nLater they travelled to Rome together."


@dataclass(frozen=True, kw_only=True)
class FirstLetter(QuestionType):
    """Pick the letter ``word`` starts with out of ``letters``."""

    type_name: ClassVar[str] = "first_letter"
    accepts_typed_alternatives: ClassVar[bool] = True

    word: str
    letters: tuple[str, ...]

    def expected_fields(self) -> Mapping[str, str]:
        return {"letter": "letter"}

    def is_complete(self, response: Response) -> bool:
        return field_text(response, "letter") in self.letters

    def grade(self, response: Response) -> Grade:
        if not self.is_complete(response):
            return Grade.unanswered()
        right = field_text(response, "letter") == self.word[0]
        return Grade.for_fraction(Fraction(int(right)))

    def correct_response(self) -> dict[str, str]:
        return {"letter": self.word[0]}

    def summarise(self, response: Response) -> str:
        return field_text(response, "letter")

    def response_from_texts(self, texts: Sequence[str]) -> dict[str, str]:
        return {"letter": texts[0]} if texts else {}

    def option_ids(self) -> tuple[str, ...]:
        return self.letters

    def display(self, article: Article) -> Display:
        return Display(options=tuple(ViewOption(letter, letter.upper()) for letter in self.letters))

    def draw_option_order(self, rng: random.Random, *, shuffle_choices: bool) -> list[str]:
        return sorted(self.letters, reverse=True)  # a fixed draw, so the test can name it

    def plausible_wrong(self, article: Article, rng: random.Random) -> dict[str, str]:
        return {"letter": next(letter for letter in self.letters if letter != self.word[0])}

    def _type_problems(self) -> list[str]:
        return []


PARIS = FirstLetter(
    id="paris-letter",
    prompt="Which letter does the city Ada visited start with?",
    word="paris",
    letters=("p", "r", "b"),
    evidence="Ada visited Paris in 2019",
)


def bank(*questions: QuestionType) -> Bank:
    return Bank(
        id="letters",
        title="Letters",
        article=ARTICLE,
        questions=questions,
        settings=QuizSettings(shuffle_questions=False, shuffle_choices=False),
    )


def test_the_layout_holds_the_order_the_new_type_draws() -> None:
    layout = attempt_service.build_layout(bank(PARIS), "1/2/1")
    assert layout["questions"] == ["paris-letter"]
    assert layout["choices"] == {"paris-letter": ["r", "p", "b"]}


def test_a_teachers_accepted_answer_counts_for_the_new_type() -> None:
    @dataclass
    class Accepted:
        question_id: str
        text: str
        credit_text: str

    wrong = {"letter": "b"}
    assert attempt_service.grade_question(PARIS, wrong).fraction == 0
    accepted = [Accepted("paris-letter", "B", "1/2")]
    assert attempt_service.grade_question(PARIS, wrong, accepted).fraction == Fraction(1, 2)
    # An accepted answer never lowers a grade the question gives by itself.
    right = {"letter": "p"}
    assert attempt_service.grade_question(PARIS, right, accepted).fraction == 1


def test_the_evidence_of_the_new_type_is_found_in_the_article() -> None:
    assert attempt_service.evidence_sentence_ids(bank(PARIS), PARIS) == ("s1",)


def test_the_demo_class_answers_the_new_type_wrongly_its_own_way() -> None:
    wrong = demo.plausible_wrong_response(PARIS, bank(PARIS), random.Random(3))
    assert wrong == {"letter": "r"}
    assert PARIS.grade(wrong).fraction == 0
