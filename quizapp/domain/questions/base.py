"""The question-type contract, documented once here, and the small pieces every type shares.

A question type is an immutable value that knows *how* to grade a response to it; *when* a
grade is shown is the business of ``quizapp.domain.behaviours``. This follows Moodle's question
engine (``question_definition`` plus ``question_automatically_gradable``) with one
simplification: responses name stable ids (choice ids, blank ids, sentence ids), never display
positions, so shuffling cannot change a grade and questions need no per-attempt state.
"""

from __future__ import annotations

import abc
import random
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import ClassVar, TypeVar

from quizapp.domain.article import Article
from quizapp.domain.grading import Grade
from quizapp.domain.text import normalise
from quizapp.errors import ResponseError

Response = Mapping[str, str]
"""Flat string fields, exactly as an HTML form posts them; keys are ``expected_fields()``."""

SKILLS = ("detail", "main_idea", "inference", "vocabulary", "sequence", "cause_effect")
_SLUG = re.compile(r"[a-z0-9][a-z0-9-]*")

Option = TypeVar("Option")

# Several evidence quotes are joined into one ``evidence`` text with this.
QUOTE_SEPARATOR = " … "


@dataclass(frozen=True)
class ViewOption:
    """Something to pick or place: a choice, an ordering item, a sentence, true or false.

    ``sentence_id`` is the article sentence an evidence option stands for, so a page can let
    a student pick it in the article.
    """

    id: str
    text: str
    sentence_id: str = ""

    def renamed(self, new_id: str) -> ViewOption:
        """The same option under another id (a page's name for it). Built directly, not with
        ``dataclasses.replace``, which costs several times more: a page renames ~80 options."""
        return ViewOption(new_id, self.text, self.sentence_id)


@dataclass(frozen=True)
class PassagePiece:
    """A stretch of a passage with gaps: text, or the gap to fill (``blank_id``)."""

    text: str
    blank_id: str | None = None


@dataclass(frozen=True)
class Display:
    """What a page shows of a question besides its prompt (all empty for a typed answer)."""

    options: tuple[ViewOption, ...] = ()
    pieces: tuple[PassagePiece, ...] = ()
    unit: str = ""


@dataclass(frozen=True)
class Criterion:
    """One line of a rubric: what the teacher looks for, and the most points it gives."""

    id: str
    text: str
    points: Fraction


def criteria_fraction(criteria: Sequence[Criterion], given: Mapping[str, Fraction]) -> Fraction:
    """The share of the rubric's points that ``given`` (points by criterion id) awards.

    Every criterion must have its points, from 0 to its most; ``ValueError`` says which not.
    """
    total = sum((criterion.points for criterion in criteria), Fraction(0))
    earned = Fraction(0)
    for criterion in criteria:
        if criterion.id not in given:
            raise ValueError(f"give points for '{criterion.text}'")
        points = given[criterion.id]
        if not 0 <= points <= criterion.points:
            raise ValueError(
                f"give '{criterion.text}' 0 to {criterion.points} points, not {points}"
            )
        earned += points
    return earned / total if total else Fraction(0)


