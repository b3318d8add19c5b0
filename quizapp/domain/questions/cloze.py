"""Cloze: a passage with several blanks, each graded like a short answer.

The passage holds ``[[blank_id]]`` placeholders; the response has one field per blank id.
The grade is the mean of the blanks' credits, so each blank weighs the same. A response with
at least one blank filled is complete (empty blanks earn nothing), so that a half-finished
passage is graded rather than thrown away.
"""

from __future__ import annotations

import random
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from fractions import Fraction
from typing import ClassVar

from quizapp.domain.article import Article
from quizapp.domain.grading import Grade
from quizapp.domain.questions.base import (
    Display,
    PassagePiece,
    QuestionType,
    Response,
    duplicates,
    field_text,
)
from quizapp.domain.questions.matching import (
    Answer,
    ArticleNames,
    EditDistance,
    Leniency,
    typed_answers,
)
from quizapp.domain.questions.misreadings import nearby_number, other_name
from quizapp.domain.questions.short_answer import answer_problems, best_answer_text, grade_text
from quizapp.errors import ResponseError

PLACEHOLDER = re.compile(r"\[\[\s*([A-Za-z0-9_-]+)\s*\]\]")


@dataclass(frozen=True)
class Blank:
    """One gap in the passage: its id (as named in the text) and the answers it accepts."""

    id: str
    answers: tuple[Answer, ...]


