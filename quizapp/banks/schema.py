"""The question-bank file format: pydantic models that are the one definition of a bank's YAML.

Every key a teacher may write is declared here, with its type, default and a description that
ends up in ``question_banks/schema.json`` (the JSON Schema editors use for completion and hover
help). The models are strict about keys (unknown keys are errors) and accept the shorthands of
the format: a choice, an answer or an ordering item written as plain text, ``evidence`` as one
quote or a list, ``attempts: unlimited``, and a numeric question's single ``answer``. Checks that
need more than one field or the article (one correct choice, evidence found in the text) live in
``quizapp.banks.validation``. Regenerate the committed JSON Schema with
``python -m quizapp.banks > question_banks/schema.json``.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

SCHEMA_VERSION: Literal[1] = 1
SCHEMA_FILE_NAME = "schema.json"
REGENERATE_COMMAND = "python -m quizapp.banks > question_banks/schema.json"

SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
UNLIMITED = "unlimited"
DEFAULT_CLOZE_PROMPT = "Fill in the blanks."


def _scalar_as_text(value: Any) -> Any:
    """Let a plain YAML scalar that looks like a number, date or boolean stand for its text.

    A teacher writing ``answers: [2020]`` or ``text: 8`` means the words, not a number; YAML
    reads them as other types first, so they are turned back into the spelling YAML would use.
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | Decimal | float):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _one_or_many(value: Any) -> Any:
    """Accept a single value where a list is expected (``evidence: "a quote"``)."""
    return value if value is None or isinstance(value, list) else [value]


def _text_as_mapping(value: Any) -> Any:
    """Accept ``Cairo`` for ``{text: Cairo}`` (choices, answers, ordering items)."""
    value = _scalar_as_text(value)
    return {"text": value} if isinstance(value, str) else value


def _attempts(value: Any) -> int | str:
    if value == UNLIMITED:
        return UNLIMITED
    if isinstance(value, int) and not isinstance(value, bool) and value >= 1:
        return value
    raise ValueError("attempts must be 'unlimited' or a whole number of at least 1")


# Constraints come before the validator so that they show in the JSON Schema too.
Text = Annotated[str, StringConstraints(min_length=1), BeforeValidator(_scalar_as_text)]
OptionalText = Annotated[str, BeforeValidator(_scalar_as_text)]
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN), BeforeValidator(_scalar_as_text)]
Credit = Annotated[Decimal, Field(ge=0, le=1)]
Quotes = Annotated[
    list[Text],
    BeforeValidator(_one_or_many, json_schema_input_type=str | list[str]),
    Field(min_length=1),
]


class StrictModel(BaseModel):
    """Base of every bank model: unknown keys are errors, so typos never pass silently."""

    model_config = ConfigDict(extra="forbid", populate_by_name=False)


class SourceSpec(StrictModel):
    """Where the article comes from; every field is optional."""

    publisher: OptionalText = Field("", description="Who published the article.")
    published: dt.date | None = Field(
        None, description="Publication date, written YYYY-MM-DD (2021-05-05)."
    )
    url: OptionalText = Field("", description="Address of the original article.")
    author: OptionalText = Field("", description="Author of the article.")


class QuizSpec(StrictModel):
    """How a quiz built from this bank runs; an assignment may override these."""

    shuffle_questions: bool = Field(True, description="Show the questions in a random order.")
    shuffle_choices: bool = Field(
        True, description="Show the choices of choice questions in a random order."
    )
    attempts: Annotated[
        int | str,
        BeforeValidator(_attempts, json_schema_input_type=Literal["unlimited"] | int),
    ] = Field(
        UNLIMITED,
        description="How many attempts a student may make: 'unlimited' or a whole number >= 1.",
    )
    grading: Literal["highest", "average", "first", "last"] = Field(
        "highest", description="Which attempt counts when there are several."
    )
    feedback: Literal["immediate", "after_submit", "after_close"] = Field(
        "immediate",
        description=(
            "When students see right/wrong and explanations: 'immediate' (they may check each "
            "question), 'after_submit', or 'after_close' (after the quiz closes)."
        ),
    )
    time_limit_minutes: Annotated[int, Field(ge=1)] | None = Field(
        None, description="Time limit in minutes, or null for none."
    )
    pass_fraction: Annotated[Decimal, Field(ge=0, le=1)] = Field(
        Decimal("0.6"), description="Share of the points needed to pass, from 0 to 1 (0.6 = 60%)."
    )


