"""The order of questions and options drawn once per attempt (its layout), and reading it back."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from typing import Any

from quizapp.domain.questions import (
    MultipleChoice,
    MultiSelect,
    Ordering,
    QuestionType,
)
from quizapp.domain.quiz import Bank as DomainBank


def build_layout(bank: DomainBank, seed: str) -> dict[str, Any]:
    """The order of questions and of each question's options for one attempt.

    Drawn from ``seed`` so it can be reproduced; stored on the attempt so reloads keep it.
    Ordering items are always shuffled, since their authored order is the answer.
    """
    rng = random.Random(seed)
    question_ids = [question.id for question in bank.questions]
    if bank.settings.shuffle_questions:
        rng.shuffle(question_ids)
    orders: dict[str, list[str]] = {}
    for question in bank.questions:
        if isinstance(question, MultipleChoice | MultiSelect):
            order = [choice.id for choice in question.choices]
            if bank.settings.shuffle_choices and question.shuffle:
                rng.shuffle(order)
            orders[question.id] = order
        elif isinstance(question, Ordering):
            # Every order equally likely, the authored one included: ruling it out would tell
            # a student something about the answer (with two items, all of it).
            order = [item.id for item in question.items]
            rng.shuffle(order)
            orders[question.id] = order
    return {"questions": question_ids, "choices": orders, "seed": seed}


def question_order(
    bank: DomainBank, layout: Mapping[str, Any], by_id: Mapping[str, QuestionType] | None = None
) -> list[QuestionType]:
    if by_id is None:
        by_id = {question.id: question for question in bank.questions}
    listed = [qid for qid in layout.get("questions", []) if qid in by_id]
    listed += [qid for qid in by_id if qid not in listed]
    return [by_id[qid] for qid in listed]


def ordered_options(options: Sequence[Any], order: Sequence[str] | None) -> list[Any]:
    by_id = {option.id: option for option in options}
    ids = [oid for oid in (order or []) if oid in by_id]
    ids += [oid for oid in by_id if oid not in ids]
    return [by_id[oid] for oid in ids]