@dataclass(frozen=True)
class QuestionType(abc.ABC):
    """One question: what is asked, and how a response to it is graded.

    Fields shared by every type: ``id`` (a slug unique in the bank), ``prompt``, ``skill``
    (one of ``SKILLS``), ``points`` (the weight in the attempt total), ``evidence`` (a quote
    from the article that supports the answer) and ``explanation`` (shown with feedback).
    ``type_name`` is the name in the registry and the ``type:`` of the bank YAML.

    The methods form a contract that every type keeps:

    - ``expected_fields()`` names the response fields the type reads, each with a short
      description of its kind; a response may hold other keys, which are ignored.
    - ``is_complete(response)`` says whether the response can be graded; a blank answer,
      an unknown id or (for ordering) an unfinished ranking is not complete.
    - ``grade(response)`` returns ``Grade.unanswered()`` when ``is_complete`` is false, and
      otherwise the exact fraction earned (0..1), the state that fraction implies, the
      feedback tied to what the student chose or typed, and the teacher text that matched.
    - ``correct_response()`` is a response that grades as 1 (``{}`` only for a question
      whose ``check()`` reports that nothing is right).
    - ``summarise(response)`` describes the response in words for reports and CSV ("Cairo");
      "" when nothing was given.
    - ``response_from_texts(texts)`` builds a response from human values (see each type);
      it raises ``quizapp.errors.ResponseError`` when a text names nothing.
    - ``option_ids()`` lists the stable ids of what a student picks or places (choices,
      items, offered sentences), () for a type whose answers are typed or self-describing;
      ``rename_options(response, rename)`` is the response with each of those ids passed
      through ``rename``, so a page can show per-attempt names that give nothing away.
    - ``check()`` lists authoring problems in plain words, [] when the question is fine;
      a question with problems must not be offered to students. It adds the problems every
      type can have to those of ``_type_problems()``, which each type implements.

    The hooks below tell the services what they need to know of a type, so that no service
    asks which type a question is. Each has a default that suits a typed-answer question:

    - ``display(article)`` is what the attempt page shows besides the prompt: the options in
      authored order, a passage with gaps, a unit (see ``Display``).
    - ``draw_option_order(rng, shuffle_choices=...)`` draws one attempt's order of the
      option ids, or returns None when the type's options keep their authored order.
      ``shuffle_choices`` is the bank's setting; a type decides what it means for it.
    - ``answered_in_article`` is true for a type whose answer is a sentence of the article.
    - ``evidence_sentence_ids(article)`` are the ids of the article sentences that support
      the answer (by default, those the ``evidence`` quotes fall in).
    - ``correct_answer_text(article)`` is the right answer in words, as feedback shows it.
    - ``grade_with_alternatives(response, alternatives)`` grades as if the answers a teacher
      accepted later, (typed text, credit) pairs, came after the question's own; it is only
      called on a type that ``accepts_typed_alternatives``.
    - ``plausible_wrong(article, rng)`` is a response a student who misread the article
      might give (the demo class's answers); ``{}`` when the type has none to offer.
    - ``marked_by_teacher`` is true for a type no rule can grade: ``grade`` of a complete
      response is ``Grade.waiting()`` until the teacher marks it against
      ``marking_criteria()`` (the rubric), and its ``correct_response`` is the model answer,
      which is waiting too. Such a question is never checked on the page before submitting.
    """

    id: str
    prompt: str
    skill: str = "detail"
    points: Fraction = Fraction(1)
    evidence: str | None = None
    explanation: str = ""

    type_name: ClassVar[str]
    # Whether a teacher may accept another typed answer (answers are typed, not picked).
    accepts_typed_alternatives: ClassVar[bool] = False
    answered_in_article: ClassVar[bool] = False
    marked_by_teacher: ClassVar[bool] = False

    @abc.abstractmethod
    def expected_fields(self) -> Mapping[str, str]: ...

    @abc.abstractmethod
    def is_complete(self, response: Response) -> bool: ...

    @abc.abstractmethod
    def grade(self, response: Response) -> Grade: ...

    @abc.abstractmethod
    def correct_response(self) -> dict[str, str]: ...

    @abc.abstractmethod
    def summarise(self, response: Response) -> str: ...

    @abc.abstractmethod
    def response_from_texts(self, texts: Sequence[str]) -> dict[str, str]: ...

    def option_ids(self) -> tuple[str, ...]:
        return ()

    def rename_options(self, response: Response, rename: Callable[[str], str]) -> dict[str, str]:
        return dict(response)

    def display(self, article: Article) -> Display:
        return Display()

    def draw_option_order(self, rng: random.Random, *, shuffle_choices: bool) -> list[str] | None:
        return None

    def evidence_sentence_ids(self, article: Article) -> frozenset[str]:
        quotes = self.evidence.split(QUOTE_SEPARATOR) if self.evidence else []
        return accepted_sentences(article, quotes)

    def correct_answer_text(self, article: Article) -> str:
        return self.summarise(self.correct_response())

    def grade_with_alternatives(
        self, response: Response, alternatives: Sequence[tuple[str, Fraction]]
    ) -> Grade:
        # Compared with the response in words, the way the teacher saw it when accepting it.
        grade = self.grade(response)
        given = normalise(self.summarise(response))
        credits = [credit for text, credit in alternatives if given and normalise(text) == given]
        if credits and max(credits) > grade.fraction:
            return Grade.for_fraction(max(credits), matched=self.summarise(response))
        return grade

    def plausible_wrong(self, article: Article, rng: random.Random) -> dict[str, str]:
        return {}

    def marking_criteria(self) -> tuple[Criterion, ...]:
        return ()

    def check(self) -> list[str]:
        problems: list[str] = []
        if not _SLUG.fullmatch(self.id):
            problems.append(f"the id {self.id!r} must be lower-case letters, digits and hyphens")
        if not self.prompt.strip():
            problems.append("the prompt is empty")
        if self.skill not in SKILLS:
            problems.append(f"the skill {self.skill!r} is not one of: {', '.join(SKILLS)}")
        if self.points <= 0:
            problems.append(f"points must be more than 0, not {self.points}")
        return problems + self._type_problems()

    @abc.abstractmethod
    def _type_problems(self) -> list[str]:
        """The authoring problems particular to this type (``check`` adds the shared ones)."""


