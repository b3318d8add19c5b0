"""Renaming and archiving a class, and archiving an assignment, through the class page."""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy.orm as so
from flask.testing import FlaskClient

from quizapp.db import models
from tests.web.teacher.conftest import Login, World, fresh, page


def test_renaming_a_class_from_its_page(
    client: FlaskClient, world: World, login: Login, session: so.Session
) -> None:
    login("ms-lee")
    class_url = f"/teacher/classes/{world.classroom.id}"
    html = page(client, class_url)
    assert "Look after this class" in html and 'value="9A"' in html
    response = client.post(f"{class_url}/rename", data={"name": "9A English"})
    assert response.status_code == 302
    assert "Renamed to 9A English; the join code stays the same." in page(client, class_url)
    assert "9A English" in page(client, "/teacher/")
    refused = client.post(f"{class_url}/rename", data={"name": ""})
    assert refused.status_code == 400 and "Give the class a name." in refused.get_data(True)
    classroom = fresh(session).get(models.Classroom, world.classroom.id)
    assert classroom is not None and classroom.name == "9A English"


def test_an_archived_class_moves_to_the_dashboards_archive_and_back(
    client: FlaskClient, world: World, login: Login
) -> None:
    login("ms-lee")
    class_url = f"/teacher/classes/{world.classroom.id}"
    response = client.post(f"{class_url}/archive")
    assert response.status_code == 302
    html = page(client, class_url)
    assert "closed to new students" in html and "Restore to my classes" in html
    dashboard = page(client, "/teacher/")
    archive = dashboard[dashboard.index("Archived classes") :]
    assert f'href="{class_url}"' in archive
    assert f'href="{class_url}"' not in dashboard[: dashboard.index("Archived classes")]
    # results of an archived class still open
    page(client, f"{class_url}/results")
    assert client.post(f"{class_url}/restore").status_code == 302
    assert "Archived classes" not in page(client, "/teacher/")


def test_a_student_cannot_join_an_archived_class(
    client: FlaskClient, world: World, login: Login, make_user: Callable[..., models.User]
) -> None:
    login("ms-lee")
    client.post(f"/teacher/classes/{world.classroom.id}/archive")
    client.post("/logout")
    make_user("ben", display_name="Ben")
    login("ben")
    response = client.post("/join", data={"join_code": world.classroom.join_code})
    assert response.status_code == 400
    assert "archived and takes no new students" in response.get_data(True)


def test_archiving_an_assignment_closes_it_and_restoring_keeps_it_closed(
    client: FlaskClient, world: World, login: Login, session: so.Session
) -> None:
    login("ms-lee")
    class_url = f"/teacher/classes/{world.classroom.id}"
    a = world.assignment.id
    html = page(client, class_url)
    assert f'action="/teacher/assignments/{a}/archive"' in html
    response = client.post(f"/teacher/assignments/{a}/archive")
    assert response.status_code == 302 and response.headers["Location"].endswith(class_url)
    html = page(client, class_url)
    assert "Mini is archived and closed" in html
    archived = html[html.index("Archived assignments") :]
    assert f'action="/teacher/assignments/{a}/restore"' in archived
    assert "Nothing assigned to this class yet." in html
    # its results and Ana's work stay
    assert "Ana Silva" in page(client, f"/teacher/assignments/{a}/results")
    assert client.post(f"/teacher/assignments/{a}/restore").status_code == 302
    html = page(client, class_url)
    assert "stays closed until you change its dates" in html and "Archived assignments" not in html
    assignment = fresh(session).get(models.Assignment, a)
    assert assignment is not None and assignment.archived_at is None
    assert assignment.closes_at is not None


def test_class_upkeep_posts_need_a_csrf_token(
    csrf_client: FlaskClient, world: World, session: so.Session
) -> None:
    c, a = world.classroom.id, world.assignment.id
    for url, data in [
        (f"/teacher/classes/{c}/rename", {"name": "x"}),
        (f"/teacher/classes/{c}/archive", {}),
        (f"/teacher/assignments/{a}/archive", {}),
    ]:
        assert csrf_client.post(url, data=data).status_code == 400, url
    classroom = fresh(session).get(models.Classroom, c)
    assignment = fresh(session).get(models.Assignment, a)
    assert classroom is not None and (classroom.name, classroom.archived_at) == ("9A", None)
    assert assignment is not None and assignment.archived_at is None
