"""Turning a validated bank (``schema.BankSpec``) into the domain's ``Bank`` and question objects.

This is where the file format's conveniences become the domain's explicit values: choices and
ordering items without an ``id`` get the letters a, b, c... by position; credits, points and
the pass mark become exact ``Fraction`` values; an evidence question's accepted sentences are
the article sentences its quotes fall in; short-answer and cloze questions receive the article's
name-like spans as ``distinct_entities`` (so that leniency never accepts another entity of the
article), the acronyms it defines, and rapidfuzz's edit distance for typo tolerance (the domain
imports only the standard library, so the distance is handed to it here). Question classes come
from a ``QuestionTypeRegistry``, so a registry with other types can be passed in. Nothing here
checks the bank: ``quizapp.banks.validation`` does that first.
"""

from __future__ import annotations

import re
import string
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any

from rapidfuzz.distance import OSA

from quizapp.banks import schema
from quizapp.domain.article import Article
from quizapp.domain.behaviours import FeedbackTiming
from quizapp.domain.questions import (
    Answer,
    Blank,
    Choice,
    Criterion,
    Leniency,
    NumericAnswer,
    OrderItem,
    QuestionType,
    QuestionTypeRegistry,
    default_registry,
)
from quizapp.domain.questions.base import QUOTE_SEPARATOR
from quizapp.domain.questions.evidence import accepted_sentences, offered_sentences
from quizapp.domain.quiz import Bank, GradingMethod, QuizSettings, Source
from quizapp.domain.text import acronym_definitions

# ``[[blank-id]]`` in a cloze text; anything between the brackets is captured so that a
# malformed id can be reported rather than silently left in the text.
PLACEHOLDER = re.compile(r"\[\[([^\[\]]*)\]\]")

QuestionSpecs = (
    schema.MultipleChoiceSpec
    | schema.MultiSelectSpec
    | schema.TrueFalseSpec
    | schema.ShortAnswerSpec
    | schema.NumericSpec
    | schema.ClozeSpec
    | schema.OrderingSpec
    | schema.EvidenceSpec
    | schema.WrittenResponseSpec
)


