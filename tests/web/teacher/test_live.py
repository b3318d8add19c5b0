"""The live view of a quiz in progress through the test client: what the teacher's page and its
JSON show as a student answers, who may see them, and what each poll costs in statements."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import sqlalchemy.orm as so
from flask import Flask
from flask.testing import FlaskClient

from quizapp.db import models
from quizapp.services import accounts
from tests.conftest import TEST_PASSWORD
from tests.web.teacher.conftest import Login, World, page
from tests.web.test_query_counts import counted

UserFactory = Callable[..., models.User]


def live_urls(w: World) -> list[str]:
    return [
        f"/teacher/assignments/{w.assignment.id}/live",
        f"/teacher/assignments/{w.assignment.id}/live.json",
    ]


def logged_in(app: Flask, username: str) -> FlaskClient:
    client = app.test_client()
    response = client.post("/login", data={"username": username, "password": TEST_PASSWORD})
    assert response.status_code == 302
    return client


def test_the_page_lists_each_student_with_progress_and_works_without_javascript(
    client: FlaskClient, world: World, login: Login, session: so.Session, make_user: UserFactory
) -> None:
    late = make_user("ben", display_name="Ben Okafor")
    accounts.join_classroom(session, late, world.classroom.join_code)
    login("ms-lee")

    html = page(client, f"/teacher/assignments/{world.assignment.id}/live")

    assert "Ana Silva" in html and "Ben Okafor" in html
    assert "Submitted" in html and "Not started" in html
    assert "1 of 2 started, 1 submitted." in html
    # Without JavaScript the page reloads itself, and a link does it at once.
    assert '<noscript><meta http-equiv="refresh" content="15"></noscript>' in html
    assert f'href="/teacher/assignments/{world.assignment.id}/live" id="live-reload"' in html
    assert f'data-live-url="/teacher/assignments/{world.assignment.id}/live.json"' in html
    assert 'src="/static/js/live.js"' in html


def test_the_json_follows_a_student_answering(
    app: Flask,
    client: FlaskClient,
    world: World,
    login: Login,
    session: so.Session,
    make_user: UserFactory,
) -> None:
    ben = make_user("ben", display_name="Ben Okafor")
    accounts.join_classroom(session, ben, world.classroom.join_code)
    session.rollback()
    login("ms-lee")
    url = f"/teacher/assignments/{world.assignment.id}/live.json"

    before = {s["name"]: s for s in client.get(url).get_json()["students"]}
    assert before["Ben Okafor"]["status"] == "not_started"
    assert before["Ben Okafor"]["answered"] == 0

    student = logged_in(app, "ben")
    started = student.post(f"/student/quizzes/{world.assignment.id}/start")
    attempt_url = started.headers["Location"]
    saved = student.post(
        f"{attempt_url}/answers",
        json={"seq": 1, "answers": {"turkish-lead": {"answer": "Sedat Onal"}}},
        headers={"Accept": "application/json"},
    )
    assert saved.status_code == 200, saved.get_data(as_text=True)

    body = client.get(url).get_json()
    after = {s["name"]: s for s in body["students"]}
    assert after["Ben Okafor"]["status"] == "answering"
    assert after["Ben Okafor"]["status_label"] == "Answering"
    assert after["Ben Okafor"]["answered"] == 1
    assert after["Ben Okafor"]["attempts"] == 1
    assert after["Ben Okafor"]["attempts_allowed"] is None  # assigned with unlimited attempts
    assert after["Ana Silva"]["status"] == "submitted"
    assert body["questions"] == 2
    assert body["summary"] == "2 of 2 started, 1 submitted."


def test_neither_page_shows_an_answer_or_a_score(
    client: FlaskClient, world: World, login: Login
) -> None:
    login("ms-lee")
    for url in live_urls(world):
        shown = page(client, url)
        assert "calc" not in shown  # Ana's typed answer
        assert "Cairo" not in shown and "Sedat" not in shown  # the bank's answers
        assert "%" not in shown  # no grade (Ana has one: 50 %)


def test_the_results_page_links_to_the_live_view(
    client: FlaskClient, world: World, login: Login
) -> None:
    login("ms-lee")
    html = page(client, f"/teacher/assignments/{world.assignment.id}/results")
    assert f'href="/teacher/assignments/{world.assignment.id}/live"' in html


def test_another_teacher_gets_not_found(client: FlaskClient, world: World, login: Login) -> None:
    login("mr-kay")
    for url in live_urls(world):
        page(client, url, 404)
    assert client.get("/teacher/assignments/999999/live.json").status_code == 404


def test_students_are_forbidden(client: FlaskClient, world: World, login: Login) -> None:
    login("ana")
    for url in live_urls(world):
        assert client.get(url).status_code == 403, url


def test_visitors_are_sent_to_log_in(client: FlaskClient, world: World) -> None:
    for url in live_urls(world):
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response.headers["Location"], url


@pytest.mark.parametrize("extra_students", [0, 8])
def test_a_poll_costs_the_same_statements_for_a_small_class_and_a_large_one(
    app: Flask,
    client: FlaskClient,
    world: World,
    login: Login,
    session: so.Session,
    make_user: UserFactory,
    extra_students: int,
) -> None:
    for n in range(extra_students):
        student = make_user(f"pupil-{n}")
        accounts.join_classroom(session, student, world.classroom.join_code)
    session.rollback()
    for n in range(extra_students):
        pupil = logged_in(app, f"pupil-{n}")
        attempt_url = pupil.post(f"/student/quizzes/{world.assignment.id}/start").headers[
            "Location"
        ]
        saved = pupil.post(
            f"{attempt_url}/answers",
            json={"seq": 1, "answers": {"turkish-lead": {"answer": f"Guess {n}"}}},
            headers={"Accept": "application/json"},
        )
        assert saved.status_code == 200, saved.get_data(as_text=True)
    login("ms-lee")
    url = f"/teacher/assignments/{world.assignment.id}/live.json"
    assert client.get(url).status_code == 200  # the bank is in the process's cache from here on

    with counted() as log:
        body = client.get(url).get_json()

    assert len(body["students"]) == 1 + extra_students
    pupils = [s for s in body["students"] if s["name"].startswith("Pupil")]
    assert [s["answered"] for s in pupils] == [1] * extra_students
    # The login's user, the assignment with its class and version, the roster with its attempts
    # and responses: nothing per student.
    assert len(log.mentioning("SELECT")) == 3, log.statements
    assert log.mentioning("yaml_text") == []