def accepted_sentences(article: Article, quotes: Iterable[str]) -> frozenset[str]:
    """The ids of the sentences the quotes fall in (a quote not in the article adds none)."""
    return frozenset(s.id for quote in quotes for s in article.sentences_for_quote(quote))


def rename_keys(response: Response, rename: Callable[[str], str]) -> dict[str, str]:
    """The response with every field name passed through ``rename`` (options named by key)."""
    return {rename(name): value for name, value in response.items()}


def rename_value(response: Response, name: str, rename: Callable[[str], str]) -> dict[str, str]:
    """The response with field ``name``'s value passed through ``rename`` (blank stays blank)."""
    renamed = dict(response)
    if renamed.get(name, "").strip():
        renamed[name] = rename(renamed[name].strip())
    return renamed


def field_text(response: Response, name: str) -> str:
    """A response field with surrounding whitespace removed ("" when absent)."""
    return response.get(name, "").strip()


def loose(text: str) -> str:
    """Text compared the way people mean it when naming an option: case and spacing ignored."""
    return " ".join(text.casefold().split())


def pick_by_text(
    options: Sequence[Option], text: str, label: Callable[[Option], str], kind: str
) -> Option:
    """The option whose label is ``text`` (case and spacing ignored), else ResponseError."""
    wanted = loose(text)
    for option in options:
        if loose(label(option)) == wanted:
            return option
    known = "; ".join(label(option) for option in options)
    raise ResponseError(f"{text!r} is not one of the {kind}: {known}")


def duplicates(values: Iterable[str]) -> list[str]:
    """The values that occur more than once, each listed once, in order of first repeat."""
    seen: set[str] = set()
    repeated: dict[str, None] = {}
    for value in values:
        if value in seen:
            repeated.setdefault(value, None)
        seen.add(value)
    return list(repeated)


def credit_problems(credits: Iterable[Fraction], where: str) -> list[str]:
    """Problems with a list of credits: each must lie in 0..1 and one must be full credit."""
    credits = list(credits)
    problems = [
        f"{where}: credit {credit} is outside 0..1" for credit in credits if not 0 <= credit <= 1
    ]
    if credits and Fraction(1) not in credits:
        problems.append(f"{where}: no answer gives full credit")
    return problems
