"""The live view's figures: who has started, how many questions each has answered, who has
submitted, the time left (time limits and closing times, students not started included), who may
see them, and that they cost the same two statements for a class of one or of six."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import pytest
import sqlalchemy.orm as so

from quizapp.db import models
from quizapp.errors import Forbidden, NotFound
from quizapp.services import accommodations, accounts, assignments, classes
from quizapp.services import attempts as attempt_service
from quizapp.services import banks as bank_service
from quizapp.services.live import LiveProgress, LiveStatus, StudentProgress, live_progress
from tests.web.test_query_counts import counted

UserFactory = Callable[..., models.User]
NOW = dt.datetime(2031, 3, 3, 9, 0, tzinfo=dt.UTC)
MINUTE = dt.timedelta(minutes=1)

BANK = """\
schema: 1
id: live-bank
title: Three questions
article: |
  Ada visited Paris in 2019. She met Bo there.
questions:
  - id: city
    type: multiple_choice
    prompt: Which city did Ada visit?
    choices: [{text: Paris, correct: true}, Rome, Oslo]
  - id: friend
    type: short_answer
    prompt: Whom did Ada meet?
    answers: [Bo]
  - id: year
    type: numeric
    prompt: In which year did Ada visit Paris?
    answer: 2019
"""


@dataclass
class Room:
    teacher: models.User
    ada: models.User  # answers
    bo: models.User  # submits
    cy: models.User  # never starts
    classroom: models.Classroom
    bank_id: int

    def assign(self, session: so.Session, **settings: object) -> models.Assignment:
        chosen: dict[str, object] = {"title": "Live quiz", "feedback_timing": "after_submit"}
        chosen.update(settings)
        return assignments.assign_bank(
            session,
            self.teacher,
            self.classroom.id,
            self.bank_id,
            assignments.AssignmentSettings(**chosen),  # type: ignore[arg-type]
        )


@pytest.fixture
def room(session: so.Session, make_user: UserFactory) -> Room:
    teacher = make_user("ms-lee", models.TEACHER)
    ada, bo, cy = make_user("ada", display_name="Ada"), make_user("bo"), make_user("cy")
    classroom = classes.create_class(session, teacher, "9A")
    for student in (ada, bo, cy):
        accounts.join_classroom(session, student, classroom.join_code)
    version = bank_service.save_bank_text(session, BANK, user=teacher)
    return Room(teacher, ada, bo, cy, classroom, version.bank_id)


def start(
    session: so.Session, student: models.User, assignment: models.Assignment, at: dt.datetime
) -> int:
    return attempt_service.start_or_resume(session, student, assignment.id, at).id


def by_name(
    session: so.Session, room: Room, assignment: models.Assignment, at: dt.datetime
) -> tuple[LiveProgress, dict[str, StudentProgress]]:
    live = live_progress(session, room.teacher, assignment.id, at)
    return live, {s.username: s for s in live.students}


def test_each_student_shows_where_they_stand_and_how_many_questions_they_answered(
    session: so.Session, room: Room
) -> None:
    quiz = room.assign(session, time_limit_minutes=20)
    ada_attempt = start(session, room.ada, quiz, NOW)
    # "friend" was typed and then cleared: a blank row is not an answer.
    attempt_service.save_responses(
        session,
        room.ada,
        ada_attempt,
        {"city": {"choice": "a"}, "friend": {"answer": "Bo"}},
        1,
        NOW,
    )
    attempt_service.save_responses(
        session, room.ada, ada_attempt, {"friend": {"answer": " "}}, 2, NOW
    )
    bo_attempt = start(session, room.bo, quiz, NOW)
    attempt_service.save_responses(
        session, room.bo, bo_attempt, {"year": {"answer": "2019"}}, 1, NOW
    )
    attempt_service.submit_attempt(session, room.bo, bo_attempt, NOW + 2 * MINUTE)

    live, students = by_name(session, room, quiz, NOW + 5 * MINUTE)

    assert live.questions == 3
    assert [s.username for s in live.students] == ["ada", "bo", "cy"]
    ada, bo, cy = students["ada"], students["bo"], students["cy"]
    assert (ada.status, ada.answered, ada.seconds_left, ada.time_left) == (
        LiveStatus.ANSWERING,
        1,
        15 * 60,
        "15 min 00 s",
    )
    assert ada.seconds_since_save == 5 * 60 and ada.last_saved == "5 min ago"
    assert (bo.status, bo.answered, bo.seconds_left, bo.time_left) == (
        LiveStatus.SUBMITTED,
        1,
        None,
        "–",
    )
    # Not started: the whole time limit is still theirs.
    assert (cy.status, cy.answered, cy.attempts, cy.seconds_left) == (
        LiveStatus.NOT_STARTED,
        0,
        0,
        20 * 60,
    )
    assert live.summary == "2 of 3 started, 1 submitted."


def test_a_second_attempt_counts_its_own_answers_not_the_first_ones(
    session: so.Session, room: Room
) -> None:
    quiz = room.assign(session, attempts_allowed=2)
    first = start(session, room.ada, quiz, NOW)
    attempt_service.save_responses(
        session, room.ada, first, {"city": {"choice": "a"}, "year": {"answer": "1"}}, 1, NOW
    )
    attempt_service.submit_attempt(session, room.ada, first, NOW)
    second = start(session, room.ada, quiz, NOW + MINUTE)
    attempt_service.save_responses(
        session, room.ada, second, {"friend": {"answer": "Bo"}}, 1, NOW + MINUTE
    )

    _, students = by_name(session, room, quiz, NOW + 2 * MINUTE)

    ada = students["ada"]
    assert (ada.status, ada.attempts, ada.answered) == (LiveStatus.ANSWERING, 2, 1)
    assert ada.seconds_left is None and ada.time_left == "No time limit"


def test_the_closing_time_cuts_the_time_left_short_for_those_answering_and_those_not_started(
    session: so.Session, room: Room
) -> None:
    quiz = room.assign(session, time_limit_minutes=30, closes_at=NOW + 10 * MINUTE)
    start(session, room.ada, quiz, NOW)

    _, students = by_name(session, room, quiz, NOW + 4 * MINUTE)
    assert students["ada"].seconds_left == 6 * 60
    assert students["cy"].seconds_left == 6 * 60

    _, students = by_name(session, room, quiz, NOW + 11 * MINUTE)
    # Past the deadline but not yet submitted by the server: shown as out of time.
    assert students["ada"].status is LiveStatus.TIME_UP
    assert students["ada"].time_left == "None"
    assert students["cy"].status is LiveStatus.NOT_STARTED
    assert students["cy"].seconds_left == 0


def test_no_answer_text_and_no_score_reach_the_figures(session: so.Session, room: Room) -> None:
    quiz = room.assign(session)
    attempt = start(session, room.ada, quiz, NOW)
    attempt_service.save_responses(
        session, room.ada, attempt, {"friend": {"answer": "Zanzibar-secret"}}, 1, NOW
    )
    attempt_service.submit_attempt(session, room.ada, attempt, NOW)

    figures = repr(live_progress(session, room.teacher, quiz.id, NOW).as_json())

    assert "Zanzibar-secret" not in figures
    assert "fraction" not in figures and "percent" not in figures and "score" not in figures


def test_another_teacher_finds_no_such_assignment_and_a_student_is_refused(
    session: so.Session, room: Room, make_user: UserFactory
) -> None:
    quiz = room.assign(session)
    other = make_user("mr-kay", models.TEACHER)
    with pytest.raises(NotFound):
        live_progress(session, other, quiz.id, NOW)
    with pytest.raises(NotFound):
        live_progress(session, room.teacher, quiz.id + 1000, NOW)
    with pytest.raises(Forbidden):
        live_progress(session, room.ada, quiz.id, NOW)


@pytest.mark.parametrize("class_size", [1, 6])
def test_the_figures_cost_two_statements_whatever_the_class_size(
    session: so.Session, room: Room, make_user: UserFactory, class_size: int
) -> None:
    quiz = room.assign(session, time_limit_minutes=20)
    extra = [make_user(f"extra-{n}") for n in range(class_size - 1)]
    for student in extra:
        accounts.join_classroom(session, student, room.classroom.join_code)
    for student in [room.ada, *extra]:
        attempt = start(session, student, quiz, NOW)
        attempt_service.save_responses(
            session, student, attempt, {"city": {"choice": "a"}, "year": {"answer": "2019"}}, 1, NOW
        )
    quiz_id, teacher_id = quiz.id, room.teacher.id
    live_progress(session, room.teacher, quiz_id, NOW)  # the bank is parsed and cached once
    session.rollback()
    session.expunge_all()  # nothing comes from the identity map but the teacher, as in a request
    teacher = session.get(models.User, teacher_id)
    assert teacher is not None

    with counted() as log:
        live = live_progress(session, teacher, quiz_id, NOW + MINUTE)

    selects = [s for s in log.statements if s.startswith("SELECT")]
    assert len(selects) == 2, log.statements
    assert log.mentioning("yaml_text") == []
    # Neither the answers' text nor a grade is read, let alone shown.
    assert log.mentioning("fraction_text") == log.mentioning("percent") == []
    # The answers are only compared with an empty one, inside the database.
    assert sum(s.count("response.data") for s in log.statements) == 1
    assert len(log.mentioning("CAST(response.data AS VARCHAR) !=")) == 1
    answering = [s for s in live.students if s.status is LiveStatus.ANSWERING]
    assert len(answering) == class_size
    assert all(s.answered == 2 for s in answering)


def test_a_students_extra_time_and_attempts_count_before_they_start_and_while_they_answer(
    session: so.Session, room: Room
) -> None:
    quiz = room.assign(session, time_limit_minutes=20, attempts_allowed=1)
    extra = accommodations.Extras(minutes=10, attempts=1)
    accommodations.set_extras(session, room.teacher, quiz.id, room.cy.id, extra, NOW)

    _, students = by_name(session, room, quiz, NOW)
    assert (students["cy"].seconds_left, students["cy"].attempts_allowed) == (30 * 60, 2)
    assert (students["ada"].seconds_left, students["ada"].attempts_allowed) == (20 * 60, 1)

    start(session, room.cy, quiz, NOW)
    _, students = by_name(session, room, quiz, NOW + 5 * MINUTE)
    assert students["cy"].seconds_left == 25 * 60
