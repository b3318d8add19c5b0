"""Score overrides, reopening an attempt and its history, through the real services.

The quiz is the results tests' small bank: host-city (multiple choice, 1 point), turkish-lead
(short answer, 1 point) and sisi-year (numeric, 2 points). Ana answers host-city right,
turkish-lead with "deputy minister" (wrong) and leaves sisi-year empty: 1 of 4 points.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction

import pytest
import sqlalchemy as sa
import sqlalchemy.orm as so

from quizapp.db import models
from quizapp.errors import Conflict, InvalidInput, NotFound
from quizapp.services import (
    assignments,
    attempts,
    export,
    marking,
    regrading,
    results,
    student_work,
)
from quizapp.services.assignments import AssignmentSettings
from tests.services.test_results import MINI_BANK, NOW, RIGHT, class_of_two, take

UserFactory = Callable[..., models.User]
ANA_ANSWERS = {"host-city": {"choice": "a"}, "turkish-lead": {"answer": "deputy minister"}}


@dataclass
class Marked:
    teacher: models.User
    other: models.User
    ana: models.User
    ben: models.User
    assignment: models.Assignment
    attempt: models.Attempt


@pytest.fixture
def marked(session: so.Session, make_user: UserFactory) -> Marked:
    made = class_of_two(session, make_user, MINI_BANK, "Mini")
    attempt = take(session, made.ana, made.assignment.id, ANA_ANSWERS)
    take(session, made.ben, made.assignment.id, RIGHT)
    return Marked(made.teacher, made.other, made.ana, made.ben, made.assignment, attempt)


def fresh_attempt(session: so.Session, attempt_id: int) -> models.Attempt:
    session.expire_all()
    attempt = session.get(models.Attempt, attempt_id)
    assert attempt is not None
    return attempt


def test_an_override_changes_the_total_and_survives_a_regrade(
    session: so.Session, marked: Marked
) -> None:
    assert marked.attempt.fraction_text == "1/4"
    marking.override_score(
        session,
        marked.teacher,
        marked.attempt.id,
        "turkish-lead",
        Fraction(1, 2),
        "Right person, wrong title.",
        NOW,
    )
    attempt = fresh_attempt(session, marked.attempt.id)
    assert attempt.fraction_text == "3/8"  # (1 + 1/2) of 4 points
    assert attempt.percent == 37.5
    report = regrading.regrade_assignment(session, marked.teacher, marked.assignment.id)
    assert report.changed == 0
    assert fresh_attempt(session, marked.attempt.id).fraction_text == "3/8"
    # Accepting another answer regrades every attempt, and the override still stands.
    regrading.accept_answer(session, marked.teacher, marked.assignment.id, "turkish-lead", "ankara")
    assert fresh_attempt(session, marked.attempt.id).fraction_text == "3/8"


def test_an_unanswered_question_can_be_given_points(session: so.Session, marked: Marked) -> None:
    marking.override_score(
        session, marked.teacher, marked.attempt.id, "sisi-year", Fraction(2), "", NOW
    )
    assert fresh_attempt(session, marked.attempt.id).fraction_text == "3/4"
    row = session.scalar(
        sa.select(models.Response).where(
            models.Response.attempt_id == marked.attempt.id,
            models.Response.question_id == "sisi-year",
        )
    )
    assert row is not None and (row.fraction_text, row.state, row.data) == ("1", "right", {})


def test_removing_an_override_grades_the_answer_again(session: so.Session, marked: Marked) -> None:
    marking.override_score(
        session, marked.teacher, marked.attempt.id, "host-city", Fraction(0), "copied", NOW
    )
    assert fresh_attempt(session, marked.attempt.id).fraction_text == "0"
    marking.remove_override(session, marked.teacher, marked.attempt.id, "host-city", NOW)
    assert fresh_attempt(session, marked.attempt.id).fraction_text == "1/4"
    with pytest.raises(NotFound, match="nothing to remove"):
        marking.remove_override(session, marked.teacher, marked.attempt.id, "host-city", NOW)
    history = student_work.student_work(
        session, marked.teacher, marked.assignment.id, marked.ana.id
    ).attempts[0]
    assert [entry.kind for entry in history.history] == [
        models.OVERRIDDEN,
        models.OVERRIDE_REMOVED,
    ]
    assert "Comment: copied" in history.history[0].detail
    assert "1/4 (25 %) → 0 (0 %)" in history.history[0].detail


@pytest.mark.parametrize(
    ("question_id", "points", "error", "message"),
    [
        ("sisi-year", Fraction(3), InvalidInput, "0 to 2 points"),
        ("sisi-year", Fraction(-1), InvalidInput, "0 to 2 points"),
        ("no-such-question", Fraction(1), NotFound, "no such question"),
    ],
)
def test_bad_overrides_are_refused_and_change_nothing(
    session: so.Session,
    marked: Marked,
    question_id: str,
    points: Fraction,
    error: type[Exception],
    message: str,
) -> None:
    with pytest.raises(error, match=message):
        marking.override_score(
            session, marked.teacher, marked.attempt.id, question_id, points, "", NOW
        )
    assert fresh_attempt(session, marked.attempt.id).fraction_text == "1/4"
    assert session.scalar(sa.select(sa.func.count(models.ScoreOverride.id))) == 0


def test_points_are_read_as_a_teacher_types_them() -> None:
    assert marking.parse_points("1.5") == Fraction(3, 2)
    assert marking.parse_points(" 0,25 ") == Fraction(1, 4)
    for bad in ("", "half", "nan", "1/2"):
        with pytest.raises(InvalidInput, match="Points must be a number"):
            marking.parse_points(bad)


def test_only_the_class_teacher_may_mark(session: so.Session, marked: Marked) -> None:
    with pytest.raises(NotFound):
        marking.override_score(
            session, marked.other, marked.attempt.id, "host-city", Fraction(0), "", NOW
        )
    with pytest.raises(NotFound):
        marking.reopen_attempt(session, marked.other, marked.attempt.id, "fire drill", 10, NOW)
    with pytest.raises(NotFound):
        marking.teacher_attempt(session, marked.ana, marked.attempt.id)
    with pytest.raises(NotFound):
        student_work.student_work(session, marked.other, marked.assignment.id, marked.ana.id)


def test_the_override_reaches_the_results_statistics_and_every_csv(
    session: so.Session, marked: Marked
) -> None:
    marking.override_score(
        session, marked.teacher, marked.attempt.id, "turkish-lead", Fraction(1), "", NOW
    )
    shown = results.assignment_results(session, marked.teacher, marked.assignment.id)
    ana = next(s for s in shown.students if s.student.id == marked.ana.id)
    assert ana.grade == Fraction(1, 2)
    lead = next(q for q in shown.questions if q.question_id == "turkish-lead")
    assert lead.right == 2  # Ana's override and Ben's answer
    assert lead.item is not None and lead.item.facility == 100.0
    scope = export.teacher_scope(session, marked.teacher, assignment_id=marked.assignment.id)
    gradebook = list(
        csv.DictReader(io.StringIO("".join(export.csv_lines(session, scope, "gradebook"))))
    )
    row = next(r for r in gradebook if r["username"] == "ana")
    assert (row["turkish-lead"], row["total_percent"]) == ("1", "50")
    moodle = list(csv.DictReader(io.StringIO("".join(export.csv_lines(session, scope, "moodle")))))
    assert next(r for r in moodle if r["Username"] == "ana")["Mini"] == "2"


def test_the_student_sees_the_override_and_comment_once_feedback_is_due(
    session: so.Session, marked: Marked
) -> None:
    marking.override_score(
        session,
        marked.teacher,
        marked.attempt.id,
        "turkish-lead",
        Fraction(1),
        "Deputy minister is his title: I accept it.",
        NOW,
    )
    view = attempts.attempt_view(
        session, marked.ana, marked.attempt.id, NOW + dt.timedelta(hours=1), secret="s"
    )
    question = next(q for q in view.questions if q.id == "turkish-lead")
    assert question.feedback is not None
    assert question.feedback.overridden and question.feedback.earned == 1
    assert question.feedback.teacher_comment == "Deputy minister is his title: I accept it."
    assert view.score == Fraction(1, 2)
    untouched = next(q for q in view.questions if q.id == "host-city")
    assert untouched.feedback is not None and not untouched.feedback.overridden


def test_after_close_feedback_keeps_the_comment_back_until_the_quiz_closes(
    session: so.Session, marked: Marked
) -> None:
    closes = NOW + dt.timedelta(days=1)
    assignments.update_assignment(
        session,
        marked.teacher,
        marked.assignment.id,
        AssignmentSettings(title="Mini", feedback_timing="after_close", closes_at=closes),
    )
    marking.override_score(
        session, marked.teacher, marked.attempt.id, "turkish-lead", Fraction(1), "secret", NOW
    )
    before = attempts.attempt_view(session, marked.ana, marked.attempt.id, NOW, secret="s")
    assert all(q.feedback is None for q in before.questions) and before.score is None
    after = attempts.attempt_view(
        session, marked.ana, marked.attempt.id, closes + dt.timedelta(minutes=1), secret="s"
    )
    assert any(q.feedback and q.feedback.teacher_comment == "secret" for q in after.questions)


# --- reopening --------------------------------------------------------------------------------


def test_a_reopened_attempt_continues_and_its_new_score_replaces_the_old(
    session: so.Session, marked: Marked
) -> None:
    later = NOW + dt.timedelta(hours=2)
    marking.reopen_attempt(
        session, marked.teacher, marked.attempt.id, "The fire alarm went off.", 20, later
    )
    attempt = fresh_attempt(session, marked.attempt.id)
    assert attempt.state == models.IN_PROGRESS and attempt.deadline == later + dt.timedelta(
        minutes=20
    )
    # The student resumes the same attempt, with the answers they had.
    resumed = attempts.start_or_resume(session, marked.ana, marked.assignment.id, later)
    assert resumed.id == marked.attempt.id
    view = attempts.attempt_view(session, marked.ana, resumed.id, later, secret="s")
    assert view.in_progress and view.answered_count == 2 and view.score is None
    attempts.save_responses(
        session, marked.ana, resumed.id, {"sisi-year": {"answer": "2013"}}, 5, later
    )
    attempts.submit_attempt(session, marked.ana, resumed.id, later + dt.timedelta(minutes=3))
    attempt = fresh_attempt(session, marked.attempt.id)
    assert (attempt.state, attempt.fraction_text) == (models.SUBMITTED, "3/4")
    assert session.scalar(sa.select(sa.func.count(models.Attempt.id))) == 2  # Ana's one, Ben's
    work = student_work.student_work(session, marked.teacher, marked.assignment.id, marked.ana.id)
    history = work.attempts[0].history
    assert [entry.kind for entry in history] == [models.REOPENED, models.RESUBMITTED]
    assert "The fire alarm went off." in history[0].detail and history[0].actor == "Ms-Lee"
    assert "1/4 (25 %) → 3/4 (75 %)" in history[1].detail


def test_a_reopened_attempt_outlives_the_closing_time_until_its_own_deadline(
    session: so.Session, marked: Marked
) -> None:
    later = NOW + dt.timedelta(hours=2)
    assignments.close_assignment(session, marked.teacher, marked.assignment.id, now=later)
    with pytest.raises(InvalidInput, match="give the minutes"):
        marking.reopen_attempt(session, marked.teacher, marked.attempt.id, "ill", None, later)
    marking.reopen_attempt(session, marked.teacher, marked.attempt.id, "ill", 30, later)
    resumed = attempts.start_or_resume(
        session, marked.ana, marked.assignment.id, later + dt.timedelta(minutes=10)
    )
    assert resumed.state == models.IN_PROGRESS
    saved = attempts.save_responses(
        session,
        marked.ana,
        resumed.id,
        {"sisi-year": {"answer": "2013"}},
        9,
        later + dt.timedelta(minutes=10),
    )
    assert "sisi-year" in saved.saved
    # Past its deadline (and the grace period), it is submitted with what was saved.
    attempts.submit_overdue(session, later + dt.timedelta(minutes=32))
    attempt = fresh_attempt(session, marked.attempt.id)
    assert attempt.state == models.SUBMITTED
    assert attempt.submitted_at == later + dt.timedelta(minutes=30)
    assert attempt.fraction_text == "3/4"  # the answer saved after the quiz closed counts


def test_reopening_is_refused_when_it_cannot_work(session: so.Session, marked: Marked) -> None:
    with pytest.raises(InvalidInput, match="Say why"):
        marking.reopen_attempt(session, marked.teacher, marked.attempt.id, "  ", 10, NOW)
    with pytest.raises(InvalidInput, match="1 to 1440 minutes"):
        marking.reopen_attempt(session, marked.teacher, marked.attempt.id, "why", 0, NOW)
    marking.reopen_attempt(session, marked.teacher, marked.attempt.id, "why", 10, NOW)
    with pytest.raises(Conflict, match="already in progress"):
        marking.reopen_attempt(session, marked.teacher, marked.attempt.id, "why", 10, NOW)
    with pytest.raises(Conflict, match="once it is submitted"):
        marking.override_score(
            session, marked.teacher, marked.attempt.id, "host-city", Fraction(0), "", NOW
        )
