"""The order of questions and options drawn once per attempt (its layout), and reading it back."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from typing import Any

from quizapp.domain.questions import QuestionType
from quizapp.domain.quiz import Bank as DomainBank


def build_layout(bank: DomainBank, seed: str) -> dict[str, Any]:
    """The order of questions and of each question's options for one attempt.

    Drawn from ``seed`` so it can be reproduced; stored on the attempt so reloads keep it.
    Each question type draws its own options' order (``draw_option_order``).
    """
    rng = random.Random(seed)
    question_ids = [question.id for question in bank.questions]
    if bank.settings.shuffle_questions:
        rng.shuffle(question_ids)
    orders: dict[str, list[str]] = {}
    for question in bank.questions:
        order = question.draw_option_order(rng, shuffle_choices=bank.settings.shuffle_choices)
        if order is not None:
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
