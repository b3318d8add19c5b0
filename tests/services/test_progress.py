"""A student's quizzes and progress: status, attempts left, grades by method, hidden scores,
the score timeline and mastery per skill."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from fractions import Fraction

import pytest
import sqlalchemy.orm as so

from quizapp.db import models
from quizapp.domain.quiz import Availability
from quizapp.errors import Forbidden, NotFound
from quizapp.services import accounts, assignments, classes, progress
from quizapp.services import attempts as attempt_service
from quizapp.services import banks as bank_service

UserFactory = Callable[..., models.User]
NOW = dt.datetime(2031, 3, 3, 9, 0, tzinfo=dt.UTC)
HOUR = dt.timedelta(hours=1)

# Two questions of different skills and weights, so mastery and totals are easy to follow.
BANK = """\
schema: 1
id: two-questions
title: Two questions
article: |
  Ada visited Paris in 2019. She met Bo there.
questions:
  - id: city
    type: multiple_choice
    skill: detail
    prompt: Which city did Ada visit?
    choices: [{text: Paris, correct: true}, Rome]
  - id: friend
    type: short_answer
    skill: inference
    points: 3
    prompt: Whom did Ada meet?
    answers: [Bo]
"""
RIGHT = {"city": {"choice": "a"}, "friend": {"answer": "Bo"}}
CITY_ONLY = {"city": {"choice": "a"}, "friend": {"answer": "Cy"}}  # 1 of 4 points


class Setup:
    def __init__(self, session: so.Session, make_user: UserFactory) -> None:
        self.session = session
        self.teacher = make_user("ms-lee", models.TEACHER)
        self.student = make_user("ada")
        self.classroom = classes.create_class(session, self.teacher, "9A")
        self.other_class = classes.create_class(session, self.teacher, "9B")
        accounts.join_classroom(session, self.student, self.classroom.join_code)
        self.version = bank_service.save_bank_text(session, BANK, user=self.teacher)

    def assign(
        self, title: str, class_id: int | None = None, **settings: object
    ) -> models.Assignment:
        return assignments.assign_bank(
            self.session,
            self.teacher,
            class_id or self.classroom.id,
            self.version.bank_id,
            assignments.AssignmentSettings(title=title, **settings),  # type: ignore[arg-type]
        )

    def take(
        self, assignment: models.Assignment, answers: dict[str, dict[str, str]], at: dt.datetime
    ) -> models.Attempt:
        attempt = attempt_service.start_or_resume(self.session, self.student, assignment.id, at)
        attempt_service.save_responses(self.session, self.student, attempt.id, answers, 1, at)
        return attempt_service.submit_attempt(self.session, self.student, attempt.id, at)


@pytest.fixture
def setup(session: so.Session, make_user: UserFactory) -> Setup:
    return Setup(session, make_user)


def test_the_home_list_shows_only_the_students_classes_with_status_and_attempts(
    setup: Setup,
) -> None:
    open_quiz = setup.assign("Open", attempts_allowed=3, grading_method="last")
    setup.assign("Upcoming", opens_at=NOW + HOUR)
    setup.assign("Closed", closes_at=NOW - HOUR)
    setup.assign("Not my class", class_id=setup.other_class.id)
    setup.take(open_quiz, RIGHT, NOW - 2 * HOUR)
    setup.take(open_quiz, CITY_ONLY, NOW - HOUR)
    attempt_service.start_or_resume(setup.session, setup.student, open_quiz.id, NOW)

    quizzes = progress.assignments_for_student(setup.session, setup.student, NOW)
    assert [(q.title, q.status) for q in quizzes] == [
        ("Open", Availability.OPEN),
        ("Upcoming", Availability.UPCOMING),
        ("Closed", Availability.CLOSED),
    ]
    first = quizzes[0]
    assert (first.attempts_used, first.attempts_left, first.submitted_count) == (3, 0, 2)
    assert first.in_progress_attempt_id is not None and first.can_start  # it can be resumed
    assert first.grade == Fraction(1, 4)  # "last" grading: the latest submitted attempt
    assert not quizzes[1].can_start and not quizzes[2].can_start
    assert quizzes[1].attempts_left is None  # unlimited


def test_grading_methods_pick_the_grade(setup: Setup) -> None:
    highest = setup.assign("Highest", grading_method="highest")
    average = setup.assign("Average", grading_method="average")
    for quiz in (highest, average):
        setup.take(quiz, CITY_ONLY, NOW - HOUR)
        setup.take(quiz, RIGHT, NOW)
    grades = {
        q.title: q.grade
        for q in progress.assignments_for_student(setup.session, setup.student, NOW)
    }
    assert grades == {"Highest": 1, "Average": Fraction(5, 8)}


def test_after_close_scores_stay_hidden_until_the_quiz_closes(setup: Setup) -> None:
    quiz = setup.assign("Secret", feedback_timing="after_close", closes_at=NOW + HOUR)
    setup.take(quiz, RIGHT, NOW)
    before = progress.assignments_for_student(setup.session, setup.student, NOW)
    assert before[0].grade is None
    report = progress.student_progress(setup.session, setup.student, NOW)
    assert report.timeline == [] and report.skills == []
    assert report.attempts[0].score is None
    after = progress.assignments_for_student(setup.session, setup.student, NOW + HOUR)
    assert after[0].grade == 1


def test_progress_has_best_and_latest_a_timeline_and_skill_mastery(setup: Setup) -> None:
    quiz = setup.assign("Paris")
    other = setup.assign("Paris again")
    setup.take(quiz, RIGHT, NOW - 3 * HOUR)
    setup.take(quiz, CITY_ONLY, NOW - 2 * HOUR)
    setup.take(other, CITY_ONLY, NOW - HOUR)
    attempt_service.start_or_resume(setup.session, setup.student, other.id, NOW)

    report = progress.student_progress(setup.session, setup.student, NOW)
    assert len(report.attempts) == 4 and report.attempts[0].in_progress
    by_title = {q.title: q for q in report.quizzes}
    assert (by_title["Paris"].best, by_title["Paris"].latest) == (Fraction(1), Fraction(1, 4))
    assert (by_title["Paris again"].best, by_title["Paris again"].attempts) == (Fraction(1, 4), 2)
    assert [(t.assignment_title, t.score) for t in report.timeline] == [
        ("Paris", Fraction(1)),
        ("Paris", Fraction(1, 4)),
        ("Paris again", Fraction(1, 4)),
    ]
    # detail: right 3 times out of 3; inference: 3 of 9 points.
    assert [(s.skill, s.earned, s.possible, s.questions) for s in report.skills] == [
        ("detail", Fraction(3), Fraction(3), 3),
        ("inference", Fraction(3), Fraction(9), 3),
    ]
    assert report.skills[1].fraction == Fraction(1, 3)


def test_the_home_list_submits_the_students_overdue_attempts(setup: Setup) -> None:
    quiz = setup.assign("Timed", time_limit_minutes=5)
    attempt = attempt_service.start_or_resume(setup.session, setup.student, quiz.id, NOW)
    attempt_service.save_responses(setup.session, setup.student, attempt.id, RIGHT, 1, NOW)
    quizzes = progress.assignments_for_student(setup.session, setup.student, NOW + HOUR)
    assert quizzes[0].in_progress_attempt_id is None
    assert quizzes[0].grade == 1


def test_one_quiz_in_detail_and_access(setup: Setup, make_user: UserFactory) -> None:
    quiz = setup.assign("Paris")
    setup.take(quiz, RIGHT, NOW)
    detail = progress.assignment_for_student(setup.session, setup.student, quiz.id, NOW)
    assert detail.summary.title == "Paris"
    assert [(a.number, a.score) for a in detail.attempts] == [(1, Fraction(1))]
    outsider = make_user("bo")
    with pytest.raises(NotFound):
        progress.assignment_for_student(setup.session, outsider, quiz.id, NOW)
    with pytest.raises(Forbidden):
        progress.student_progress(setup.session, setup.teacher, NOW)
    with pytest.raises(Forbidden):
        progress.assignments_for_student(setup.session, setup.teacher, NOW)
