"""Marking written answers through the real services: waiting, marked, regraded, exported.

The quiz: host-city (multiple choice, 1 point) and why-talks (written response, 3 points, a
rubric of reason 2 + details 2). Ana answers host-city right and writes an answer; Ben
answers host-city right and leaves the written answer empty.
"""

from __future__ import annotations

import csv
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
    accounts,
    assignments,
    attempts,
    export,
    marking,
    progress,
    regrading,
    results,
    student_work,
    written_marks,
)
from quizapp.services.assignments import AssignmentSettings
from tests.services.test_results import NOW, class_of_two, take

UserFactory = Callable[..., models.User]
SECRET = "test-secret"
WRITTEN_BANK = """\
schema: 1
id: written
title: Talks in Cairo
article: |
  Turkish diplomats arrived in Cairo for talks. Egypt feels hesitant after years of hostility.
quiz: {attempts: unlimited, grading: highest, feedback: after_submit}
questions:
  - id: host-city
    type: multiple_choice
    prompt: Which city hosted the talks?
    choices: [{text: Cairo, correct: true}, Ankara]
  - id: why-talks
    type: written_response
    points: 3
    prompt: Explain why Egypt is hesitant.
    model_answer: Years of hostility left Egypt mistrustful.
    rubric:
      - {id: reason, text: Gives the reason., points: 2}
      - {id: details, text: Uses a detail from the article., points: 2}
"""
ANA = {"host-city": {"choice": "a"}, "why-talks": {"answer": "They fought for years."}}
BEN = {"host-city": {"choice": "a"}}


@dataclass
class Written:
    teacher: models.User
    other: models.User
    ana: models.User
    ben: models.User
    assignment: models.Assignment
    ana_attempt: models.Attempt
    ben_attempt: models.Attempt


@pytest.fixture
def written(session: so.Session, make_user: UserFactory) -> Written:
    made = class_of_two(session, make_user, WRITTEN_BANK, "Talks")
    ana_attempt = take(session, made.ana, made.assignment.id, ANA)
    ben_attempt = take(session, made.ben, made.assignment.id, BEN)
    return Written(
        made.teacher, made.other, made.ana, made.ben, made.assignment, ana_attempt, ben_attempt
    )


def fresh(session: so.Session, attempt_id: int) -> models.Attempt:
    session.expire_all()
    attempt = session.get(models.Attempt, attempt_id)
    assert attempt is not None
    return attempt


def mark(session: so.Session, written: Written, points: dict[str, str], comment: str = "") -> None:
    written_marks.mark_answer(
        session, written.teacher, written.ana_attempt.id, "why-talks", points, comment, NOW
    )


def test_a_written_answer_waits_with_no_score_and_an_empty_one_is_simply_unanswered(
    session: so.Session, written: Written
) -> None:
    ana = fresh(session, written.ana_attempt.id)
    assert (ana.state, ana.fraction_text, ana.percent) == (models.SUBMITTED, None, None)
    row = session.scalar(
        sa.select(models.Response).where(
            models.Response.attempt_id == ana.id, models.Response.question_id == "why-talks"
        )
    )
    assert row is not None and (row.fraction_text, row.state) == (None, "waiting")
    # Ben wrote nothing: there is nothing to mark, and his score is settled.
    assert fresh(session, written.ben_attempt.id).fraction_text == "1/4"


def test_marking_gives_the_rubric_share_of_the_points_and_releases_the_score(
    session: so.Session, written: Written
) -> None:
    mark(session, written, {"reason": "2", "details": "1"}, "Name a detail from the article.")
    ana = fresh(session, written.ana_attempt.id)
    # host-city 1 + why-talks 3 x 3/4 = 3.25 of 4 points.
    assert ana.fraction_text == "13/16"
    view = attempts.attempt_view(session, written.ana, ana.id, NOW, secret=SECRET)
    assert view.score == Fraction(13, 16) and not view.waiting
    [feedback] = [q.feedback for q in view.questions if q.id == "why-talks"]
    assert feedback is not None
    assert (feedback.state, feedback.earned) == ("partial", Fraction(9, 4))
    assert feedback.teacher_comment == "Name a detail from the article."
    assert feedback.criteria == (
        ("Gives the reason.", Fraction(2), Fraction(2)),
        ("Uses a detail from the article.", Fraction(1), Fraction(2)),
    )
    assert feedback.correct_answer == "Years of hostility left Egypt mistrustful."
    history = student_work.student_work(
        session, written.teacher, written.assignment.id, written.ana.id
    )
    detail = history.attempts[0].history[-1].detail
    assert detail.startswith("why-talks: 9/4 of 3 point(s). Score waiting for marking → 13/16")
    assert "Per criterion: reason 2, details 1. Comment: Name a detail" in detail