class ChoiceSpec(StrictModel):
    """One choice of a multiple_choice or multi_select question."""

    text: Text = Field(description="The choice as students see it.")
    correct: bool = Field(False, description="Whether this choice is right.")
    feedback: OptionalText = Field("", description="Shown to a student who picks this choice.")
    id: Slug | None = Field(
        None, description="Stable id of the choice; default: a, b, c... by position."
    )


Choice = Annotated[
    ChoiceSpec, BeforeValidator(_text_as_mapping, json_schema_input_type=str | ChoiceSpec)
]


class AnswerSpec(StrictModel):
    """One accepted answer of a short_answer question or a cloze blank."""

    text: Text = Field(
        description="An accepted answer; '*' matches any text (write '\\*' for a real star)."
    )
    credit: Credit = Field(
        Decimal(1), description="Share of the points this answer earns, from 0 to 1."
    )
    feedback: OptionalText = Field("", description="Shown to a student whose answer matches.")


Answer = Annotated[
    AnswerSpec, BeforeValidator(_text_as_mapping, json_schema_input_type=str | AnswerSpec)
]
Answers = Annotated[
    list[Answer],
    BeforeValidator(_one_or_many, json_schema_input_type=str | list[str | AnswerSpec]),
    Field(min_length=1),
]


class NumericAnswerSpec(StrictModel):
    """One accepted value of a numeric question."""

    value: Decimal = Field(description="The number.")
    tolerance: Annotated[Decimal, Field(ge=0)] = Field(
        Decimal(0), description="How far from the value an answer may be and still count."
    )
    credit: Credit = Field(Decimal(1), description="Share of the points earned, from 0 to 1.")
    feedback: OptionalText = Field("", description="Shown to a student whose answer matches.")


class OrderItemSpec(StrictModel):
    """One item of an ordering question."""

    text: Text = Field(description="The item as students see it.")
    id: Slug | None = Field(None, description="Stable id; default: a, b, c... by position.")


OrderItem = Annotated[
    OrderItemSpec, BeforeValidator(_text_as_mapping, json_schema_input_type=str | OrderItemSpec)
]


class LeniencySpec(StrictModel):
    """Which forgiving comparisons short answers get; all on unless switched off."""

    typos: bool = Field(True, description="Forgive small spelling mistakes (never in numbers).")
    numbers: bool = Field(True, description="Accept numbers in words or digits (two = 2).")
    dates: bool = Field(True, description="Accept other spellings of a date (Jan. 2020 = 2020-01).")
    name_sets: bool = Field(
        True, description="Accept a list of names in any order (Loza and Onal)."
    )
    qualifiers: bool = Field(
        True,
        description=(
            "Drop a qualifier or hedge in front of a value in the key "
            "(January 2020 = early January 2020, 20% = up to 20%)."
        ),
    )
    prepositions: bool = Field(
        True, description="Ignore a leading in, on, at, during or from (in 2013 = 2013)."
    )
    acronyms: bool = Field(
        True,
        description=(
            "Accept an acronym with dots or spaces (N.A.T.O. = NATO) and an acronym the article "
            "defines in brackets for its expansion, and back."
        ),
    )
    per_cent: bool = Field(
        True, description="Accept every per cent spelling (20 per cent = 20 percent = 20%)."
    )
    name_forms: bool = Field(
        True,
        description=(
            "Accept a shorter form of a person's name that no other person of the article has "
            "(Hamdi Loza or Loza = Hamdi Sanad Loza)."
        ),
    )


