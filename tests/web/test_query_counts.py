"""How many SQL statements the hot student requests send: the quiz page, an autosave, a submit.

Counts are deterministic, so they are asserted exactly against small fixed bounds (never
timings). A bound that starts failing means a request grew a query, typically one per question
or per response (N+1), or the bank cache stopped being hit (the version's YAML text is only read
when a bank has to be parsed again). Statements are counted with SQLAlchemy's
``before_cursor_execute`` event; SQLite's explicit ``BEGIN`` / ``BEGIN IMMEDIATE`` count too.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import pytest
import sqlalchemy as sa
import sqlalchemy.orm as so
from flask.testing import FlaskClient

from quizapp.config import PROJECT_ROOT
from quizapp.db import models
from quizapp.domain.questions import QuestionType
from quizapp.services import accounts, assignments, classes
from quizapp.services import banks as bank_service
from quizapp.services.page_ids import PageIds
from tests.conftest import TEST_PASSWORD

SAMPLE_BANK = PROJECT_ROOT / "question_banks" / "turkey-egypt-talks-2021.yaml"

# Page: user, attempt with assignment/class/version, responses (+ BEGIN on SQLite).
PAGE_BOUND = 4
# Page with feedback due: the teacher's accepted answers are read once, not per question.
PAGE_WITH_FEEDBACK_BOUND = 5
# Autosave: user; then BEGIN IMMEDIATE, the attempt locked with its assignment, version,
# enrolment and the saved questions' stored states, one write (+ BEGIN on SQLite).
SAVE_BOUND = 5
# Start: user; the assignment with its version and the enrolment test; then BEGIN IMMEDIATE,
# the assignment with the enrolment locked, the attempts so far, the accommodation, the INSERT
# (+ BEGIN on SQLite).
START_BOUND = 8
# Submit through the page's form: the save above, then the locked attempt, every response,
# the accepted answers and the writes of the grades (each service call reads the attempt). A
# written answer waiting for marking changes only its state: its UPDATE is a statement of its
# own, and it splits the others' batch in two, so the sample bank's one such question adds 2.
SUBMIT_BOUND = 17


@dataclass
class StatementLog:
    statements: list[str]

    def __len__(self) -> int:
        return len(self.statements)

    def mentioning(self, text: str) -> list[str]:
        return [s for s in self.statements if text in s]


@contextmanager
def counted() -> Iterator[StatementLog]:
    """Every statement any engine sends while the block runs."""
    log = StatementLog([])

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        log.statements.append(" ".join(statement.split()))

    sa.event.listen(sa.Engine, "before_cursor_execute", record)
    try:
        yield log
    finally:
        sa.event.remove(sa.Engine, "before_cursor_execute", record)


@dataclass
class Quiz:
    attempt_id: int
    questions: tuple[QuestionType, ...]
    page_ids: PageIds

    def key_on_page(self, question: QuestionType) -> dict[str, str]:
        """A full-credit response to ``question`` as the page of this attempt posts it."""
        return self.page_ids.to_page(question, question.correct_response())


@pytest.fixture
def quiz(
    client: FlaskClient,
    session: so.Session,
    make_user: Callable[..., models.User],
    login: Callable[[str], None],
) -> Quiz:
    """Ada, logged in, with an attempt in progress at the sample bank (immediate feedback)."""
    teacher = make_user("ms-lee", models.TEACHER)
    student = make_user("ada")
    room = classes.create_class(session, teacher, "9A")
    accounts.join_classroom(session, student, room.join_code)
    bank_service.import_paths(session, [SAMPLE_BANK])
    version = bank_service.find_version(session, "turkey-egypt-talks-2021")
    settings = assignments.default_settings(session, teacher, version.bank_id)
    assignment = assignments.assign_bank(session, teacher, room.id, version.bank_id, settings)
    session.rollback()  # end the read transaction: the requests below write
    login("ada")
    started = client.post(f"/student/quizzes/{assignment.id}/start")
    found = re.search(r"/student/attempts/(\d+)$", started.headers["Location"])
    assert found is not None
    attempt_id = int(found.group(1))
    # The first page of the process may have to parse the bank; every later one must not.
    assert client.get(f"/student/attempts/{attempt_id}").status_code == 200
    return Quiz(
        attempt_id,
        bank_service.load_version_bank(version).questions,
        PageIds(client.application.config["SECRET_KEY"], attempt_id),
    )


def autosave(client: FlaskClient, quiz: Quiz, seq: int, questions: int) -> dict[str, Any]:
    answers = {q.id: quiz.key_on_page(q) for q in quiz.questions[:questions]}
    response = client.post(
        f"/student/attempts/{quiz.attempt_id}/answers",
        json={"seq": seq, "answers": answers},
        headers={"Accept": "application/json"},
    )
    assert response.status_code == 200, response.get_data(as_text=True)
    body: dict[str, Any] = response.get_json()
    return body


def test_the_quiz_page_reads_the_attempt_in_a_fixed_number_of_queries(
    client: FlaskClient, quiz: Quiz
) -> None:
    autosave(client, quiz, 1, len(quiz.questions))  # every question answered: no N+1 to hide
    parsed_before = bank_service.bank_cache_counts()[1]
    with counted() as log:
        page = client.get(f"/student/attempts/{quiz.attempt_id}")
    assert page.status_code == 200
    assert len(log) <= PAGE_BOUND, log.statements
    assert log.mentioning("INSERT") == log.mentioning("UPDATE") == []
    # The bank came from the cache: its text was neither read nor parsed again.
    assert log.mentioning("yaml_text") == []
    assert bank_service.bank_cache_counts()[1] == parsed_before


def test_feedback_for_every_question_costs_one_more_query_not_one_per_question(
    client: FlaskClient, quiz: Quiz
) -> None:
    autosave(client, quiz, 1, len(quiz.questions))
    form = {"questions": quiz.questions[0].id, "seq": "2", "action": "submit"}
    form.update(
        {f"{quiz.questions[0].id}.{k}": v for k, v in quiz.key_on_page(quiz.questions[0]).items()}
    )
    assert client.post(f"/student/attempts/{quiz.attempt_id}", data=form).status_code == 302
    with counted() as log:
        page = client.get(f"/student/attempts/{quiz.attempt_id}")
    html = page.get_data(as_text=True)
    assert html.count('class="feedback"') == len(quiz.questions)
    assert len(log) <= PAGE_WITH_FEEDBACK_BOUND, log.statements
    assert len(log.mentioning("accepted_answer")) == 1


@pytest.mark.parametrize("questions", [1, 5])
def test_an_autosave_sends_the_same_few_statements_however_many_answers_it_carries(
    client: FlaskClient, quiz: Quiz, questions: int
) -> None:
    autosave(client, quiz, 1, questions)  # the rows exist: the next save updates them
    with counted() as log:
        body = autosave(client, quiz, 2, questions)
    assert len(body["saved"]) == questions
    assert len(log) <= SAVE_BOUND, log.statements
    # The write transaction reads only the saved questions' rows, in the attempt's own SELECT.
    assert log.mentioning("FROM response") == []
    assert len(log.mentioning("JOIN response")) == 1


def test_starting_a_quiz_sends_a_fixed_few_statements_and_never_reads_the_bank_text(
    client: FlaskClient, quiz: Quiz, session: so.Session, make_user: Callable[..., models.User]
) -> None:
    attempt = session.get(models.Attempt, quiz.attempt_id)
    assert attempt is not None
    assignment_id, join_code = attempt.assignment_id, attempt.assignment.classroom.join_code
    accounts.join_classroom(session, make_user("grace"), join_code)
    session.rollback()
    browser = client.application.test_client()  # Grace's own browser
    form = {"username": "grace", "password": TEST_PASSWORD}
    assert browser.post("/login", data=form).status_code == 302
    with counted() as log:
        started = browser.post(f"/student/quizzes/{assignment_id}/start")
    assert started.status_code == 302
    assert started.headers["Location"] != f"/student/attempts/{quiz.attempt_id}"
    assert len(log) <= START_BOUND, log.statements
    assert log.mentioning("yaml_text") == []
    assert len(log.mentioning("INSERT INTO attempt")) == 1


def test_a_save_in_a_process_that_has_not_parsed_the_bank_parses_it_and_saves(
    client: FlaskClient, quiz: Quiz, session: so.Session
) -> None:
    bank_service.clear_bank_cache()  # as a worker that has served no page of this quiz yet
    with counted() as log:
        body = autosave(client, quiz, 1, 2)
    assert sorted(body["saved"]) == sorted(q.id for q in quiz.questions[:2])
    assert bank_service.bank_cache_counts()[1] == 1  # parsed once, then kept
    assert len(log.mentioning("yaml_text")) == 1
    stored = session.scalars(
        sa.select(models.Response.question_id).where(models.Response.attempt_id == quiz.attempt_id)
    )
    assert sorted(stored) == sorted(q.id for q in quiz.questions[:2])
    with counted() as log:
        autosave(client, quiz, 2, 2)
    assert log.mentioning("yaml_text") == []


def test_a_first_save_inserts_its_answers_in_a_fixed_number_of_statements(
    client: FlaskClient, quiz: Quiz
) -> None:
    with counted() as log:
        body = autosave(client, quiz, 1, len(quiz.questions))
    assert len(body["saved"]) == len(quiz.questions)
    assert len(log) <= SAVE_BOUND, log.statements


def test_submitting_grades_every_question_in_a_fixed_number_of_statements(
    client: FlaskClient, quiz: Quiz
) -> None:
    autosave(client, quiz, 1, len(quiz.questions))
    # The page's form without JavaScript posts every question's fields with Submit.
    form: dict[str, str | list[str]] = {"seq": "2", "action": "submit"}
    form["questions"] = [q.id for q in quiz.questions]
    for question in quiz.questions:
        form.update({f"{question.id}.{k}": v for k, v in quiz.key_on_page(question).items()})
    with counted() as log:
        submitted = client.post(f"/student/attempts/{quiz.attempt_id}", data=form)
    assert submitted.status_code == 302
    assert len(log) <= SUBMIT_BOUND, log.statements
    assert len(log.mentioning("JOIN response")) == 1  # the save's, with the attempt
    assert len(log.mentioning("FROM response")) == 1  # the grading's


def test_the_class_page_reads_every_assignments_version_in_one_query(
    client: FlaskClient,
    session: so.Session,
    make_user: Callable[..., models.User],
    login: Callable[[str], None],
) -> None:
    teacher = make_user("ms-lee", models.TEACHER)
    room = classes.create_class(session, teacher, "9A")
    bank_service.import_paths(session, [SAMPLE_BANK])
    version = bank_service.find_version(session, "turkey-egypt-talks-2021")
    settings = assignments.default_settings(session, teacher, version.bank_id)
    for _ in range(4):
        assignments.assign_bank(session, teacher, room.id, version.bank_id, settings)
    session.rollback()
    login("ms-lee")
    with counted() as log:
        page = client.get(f"/teacher/classes/{room.id}")
    assert page.status_code == 200
    # one statement reads the versions with their assignments, none reads each on its own
    assert len(log.mentioning("FROM bank_version")) <= 1, log.statements
    assert log.mentioning("yaml_text") == []
