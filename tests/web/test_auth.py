"""Logging in and out, joining a class, rate limits, CSRF and the security headers."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
import sqlalchemy as sa
import sqlalchemy.orm as so
from flask import Flask
from flask.testing import FlaskClient

from quizapp.db.engine import write_transaction
from quizapp.db.models import STUDENT, TEACHER, Classroom, Enrollment, User
from quizapp.services import login_limits


@pytest.fixture
def classroom(session: so.Session, make_user: Callable[..., User]) -> Classroom:
    teacher = make_user("mrs.t", role=TEACHER)
    with write_transaction(session):
        room = Classroom(name="Year 9 English", join_code="K7P2QX", teacher_id=teacher.id)
        session.add(room)
    return room


def sam_enrollments(session: so.Session, user: User) -> list[Enrollment]:
    return list(session.scalars(sa.select(Enrollment).where(Enrollment.student_id == user.id)))


def join_form(**changes: str) -> dict[str, str]:
    form = {
        "join_code": "k7p2qx",
        "display_name": "Sam Student",
        "username": "sam",
        "password": "a long password",
        "confirm": "a long password",
    }
    form.update(changes)
    return form


def test_login_then_logout(client: FlaskClient, make_user: Callable[..., User]) -> None:
    make_user("ada")
    response = client.post("/login", data={"username": "Ada", "password": "correct horse battery"})
    assert response.status_code == 302
    assert client.get("/logout").status_code == 405  # logging out changes state: POST only
    response = client.post("/logout")
    assert response.headers["Location"].endswith("/login")


def test_wrong_password_and_unknown_user_get_the_same_answer(
    client: FlaskClient, make_user: Callable[..., User]
) -> None:
    make_user("ada")
    wrong = client.post("/login", data={"username": "ada", "password": "not the password"})
    unknown = client.post("/login", data={"username": "zed", "password": "not the password"})
    for response in (wrong, unknown):
        assert response.status_code == 200
        assert "do not match an account" in response.get_data(as_text=True)


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/", "javascript:alert(1)"]
)
def test_login_never_redirects_off_site(
    client: FlaskClient, make_user: Callable[..., User], target: str
) -> None:
    make_user("ada")
    response = client.post(
        "/login",
        query_string={"next": target},
        data={"username": "ada", "password": "correct horse battery"},
    )
    assert response.headers["Location"] == "/"


def test_a_new_student_joins_with_a_code(
    client: FlaskClient, session: so.Session, classroom: Classroom
) -> None:
    response = client.post("/join", data=join_form())
    assert response.status_code == 302
    sam = session.scalars(sa.select(User).where(User.username.startswith("sam-"))).one()
    assert re.fullmatch(r"sam-\d{4}", sam.username)
    home = client.get("/", follow_redirects=True).get_data(as_text=True)
    assert f"Your username is {sam.username}" in home
    assert sam.role == STUDENT
    assert [e.classroom.name for e in sam_enrollments(session, sam)] == ["Year 9 English"]
    assert client.get("/account/password").status_code == 200  # logged in


def test_join_does_not_tell_which_usernames_are_taken(
    app: Flask, session: so.Session, classroom: Classroom, make_user: Callable[..., User]
) -> None:
    make_user("ada")
    pages = []
    for chosen in ("ada", "zed"):
        client = app.test_client()
        response = client.post("/join", data=join_form(username=chosen), follow_redirects=True)
        assert response.status_code == 200
        html = response.get_data(as_text=True)
        assert "taken" not in html
        name = re.search(r"Your username is ([a-z]+)-\d{4}", html)
        assert name is not None and name[1] == chosen
        pages.append(re.sub(r"\d{4}|Ada|Zed|ada|zed|value=\"[^\"]*\"", "", html))
    assert pages[0] == pages[1]  # the same page either way, but for the names
    assert session.scalar(sa.select(sa.func.count(User.id)).where(User.role == STUDENT)) == 3


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"join_code": "WRONG1"}, "No class has the join code"),
        ({"confirm": "something else"}, "The two passwords differ."),
        ({"password": "short", "confirm": "short"}, "at least 8 characters"),
        ({"username": "no spaces please"}, "A username is"),
    ],
)
def test_a_bad_join_form_says_why_and_creates_nothing(
    client: FlaskClient,
    session: so.Session,
    classroom: Classroom,
    changes: dict[str, str],
    message: str,
) -> None:
    response = client.post("/join", data=join_form(**changes))
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert session.scalar(sa.select(sa.func.count(User.id)).where(User.role == STUDENT)) == 0


def test_security_headers_on_every_page(client: FlaskClient) -> None:
    response = client.get("/login")
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Cache-Control"] == "no-store"


def test_session_cookie_is_http_only_and_same_site(
    client: FlaskClient, make_user: Callable[..., User]
) -> None:
    make_user("ada")
    response = client.post("/login", data={"username": "ada", "password": "correct horse battery"})
    (cookie,) = [
        value for value in response.headers.getlist("Set-Cookie") if value.startswith("session=")
    ]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_a_class_of_40_behind_one_address_all_log_in_within_a_minute(
    app: Flask, make_user: Callable[..., User]
) -> None:
    for number in range(40):
        make_user(f"student{number}")
    statuses = []
    for number in range(40):
        client = app.test_client()
        response = client.post(
            "/login", data={"username": f"student{number}", "password": "correct horse battery"}
        )
        statuses.append(response.status_code)
    assert statuses == [302] * 40


def test_failed_logins_are_throttled_with_a_clear_429(
    client: FlaskClient, make_user: Callable[..., User]
) -> None:
    make_user("ada")
    make_user("bob")
    statuses = [
        client.post("/login", data={"username": "ada", "password": "guess"}).status_code
        for _ in range(login_limits.ACCOUNT_FREE_FAILURES + 1)
    ]
    assert statuses == [200] * login_limits.ACCOUNT_FREE_FAILURES + [429]
    page = client.post("/login", data={"username": "ada", "password": "guess"})
    assert page.status_code == 429 and 0 < int(page.headers["Retry-After"]) <= 40
    assert "Wait" in page.get_data(as_text=True)
    # From another address too the account waits, but only the short spacing, and is told so.
    owner = client.post(
        "/login",
        data={"username": "ada", "password": "correct horse battery"},
        environ_base={"REMOTE_ADDR": "192.0.2.7"},
    )
    assert owner.status_code == 429 and 0 < int(owner.headers["Retry-After"]) <= 40
    assert "Wait" in owner.get_data(as_text=True)
    someone_else = client.post(
        "/login",
        data={"username": "bob", "password": "correct horse battery"},
        environ_base={"REMOTE_ADDR": "192.0.2.7"},
    )
    assert someone_else.status_code == 302


@pytest.mark.parametrize("target", ["/student/\r\nSet-Cookie:x=1", "/\\evil.example/"])
def test_a_next_with_cr_lf_or_a_backslash_goes_home(
    client: FlaskClient, make_user: Callable[..., User], target: str
) -> None:
    make_user("ada")
    response = client.post(
        "/login",
        query_string={"next": target},
        data={"username": "ada", "password": "correct horse battery"},
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


def test_forms_without_a_csrf_token_are_refused(
    make_user: Callable[..., User], make_app: Callable[..., Flask]
) -> None:
    make_user("ada")
    client = make_app(overrides={"TESTING": True}).test_client()
    response = client.post("/login", data={"username": "ada", "password": "correct horse battery"})
    assert response.status_code == 400
    assert "Nothing was lost" in response.get_data(as_text=True)
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)
    assert token is not None
    response = client.post(
        "/login",
        data={"username": "ada", "password": "correct horse battery", "csrf_token": token[1]},
    )
    assert response.status_code == 302


def test_unknown_pages_get_a_helpful_404(client: FlaskClient) -> None:
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert "There is nothing at this address" in response.get_data(as_text=True)


def test_json_clients_get_json_errors(client: FlaskClient) -> None:
    response = client.get("/no/such/page", headers={"Accept": "application/json"})
    assert response.status_code == 404
    assert response.get_json()["error"] == "Page not found"