def test_before_marking_the_student_sees_waiting_never_a_zero(
    session: so.Session, written: Written
) -> None:
    view = attempts.attempt_view(session, written.ana, written.ana_attempt.id, NOW, secret=SECRET)
    assert view.waiting and view.score is None
    [feedback] = [q.feedback for q in view.questions if q.id == "why-talks"]
    assert feedback is not None and feedback.state == "waiting" and feedback.criteria == ()
    detail = progress.assignment_for_student(session, written.ana, written.assignment.id, NOW)
    assert detail.summary.grade is None and detail.summary.waiting_count == 1
    assert [a.waiting for a in detail.attempts] == [True]


def test_a_mark_survives_a_regrade_and_taking_it_back_makes_the_answer_wait_again(
    session: so.Session, written: Written
) -> None:
    mark(session, written, {"reason": "2", "details": "2"})
    assert fresh(session, written.ana_attempt.id).fraction_text == "1"
    report = regrading.regrade_assignment(session, written.teacher, written.assignment.id)
    assert report.changed == 0
    assert fresh(session, written.ana_attempt.id).fraction_text == "1"
    marking.remove_override(session, written.teacher, written.ana_attempt.id, "why-talks", NOW)
    assert fresh(session, written.ana_attempt.id).fraction_text is None


def test_marking_again_replaces_the_mark_and_its_criteria(
    session: so.Session, written: Written
) -> None:
    mark(session, written, {"reason": "0", "details": "0"}, "Try again.")
    mark(session, written, {"reason": "1.5", "details": "2"})
    row = session.scalar(sa.select(models.ScoreOverride))
    assert row is not None
    assert (row.points_text, row.criterion_points, row.comment) == (
        "21/8",
        {"reason": "3/2", "details": "2"},
        "",
    )


@pytest.mark.parametrize(
    ("points", "message"),
    [
        ({"reason": "2"}, "Give 'Uses a detail from the article.' 0 to 2 points."),
        ({"reason": "3", "details": "0"}, "Give 'Gives the reason.' 0 to 2 points, not 3."),
        ({"reason": "lots", "details": "1"}, "'Gives the reason.': Points must be a number"),
    ],
)
def test_bad_criterion_points_are_refused_and_change_nothing(
    session: so.Session, written: Written, points: dict[str, str], message: str
) -> None:
    with pytest.raises(InvalidInput) as refused:
        mark(session, written, points)
    assert str(refused.value).startswith(message)
    assert session.scalar(sa.select(sa.func.count(models.ScoreOverride.id))) == 0
    assert fresh(session, written.ana_attempt.id).fraction_text is None


def test_only_written_answers_are_marked_and_only_by_their_teacher(
    session: so.Session, written: Written
) -> None:
    with pytest.raises(InvalidInput, match="graded on its answer"):
        written_marks.mark_answer(
            session, written.teacher, written.ana_attempt.id, "host-city", {}, "", NOW
        )
    with pytest.raises(NotFound):
        written_marks.mark_answer(
            session, written.other, written.ana_attempt.id, "why-talks", {"reason": "1"}, "", NOW
        )
    with pytest.raises(NotFound):
        written_marks.mark_answer(
            session, written.teacher, written.ana_attempt.id, "no-such", {}, "", NOW
        )


def test_an_attempt_in_progress_cannot_be_marked(session: so.Session, written: Written) -> None:
    marking.reopen_attempt(session, written.teacher, written.ana_attempt.id, "Finish it", 30, NOW)
    with pytest.raises(Conflict, match="in progress"):
        mark(session, written, {"reason": "2", "details": "2"})


def test_a_written_question_cannot_be_checked_before_submitting(
    session: so.Session, written: Written, make_user: UserFactory
) -> None:
    cy = make_user("cy", display_name="Cy")
    accounts.join_classroom(session, cy, written.assignment.classroom.join_code)
    settings = AssignmentSettings(title="Checked", feedback_timing="immediate")
    checked = assignments.assign_bank(
        session,
        written.teacher,
        written.assignment.classroom_id,
        written.assignment.bank_version.bank_id,
        settings,
    )
    attempt = attempts.start_or_resume(session, cy, checked.id, NOW)
    attempts.save_responses(session, cy, attempt.id, {"why-talks": ANA["why-talks"]}, 1, NOW)
    with pytest.raises(InvalidInput, match="marks this answer after you submit"):
        attempts.check_question(session, cy, attempt.id, "why-talks", NOW)
    view = attempts.attempt_view(session, cy, attempt.id, NOW, secret=SECRET)
    assert [q.checkable for q in view.questions if q.id == "why-talks"] == [False]


