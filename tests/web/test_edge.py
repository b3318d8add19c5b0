"""Text at the edge: lone surrogates and NUL bytes are refused with a clear 400 in every form
field, JSON body, query value and upload; text is kept in NFC; JSON nested too deeply is refused;
and text stored before these checks cannot break a page or the CSV stream."""

from __future__ import annotations

import io
import re
from collections.abc import Callable

import pytest
import sqlalchemy as sa
import sqlalchemy.orm as so
from flask.testing import FlaskClient

from quizapp.config import PROJECT_ROOT
from quizapp.db import models
from quizapp.db.engine import write_transaction
from quizapp.services import accounts, assignments, classes
from quizapp.services import banks as bank_service

SAMPLE_BANK = PROJECT_ROOT / "question_banks" / "turkey-egypt-talks-2021.yaml"
Login = Callable[..., None]


@pytest.fixture
def quiz(session: so.Session, make_user: Callable[..., models.User]) -> int:
    """An assignment of the sample bank to a class with the student "ada"; its id."""
    teacher = make_user("ms-lee", models.TEACHER, "Ms Lee")
    student = make_user("ada", display_name="Ada")
    room = classes.create_class(session, teacher, "9A")
    accounts.join_classroom(session, student, room.join_code)
    bank_service.import_paths(session, [SAMPLE_BANK])
    version = bank_service.find_version(session, "turkey-egypt-talks-2021")
    settings = assignments.AssignmentSettings(title="Talks", feedback_timing="after_submit")
    return assignments.assign_bank(session, teacher, room.id, version.bank_id, settings).id


def start(client: FlaskClient, assignment_id: int) -> int:
    response = client.post(f"/student/quizzes/{assignment_id}/start")
    match = re.search(r"/student/attempts/(\d+)$", response.headers["Location"])
    assert match is not None
    return int(match.group(1))


def stored(session: so.Session, attempt_id: int) -> dict[str, dict[str, str]]:
    session.rollback()
    rows = session.scalars(
        sa.select(models.Response)
        .where(models.Response.attempt_id == attempt_id)
        .execution_options(populate_existing=True)
    )
    return {row.question_id: row.data for row in rows}


def save_raw(client: FlaskClient, attempt_id: int, body: str) -> tuple[int, str]:
    response = client.post(
        f"/student/attempts/{attempt_id}/answers",
        data=body,
        content_type="application/json",
        headers={"Accept": "application/json"},
    )
    return response.status_code, response.get_json()["message"] if response.is_json else ""


@pytest.mark.parametrize(
    ("text", "reason"), [("x\\ud800y", "surrogate"), ("x\\u0000y", "NUL"), ("\\udfff", "surrogate")]
)
def test_an_answer_with_a_broken_character_is_refused_and_nothing_is_saved(
    client: FlaskClient, login: Login, session: so.Session, quiz: int, text: str, reason: str
) -> None:
    login("ada")
    attempt_id = start(client, quiz)
    body = '{"seq": 1, "answers": {"turkish-lead": {"answer": "TEXT"}}}'.replace("TEXT", text)
    status, message = save_raw(client, attempt_id, body)
    assert status == 400 and reason in message
    assert stored(session, attempt_id) == {}
    assert client.get(f"/student/attempts/{attempt_id}").status_code == 200


def test_a_broken_key_in_the_json_body_is_refused(
    client: FlaskClient, login: Login, session: so.Session, quiz: int
) -> None:
    login("ada")
    attempt_id = start(client, quiz)
    status, message = save_raw(client, attempt_id, '{"seq": 1, "answers": {"\\ud800": {}}}')
    assert status == 400 and "key" in message


def test_answers_are_kept_in_nfc(
    client: FlaskClient, login: Login, session: so.Session, quiz: int
) -> None:
    login("ada")
    attempt_id = start(client, quiz)
    decomposed = "Sedat O\u0308nal"
    response = client.post(
        f"/student/attempts/{attempt_id}/answers",
        json={"seq": 1, "answers": {"turkish-lead": {"answer": decomposed}}},
    )
    assert response.status_code == 200
    assert stored(session, attempt_id) == {"turkish-lead": {"answer": "Sedat \u00d6nal"}}


