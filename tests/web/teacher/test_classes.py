"""The teacher's class pages through the test client: classes, adding and importing students."""

from __future__ import annotations

import io
import re

import sqlalchemy.orm as so
from flask.testing import FlaskClient

from quizapp.services import accounts, classes
from tests.web.teacher.conftest import (
    Login,
    World,
    fresh,
    page,
)

# --- classes and rosters ---------------------------------------------------------------------


def test_create_a_class(client: FlaskClient, world: World, login: Login) -> None:
    login("ms-lee")
    response = client.post("/teacher/classes", data={"name": "Reading club"})
    assert response.status_code == 302
    html = page(client, response.headers["Location"])
    assert "Reading club" in html and "join-code" in html
    bad = client.post("/teacher/classes", data={"name": "   "})
    assert bad.status_code == 400
    assert "This field is required." in bad.get_data(as_text=True)


def test_add_a_student_shows_the_password_once(
    client: FlaskClient, world: World, login: Login
) -> None:
    login("ms-lee")
    response = client.post(
        f"/teacher/classes/{world.classroom.id}/students",
        data={"username": "Ben", "display_name": "Ben Okafor"},
    )
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "shown only this once" in html
    password = re.search(r'<code class="password">([^<]+)</code>', html)
    assert password is not None
    client.post("/logout")
    login("ben", password[1])


def test_a_bad_student_keeps_what_was_typed(
    client: FlaskClient, world: World, login: Login
) -> None:
    login("ms-lee")
    response = client.post(
        f"/teacher/classes/{world.classroom.id}/students",
        data={"username": "mr-kay", "display_name": "Second Ana"},
    )
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "is taken" in html
    assert 'value="Second Ana"' in html


def test_import_a_roster(
    client: FlaskClient, world: World, login: Login, session: so.Session
) -> None:
    login("ms-lee")
    url = f"/teacher/classes/{world.classroom.id}/students/import"
    good = b"username,display_name\ncleo,Cleo Park\ndev,Dev Rao\n"
    response = client.post(
        url, data={"roster": (io.BytesIO(good), "roster.csv")}, content_type="multipart/form-data"
    )
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "2 student(s) imported" in html and html.count('class="password"') == 2

    bad = b"username,display_name\nemil,Emil\nbad name,Bad\nmr-kay,Not a student\n"
    response = client.post(
        url, data={"roster": (io.BytesIO(bad), "roster.csv")}, content_type="multipart/form-data"
    )
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Line 3:" in html and "Line 4:" in html and "Nobody was added" in html
    names = [s.username for s in classes.roster(fresh(session), world.teacher, world.classroom.id)]
    assert "emil" not in names

    response = client.post(url, data={}, content_type="multipart/form-data")
    assert response.status_code == 400
    assert "Choose a CSV file." in response.get_data(as_text=True)


def test_adding_a_student_already_in_the_class_says_so_and_changes_nothing(
    client: FlaskClient, world: World, login: Login, session: so.Session
) -> None:
    login("ms-lee")
    url = f"/teacher/classes/{world.classroom.id}/students"
    response = client.post(url, data={"username": "Ana", "display_name": "Someone Else"})
    assert response.status_code == 302
    html = page(client, response.headers["Location"])
    assert "ana is already in this class, shown as Ana Silva; nothing was changed." in html
    assert "Student added" not in html
    roster = classes.roster(fresh(session), world.teacher, world.classroom.id)
    assert [(s.username, s.display_name) for s in roster] == [("ana", "Ana Silva")]

    # Ana may join another of Ms Lee's classes: her account is reused, not created again.
    other = classes.create_class(session, world.teacher, "9B")
    joined = client.post(f"/teacher/classes/{other.id}/students", data={"username": "ana"})
    assert joined.status_code == 200
    html = joined.get_data(as_text=True)
    assert "Existing account added to this class" in html and "Student added" not in html
    assert 'class="password"' not in html


def test_a_reimported_roster_counts_who_was_already_there(
    client: FlaskClient, world: World, login: Login
) -> None:
    login("ms-lee")
    url = f"/teacher/classes/{world.classroom.id}/students/import"
    roster = b"username,display_name\nana,Ana Silva\ncleo,Cleo Park\n"
    response = client.post(
        url, data={"roster": (io.BytesIO(roster), "roster.csv")}, content_type="multipart/form-data"
    )
    html = response.get_data(as_text=True)
    assert "1 student(s) imported, 1 already in the class" in html
    assert "already in this class; nothing changed" in html and html.count('class="password"') == 1


def test_a_roster_that_is_not_utf8_is_refused_with_a_reason(
    client: FlaskClient, world: World, login: Login, session: so.Session
) -> None:
    login("ms-lee")
    before = classes.roster(fresh(session), world.teacher, world.classroom.id)
    response = client.post(
        f"/teacher/classes/{world.classroom.id}/students/import",
        data={
            "roster": (io.BytesIO("username,display_name\nzoë,Zoë\n".encode("latin-1")), "r.csv")
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 400
    assert "save it as CSV UTF-8" in response.get_data(as_text=True)
    assert classes.roster(fresh(session), world.teacher, world.classroom.id) == before


def test_reset_and_remove(
    client: FlaskClient, world: World, login: Login, session: so.Session
) -> None:
    login("ms-lee")
    base = f"/teacher/classes/{world.classroom.id}/students/{world.student.id}"
    html = client.post(f"{base}/reset").get_data(as_text=True)
    password = re.search(r'<code class="password">([^<]+)</code>', html)
    assert password is not None
    assert accounts.authenticate(fresh(session), "ana", password[1]) is not None
    response = client.post(f"{base}/remove")
    assert response.status_code == 302
    assert "was removed" in page(client, response.headers["Location"])
    assert classes.roster(fresh(session), world.teacher, world.classroom.id) == []
