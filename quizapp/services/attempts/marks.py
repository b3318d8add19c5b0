"""Storing an attempt's grades: each question graded with the teacher's accepted answers, the
teacher's score overrides put in place of the graded points, and only what changed written.

Submitting, regrading and overriding all store grades through :func:`record_grades`, so an
override survives every regrade until the teacher removes it, and every total, page and export
that reads the stored grades sees the teacher's points.

An answer waiting for the teacher's marking is stored with state ``waiting`` and no fraction,
and while any answer waits the attempt has no score (``fraction_text`` and ``percent`` are
None): every reader that shows a score then shows none, never a 0 that marking later changes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from fractions import Fraction

import sqlalchemy as sa
import sqlalchemy.orm as so

from quizapp.db.models import Attempt, ScoreOverride
from quizapp.db.models import Response as ResponseRow
from quizapp.domain.quiz import Bank as DomainBank
from quizapp.services.attempts.grading import AcceptedText, grade_attempt, with_overrides


def overrides_for(
    session: so.Session, attempt_ids: Iterable[int]
) -> dict[int, dict[str, Fraction]]:
    """The overridden points of each attempt, by question id (attempts without any left out)."""
    wanted = list(attempt_ids)
    found: dict[int, dict[str, Fraction]] = {}
    if not wanted:
        return found
    rows = session.execute(
        sa.select(
            ScoreOverride.attempt_id, ScoreOverride.question_id, ScoreOverride.points_text
        ).where(ScoreOverride.attempt_id.in_(wanted))
    )
    for attempt_id, question_id, points_text in rows:
        found.setdefault(attempt_id, {})[question_id] = Fraction(points_text)
    return found


def responses_and_overrides(
    session: so.Session, attempt_id: int
) -> tuple[list[ResponseRow], dict[str, Fraction]]:
    """The attempt's stored responses, freshly read, and its overridden points, in one query.

    Every override has a response row (overriding an unanswered question makes one with no
    answer), so joining the overrides to the responses finds them all.
    """
    rows = session.execute(
        sa.select(ResponseRow, ScoreOverride.points_text)
        .outerjoin(
            ScoreOverride,
            sa.and_(
                ScoreOverride.attempt_id == ResponseRow.attempt_id,
                ScoreOverride.question_id == ResponseRow.question_id,
            ),
        )
        .where(ResponseRow.attempt_id == attempt_id)
        .execution_options(populate_existing=True)
    ).all()
    overrides = {row.question_id: Fraction(points_text) for row, points_text in rows if points_text}
    return [row for row, _ in rows], overrides


def record_grades(
    session: so.Session,
    attempt: Attempt,
    bank: DomainBank,
    rows: Sequence[ResponseRow],
    accepted: Sequence[AcceptedText],
    overrides: dict[str, Fraction],
) -> bool:
    """Grade the attempt's stored responses and write what changed; True when anything did.

    Inside the caller's write transaction. A question without a response row stays ungraded,
    so an override of an unanswered question needs a row first (``marking`` makes one).
    """
    graded = with_overrides(
        bank, grade_attempt(bank, {row.question_id: row.data for row in rows}, accepted), overrides
    )
    by_question = {row.question_id: row for row in rows}
    changed = False
    for question_id, grade in graded.grades.items():
        row = by_question.get(question_id)
        if row is None:
            continue  # nothing was answered: nothing to store
        fraction_text = str(grade.fraction) if grade.settled else None
        state = str(grade.state)
        if row.fraction_text != fraction_text or row.state != state:
            row.fraction_text, row.state = fraction_text, state
            changed = True
    total_text = str(graded.fraction) if graded.settled else None
    if attempt.fraction_text != total_text:
        attempt.fraction_text = total_text
        attempt.percent = float(graded.fraction * 100) if total_text is not None else None
        changed = True
    return changed
