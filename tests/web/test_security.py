"""Sessions that end: logout, a new password and a teacher's reset end every session of the
account; a cookie replayed from another browser is refused; a login ends after its lifetime; a
temporary password must be replaced before anything else."""

from __future__ import annotations

import io
import re
from collections.abc import Callable

import pytest
import sqlalchemy.orm as so
from flask import Flask
from flask.testing import FlaskClient

from quizapp.db.models import TEACHER, User
from quizapp.services import accounts, classes
from quizapp.web.security import LOGIN_AT

PASSWORD = "correct horse battery"
NEW_PASSWORD = "a brand new passphrase"


def logged_in_client(app: Flask, username: str, password: str = PASSWORD) -> FlaskClient:
    client = app.test_client()
    response = client.post("/login", data={"username": username, "password": password})
    assert response.status_code == 302, response.get_data(as_text=True)
    return client


def is_logged_in(client: FlaskClient) -> bool:
    response = client.get("/account/password")
    return response.status_code == 200


def copy_of(app: Flask, client: FlaskClient) -> FlaskClient:
    """A second client holding a captured copy of ``client``'s session cookie."""
    cookie = client.get_cookie("session")
    assert cookie is not None
    thief = app.test_client()
    thief.set_cookie("session", cookie.value)
    return thief


def test_a_cookie_captured_before_logout_does_not_work_after_it(
    app: Flask, make_user: Callable[..., User]
) -> None:
    make_user("ada")
    client = logged_in_client(app, "ada")
    captured = copy_of(app, client)
    assert is_logged_in(captured)
    client.post("/logout")
    assert not is_logged_in(captured)
    assert not is_logged_in(client)


def test_logout_ends_the_sessions_on_other_devices_too(
    app: Flask, make_user: Callable[..., User]
) -> None:
    make_user("ada")
    laptop, phone = logged_in_client(app, "ada"), logged_in_client(app, "ada")
    laptop.post("/logout")
    assert not is_logged_in(phone)
    assert is_logged_in(logged_in_client(app, "ada"))  # a fresh login works as before


def test_a_password_change_ends_every_other_session_but_not_this_one(
    app: Flask, make_user: Callable[..., User]
) -> None:
    make_user("ada")
    changer, other = logged_in_client(app, "ada"), logged_in_client(app, "ada")
    captured = copy_of(app, changer)
    response = changer.post(
        "/account/password",
        data={"current": PASSWORD, "password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert is_logged_in(changer)
    assert not is_logged_in(other)
    assert not is_logged_in(captured)


def test_a_teachers_reset_ends_the_students_sessions_and_forces_a_new_password(
    app: Flask, make_user: Callable[..., User], session: so.Session
) -> None:
    teacher = make_user("ms-lee", TEACHER)
    student = make_user("ada")
    room = classes.create_class(session, teacher, "9A")
    accounts.join_classroom(session, student, room.join_code)
    student_client = logged_in_client(app, "ada")
    teacher_client = logged_in_client(app, "ms-lee")
    html = teacher_client.post(f"/teacher/classes/{room.id}/students/{student.id}/reset").get_data(
        as_text=True
    )
    temporary = re.search(r'<code class="password">([^<]+)</code>', html)
    assert temporary is not None
    assert not is_logged_in(student_client)

    fresh = app.test_client()
    login = fresh.post("/login", data={"username": "ada", "password": temporary[1]})
    assert login.headers["Location"].endswith("/account/password")
    # Every other page sends the student back until a password of their own is chosen.
    blocked = fresh.get("/student/")
    assert blocked.status_code == 302 and blocked.headers["Location"].endswith("/account/password")
    changed = fresh.post(
        "/account/password",
        data={"current": temporary[1], "password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
    )
    assert changed.status_code == 302
    assert fresh.get("/student/").status_code == 200


def test_students_imported_from_a_roster_choose_a_password_at_first_login(
    app: Flask, make_user: Callable[..., User], session: so.Session
) -> None:
    teacher = make_user("ms-lee", TEACHER)
    room = classes.create_class(session, teacher, "9A")
    teacher_client = logged_in_client(app, "ms-lee")
    html = teacher_client.post(
        f"/teacher/classes/{room.id}/students/import",
        data={"roster": (io.BytesIO(b"username,display_name\ncleo,Cleo\n"), "r.csv")},
        content_type="multipart/form-data",
    ).get_data(as_text=True)
    temporary = re.search(r'<code class="password">([^<]+)</code>', html)
    assert temporary is not None
    student = app.test_client()
    login = student.post("/login", data={"username": "cleo", "password": temporary[1]})
    assert login.headers["Location"].endswith("/account/password")
    assert student.get("/student/").headers["Location"].endswith("/account/password")


@pytest.mark.parametrize(
    "elsewhere",
    [{"headers": {"User-Agent": "Other/1.0"}}, {"environ_base": {"REMOTE_ADDR": "10.9.8.7"}}],
)
def test_a_cookie_replayed_from_another_browser_or_address_is_refused(
    app: Flask, make_user: Callable[..., User], elsewhere: dict[str, dict[str, str]]
) -> None:
    make_user("ada")
    client = logged_in_client(app, "ada")
    thief = copy_of(app, client)
    response = thief.get("/account/password", **elsewhere)  # type: ignore[arg-type]
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert is_logged_in(client)


def test_the_session_cookie_is_not_permanent_and_a_login_ends_after_its_lifetime(
    app: Flask, make_user: Callable[..., User]
) -> None:
    make_user("ada")
    client = app.test_client()
    response = client.post("/login", data={"username": "ada", "password": PASSWORD})
    (session_cookie,) = [
        value for value in response.headers.getlist("Set-Cookie") if value.startswith("session=")
    ]
    assert "Expires" not in session_cookie
    lifetime = app.permanent_session_lifetime.total_seconds()
    with client.session_transaction() as stored:
        stored[LOGIN_AT] -= lifetime - 60
    assert is_logged_in(client)
    with client.session_transaction() as stored:
        stored[LOGIN_AT] -= 120
    assert not is_logged_in(client)