class QuestionSpec(StrictModel):
    """The keys every question has, whatever its type."""

    id: Slug = Field(description="Short id, unique in the bank: lowercase letters, digits, '-'.")
    skill: Literal["detail", "main_idea", "inference", "vocabulary", "sequence", "cause_effect"] = (
        Field("detail", description="The reading skill the question practises.")
    )
    points: Annotated[Decimal, Field(gt=0)] = Field(
        Decimal(1), description="How much the question weighs in the quiz total."
    )
    prompt: Text = Field(description="The question as students see it.")
    evidence: Quotes | None = Field(
        None,
        description=(
            "Words copied from the article that support the answer (one quote or a list); "
            "highlighted after feedback. Must occur in the article."
        ),
    )
    explanation: OptionalText = Field("", description="Why the answer is right, shown in feedback.")
    confidence: Annotated[float, Field(ge=0, le=1)] | None = Field(
        None, description="Written by the generator (0 to 1); ignored when grading."
    )


class MultipleChoiceSpec(QuestionSpec):
    """Pick the one right choice."""

    type: Literal["multiple_choice"]
    choices: Annotated[list[Choice], Field(min_length=2)] = Field(
        description="The choices; exactly one has 'correct: true'. Plain text means a wrong one."
    )
    shuffle: bool = Field(True, description="Shuffle the choices (if the quiz shuffles choices).")


class MultiSelectSpec(QuestionSpec):
    """Tick every right choice; partial credit, wrong ticks cancel right ones."""

    type: Literal["multi_select"]
    choices: Annotated[list[Choice], Field(min_length=2)] = Field(
        description="The choices; one or more have 'correct: true'."
    )
    shuffle: bool = Field(True, description="Shuffle the choices (if the quiz shuffles choices).")


class TrueFalseSpec(QuestionSpec):
    """Is the statement in the prompt true?"""

    type: Literal["true_false"]
    answer: bool = Field(description="true when the statement is true.")
    feedback_true: OptionalText = Field("", description="Shown to a student who answers true.")
    feedback_false: OptionalText = Field("", description="Shown to a student who answers false.")


class ShortAnswerSpec(QuestionSpec):
    """Type a word or a few; compared leniently with the accepted answers, tried in order."""

    type: Literal["short_answer"]
    answers: Answers = Field(
        description="Accepted answers, tried in order; the first that matches gives its credit."
    )
    leniency: LeniencySpec = Field(
        default_factory=LeniencySpec, description="Forgiving comparisons to switch off."
    )
    case_sensitive: bool = Field(False, description="Whether capital letters must match.")


class NumericSpec(QuestionSpec):
    """Type a number (digits or words); ``answer`` + ``tolerance``, or a list of ``answers``."""

    type: Literal["numeric"]
    answer: Decimal | None = Field(None, description="The right number (or use 'answers').")
    tolerance: Annotated[Decimal, Field(ge=0)] | None = Field(
        None, description="How far from 'answer' a response may be; default 0."
    )
    answers: Annotated[list[NumericAnswerSpec], Field(min_length=1)] | None = Field(
        None, description="Several accepted values with their own credit (instead of 'answer')."
    )
    unit: OptionalText = Field("", description="Unit shown after the box, e.g. years.")


class ClozeSpec(QuestionSpec):
    """Fill the blanks of a text; each blank is graded like a short answer."""

    type: Literal["cloze"]
    prompt: Text = Field(DEFAULT_CLOZE_PROMPT, description="The instruction shown above the text.")
    text: Text = Field(description="The text with [[blank-id]] where each blank goes.")
    blanks: Annotated[dict[Slug, Answers], Field(min_length=1)] = Field(
        description="For each blank id in the text, its accepted answers."
    )
    leniency: LeniencySpec = Field(
        default_factory=LeniencySpec, description="Forgiving comparisons to switch off."
    )
    case_sensitive: bool = Field(False, description="Whether capital letters must match.")


class OrderingSpec(QuestionSpec):
    """Put the items in order; partial credit for each pair in the right order."""

    type: Literal["ordering"]
    items: Annotated[list[OrderItem], Field(min_length=2)] = Field(
        description="The items in the CORRECT order (students see them shuffled)."
    )


