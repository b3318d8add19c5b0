"""Who may see and post to the teacher's pages: the owner, another teacher, students, visitors."""

from __future__ import annotations

import re

import sqlalchemy.orm as so
from flask.testing import FlaskClient

from quizapp.services import accounts, classes
from tests.web.teacher.conftest import (
    Login,
    World,
    fresh,
    get_routes,
    page,
    post_routes,
)

# --- who may see what ------------------------------------------------------------------------


def test_the_owner_sees_every_page(client: FlaskClient, world: World, login: Login) -> None:
    login("ms-lee")
    for url in ["/teacher/", "/teacher/banks", "/teacher/banks/upload", *get_routes(world)]:
        page(client, url)


def test_another_teacher_gets_not_found_everywhere(
    client: FlaskClient, world: World, login: Login, session: so.Session
) -> None:
    login("mr-kay")
    for url in get_routes(world):
        page(client, url, 404)
    for url, data in post_routes(world):
        assert client.post(url, data=data).status_code == 404, url
    # Nothing changed: the student is still enrolled with the same password, quiz still open.
    assert [
        s.username for s in classes.roster(fresh(session), world.teacher, world.classroom.id)
    ] == ["ana"]
    fresh(session).refresh(world.assignment)
    assert world.assignment.closes_at is None
    assert accounts.authenticate(session, "ana", "correct horse battery") is not None
    # Mr Kay's own dashboard and export list none of Ms Lee's classes.
    # Matched as the class's link and visible name: a bare "9A" can occur in a random CSRF token.
    dashboard = page(client, "/teacher/")
    assert f'/teacher/classes/{world.classroom.id}"' not in dashboard
    assert ">9A<" not in dashboard
    exported = page(client, "/teacher/export.csv?layout=gradebook")
    assert exported.count("\r\n") == 1  # the header alone


def test_students_are_forbidden(client: FlaskClient, world: World, login: Login) -> None:
    login("ana")
    for url in ["/teacher/", "/teacher/banks", *get_routes(world)]:
        assert client.get(url).status_code == 403, url
    for url, data in post_routes(world):
        assert client.post(url, data=data).status_code == 403, url


def test_visitors_are_sent_to_log_in(client: FlaskClient, world: World) -> None:
    for url in ["/teacher/", *get_routes(world)]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert "/login" in response.headers["Location"]
    for url, data in post_routes(world):
        response = client.post(url, data=data)
        assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_posts_without_a_csrf_token_are_refused(
    csrf_client: FlaskClient, world: World, session: so.Session
) -> None:
    response = csrf_client.post("/teacher/classes", data={"name": "Sneaky"})
    assert response.status_code == 400
    assert [c.name for c in classes.list_classes(fresh(session), world.teacher)] == ["9A"]
    for url, data in post_routes(world):
        assert csrf_client.post(url, data=data).status_code == 400, url
    assert [c.name for c in classes.list_classes(fresh(session), world.teacher)] == ["9A"]


def test_pages_have_no_inline_script_or_style(
    client: FlaskClient, world: World, login: Login
) -> None:
    login("ms-lee")
    for url in ["/teacher/", "/teacher/banks", *get_routes(world)[:5], *get_routes(world)[7:9]]:
        html = page(client, url)
        assert " style=" not in html, url
        assert " onclick=" not in html and " onsubmit=" not in html, url
        for script in re.findall(r"<script[^>]*>", html):
            assert "src=" in script or "application/json" in script, (url, script)
