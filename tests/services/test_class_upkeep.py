"""Renaming and archiving classes and assignments: Ms Lee's class 9A with an open assignment
that Ana has started, and Mr Kay, who may touch neither."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import pytest
import sqlalchemy.orm as so

from quizapp.db import models
from quizapp.errors import InvalidInput, NotFound
from quizapp.services import accounts, assignments, attempts, banks, class_upkeep, classes
from quizapp.services.assignments import AssignmentSettings
from tests.services.test_results import MINI_BANK

UserFactory = Callable[..., models.User]
NOW = dt.datetime(2031, 1, 10, 8, 0, tzinfo=dt.UTC)


@dataclass
class School:
    teacher: models.User
    other: models.User
    student: models.User
    classroom: models.Classroom
    assignment: models.Assignment


@pytest.fixture
def school(session: so.Session, make_user: UserFactory) -> School:
    teacher = make_user("ms-lee", models.TEACHER)
    other = make_user("mr-kay", models.TEACHER)
    student = make_user("ana")
    bank = banks.save_bank_text(session, MINI_BANK, user=teacher).bank
    classroom = classes.create_class(session, teacher, "9A")
    accounts.join_classroom(session, student, classroom.join_code)
    assignment = assignments.assign_bank(
        session,
        teacher,
        classroom.id,
        bank.id,
        AssignmentSettings(title="Mini", opens_at=NOW - dt.timedelta(days=1)),
    )
    return School(teacher, other, student, classroom, assignment)


def test_renaming_a_class_keeps_its_join_code(session: so.Session, school: School) -> None:
    code = school.classroom.join_code
    renamed = class_upkeep.rename_class(session, school.teacher, school.classroom.id, " 9A  set 2 ")
    assert (renamed.name, renamed.join_code) == ("9A set 2", code)
    assert [c.name for c in classes.list_classes(session, school.teacher)] == ["9A set 2"]
    with pytest.raises(InvalidInput, match="1 to 120 characters"):
        class_upkeep.rename_class(session, school.teacher, school.classroom.id, "  ")
    with pytest.raises(InvalidInput):
        class_upkeep.rename_class(session, school.teacher, school.classroom.id, "x" * 121)


def test_an_archived_class_leaves_the_lists_and_takes_no_one_new(
    session: so.Session, school: School, make_user: UserFactory
) -> None:
    class_upkeep.set_class_archived(session, school.teacher, school.classroom.id, True, NOW)
    assert classes.list_classes(session, school.teacher) == []
    [archived] = classes.list_classes(session, school.teacher, archived=True)
    assert (archived.name, archived.students, archived.assignments) == ("9A", 1, 1)
    # the dashboard's recent assignments leave out an archived class's
    assert assignments.teacher_assignments(session, school.teacher) == []
    late = make_user("ben")
    with pytest.raises(InvalidInput, match="archived"):
        accounts.join_classroom(session, late, school.classroom.join_code)
    # its students and assignments stay: Ana can still take the open quiz
    assert [s.username for s in classes.roster(session, school.teacher, school.classroom.id)] == [
        "ana"
    ]
    attempt = attempts.start_or_resume(session, school.student, school.assignment.id, NOW)
    assert attempt.state == models.IN_PROGRESS
    # archiving twice keeps the first date; restoring opens the join code again
    again = class_upkeep.set_class_archived(
        session, school.teacher, school.classroom.id, True, NOW + dt.timedelta(days=1)
    )
    assert again.archived_at == NOW
    class_upkeep.set_class_archived(session, school.teacher, school.classroom.id, False, NOW)
    assert [c.name for c in classes.list_classes(session, school.teacher)] == ["9A"]
    assert accounts.join_classroom(session, late, school.classroom.join_code).id == (
        school.classroom.id
    )


def test_archiving_an_open_assignment_closes_it_and_keeps_its_attempts(
    session: so.Session, school: School
) -> None:
    attempt = attempts.start_or_resume(session, school.student, school.assignment.id, NOW)
    archived = class_upkeep.set_assignment_archived(
        session, school.teacher, school.assignment.id, True, NOW
    )
    assert archived.archived_at == NOW and archived.closes_at == NOW
    assert not assignments.is_open(archived, NOW + dt.timedelta(seconds=1))
    assert assignments.list_assignments(session, school.teacher, school.classroom.id) == []
    assert [
        a.id
        for a in assignments.list_assignments(
            session, school.teacher, school.classroom.id, archived=True
        )
    ] == [school.assignment.id]
    assert assignments.teacher_assignments(session, school.teacher) == []
    [summary] = classes.list_classes(session, school.teacher)
    assert summary.assignments == 0  # counted among the archived, not the class's in use
    assert session.get(models.Attempt, attempt.id) is not None
    # restoring brings it back to the list, still closed
    restored = class_upkeep.set_assignment_archived(
        session, school.teacher, school.assignment.id, False, NOW + dt.timedelta(hours=1)
    )
    assert restored.archived_at is None and restored.closes_at == NOW
    in_use = assignments.list_assignments(session, school.teacher, school.classroom.id)
    assert [a.id for a in in_use] == [school.assignment.id]


def test_an_assignment_that_closed_earlier_keeps_its_closing_time_when_archived(
    session: so.Session, school: School
) -> None:
    earlier = NOW - dt.timedelta(hours=2)
    assignments.close_assignment(session, school.teacher, school.assignment.id, now=earlier)
    archived = class_upkeep.set_assignment_archived(
        session, school.teacher, school.assignment.id, True, NOW
    )
    assert archived.closes_at == earlier


def test_another_teacher_can_neither_rename_nor_archive(
    session: so.Session, school: School
) -> None:
    with pytest.raises(NotFound):
        class_upkeep.rename_class(session, school.other, school.classroom.id, "Mine now")
    with pytest.raises(NotFound):
        class_upkeep.set_class_archived(session, school.other, school.classroom.id, True, NOW)
    with pytest.raises(NotFound):
        class_upkeep.set_assignment_archived(session, school.other, school.assignment.id, True, NOW)
    session.rollback()
    classroom = session.get(models.Classroom, school.classroom.id)
    assignment = session.get(models.Assignment, school.assignment.id)
    assert classroom is not None and (classroom.name, classroom.archived_at) == ("9A", None)
    assert assignment is not None and assignment.archived_at is None
