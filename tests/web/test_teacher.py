"""The teacher's pages through the test client: who may see what, forms, editor, results, CSV.

The world: teacher Ms Lee with class 9A (student Ana, who has taken the quiz), her own bank
"mini" and the shared sample bank; teacher Mr Kay, who must see none of Ms Lee's things.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
import sqlalchemy as sa
import sqlalchemy.orm as so
from flask import Flask
from flask.testing import FlaskClient

from quizapp.config import PROJECT_ROOT, Config
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
    return World(teacher, other, student, classroom, assignment, mini_version.bank, shared)


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
    ]


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
    assert "9A" not in page(client, "/teacher/")
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
    make_app: Callable[..., Flask], world: World, session: so.Session
) -> None:
    app = make_app(overrides={"TESTING": True})  # CSRF on, as in production
    client = app.test_client()
    token_page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', token_page)
    assert token is not None
    client.post(
        "/login",
        data={"username": "ms-lee", "password": "correct horse battery", "csrf_token": token[1]},
    )
    response = client.post("/teacher/classes", data={"name": "Sneaky"})
    assert response.status_code == 400
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


# --- assignments -----------------------------------------------------------------------------


def test_assign_form_starts_from_the_banks_settings(
    client: FlaskClient, world: World, login: Login
) -> None:
    login("ms-lee")
    html = page(client, f"/teacher/classes/{world.classroom.id}/assign?bank={world.mini.id}")
    assert 'name="attempts_allowed"' in html and 'value="3"' in html
    assert re.search(r'<option selected value="last">|<option value="last" selected>', html)
    shared = page(client, f"/teacher/classes/{world.classroom.id}/assign?bank={world.shared.id}")
    assert 'value="2"' in shared  # the sample bank allows two attempts


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"closes_at": "2030-03-01T08:00"}, "The closing time must come after the opening time."),
        ({"attempts_allowed": "0"}, "Allow at least 1 attempt, or leave empty for unlimited."),
        ({"attempts_allowed": "two"}, "Not a valid integer value."),
        ({"time_limit_minutes": "0"}, "A time limit is at least 1 minute"),
        ({"grading_method": "best"}, "Not a valid choice."),
        ({"title": ""}, "This field is required."),
    ],
)
def test_bad_assignment_values_are_explained_and_kept(
    client: FlaskClient,
    world: World,
    login: Login,
    session: so.Session,
    change: dict[str, str],
    message: str,
) -> None:
    login("ms-lee")
    form = {
        "bank_id": str(world.shared.id),
        "title": "Week 2 reading",
        "opens_at": "2030-03-01T09:00",
        "closes_at": "2030-03-08T09:00",
        "attempts_allowed": "2",
        "grading_method": "highest",
        "feedback_timing": "after_submit",
        "time_limit_minutes": "30",
    }
    form.update(change)
    response = client.post(f"/teacher/classes/{world.classroom.id}/assign", data=form)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert message in html
    assert "Nothing was saved" in html
    for name in ("opens_at", "title", "time_limit_minutes"):
        if form[name] and name not in change:
            assert f'value="{form[name]}"' in html, name
    assert len(assignments.list_assignments(fresh(session), world.teacher, world.classroom.id)) == 1


def test_assign_edit_and_close(
    client: FlaskClient, world: World, login: Login, session: so.Session
) -> None:
    login("ms-lee")
    response = client.post(
        f"/teacher/classes/{world.classroom.id}/assign",
        data={
            "bank_id": str(world.shared.id),
            "title": "Week 2 reading",
            "opens_at": "2030-03-01T09:00",
            "closes_at": "",
            "attempts_allowed": "",
            "grading_method": "average",
            "feedback_timing": "after_close",
            "time_limit_minutes": "",
        },
    )
    assert response.status_code == 302
    made = assignments.list_assignments(fresh(session), world.teacher, world.classroom.id)[0]
    assert (made.title, made.attempts_allowed, made.grading_method) == (
        "Week 2 reading",
        None,
        "average",
    )
    assert made.opens_at == dt.datetime(2030, 3, 1, 9, tzinfo=dt.UTC)
    assert "Week 2 reading" in page(client, f"/teacher/classes/{world.classroom.id}")

    edit = page(client, f"/teacher/assignments/{made.id}/edit")
    assert 'value="2030-03-01T09:00"' in edit
    response = client.post(
        f"/teacher/assignments/{made.id}/edit",
        data={
            "bank_id": str(world.shared.id),
            "title": "Week 2 (extended)",
            "opens_at": "2030-03-01T09:00",
            "attempts_allowed": "1",
            "grading_method": "first",
            "feedback_timing": "after_submit",
        },
    )
    assert response.status_code == 302
    fresh(session).refresh(made)
    assert (made.title, made.attempts_allowed) == ("Week 2 (extended)", 1)
    assert client.post(f"/teacher/assignments/{made.id}/close").status_code == 302
    fresh(session).refresh(made)
    assert made.closes_at is not None


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
    for layout in ("gradebook", "responses"):
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
    default = page(client, "/teacher/export.csv")
    assert default.startswith("class,username,display_name,quiz,attempts,")


# --- banks -----------------------------------------------------------------------------------


def test_bank_list_and_view(client: FlaskClient, world: World, login: Login) -> None:
    login("ms-lee")
    html = page(client, "/teacher/banks")
    assert "Mini quiz" in html and world.shared.title in html and "shared" in html
    view = page(client, f"/teacher/banks/{world.shared.id}")
    assert "Turkey and Egypt have kicked off" in view
    assert "Which city hosted the consultations?" in view
    assert "Edit the YAML" not in view  # shared banks are edited in their files
    assert client.get(f"/teacher/banks/{world.shared.id}/edit").status_code == 403
    own = page(client, f"/teacher/banks/{world.mini.id}")
    assert "Edit the YAML" in own


def test_download_a_version(client: FlaskClient, world: World, login: Login) -> None:
    login("ms-lee")
    response = client.get(f"/teacher/banks/{world.mini.id}/versions/1.yaml")
    assert response.mimetype == "text/yaml"
    assert response.headers["Content-Disposition"] == 'attachment; filename="mini-v1.yaml"'
    assert response.get_data(as_text=True) == MINI_BANK
    assert client.get(f"/teacher/banks/{world.mini.id}/versions/9.yaml").status_code == 404


def test_the_editor_shows_every_problem_by_line_and_saves_nothing(
    client: FlaskClient, world: World, login: Login, session: so.Session
) -> None:
    login("ms-lee")
    url = f"/teacher/banks/{world.mini.id}/edit"
    assert "Turkish diplomats arrived" in page(client, url)
    broken = MINI_BANK.replace("answers: [Sedat Onal]", "answer: [Sedat Onal]").replace(
        "prompt: Which city", "promt: Which city"
    )
    response = client.post(url, data={"yaml_text": broken})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "problem(s) — nothing was saved" in html
    # Each problem sits in the row of its line, after the line's own text.
    rows = dict(re.findall(r'<tr id="line-(\d+)" class="has-issue">(.*?)</tr>', html, re.S))
    assert "promt" in rows["10"] and "unknown key &#39;promt&#39;" in rows["10"]
    assert "answer: [Sedat Onal]" in rows["15"] and "did you mean &#39;answers&#39;" in rows["15"]
    assert "Line 15, column 5" in html
    # The text typed is kept in the editor, and no version was made.
    assert "promt: Which city" in html.split("<textarea", 1)[1]
    versions = (
        fresh(session)
        .scalars(sa.select(models.BankVersion).where(models.BankVersion.bank_id == world.mini.id))
        .all()
    )
    assert [v.number for v in versions] == [1]


def test_a_valid_edit_makes_a_new_version(
    client: FlaskClient, world: World, login: Login, session: so.Session
) -> None:
    login("ms-lee")
    url = f"/teacher/banks/{world.mini.id}/edit"
    edited = MINI_BANK.replace("Who led the talks?", "Who led the Turkish side?")
    response = client.post(url, data={"yaml_text": edited})
    assert response.status_code == 302
    assert "Saved as version 2" in page(client, response.headers["Location"])
    assert "Who led the Turkish side?" in page(client, f"/teacher/banks/{world.mini.id}")
    # The assignment keeps the version it pinned.
    fresh(session).refresh(world.assignment)
    assert world.assignment.bank_version.number == 1
    again = client.post(url, data={"yaml_text": edited})
    assert "Nothing changed" in page(client, again.headers["Location"])
    renamed = client.post(url, data={"yaml_text": edited.replace("id: mini", "id: other")})
    assert renamed.status_code == 400
    assert "the id must stay" in renamed.get_data(as_text=True)


def test_upload_a_bank(
    client: FlaskClient, world: World, login: Login, session: so.Session
) -> None:
    login("ms-lee")

    def upload(content: str, name: str = "bank.yaml") -> tuple[int, str, str]:
        response = client.post(
            "/teacher/banks/upload",
            data={"bank_file": (io.BytesIO(content.encode()), name)},
            content_type="multipart/form-data",
        )
        return (
            response.status_code,
            response.headers.get("Location", ""),
            response.get_data(as_text=True),
        )

    status, location, _ = upload(MINI_BANK.replace("id: mini", "id: fresh"))
    assert status == 302
    assert "Saved Mini quiz, version 1" in page(client, location)
    # The same id as one of her banks: its next version.
    status, location, _ = upload(MINI_BANK.replace("Who led", "Who headed"))
    assert status == 302
    assert "version 2" in page(client, location)
    # The id of the shared bank is not hers to change.
    shared_text = SAMPLE.read_text(encoding="utf-8").replace("Which city", "What city")
    status, _, html = upload(shared_text)
    assert status == 400 and "exists already" in html
    status, _, html = upload("schema: 1\nid: [\n")
    assert status == 400 and "nothing was saved" in html and 'id="line-2"' in html
    status, _, html = upload(MINI_BANK, "bank.txt")
    assert status == 400 and "Upload a .yaml or .yml file." in html
    response = client.post(
        "/teacher/banks/upload",
        data={"bank_file": (io.BytesIO(MINI_BANK.encode("utf-16")), "bank.yaml")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 400
    assert "The file is not UTF-8 text." in response.get_data(as_text=True)
    slugs = set(fresh(session).scalars(sa.select(models.Bank.slug)))
    assert slugs == {"mini", "fresh", world.shared.slug}


def test_uploads_are_size_limited(
    config: Config, world: World, make_app: Callable[..., Flask]
) -> None:
    small = dataclasses.replace(config, max_upload_bytes=2000)
    app = make_app(small)
    client = app.test_client()
    client.post("/login", data={"username": "ms-lee", "password": "correct horse battery"})
    response = client.post(
        "/teacher/banks/upload",
        data={"bank_file": (io.BytesIO(b"x" * 5000), "big.yaml")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 413


# --- questions about a span of the article ---------------------------------------------------


def test_a_selected_span_becomes_a_question_in_a_new_version(
    client: FlaskClient, world: World, login: Login, session: so.Session
) -> None:
    login("ms-lee")
    bank_page = page(client, f"/teacher/banks/{world.mini.id}")
    assert "data-ask-article" in bank_page and "Propose a question" in bank_page
    response = client.post(
        f"/teacher/banks/{world.mini.id}/questions",
        data={"prompt": "Which city hosted the talks?", "answer": "Cairo"},
    )
    assert response.status_code == 302
    versions = (
        fresh(session)
        .scalars(
            sa.select(models.BankVersion)
            .where(models.BankVersion.bank_id == world.mini.id)
            .order_by(models.BankVersion.number)
        )
        .all()
    )
    assert len(versions) == 2
    added = banks.load_version_bank(versions[-1]).question("which-city-hosted-the-talks")
    assert added.type_name == "short_answer"
    assert added.grade({"answer": "cairo"}).state == "right"
    assert added.evidence is not None and "Cairo" in added.evidence
    # The teacher's text is kept: the old YAML is a prefix of the new one, line for line.
    assert versions[-1].yaml_text.startswith(versions[0].yaml_text.rstrip("\n"))


def test_a_span_question_needs_words_of_the_article(
    client: FlaskClient, world: World, login: Login, session: so.Session
) -> None:
    login("ms-lee")
    response = client.post(
        f"/teacher/banks/{world.mini.id}/questions",
        data={"prompt": "Which city hosted the talks?", "answer": "Paris"},
    )
    assert response.status_code == 200
    assert "is not in the article" in response.get_data(as_text=True)
    assert 'value="Which city hosted the talks?"' in response.get_data(as_text=True)
    count = fresh(session).scalar(
        sa.select(sa.func.count(models.BankVersion.id)).where(
            models.BankVersion.bank_id == world.mini.id
        )
    )
    assert count == 1


def test_shared_and_foreign_banks_take_no_span_questions(
    client: FlaskClient, world: World, login: Login
) -> None:
    login("ms-lee")
    data = {"prompt": "Which city hosted the talks?", "answer": "Cairo"}
    assert client.post(f"/teacher/banks/{world.shared.id}/questions", data=data).status_code == 403
    client.post("/logout")
    login("mr-kay")
    assert client.post(f"/teacher/banks/{world.mini.id}/questions", data=data).status_code == 404
