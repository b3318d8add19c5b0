"""The responses layout: one row per saved answer, with its summary in words, credit, state and
times (ISO 8601, UTC).
"""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction
from itertools import groupby

import sqlalchemy as sa
import sqlalchemy.orm as so

from quizapp.db.models import (
    Attempt,
    User,
)
from quizapp.db.models import Response as ResponseRow
from quizapp.services.export.base import (
    BATCH_ROWS,
    Banks,
    ExportScope,
    format_decimal,
    format_time,
    scope_quizzes,
)

RESPONSE_COLUMNS = (
    "class",
    "username",
    "display_name",
    "quiz",
    "attempt",
    "question_id",
    "response",
    "credit",
    "state",
    "saved_at",
    "submitted_at",
)


def response_rows(session: so.Session, scope: ExportScope) -> Iterator[list[str]]:
    """The header, then one row per saved answer (bank order within an attempt)."""
    yield list(RESPONSE_COLUMNS)
    banks = Banks(session)
    for quiz in scope_quizzes(session, scope):
        bank = banks.get(quiz.version_id)
        order = {question.id: index for index, question in enumerate(bank.questions)}
        stream = session.execute(
            sa.select(
                User.username,
                User.display_name,
                Attempt.id,
                Attempt.number,
                Attempt.submitted_at,
                ResponseRow.question_id,
                ResponseRow.data,
                ResponseRow.fraction_text,
                ResponseRow.state,
                ResponseRow.saved_at,
            )
            .join(Attempt, Attempt.id == ResponseRow.attempt_id)
            .join(User, User.id == Attempt.student_id)
            .where(Attempt.assignment_id == quiz.id)
            .order_by(User.username, Attempt.number, ResponseRow.id)
            .execution_options(yield_per=BATCH_ROWS)
        )
        for _attempt_id, answers in groupby(stream, key=lambda row: row.id):
            for row in sorted(answers, key=lambda r: order.get(r.question_id, len(order))):
                yield [
                    quiz.class_name,
                    row.username,
                    row.display_name,
                    quiz.title,
                    str(row.number),
                    row.question_id,
                    bank.summarise(row.question_id, row.data),
                    ""
                    if row.fraction_text is None
                    else format_decimal(Fraction(row.fraction_text)),
                    row.state or "",
                    format_time(row.saved_at),
                    format_time(row.submitted_at),
                ]