class EvidenceSpec(QuestionSpec):
    """Pick the sentence of the article that supports a claim."""

    type: Literal["evidence"]
    evidence: Quotes = Field(
        description=("The supporting quote(s); the sentences they fall in are the right answers."),
    )


class CriterionSpec(StrictModel):
    """One line of a written response's rubric: what the teacher looks for, and its points."""

    id: Slug = Field(description="Short id of the criterion, unique in its rubric.")
    text: Text = Field(description="What the teacher looks for, as teacher and student read it.")
    points: Annotated[Decimal, Field(gt=0)] = Field(
        Decimal(1), description="The most points this criterion gives."
    )


class WrittenResponseSpec(QuestionSpec):
    """Answer in sentences; the teacher marks the answer against the rubric."""

    type: Literal["written_response"]
    model_answer: OptionalText = Field(
        "",
        description=(
            "What a full-marks answer might say: the teacher's guide when marking, shown to "
            "students with their feedback."
        ),
    )
    rubric: list[CriterionSpec] = Field(
        default_factory=list,
        description=(
            "The criteria the teacher marks; the share of their points given is the share of "
            "the question's points earned. Without a rubric, one mark out of 'points'."
        ),
    )


Question = Annotated[
    MultipleChoiceSpec
    | MultiSelectSpec
    | TrueFalseSpec
    | ShortAnswerSpec
    | NumericSpec
    | ClozeSpec
    | OrderingSpec
    | EvidenceSpec
    | WrittenResponseSpec,
    Field(discriminator="type"),
]
QUESTION_SPECS: dict[str, type[QuestionSpec]] = {
    "multiple_choice": MultipleChoiceSpec,
    "multi_select": MultiSelectSpec,
    "true_false": TrueFalseSpec,
    "short_answer": ShortAnswerSpec,
    "numeric": NumericSpec,
    "cloze": ClozeSpec,
    "ordering": OrderingSpec,
    "evidence": EvidenceSpec,
    "written_response": WrittenResponseSpec,
}


class BankSpec(StrictModel):
    """A question bank: one article and the questions about it."""

    model_config = ConfigDict(title="quizapp question bank")

    schema_version: Literal[1] = Field(
        SCHEMA_VERSION,
        alias="schema",
        description="Version of this file format; currently 1.",
    )
    id: Slug = Field(description="Short id of the bank: lowercase letters, digits and '-'.")
    title: Text = Field(description="Title of the article (and of the quiz).")
    source: SourceSpec = Field(
        default_factory=SourceSpec, description="Where the article comes from."
    )
    article: OptionalText = Field(
        "",
        description="The whole article; paragraphs separated by blank lines. Write it after "
        "'article: |' so line breaks are kept. A bank without one (imported from another "
        "system) works, but takes no evidence.",
    )
    quiz: QuizSpec = Field(default_factory=QuizSpec, description="How the quiz runs.")
    questions: Annotated[list[Question], Field(min_length=1)] = Field(
        description="The questions, in the order shown when questions are not shuffled."
    )


class _BankJsonSchema(GenerateJsonSchema):
    """Write exact decimals as plain JSON numbers, the way a teacher types them in YAML."""

    def decimal_schema(self, schema: core_schema.DecimalSchema) -> JsonSchemaValue:
        def bound(value: Decimal | None) -> float | None:
            return None if value is None else float(value)

        return self.float_schema(
            core_schema.float_schema(
                le=bound(schema.get("le")),
                ge=bound(schema.get("ge")),
                lt=bound(schema.get("lt")),
                gt=bound(schema.get("gt")),
            )
        )

    def encode_default(self, dft: Any) -> Any:
        if isinstance(dft, Decimal):
            return int(dft) if dft == dft.to_integral_value() else float(dft)
        return super().encode_default(dft)


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a bank file, for editors (``question_banks/schema.json``)."""
    schema = BankSpec.model_json_schema(
        mode="validation", by_alias=True, schema_generator=_BankJsonSchema
    )
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$comment": f"Generated from quizapp/banks/schema.py: {REGENERATE_COMMAND}",
        **schema,
    }


def json_schema_text() -> str:
    """The JSON Schema as the exact text committed in ``question_banks/schema.json``."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
