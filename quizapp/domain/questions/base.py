"""The question-type contract, documented once here, and the small pieces every type shares.

A question type is an immutable value that knows *how* to grade a response to it; *when* a
grade is shown is the business of ``quizapp.domain.behaviours``. This follows Moodle's question
engine (``question_definition`` plus ``question_automatically_gradable``) with one
simplification: responses name stable ids (choice ids, blank ids, sentence ids), never display
positions, so shuffling cannot change a grade and questions need no per-attempt state.
"""

from __future__ import annotations

import abc
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import ClassVar, TypeVar

from quizapp.domain.grading import Grade
from quizapp.errors import ResponseError

Response = Mapping[str, str]
"""Flat string fields, exactly as an HTML form posts them; keys are ``expected_fields()``."""

SKILLS = ("detail", "main_idea", "inference", "vocabulary", "sequence", "cause_effect")
_SLUG = re.compile(r"[a-z0-9][a-z0-9-]*")

Option = TypeVar("Option")


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
