"""Marking a written answer: the teacher's points per rubric criterion and a comment (the
results page lists the answers that wait, see ``results.assignment_results``).

A mark is a score override (``marking.override_score``) that also keeps the points of each
criterion, rather than a table and a grading path of its own: an override is already the one
way a teacher's points take the place of a graded fraction, it is applied on every regrade,
it carries a comment the student sees, it is in the attempt's history, and taking it away
("grade on the answer again") puts the answer back to waiting. The mark's points are the share
of the rubric points given (``criteria_fraction``) times the question's points.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from fractions import Fraction

import sqlalchemy.orm as so

from quizapp.db.models import Attempt, User
from quizapp.domain.questions.base import criteria_fraction
from quizapp.errors import InvalidInput, NotFound, UnknownQuestion
from quizapp.services import banks as bank_service
from quizapp.services import marking


def mark_answer(
    session: so.Session,
    teacher: User,
    attempt_id: int,
    question_id: str,
    criterion_texts: Mapping[str, str],
    comment: str,
    now: dt.datetime,
) -> Attempt:
    """Mark a written answer: ``criterion_texts`` are the points typed per criterion id.

    Every criterion needs its points, from 0 to its most; :class:`InvalidInput` names each
    one that has none or too many, so the form can be shown again with what was typed.
    """
    attempt = marking.teacher_attempt(session, teacher, attempt_id)
    bank = bank_service.load_version_bank(attempt.assignment.bank_version)
    try:
        question = bank.question(question_id)
    except UnknownQuestion:
        raise NotFound("The quiz has no such question.") from None
    if not question.marked_by_teacher:
        raise InvalidInput(
            "This question is graded on its answer: change its points instead of marking it."
        )
    criteria = question.marking_criteria()
    given: dict[str, Fraction] = {}
    problems: list[str] = []
    for criterion in criteria:
        text = criterion_texts.get(criterion.id, "").strip()
        if not text:
            problems.append(f"Give '{criterion.text}' 0 to {criterion.points} points.")
            continue
        try:
            points = marking.parse_points(text)
        except InvalidInput as error:
            problems.append(f"'{criterion.text}': {error}")
            continue
        if not 0 <= points <= criterion.points:
            problems.append(f"Give '{criterion.text}' 0 to {criterion.points} points, not {text}.")
        given[criterion.id] = points
    if problems:
        raise InvalidInput(" ".join(problems))
    fraction = criteria_fraction(criteria, given)
    return marking.override_score(
        session,
        teacher,
        attempt_id,
        question_id,
        fraction * question.points,
        comment,
        now,
        criterion_points=given,
    )
