"""Results, accepting answers and regrading, and CSV downloads through the test client."""

from __future__ import annotations

import csv
import io

import sqlalchemy as sa
import sqlalchemy.orm as so
from flask.testing import FlaskClient

from quizapp.db import models
from tests.web.teacher.conftest import (
    Login,
    World,
    fresh,
    page,
)

# --- results and CSV -------------------------------------------------------------------------


def test_results_pages(client: FlaskClient, world: World, login: Login) -> None:
    login("ms-lee")
    table = page(client, f"/teacher/classes/{world.classroom.id}/results")
    assert "Ana Silva" in table and "50 %" in table
    html = page(client, f"/teacher/assignments/{world.assignment.id}/results")
    assert "Score distribution" in html and "<svg" in html and 'role="img"' in html
    assert "Most common wrong or partly right answers" in html
    # The typed formula is shown as text (autoescaped), with a button to accept it.
    assert "=cmd|&#39; /C calc&#39;!A0" in html
    assert 'name="text" value="=cmd|&#39; /C calc&#39;!A0"' in html
    assert "Facility" in html and "Discriminative efficiency" in html
    # Each statistic is explained on the page in words, not only in a hover title.
    glossary = html[html.index('id="stats-glossary"') :]
    for term in ("Facility", "DI (discrimination index)", "DE (discriminative efficiency)", "CIC"):
        assert f"<dt>{term}" in glossary, term
    assert "does not tell strong readers from weak ones" in glossary
    for layout in ("gradebook", "points", "class", "responses", "moodle", "canvas", "classroom"):
        assert f'name="layout" value="{layout}"' in html


def test_accept_an_answer_and_regrade(
    client: FlaskClient, world: World, login: Login, session: so.Session
) -> None:
    login("ms-lee")
    url = f"/teacher/assignments/{world.assignment.id}"
    response = client.post(
        f"{url}/accept",
        data={"question_id": "turkish-lead", "text": "=cmd|' /C calc'!A0", "credit": "1"},
    )
    assert response.status_code == 302
    html = page(client, f"{url}/results")
    assert "1 changed" in html
    attempt = fresh(session).scalar(sa.select(models.Attempt))
    assert attempt is not None
    assert attempt.fraction_text == "1"
    response = client.post(f"{url}/regrade")
    assert "0 changed" in page(client, response.headers["Location"])
    # A choice question cannot take an alternative; the reason is shown, nothing stored.
    response = client.post(
        f"{url}/accept", data={"question_id": "host-city", "text": "Ankara", "credit": "1"}
    )
    assert "Nothing accepted" in page(client, response.headers["Location"])
    assert fresh(session).scalar(sa.select(sa.func.count(models.AcceptedAnswer.id))) == 1


def test_csv_downloads(client: FlaskClient, world: World, login: Login) -> None:
    login("ms-lee")
    response = client.get(f"/teacher/export.csv?class={world.classroom.id}&layout=gradebook")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment;") and "gradebook" in disposition
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows[0] == [
        "class",
        "username",
        "display_name",
        "quiz",
        "attempts",
        "host-city",
        "turkish-lead",
        "total_percent",
    ]
    assert rows[1] == ["9A", "ana", "Ana Silva", "Mini", "1", "1", "0", "50"]

    response = client.get(f"/teacher/export.csv?quiz={world.assignment.id}&layout=responses&bom=y")
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeffclass,username")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[2][6] == "'=cmd|' /C calc'!A0"  # neutralised formula
    assert client.get("/teacher/export.csv?layout=pivot").status_code == 400
    response = client.get(f"/teacher/export.csv?quiz={world.assignment.id}&layout=canvas")
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "Mini"]
    assert rows[2][:5] == ["Ana Silva", "", "", "ana", "9A"]
    assert "canvas" in response.headers["Content-Disposition"]
    default = page(client, "/teacher/export.csv")
    assert default.startswith("class,username,display_name,quiz,attempts,")


def test_class_csv_download_in_points(client: FlaskClient, world: World, login: Login) -> None:
    login("ms-lee")
    response = client.get(f"/teacher/export.csv?class={world.classroom.id}&layout=class")
    assert response.status_code == 200
    assert "quizapp-class-" in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows[0] == [
        "class",
        "username",
        "display_name",
        "Mini (2 points)",
        "total_points",
        "possible_points",
        "total_percent",
    ]
    assert rows[1] == ["9A", "ana", "Ana Silva", "1", "1", "2", "50"]