def test_the_results_list_what_is_to_mark_and_leave_it_out_of_the_statistics(
    session: so.Session, written: Written
) -> None:
    page = results.assignment_results(session, written.teacher, written.assignment.id)
    assert [(a.student_name, a.attempt_number, a.question_id) for a in page.to_mark] == [
        ("Ana", 1, "why-talks")
    ]
    ana, ben = page.students
    assert (ana.waiting, ana.grade) == (True, None)
    assert (ben.waiting, ben.grade) == (False, Fraction(1, 4))
    # Only Ben's attempt is in the statistics: Ana's waits, and is not counted as 0.
    assert page.statistics.attempts == 1
    [host, why] = page.questions
    assert (host.attempts, host.right) == (1, 1)
    # Ben left it empty (0); Ana's unmarked answer is not there to pull it either way.
    assert why.item is not None and (why.item.attempts, why.item.facility) == (1, 0.0)
    gradebook = results.class_results(session, written.teacher, written.assignment.classroom_id)
    cell = gradebook.cell(written.ana.id, written.assignment.id)
    assert (cell.grade, cell.waiting) == (None, True)

    mark(session, written, {"reason": "2", "details": "2"})
    page = results.assignment_results(session, written.teacher, written.assignment.id)
    assert page.to_mark == [] and page.statistics.attempts == 2
    assert page.students[0].grade == 1
    why = page.questions[1]
    assert why.item is not None and (why.item.attempts, why.item.facility) == (2, 50.0)


def test_the_student_work_page_shows_the_model_answer_and_the_criteria(
    session: so.Session, written: Written
) -> None:
    work = student_work.student_work(
        session, written.teacher, written.assignment.id, written.ana.id
    )
    answer = next(a for a in work.attempts[0].answers if a.question_id == "why-talks")
    assert answer.marked_by_teacher and answer.waiting
    assert answer.model_answer == "Years of hostility left Egypt mistrustful."
    assert [(c.id, c.points, c.given) for c in answer.criteria] == [
        ("reason", 2, None),
        ("details", 2, None),
    ]
    mark(session, written, {"reason": "1", "details": "2"})
    work = student_work.student_work(
        session, written.teacher, written.assignment.id, written.ana.id
    )
    answer = next(a for a in work.attempts[0].answers if a.question_id == "why-talks")
    assert not answer.waiting
    assert [c.given for c in answer.criteria] == [1, 2]


def export_text(session: so.Session, written: Written, layout: str) -> list[dict[str, str]]:
    scope = export.teacher_scope(session, written.teacher, assignment_id=written.assignment.id)
    text = "".join(export.csv_lines(session, scope, layout)).lstrip("\ufeff")
    return list(csv.DictReader(io.StringIO(text)))


def test_the_exports_say_waiting_for_an_unmarked_answer_never_0(
    session: so.Session, written: Written
) -> None:
    gradebook = {row["username"]: row for row in export_text(session, written, "gradebook")}
    assert gradebook["ana"]["why-talks"] == "waiting"
    assert gradebook["ana"]["total_percent"] == "waiting"
    assert gradebook["ben"]["total_percent"] == "25"
    points = {row["username"]: row for row in export_text(session, written, "points")}
    assert (points["ana"]["why-talks"], points["ana"]["total_points"]) == ("waiting", "waiting")
    responses = [r for r in export_text(session, written, "responses") if r["username"] == "ana"]
    [why] = [r for r in responses if r["question_id"] == "why-talks"]
    assert (why["credit"], why["state"]) == ("", "waiting")
    # An LMS import reads a blank as "no grade yet".
    moodle = {row["Username"]: row for row in export_text(session, written, "moodle")}
    assert moodle["ana"]["Talks"] == ""

    mark(session, written, {"reason": "2", "details": "2"})
    gradebook = {row["username"]: row for row in export_text(session, written, "gradebook")}
    assert (gradebook["ana"]["why-talks"], gradebook["ana"]["total_percent"]) == ("1", "100")