def position_id(index: int) -> str:
    """The default id of the choice or item at ``index``: a, b, ... z, then aa, ab, ..."""
    letters = string.ascii_lowercase
    if index < len(letters):
        return letters[index]
    return position_id(index // len(letters) - 1) + letters[index % len(letters)]


def choice_ids(choices: Sequence[schema.ChoiceSpec | schema.OrderItemSpec]) -> list[str]:
    """The id of each choice or ordering item: its own ``id`` or its position letter."""
    return [item.id or position_id(index) for index, item in enumerate(choices)]


def cloze_placeholders(text: str) -> list[str]:
    """The blank ids named in a cloze text, in order, as written (repeats included)."""
    return [match.group(1) for match in PLACEHOLDER.finditer(text)]


def edit_distance(first: str, second: str) -> int:
    """Optimal-string-alignment distance (a swap of two letters is one edit): "Ciaro"/"Cairo" 1."""
    return int(OSA.distance(first, second))


def article_acronyms(article: Article) -> frozenset[tuple[str, str]]:
    """The (acronym, expansion) pairs the article defines, such as ("MHRA", "Medicines ...")."""
    return frozenset(acronym_definitions(article.text).items())


def article_entities(article: Article) -> frozenset[str]:
    """The names in an article that short answers must never confuse with each other."""
    return frozenset(article.named_spans())


def build_bank(
    spec: schema.BankSpec,
    *,
    registry: QuestionTypeRegistry | None = None,
    questions: Sequence[QuestionType] | None = None,
) -> Bank:
    """The domain bank for a validated bank spec (``questions``: already built from it)."""
    registry = registry if registry is not None else default_registry()
    article = Article(spec.article)
    if questions is None:
        entities = article_entities(article)
        questions = [
            build_question(q, article, registry=registry, entities=entities) for q in spec.questions
        ]
    quiz = spec.quiz
    settings = QuizSettings(
        shuffle_questions=quiz.shuffle_questions,
        shuffle_choices=quiz.shuffle_choices,
        attempts=None if quiz.attempts == schema.UNLIMITED else int(quiz.attempts),
        grading=GradingMethod(quiz.grading),
        feedback=FeedbackTiming(quiz.feedback),
        time_limit_minutes=quiz.time_limit_minutes,
        pass_fraction=Fraction(quiz.pass_fraction),
    )
    source = Source(
        publisher=spec.source.publisher,
        published=spec.source.published,
        url=spec.source.url,
        author=spec.source.author,
    )
    return Bank(
        id=spec.id,
        title=spec.title,
        article=spec.article,
        questions=tuple(questions),
        settings=settings,
        source=source,
    )


def build_question(
    spec: QuestionSpecs,
    article: Article,
    *,
    registry: QuestionTypeRegistry | None = None,
    entities: frozenset[str] | None = None,
) -> QuestionType:
    """The domain question for one validated question spec of a bank about ``article``.

    ``entities`` are ``article_entities(article)``, when the caller has them already.
    """
    registry = registry if registry is not None else default_registry()
    if entities is None:
        entities = article_entities(article)
    question_class = registry.get(spec.type)
    common: dict[str, Any] = {
        "id": spec.id,
        "prompt": spec.prompt,
        "skill": spec.skill,
        "points": Fraction(spec.points),
        "evidence": QUOTE_SEPARATOR.join(spec.evidence) if spec.evidence else None,
        "explanation": spec.explanation,
    }
    return question_class(**common, **_type_fields(spec, article, entities))


def _type_fields(spec: QuestionSpecs, article: Article, entities: frozenset[str]) -> dict[str, Any]:
    if isinstance(spec, schema.MultipleChoiceSpec | schema.MultiSelectSpec):
        ids = choice_ids(spec.choices)
        choices = tuple(
            Choice(id=choice_id, text=c.text, correct=c.correct, feedback=c.feedback)
            for choice_id, c in zip(ids, spec.choices, strict=True)
        )
        return {"choices": choices, "shuffle": spec.shuffle}
    if isinstance(spec, schema.TrueFalseSpec):
        return {
            "answer": spec.answer,
            "feedback_true": spec.feedback_true,
            "feedback_false": spec.feedback_false,
        }
    if isinstance(spec, schema.ShortAnswerSpec):
        return {
            "answers": _answers(spec.answers),
            "leniency": _leniency(spec.leniency),
            "case_sensitive": spec.case_sensitive,
            "distinct_entities": entities,
            "defined_acronyms": article_acronyms(article),
            "edit_distance": edit_distance,
        }
    if isinstance(spec, schema.NumericSpec):
        return {"answers": _numeric_answers(spec), "unit": spec.unit}
    if isinstance(spec, schema.ClozeSpec):
        order = list(dict.fromkeys(cloze_placeholders(spec.text)))
        order += [blank_id for blank_id in spec.blanks if blank_id not in order]
        blanks = tuple(
            Blank(id=blank_id, answers=_answers(spec.blanks[blank_id]))
            for blank_id in order
            if blank_id in spec.blanks
        )
        return {
            "text": spec.text,
            "blanks": blanks,
            "leniency": _leniency(spec.leniency),
            "case_sensitive": spec.case_sensitive,
            "distinct_entities": entities,
            "defined_acronyms": article_acronyms(article),
            "edit_distance": edit_distance,
        }
    if isinstance(spec, schema.OrderingSpec):
        ids = choice_ids(spec.items)
        items = tuple(
            OrderItem(id=item_id, text=item.text)
            for item_id, item in zip(ids, spec.items, strict=True)
        )
        return {"items": items}
    if isinstance(spec, schema.WrittenResponseSpec):
        rubric = tuple(Criterion(c.id, c.text, Fraction(c.points)) for c in spec.rubric)
        return {"model_answer": spec.model_answer, "rubric": rubric}
    return _evidence_fields(spec, article)


def _evidence_fields(spec: schema.EvidenceSpec, article: Article) -> dict[str, Any]:
    ids, texts = offered_sentences(article)
    return {
        "sentences": ids,
        "accepted": accepted_sentences(article, spec.evidence),
        "sentence_texts": texts,
    }


def _answers(answers: list[schema.AnswerSpec]) -> tuple[Answer, ...]:
    return tuple(
        Answer(text=a.text, credit=Fraction(a.credit), feedback=a.feedback) for a in answers
    )


def _numeric_answers(spec: schema.NumericSpec) -> tuple[NumericAnswer, ...]:
    if spec.answers is not None:
        return tuple(
            NumericAnswer(
                value=a.value,
                tolerance=a.tolerance,
                credit=Fraction(a.credit),
                feedback=a.feedback,
            )
            for a in spec.answers
        )
    if spec.answer is None:
        return ()
    tolerance = spec.tolerance if spec.tolerance is not None else Decimal(0)
    return (NumericAnswer(value=spec.answer, tolerance=tolerance),)


def _leniency(spec: schema.LeniencySpec) -> Leniency:
    return Leniency(
        typos=spec.typos,
        numbers=spec.numbers,
        dates=spec.dates,
        name_sets=spec.name_sets,
        qualifiers=spec.qualifiers,
        prepositions=spec.prepositions,
        acronyms=spec.acronyms,
        per_cent=spec.per_cent,
        name_forms=spec.name_forms,
    )