@dataclass(frozen=True, kw_only=True)
class Cloze(QuestionType):
    """Fill in the blanks of ``text``; the prompt is the instruction."""

    type_name: ClassVar[str] = "cloze"
    accepts_typed_alternatives: ClassVar[bool] = True

    text: str
    blanks: tuple[Blank, ...]
    leniency: Leniency = field(default_factory=Leniency)
    case_sensitive: bool = False
    distinct_entities: frozenset[str] = frozenset()
    defined_acronyms: frozenset[tuple[str, str]] = frozenset()
    edit_distance: EditDistance

    def placeholders(self) -> list[str]:
        """The blank ids in the order the passage names them."""
        return PLACEHOLDER.findall(self.text)

    def expected_fields(self) -> Mapping[str, str]:
        return {blank_id: "text" for blank_id in self._ordered_ids()}

    def is_complete(self, response: Response) -> bool:
        return any(field_text(response, blank.id) for blank in self.blanks)

    def grade(self, response: Response) -> Grade:
        if not self.is_complete(response) or not self.blanks:
            return Grade.unanswered()
        names = ArticleNames.of(self.distinct_entities, self.defined_acronyms)
        fractions: list[Fraction] = []
        feedback: list[str] = []
        matched: list[str] = []
        for blank in self._ordered_blanks():
            text = field_text(response, blank.id)
            grade = (
                grade_text(
                    text,
                    blank.answers,
                    leniency=self.leniency,
                    case_sensitive=self.case_sensitive,
                    names=names,
                    edit_distance=self.edit_distance,
                )
                if text
                else Grade.for_fraction(Fraction(0))
            )
            fractions.append(grade.fraction)
            if grade.feedback:
                feedback.append(f"{blank.id}: {grade.feedback}")
            if grade.matched is not None:
                matched.append(f"{blank.id}: {grade.matched}")
        return Grade.for_fraction(
            sum(fractions, Fraction(0)) / len(fractions),
            feedback="\n".join(feedback),
            matched="; ".join(matched) or None,
        )

    def correct_response(self) -> dict[str, str]:
        return {blank.id: best_answer_text(blank.answers) for blank in self.blanks}

    def summarise(self, response: Response) -> str:
        """Each blank in passage order: "country: Libya; when: (blank)"; "" if all are empty."""
        if not self.is_complete(response):
            return ""
        return "; ".join(
            f"{blank_id}: {field_text(response, blank_id) or '(blank)'}"
            for blank_id in self._ordered_ids()
        )

    def response_from_texts(self, texts: Sequence[str]) -> dict[str, str]:
        """One text per blank, in the order the passage shows the blanks."""
        ids = self._ordered_ids()
        if len(texts) != len(ids):
            raise ResponseError(
                f"this passage has {len(ids)} blanks ({', '.join(ids)}), "
                f"but {len(texts)} answers were given"
            )
        return {blank_id: text.strip() for blank_id, text in zip(ids, texts, strict=True)}

    def display(self, article: Article) -> Display:
        """The passage cut at its placeholders into text and gaps."""
        pieces: list[PassagePiece] = []
        position = 0
        for match in PLACEHOLDER.finditer(self.text):
            if match.start() > position:
                pieces.append(PassagePiece(self.text[position : match.start()]))
            pieces.append(PassagePiece("", match.group(1)))
            position = match.end()
        if position < len(self.text):
            pieces.append(PassagePiece(self.text[position:]))
        return Display(pieces=tuple(pieces))

    def grade_with_alternatives(
        self, response: Response, alternatives: Sequence[tuple[str, Fraction]]
    ) -> Grade:
        """Each blank graded as if its alternatives followed the teacher's answers."""
        per_blank = self._alternatives_per_blank(alternatives)
        blanks = tuple(
            replace(blank, answers=blank.answers + typed_answers(per_blank.get(blank.id, [])))
            for blank in self.blanks
        )
        return replace(self, blanks=blanks).grade(response)

    def plausible_wrong(self, article: Article, rng: random.Random) -> dict[str, str]:
        """The right passage with one blank misread: a nearby number or another name."""
        response = self.correct_response()
        blank = rng.choice(self.blanks)
        expected = blank.answers[0].text
        response[blank.id] = (
            nearby_number(Decimal(expected), rng)
            if expected.isdigit()
            else other_name(expected, article, rng)
        )
        return response

    def _alternatives_per_blank(
        self, alternatives: Sequence[tuple[str, Fraction]]
    ) -> dict[str, list[tuple[str, Fraction]]]:
        """Accepted texts by blank: "blank: text; blank: text" (a cloze summary) or a bare text.

        A bare text only makes sense when the passage has a single blank.
        """
        blank_ids = [blank.id for blank in self.blanks]
        found: dict[str, list[tuple[str, Fraction]]] = {}
        for text, credit in alternatives:
            pairs = [part.partition(":") for part in text.split(";")]
            named = [(name.strip(), value.strip()) for name, sep, value in pairs if sep]
            if named and all(name in blank_ids for name, _ in named):
                for name, value in named:
                    if value and value != "(blank)":
                        found.setdefault(name, []).append((value, credit))
            elif len(blank_ids) == 1:
                found.setdefault(blank_ids[0], []).append((text.strip(), credit))
        return found

    def _type_problems(self) -> list[str]:
        named = self.placeholders()
        defined = [blank.id for blank in self.blanks]
        problems = [f"the blank [[{b}]] appears more than once" for b in duplicates(named)]
        problems += [f"the blank {b!r} is defined twice" for b in duplicates(defined)]
        problems += [
            f"the text names [[{b}]] but no blank of that id is defined"
            for b in dict.fromkeys(named)
            if b not in defined
        ]
        problems += [
            f"the blank {b!r} is never used in the text" for b in defined if b not in named
        ]
        if not named and not defined:
            problems.append("the text has no [[blank]] placeholders")
        for blank in self.blanks:
            problems += answer_problems(blank.answers, f"blank {blank.id!r}", self.case_sensitive)
        return problems

    def _ordered_blanks(self) -> list[Blank]:
        by_id = {blank.id: blank for blank in self.blanks}
        return [by_id[blank_id] for blank_id in self._ordered_ids()]

    def _ordered_ids(self) -> list[str]:
        """Blank ids in passage order, then any blank the passage forgot to place."""
        defined = {blank.id for blank in self.blanks}
        ordered = [
            blank_id for blank_id in dict.fromkeys(self.placeholders()) if blank_id in defined
        ]
        return ordered + [blank.id for blank in self.blanks if blank.id not in ordered]
