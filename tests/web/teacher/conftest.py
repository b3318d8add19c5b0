"""The world the teacher-page tests share, and helpers to read pages.

The world: teacher Ms Lee with class 9A (student Ana, who has taken the quiz), her own bank
"mini" and the shared sample bank; teacher Mr Kay, who must see none of Ms Lee's things.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
import sqlalchemy as sa
import sqlalchemy.orm as so
from flask import Flask
from flask.testing import FlaskClient

from quizapp.config import PROJECT_ROOT
from quizapp.db import models
from quizapp.services import accounts, assignments, attempts, banks, classes
from quizapp.services.assignments import AssignmentSettings

UserFactory = Callable[..., models.User]
Login = Callable[..., None]
SAMPLE = PROJECT_ROOT / "question_banks" / "turkey-egypt-talks-2021.yaml"
MINI_BANK = """\
schema: 1
id: mini
title: Mini quiz
article: |
  Turkish diplomats arrived in Cairo for talks. The talks were led by Sedat Onal.
quiz: {attempts: 3, grading: last, feedback: after_submit}
questions:
  - id: host-city
    type: multiple_choice
    prompt: Which city hosted the talks?
    choices: [{text: Cairo, correct: true}, Ankara, Tobruk]
  - id: turkish-lead
    type: short_answer
    prompt: Who led the talks?
    answers: [Sedat Onal]
"""


@dataclass
class World:
    teacher: models.User
    other: models.User
    student: models.User
    classroom: models.Classroom
    assignment: models.Assignment
    mini: models.Bank
    shared: models.Bank
    attempt: models.Attempt  # Ana's, submitted


@pytest.fixture
def world(session: so.Session, make_user: UserFactory) -> World:
    teacher = make_user("ms-lee", models.TEACHER, "Ms Lee")
    other = make_user("mr-kay", models.TEACHER, "Mr Kay")
    student = make_user("ana", display_name="Ana Silva")
    banks.import_paths(session, [SAMPLE])
    shared = session.scalars(sa.select(models.Bank).where(models.Bank.owner_id.is_(None))).one()
    mini_version = banks.save_bank_text(session, MINI_BANK, user=teacher)
    classroom = classes.create_class(session, teacher, "9A")
    accounts.join_classroom(session, student, classroom.join_code)
    assignment = assignments.assign_bank(
        session, teacher, classroom.id, mini_version.bank_id, AssignmentSettings(title="Mini")
    )
    now = dt.datetime.now(dt.UTC)
    attempt = attempts.start_or_resume(session, student, assignment.id, now)
    attempts.save_responses(
        session,
        student,
        attempt.id,
        {"host-city": {"choice": "a"}, "turkish-lead": {"answer": "=cmd|' /C calc'!A0"}},
        1,
        now,
    )
    attempts.submit_attempt(session, student, attempt.id, now)
    return World(teacher, other, student, classroom, assignment, mini_version.bank, shared, attempt)


@pytest.fixture
def csrf_client(make_app: Callable[..., Flask], world: World) -> FlaskClient:
    """Ms Lee logged in on an app with CSRF checks on, as in production."""
    client = make_app(overrides={"TESTING": True}).test_client()
    token = re.search(
        r'name="csrf_token" type="hidden" value="([^"]+)"', client.get("/login").get_data(True)
    )
    assert token is not None
    client.post(
        "/login",
        data={"username": "ms-lee", "password": "correct horse battery", "csrf_token": token[1]},
    )
    return client


def fresh(session: so.Session) -> so.Session:
    """The test's session with its read snapshot ended, so it sees what requests wrote."""
    session.rollback()
    return session


def page(client: FlaskClient, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    return response.get_data(as_text=True)


def get_routes(w: World) -> list[str]:
    """Every teacher page that shows one of Ms Lee's things."""
    c, a, b = w.classroom.id, w.assignment.id, w.mini.id
    return [
        f"/teacher/classes/{c}",
        f"/teacher/classes/{c}/assign",
        f"/teacher/classes/{c}/results",
        f"/teacher/assignments/{a}/edit",
        f"/teacher/assignments/{a}/results",
        f"/teacher/export.csv?class={c}&layout=gradebook",
        f"/teacher/export.csv?quiz={a}&layout=responses",
        f"/teacher/banks/{b}",
        f"/teacher/banks/{b}/edit",
        f"/teacher/banks/{b}/versions/1.yaml",
        f"/teacher/assignments/{a}/students/{w.student.id}",
        f"/teacher/banks/{b}/preview",
    ]


def post_routes(w: World) -> list[tuple[str, dict[str, str]]]:
    c, a, s = w.classroom.id, w.assignment.id, w.student.id
    return [
        (f"/teacher/classes/{c}/students", {"username": "intruder"}),
        (f"/teacher/classes/{c}/students/{s}/reset", {}),
        (f"/teacher/classes/{c}/students/{s}/remove", {}),
        (f"/teacher/classes/{c}/assign", {"bank_id": str(w.shared.id), "title": "x"}),
        (f"/teacher/assignments/{a}/edit", {"title": "x"}),
        (f"/teacher/assignments/{a}/close", {}),
        (f"/teacher/assignments/{a}/accept", {"question_id": "turkish-lead", "text": "x"}),
        (f"/teacher/assignments/{a}/regrade", {}),
        (f"/teacher/banks/{w.mini.id}/edit", {"yaml_text": MINI_BANK}),
        (f"/teacher/attempts/{w.attempt.id}/override", {"question_id": "host-city", "points": "0"}),
        (f"/teacher/attempts/{w.attempt.id}/override/remove", {"question_id": "host-city"}),
        (
            f"/teacher/attempts/{w.attempt.id}/mark",
            {"question_id": "host-city", "criterion-overall": "1"},
        ),
        (f"/teacher/attempts/{w.attempt.id}/reopen", {"reason": "fire drill", "minutes": "10"}),
        (f"/teacher/assignments/{a}/students/{s}/extras", {"extra_minutes": "5"}),
        (f"/teacher/banks/{w.mini.id}/rename", {"title": "Renamed"}),
        (f"/teacher/banks/{w.mini.id}/archive", {}),
        (f"/teacher/banks/{w.mini.id}/restore", {}),
        (f"/teacher/banks/{w.mini.id}/duplicate", {"title": "Copied"}),
        (f"/teacher/classes/{c}/rename", {"name": "Renamed"}),
        (f"/teacher/classes/{c}/archive", {}),
        (f"/teacher/classes/{c}/restore", {}),
        (f"/teacher/assignments/{a}/archive", {}),
        (f"/teacher/assignments/{a}/restore", {}),
    ]
