"""Assigning banks to classes: defaults from the bank, checks, pinning, editing and closing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace

import pytest
import sqlalchemy.orm as so

from quizapp.config import PROJECT_ROOT
from quizapp.db import models
from quizapp.errors import NotFound
from quizapp.services import assignments, banks, classes
from quizapp.services.assignments import AssignmentInvalid, AssignmentSettings

UserFactory = Callable[..., models.User]
SAMPLE = PROJECT_ROOT / "question_banks" / "turkey-egypt-talks-2021.yaml"
OPENS = dt.datetime(2030, 3, 1, 9, 0, tzinfo=dt.UTC)
CLOSES = dt.datetime(2030, 3, 8, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def teacher(make_user: UserFactory) -> models.User:
    return make_user("ms-lee", models.TEACHER)


@pytest.fixture
def classroom(session: so.Session, teacher: models.User) -> models.Classroom:
    return classes.create_class(session, teacher, "9A")


@pytest.fixture
def shared_bank(session: so.Session) -> models.Bank:
    banks.import_paths(session, [SAMPLE])
    return session.get_one(models.Bank, banks.list_banks(session)[0].id)


def own_bank_text(slug: str, attempts: str = "3", grading: str = "last") -> str:
    return f"""\
schema: 1
id: {slug}
title: A short bank
article: |
  Cairo hosted the talks. Ankara sent a delegation.
quiz:
  attempts: {attempts}
  grading: {grading}
  feedback: after_submit
  time_limit_minutes: 20
questions:
  - id: host-city
    type: multiple_choice
    prompt: Which city hosted the talks?
    choices: [{{text: Cairo, correct: true}}, Ankara]