def test_deeply_nested_json_is_refused_with_a_reason(
    client: FlaskClient, login: Login, session: so.Session, quiz: int
) -> None:
    login("ada")
    attempt_id = start(client, quiz)
    for depth in (40, 100_000):
        status, message = save_raw(client, attempt_id, "[" * depth + "]" * depth)
        assert status == 400 and "nested" in message
    assert stored(session, attempt_id) == {}


def test_a_nul_in_the_anonymous_login_form_is_a_clear_400(client: FlaskClient) -> None:
    response = client.post("/login", data={"username": "ada\x00", "password": "x\x00y"})
    assert response.status_code == 400
    assert "NUL" in response.get_data(as_text=True)


def test_a_nul_in_a_query_value_is_a_clear_400(client: FlaskClient) -> None:
    response = client.get("/login?next=/student/%00")
    assert response.status_code == 400
    assert "NUL" in response.get_data(as_text=True)


def test_a_form_field_on_a_teacher_page_is_checked_too(
    client: FlaskClient, login: Login, session: so.Session, quiz: int
) -> None:
    login("ms-lee")
    response = client.post("/teacher/classes", data={"name": "9B\x00"})
    assert response.status_code == 400
    assert "NUL" in response.get_data(as_text=True)
    session.rollback()
    assert session.scalar(sa.select(sa.func.count()).select_from(models.Classroom)) == 1


def test_an_uploaded_bank_with_a_nul_is_refused_with_a_reason(
    client: FlaskClient, login: Login, session: so.Session, quiz: int
) -> None:
    login("ms-lee")
    text = SAMPLE_BANK.read_text(encoding="utf-8").replace("Cairo", "Cai\x00ro", 1)
    response = client.post(
        "/teacher/banks/upload",
        data={"bank_file": (io.BytesIO(text.encode()), "talks.yaml")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 400
    assert "NUL" in response.get_data(as_text=True)


def test_text_stored_before_the_checks_cannot_break_a_page_or_the_csv(
    client: FlaskClient, login: Login, session: so.Session, quiz: int
) -> None:
    login("ada")
    attempt_id = start(client, quiz)
    assert client.post(f"/student/attempts/{attempt_id}", data={"seq": "1"}).status_code == 302
    session.rollback()
    with write_transaction(session):
        # JSON escapes the surrogate, so both databases keep it: as an old save could have.
        session.add(
            models.Response(
                attempt_id=attempt_id, question_id="turkish-lead", data={"answer": "x\ud800y"}
            )
        )
    page = client.get(f"/student/attempts/{attempt_id}")
    assert page.status_code == 200 and "x\ufffdy" in page.get_data(as_text=True)
    client.post(f"/student/attempts/{attempt_id}", data={"seq": "2", "action": "submit"})
    client.post("/logout")
    login("ms-lee")
    results = client.get(f"/teacher/assignments/{quiz}/results")
    assert results.status_code == 200
    csv = client.get(f"/teacher/export.csv?quiz={quiz}&layout=responses")
    body = csv.get_data(as_text=True)
    assert csv.status_code == 200 and "x\ufffdy" in body
    assert body.endswith("\r\n") and body.count("\r\n") > 1


@pytest.mark.parametrize(
    "path",
    [
        f"/student/attempts/{2**63}",
        f"/student/attempts/{2**64 + 5}",
        f"/student/quizzes/{2**31}",
        f"/teacher/classes/{2**63 - 1}",
        f"/teacher/banks/{10**30}",
    ],
)
def test_an_id_too_large_for_the_database_is_not_found(
    client: FlaskClient, login: Login, quiz: int, path: str
) -> None:
    login("ada" if path.startswith("/student") else "ms-lee")
    assert client.get(path).status_code == 404
