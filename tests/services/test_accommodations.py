"""Extra time and extra attempts for one student, honoured by the timer, the attempt limit and
the student's quiz list; Ana has them, Ben has none."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import pytest
import sqlalchemy as sa
import sqlalchemy.orm as so

from quizapp.db import models
from quizapp.errors import Conflict, InvalidInput, NotFound
from quizapp.services import (
    accommodations,
    accounts,
    assignments,
    attempts,
    banks,
    classes,
    progress,
)
from quizapp.services.accommodations import Extras
from quizapp.services.assignments import AssignmentSettings
from tests.services.test_results import MINI_BANK

UserFactory = Callable[..., models.User]
NOW = dt.datetime(2031, 5, 5, 9, 0, tzinfo=dt.UTC)
MINUTE = dt.timedelta(minutes=1)


@dataclass
class Timed:
    teacher: models.User
    other: models.User
    ana: models.User
    ben: models.User
    outsider: models.User
    assignment: models.Assignment


def reread(session: so.Session, attempt_id: int) -> models.Attempt:
    session.expire_all()
    attempt = session.get(models.Attempt, attempt_id)
    assert attempt is not None
    return attempt


@pytest.fixture
def timed(session: so.Session, make_user: UserFactory) -> Timed:
    teacher = make_user("ms-lee", models.TEACHER)
    other = make_user("mr-kay", models.TEACHER)
    version = banks.save_bank_text(session, MINI_BANK, user=teacher)
    classroom = classes.create_class(session, teacher, "9A")
    ana, ben, outsider = make_user("ana"), make_user("ben"), make_user("zed")
    for student in (ana, ben):
        accounts.join_classroom(session, student, classroom.join_code)
    assignment = assignments.assign_bank(
        session,
        teacher,
        classroom.id,
        version.bank_id,
        AssignmentSettings(title="Timed", attempts_allowed=1, time_limit_minutes=10),
    )
    return Timed(teacher, other, ana, ben, outsider, assignment)


def test_extra_time_lengthens_only_that_students_timer(session: so.Session, timed: Timed) -> None:
    accommodations.set_extras(
        session, timed.teacher, timed.assignment.id, timed.ana.id, Extras(minutes=5), NOW
    )
    ana = attempts.start_or_resume(session, timed.ana, timed.assignment.id, NOW)
    ben = attempts.start_or_resume(session, timed.ben, timed.assignment.id, NOW)
    assert ana.deadline == NOW + 15 * MINUTE
    assert ben.deadline == NOW + 10 * MINUTE
    # At minute 13 Ben's attempt is over (grace included) and Ana's still runs.
    assert attempts.submit_overdue(session, NOW + 13 * MINUTE) == 1
    assert reread(session, ana.id).state == models.IN_PROGRESS
    assert reread(session, ben.id).state == models.SUBMITTED


def test_extra_time_given_during_an_attempt_moves_its_deadline(
    session: so.Session, timed: Timed
) -> None:
    attempt = attempts.start_or_resume(session, timed.ana, timed.assignment.id, NOW)
    accommodations.set_extras(
        session, timed.teacher, timed.assignment.id, timed.ana.id, Extras(minutes=20), NOW
    )
    assert reread(session, attempt.id).deadline == NOW + 30 * MINUTE
    accommodations.set_extras(
        session, timed.teacher, timed.assignment.id, timed.ana.id, Extras(minutes=5), NOW
    )
    assert reread(session, attempt.id).deadline == NOW + 15 * MINUTE


def test_extra_attempts_raise_only_that_students_limit(session: so.Session, timed: Timed) -> None:
    accommodations.set_extras(
        session, timed.teacher, timed.assignment.id, timed.ana.id, Extras(attempts=1), NOW
    )
    for number in (1, 2):
        attempt = attempts.start_or_resume(session, timed.ana, timed.assignment.id, NOW)
        assert attempt.number == number
        attempts.submit_attempt(session, timed.ana, attempt.id, NOW)
    with pytest.raises(Conflict, match="all 2 attempts"):
        attempts.start_or_resume(session, timed.ana, timed.assignment.id, NOW)
    first = attempts.start_or_resume(session, timed.ben, timed.assignment.id, NOW)
    attempts.submit_attempt(session, timed.ben, first.id, NOW)
    with pytest.raises(Conflict, match="all 1 attempt "):
        attempts.start_or_resume(session, timed.ben, timed.assignment.id, NOW)


def test_the_students_quiz_list_shows_their_own_limits(session: so.Session, timed: Timed) -> None:
    accommodations.set_extras(
        session,
        timed.teacher,
        timed.assignment.id,
        timed.ana.id,
        Extras(minutes=15, attempts=2),
        NOW,
    )
    (ana,) = progress.assignments_for_student(session, timed.ana, NOW)
    (ben,) = progress.assignments_for_student(session, timed.ben, NOW)
    assert (ana.time_limit_minutes, ana.attempts_allowed, ana.attempts_left) == (25, 3, 3)
    assert (ben.time_limit_minutes, ben.attempts_allowed) == (10, 1)
    detail = progress.assignment_for_student(session, timed.ana, timed.assignment.id, NOW)
    assert detail.summary.attempts_allowed == 3


def test_zero_and_zero_removes_the_accommodation(session: so.Session, timed: Timed) -> None:
    accommodations.set_extras(
        session, timed.teacher, timed.assignment.id, timed.ana.id, Extras(3, 1), NOW
    )
    assert accommodations.extras_for(session, timed.assignment.id, timed.ana.id) == Extras(3, 1)
    accommodations.set_extras(
        session, timed.teacher, timed.assignment.id, timed.ana.id, Extras(), NOW
    )
    assert session.scalar(sa.select(sa.func.count(models.Accommodation.id))) == 0


def test_bad_extras_and_strangers_are_refused(session: so.Session, timed: Timed) -> None:
    with pytest.raises(InvalidInput, match="Extra time is 0 to 1440 minutes"):
        accommodations.set_extras(
            session, timed.teacher, timed.assignment.id, timed.ana.id, Extras(minutes=-5), NOW
        )
    with pytest.raises(InvalidInput, match="Extra attempts are 0 to 100"):
        accommodations.set_extras(
            session, timed.teacher, timed.assignment.id, timed.ana.id, Extras(attempts=101), NOW
        )
    with pytest.raises(NotFound, match="no such student in this class"):
        accommodations.set_extras(
            session, timed.teacher, timed.assignment.id, timed.outsider.id, Extras(5), NOW
        )
    with pytest.raises(NotFound):
        accommodations.set_extras(
            session, timed.other, timed.assignment.id, timed.ana.id, Extras(5), NOW
        )
    assert session.scalar(sa.select(sa.func.count(models.Accommodation.id))) == 0