"""


def test_defaults_come_from_the_banks_quiz_settings(
    session: so.Session, teacher: models.User, shared_bank: models.Bank
) -> None:
    defaults = assignments.default_settings(session, teacher, shared_bank.id)
    assert defaults.title == shared_bank.title
    assert defaults.attempts_allowed == 2
    assert defaults.grading_method == "highest"
    assert defaults.feedback_timing == "immediate"
    assert defaults.time_limit_minutes is None

    version = banks.save_bank_text(session, own_bank_text("mine"), user=teacher)
    defaults = assignments.default_settings(session, teacher, version.bank_id)
    assert (defaults.attempts_allowed, defaults.grading_method) == (3, "last")
    assert (defaults.feedback_timing, defaults.time_limit_minutes) == ("after_submit", 20)


def test_an_assignment_pins_the_newest_version(
    session: so.Session, teacher: models.User, classroom: models.Classroom
) -> None:
    first = banks.save_bank_text(session, own_bank_text("mine"), user=teacher)
    second = banks.save_bank_text(
        session, own_bank_text("mine", attempts="1"), user=teacher, bank_slug="mine"
    )
    assert second.number == 2
    settings = AssignmentSettings(title="  Week 1  ", opens_at=OPENS, closes_at=CLOSES)
    assignment = assignments.assign_bank(session, teacher, classroom.id, first.bank_id, settings)
    assert assignment.bank_version_id == second.id
    assert assignment.title == "Week 1"
    # A later edit of the bank leaves the assignment on the version it pinned.
    banks.save_bank_text(
        session, own_bank_text("mine", attempts="4"), user=teacher, bank_slug="mine"
    )
    session.refresh(assignment)
    assert assignment.bank_version_id == second.id
    assert assignments.list_assignments(session, teacher, classroom.id) == [assignment]


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"title": "  "}, "title", "title"),
        ({"closes_at": OPENS}, "closes_at", "after the opening"),
        ({"closes_at": OPENS - dt.timedelta(days=1)}, "closes_at", "after the opening"),
        ({"attempts_allowed": 0}, "attempts_allowed", "unlimited"),
        ({"grading_method": "best"}, "grading_method", "highest, average, first, last"),
        ({"feedback_timing": "never"}, "feedback_timing", "immediate"),
        ({"time_limit_minutes": 0}, "time_limit_minutes", "minutes"),
        ({"opens_at": dt.datetime(2030, 1, 1)}, "opens_at", "time zone"),
    ],
)
def test_bad_settings_are_refused_field_by_field(
    session: so.Session,
    teacher: models.User,
    classroom: models.Classroom,
    shared_bank: models.Bank,
    change: dict[str, object],
    field: str,
    words: str,
) -> None:
    settings = replace(
        AssignmentSettings(title="Week 1", opens_at=OPENS, closes_at=CLOSES),
        **change,  # type: ignore[arg-type]
    )
    with pytest.raises(AssignmentInvalid) as caught:
        assignments.assign_bank(session, teacher, classroom.id, shared_bank.id, settings)
    assert list(caught.value.problems) == [field]
    assert words in caught.value.problems[field]
    assert assignments.list_assignments(session, teacher, classroom.id) == []


def test_every_problem_is_reported_at_once() -> None:
    problems = assignments.settings_problems(
        AssignmentSettings(title="", attempts_allowed=-1, time_limit_minutes=5000)
    )
    assert set(problems) == {"title", "attempts_allowed", "time_limit_minutes"}


def test_editing_keeps_the_version_and_closing_ends_it_now(
    session: so.Session,
    teacher: models.User,
    classroom: models.Classroom,
    shared_bank: models.Bank,
) -> None:
    assignment = assignments.assign_bank(
        session, teacher, classroom.id, shared_bank.id, AssignmentSettings(title="Week 1")
    )
    pinned = assignment.bank_version_id
    updated = assignments.update_assignment(
        session,
        teacher,
        assignment.id,
        AssignmentSettings(
            title="Week 1 (retake)",
            attempts_allowed=None,
            grading_method="average",
            closes_at=CLOSES,
        ),
    )
    assert (updated.title, updated.grading_method, updated.attempts_allowed) == (
        "Week 1 (retake)",
        "average",
        None,
    )
    assert updated.bank_version_id == pinned
    assert assignments.is_open(updated, OPENS)

    moment = dt.datetime(2030, 3, 2, tzinfo=dt.UTC)
    closed = assignments.close_assignment(session, teacher, assignment.id, now=moment)
    assert closed.closes_at == moment
    assert not assignments.is_open(closed, moment)
    assert assignments.is_open(closed, moment - dt.timedelta(seconds=1))


def test_other_teachers_cannot_touch_the_assignment(
    session: so.Session,
    teacher: models.User,
    classroom: models.Classroom,
    shared_bank: models.Bank,
    make_user: UserFactory,
) -> None:
    other = make_user("mr-kay", models.TEACHER)
    own_class = classes.create_class(session, other, "Theirs")
    assignment = assignments.assign_bank(
        session, teacher, classroom.id, shared_bank.id, AssignmentSettings(title="Week 1")
    )
    with pytest.raises(NotFound):
        assignments.owned_assignment(session, other, assignment.id)
    with pytest.raises(NotFound):
        assignments.update_assignment(
            session, other, assignment.id, AssignmentSettings(title="Mine now")
        )
    with pytest.raises(NotFound):
        assignments.close_assignment(session, other, assignment.id)
    with pytest.raises(NotFound):
        assignments.assign_bank(
            session, other, classroom.id, shared_bank.id, AssignmentSettings(title="x")
        )
    # A teacher's own bank is private: another teacher cannot assign or read it.
    private = banks.save_bank_text(session, own_bank_text("private"), user=teacher)
    with pytest.raises(NotFound):
        assignments.assign_bank(
            session, other, own_class.id, private.bank_id, AssignmentSettings(title="x")
        )
    with pytest.raises(NotFound):
        banks.bank_detail(session, other, private.bank_id)
    with pytest.raises(NotFound):
        banks.visible_version(session, other, private.bank_id, 1)
    # Shared banks are visible to every teacher.
    assert banks.bank_detail(session, other, shared_bank.id).shared
    assert assignments.teacher_assignments(session, other) == []
    assert assignments.teacher_assignments(session, teacher) == [assignment]
