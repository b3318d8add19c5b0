"""The student's pages through the test client: access rules, taking a quiz with and without
JavaScript (autosave JSON, form Save/Check/Submit), exactly-once submit, time limits, feedback
timing (no answer key in the page before it is due), stable shuffles, CSRF and progress."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser

import pytest
import sqlalchemy as sa
import sqlalchemy.orm as so
from flask import Flask
from flask.testing import FlaskClient

from quizapp.banks import load_bank_text
from quizapp.config import PROJECT_ROOT
from quizapp.db import models
from quizapp.db.engine import write_transaction
from quizapp.domain.questions import MultipleChoice, MultiSelect, Ordering
from quizapp.services import accounts, assignments, classes
from quizapp.services import banks as bank_service
from quizapp.services.page_ids import PageIds

UserFactory = Callable[..., models.User]
SAMPLE_BANK = PROJECT_ROOT / "question_banks" / "turkey-egypt-talks-2021.yaml"
SAMPLE = load_bank_text(SAMPLE_BANK.read_text(encoding="utf-8"))
FIRST_EVENT = "A NATO-backed uprising ousts Muammar Gaddafi in Libya."

# Texts that only the feedback shows: explanations, a choice's feedback, a short answer's key.
HOST_CITY_EXPLANATION = "The Turkish delegation travelled to Cairo, the capital of Egypt"
BOTH_LEADS_KEY = "Sedat Onal and Hamdi Sanad Loza"
EVIDENCE_EXPLANATION = "Egypt made the withdrawal of Turkish troops from Libya a condition"


@dataclass(frozen=True)
class Element:
    tag: str
    attrs: dict[str, str]


class ElementCollector(HTMLParser):
    """Every start tag of a page with its attributes, in document order."""

    def __init__(self) -> None:
        super().__init__()
        self.elements: list[Element] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append(Element(tag, {name: value or "" for name, value in attrs}))


def elements(html: str, tag: str, **wanted: str) -> list[Element]:
    parser = ElementCollector()
    parser.feed(html)
    return [
        e
        for e in parser.elements
        if e.tag == tag and all(e.attrs.get(k.rstrip("_")) == v for k, v in wanted.items())
    ]


def question_order(html: str) -> list[str]:
    return [
        e.attrs["data-question-id"]
        for e in elements(html, "fieldset")
        if "data-question-id" in e.attrs
    ]


@dataclass
class Classroom:
    teacher: models.User
    student: models.User
    other: models.User
    room: models.Classroom
    bank_id: int

    def assign(self, session: so.Session, **settings: object) -> int:
        chosen: dict[str, object] = {"title": "Turkey and Egypt", "feedback_timing": "after_submit"}
        chosen.update(settings)
        assignment = assignments.assign_bank(
            session,
            self.teacher,
            self.room.id,
            self.bank_id,
            assignments.AssignmentSettings(**chosen),  # type: ignore[arg-type]
        )
        return assignment.id


@pytest.fixture
def school(session: so.Session, make_user: UserFactory) -> Classroom:
    teacher = make_user("ms-lee", models.TEACHER, "Ms Lee")
    student = make_user("ada", display_name="Ada")
    other = make_user("bo", display_name="Bo")
    room = classes.create_class(session, teacher, "9A")
    accounts.join_classroom(session, student, room.join_code)
    accounts.join_classroom(session, other, room.join_code)
    bank_service.import_paths(session, [SAMPLE_BANK])
    version = bank_service.find_version(session, "turkey-egypt-talks-2021")
    return Classroom(teacher, student, other, room, version.bank_id)


def start(client: FlaskClient, assignment_id: int) -> int:
    response = client.post(f"/student/quizzes/{assignment_id}/start")
    assert response.status_code == 302, response.get_data(as_text=True)
    match = re.search(r"/student/attempts/(\d+)$", response.headers["Location"])
    assert match is not None
    return int(match.group(1))


def start_as_ada(
    client: FlaskClient,
    login: Callable[[str], None],
    session: so.Session,
    school: Classroom,
    **settings: object,
) -> int:
    """Assign the sample quiz with these settings, log Ada in and start it: the attempt's id."""
    assignment_id = school.assign(session, **settings)
    login("ada")
    return start(client, assignment_id)


def stored_attempt(session: so.Session, attempt_id: int) -> models.Attempt:
    session.rollback()  # end any read transaction: its snapshot would hide newer writes
    attempt = session.get(models.Attempt, attempt_id, populate_existing=True)
    assert attempt is not None
    return attempt


def stored_answers(session: so.Session, attempt_id: int) -> dict[str, dict[str, str]]:
    session.rollback()  # end any read transaction: its snapshot would hide newer writes
    rows = session.scalars(
        sa.select(models.Response)
        .where(models.Response.attempt_id == attempt_id)
        .execution_options(populate_existing=True)
    )
    return {row.question_id: row.data for row in rows}


def move_deadline(session: so.Session, attempt_id: int, deadline: dt.datetime) -> None:
    session.rollback()
    with write_transaction(session):
        attempt = session.get(models.Attempt, attempt_id)
        assert attempt is not None
        attempt.deadline = deadline


def on_page(
    client: FlaskClient, attempt_id: int, answers: dict[str, dict[str, str]]
) -> dict[str, dict[str, str]]:
    """Answers given in the bank's ids, named as the attempt's page names its options."""
    page_ids = PageIds(client.application.config["SECRET_KEY"], attempt_id)
    return {qid: page_ids.to_page(SAMPLE.question(qid), fields) for qid, fields in answers.items()}


def form_fields(
    client: FlaskClient, attempt_id: int, answers: dict[str, dict[str, str]]
) -> dict[str, str]:
    """The quiz form's fields ("<question id>.<field>") for answers in the bank's ids."""
    return {
        f"{qid}.{name}": value
        for qid, fields in on_page(client, attempt_id, answers).items()
        for name, value in fields.items()
    }


def save_json(client: FlaskClient, attempt_id: int, seq: int, answers: object, **headers: str):  # type: ignore[no-untyped-def]
    return client.post(
        f"/student/attempts/{attempt_id}/answers",
        json={"seq": seq, "answers": answers},
        headers={"Accept": "application/json", **headers},
    )


# --- access --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/student/"),
        ("get", "/student/progress"),
        ("get", "/student/quizzes/1"),
        ("post", "/student/quizzes/1/start"),
        ("get", "/student/attempts/1"),
        ("post", "/student/attempts/1"),
        ("post", "/student/attempts/1/answers"),
    ],
)
def test_anonymous_visitors_are_sent_to_the_login_page(
    client: FlaskClient, method: str, path: str
) -> None:
    response = getattr(client, method)(path)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")


def test_teachers_may_not_use_student_pages(
    client: FlaskClient, login: Callable[[str], None], session: so.Session, school: Classroom
) -> None:
    assignment_id = school.assign(session)
    login("ms-lee")
    for path in ("/student/", "/student/progress", f"/student/quizzes/{assignment_id}"):
        assert client.get(path).status_code == 403
    assert client.post(f"/student/quizzes/{assignment_id}/start").status_code == 403
    assert session.scalar(sa.select(sa.func.count()).select_from(models.Attempt)) == 0


def test_another_students_attempt_is_not_found(
    app: Flask, session: so.Session, school: Classroom
) -> None:
    assignment_id = school.assign(session)
    ada, bo = app.test_client(), app.test_client()
    for client, name in ((ada, "ada"), (bo, "bo")):
        response = client.post(
            "/login", data={"username": name, "password": "correct horse battery"}
        )
        assert response.status_code == 302
    attempt_id = start(ada, assignment_id)
    assert bo.get(f"/student/attempts/{attempt_id}").status_code == 404
    form = {"questions": "host-city", "host-city.choice": "a", "seq": "1", "action": "submit"}
    assert bo.post(f"/student/attempts/{attempt_id}", data=form).status_code == 404
    assert save_json(bo, attempt_id, 1, {"host-city": {"choice": "a"}}).status_code == 404
    assert stored_answers(session, attempt_id) == {}
    assert stored_attempt(session, attempt_id).state == models.IN_PROGRESS


def test_a_quiz_of_another_class_is_not_found(
    client: FlaskClient, login: Callable[[str], None], session: so.Session, school: Classroom
) -> None:
    elsewhere = classes.create_class(session, school.teacher, "9B")
    assignment = assignments.assign_bank(
        session,
        school.teacher,
        elsewhere.id,
        school.bank_id,
        assignments.AssignmentSettings(title="Not for 9A"),
    )
    login("ada")
    assert client.get(f"/student/quizzes/{assignment.id}").status_code == 404
    assert client.post(f"/student/quizzes/{assignment.id}/start").status_code == 404
    assert "Not for 9A" not in client.get("/student/").get_data(as_text=True)


# --- home and starting ---------------------------------------------------------------------


def test_home_lists_the_quizzes_with_their_state_and_a_join_link(
    client: FlaskClient, login: Callable[[str], None], session: so.Session, school: Classroom
) -> None:
    now = dt.datetime.now(dt.UTC)
    open_id = school.assign(session, title="Open quiz", attempts_allowed=2)
    school.assign(session, title="Closed quiz", closes_at=now - dt.timedelta(days=1))
    login("ada")
    assert client.get("/").headers["Location"].endswith("/student/")
    html = client.get("/student/").get_data(as_text=True)
    assert "Open quiz" in html and "Closed quiz" in html
    assert "2 of 2" in html  # attempts left
    starts = elements(html, "form", action=f"/student/quizzes/{open_id}/start")
    assert len(starts) == 1 and len(elements(html, "form", method="post")) >= 2
    assert elements(html, "a", href="/join")


def test_a_quiz_without_an_article_says_so_beside_its_questions(
    client: FlaskClient, login: Callable[[str], None], session: so.Session, school: Classroom
) -> None:
    text = "id: no-article\ntitle: Rain check\nquestions:\n"
    text += "  - {id: rain, type: true_false, prompt: Did it rain?, answer: true}\n"
    version = bank_service.save_bank_text(session, text, user=school.teacher)
    assignment = assignments.assign_bank(
        session,
        school.teacher,
        school.room.id,
        version.bank_id,
        assignments.AssignmentSettings(title="Rain check"),
    )
    login("ada")
    html = client.get(f"/student/attempts/{start(client, assignment.id)}").get_data(as_text=True)
    assert "This quiz has no article" in html
    assert "Did it rain?" in html
    assert not elements(html, "span", **{"class": "sentence"})


def test_starting_twice_resumes_the_same_attempt(
    client: FlaskClient, login: Callable[[str], None], session: so.Session, school: Classroom
) -> None:
    assignment_id = school.assign(session)
    login("ada")
    first = start(client, assignment_id)
    assert start(client, assignment_id) == first
    assert client.get(f"/student/quizzes/{assignment_id}/start").status_code == 405


def test_the_quiz_page_shows_the_article_as_sentences_and_every_question_type(
    client: FlaskClient, login: Callable[[str], None], session: so.Session, school: Classroom
) -> None:
    attempt_id = start_as_ada(client, login, session, school)
    response = client.get(f"/student/attempts/{attempt_id}")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    sentences = elements(html, "span", class_="sentence")
    assert [s.attrs["id"] for s in sentences[:3]] == ["s1", "s2", "s3"]
    assert all(s.attrs["data-sentence"] == s.attrs["id"] for s in sentences)
    types = {e.attrs["data-type"] for e in elements(html, "fieldset") if "data-type" in e.attrs}
    assert types == {
        "multiple_choice",
        "multi_select",
        "true_false",
        "short_answer",
        "numeric",
        "cloze",
        "ordering",
        "evidence",
        "written_response",
    }
    # Every input has a label tied to it.
    labelled = {e.attrs["for"] for e in elements(html, "label") if "for" in e.attrs}
    inputs = [
        e
        for e in elements(html, "input") + elements(html, "select") + elements(html, "textarea")
        if e.attrs.get("type") not in ("hidden",)
    ]
    named = [e for e in inputs if "." in e.attrs.get("name", "")]
    assert named and all(e.attrs["id"] in labelled for e in named)
    # Evidence questions offer each sentence of the article as a radio button.
    picks = elements(html, "input", name="egypt-condition.sentence")
    assert len(picks) == len(sentences)
    # The autosave script gets what it needs without inline script.
    form = elements(html, "form", id="quiz-form")[0]
    assert form.attrs["data-save-url"] == f"/student/attempts/{attempt_id}/answers"
    assert elements(html, "meta", name="csrf-token")
    assert elements(html, "script", src="/static/js/quiz.js")
    assert "<script>" not in html and "onclick" not in html and "style=" not in html


def test_the_quiz_page_shows_no_bank_id_of_any_option(
    client: FlaskClient, login: Callable[[str], None], session: so.Session, school: Classroom
) -> None:
    """The bank's ids follow the author's order (often the key's); the page never shows them."""
    attempt_id = start_as_ada(client, login, session, school, feedback_timing="immediate")
    html = client.get(f"/student/attempts/{attempt_id}").get_data(as_text=True)
    checked = 0
    for question in SAMPLE.questions:
        start_at = html.index(f'id="question-{question.id}"')
        fieldset = html[start_at : html.index("</fieldset>", start_at)]
        found = elements(fieldset, "input") + elements(fieldset, "select")
        found += elements(fieldset, "label") + elements(fieldset, "div")
        for option in question.option_ids():
            checked += 1
            shown = {
                f"{question.id}.{option}",  # a field name
                f"q-{question.id}-{option}",  # an element id, or a label's for
                option,  # a value
            }
            for element in found:
                # data-sentence names an article sentence, as every sentence of the article does.
                values = {v for name, v in element.attrs.items() if name != "data-sentence"}
                assert not values & shown, (question.id, option, element)
    assert checked >= 20


def test_question_and_choice_order_survive_reloads(
    client: FlaskClient, login: Callable[[str], None], session: so.Session, school: Classroom
) -> None:
    attempt_id = start_as_ada(client, login, session, school)

    def page_order() -> tuple[list[str], list[str]]:
        html = client.get(f"/student/attempts/{attempt_id}").get_data(as_text=True)
        choices = [e.attrs["value"] for e in elements(html, "input", name="host-city.choice")]
        return question_order(html), choices

    first = page_order()
    assert page_order() == first
    layout = stored_attempt(session, attempt_id).layout
    page_ids = PageIds(client.application.config["SECRET_KEY"], attempt_id)
    names = [page_ids.name("host-city", choice) for choice in layout["choices"]["host-city"]]
    assert first == (layout["questions"], names)
    bank = bank_service.load_version_bank(
        bank_service.find_version(session, "turkey-egypt-talks-2021")
    )
    assert sorted(first[0]) == sorted(q.id for q in bank.questions)
    assert first[0] != [q.id for q in bank.questions]  # the sample bank shuffles questions


def test_a_student_removed_from_the_class_is_told_the_attempt_is_closed(
    client: FlaskClient, login: Callable[[str], None], session: so.Session, school: Classroom
) -> None:
    attempt_id = start_as_ada(client, login, session, school)
    assert save_json(client, attempt_id, 1, {"turkish-lead": {"answer": "Onal"}}).status_code == 200
    classes.remove_student(session, school.teacher, school.room.id, school.student.id)
    session.rollback()
    refused = save_json(client, attempt_id, 2, {"turkish-lead": {"answer": "Loza"}})
    assert refused.status_code == 403
    assert "no longer in the class" in refused.get_json()["message"]
    submit = client.post(f"/student/attempts/{attempt_id}", data={"seq": "3", "action": "submit"})
    assert submit.status_code == 403
    page = client.get(f"/student/attempts/{attempt_id}")
    assert page.status_code == 403 and "no longer in the class" in page.get_data(as_text=True)
    assert stored_attempt(session, attempt_id).state == models.IN_PROGRESS
    assert stored_answers(session, attempt_id) == {"turkish-lead": {"answer": "Onal"}}


# --- saving ----------------------------------------------------------------------------------


def test_autosave_keeps_the_newest_answer_by_sequence_number(
    client: FlaskClient, login: Callable[[str], None], session: so.Session, school: Classroom
) -> None:
    attempt_id = start_as_ada(client, login, session, school)
    newer = save_json(client, attempt_id, 5, {"turkish-lead": {"answer": "Sedat Onal"}})
    assert newer.status_code == 200
    assert newer.get_json()["saved"] == ["turkish-lead"]
    late = save_json(client, attempt_id, 4, {"turkish-lead": {"answer": "Loza"}})
    assert late.status_code == 200 and late.get_json()["ignored"] == ["turkish-lead"]
    assert stored_answers(session, attempt_id) == {"turkish-lead": {"answer": "Sedat Onal"}}
    html = client.get(f"/student/attempts/{attempt_id}").get_data(as_text=True)
    box = elements(html, "input", name="turkish-lead.answer")[0]
    assert box.attrs["value"] == "Sedat Onal"  # reopening resumes with the saved answer
    # The page's own form will carry a higher number than any save so far.
    assert elements(html, "input", name="seq")[0].attrs["value"] == "6"


@pytest.mark.parametrize(
    "payload",
    [
        {"seq": "1", "answers": {}},
        {"seq": 1, "answers": []},
        {"seq": 1, "answers": {"no-such-question": {"answer": "x"}}},
        {"seq": 1, "answers": {"turkish-lead": {"answer": "x" * 5000}}},
        ["not", "an", "object"],
    ],
)
def test_autosave_refuses_malformed_answers_with_a_clear_json_error(
    client: FlaskClient,
    login: Callable[[str], None],
    session: so.Session,
    school: Classroom,
    payload: object,
) -> None:
    attempt_id = start_as_ada(client, login, session, school)
    response = client.post(f"/student/attempts/{attempt_id}/answers", json=payload)
    assert response.status_code == 400
    assert response.get_json()["message"]
    assert stored_answers(session, attempt_id) == {}


def labelled(html: str, label: str) -> Element:
    """The input or select whose label is ``label`` (as a student finds an option)."""
    for target, text in re.findall(r'<label for="([^"]+)">([^<]*)</label>', html):
        if unescape(text).strip() == label:
            return (elements(html, "input", id=target) + elements(html, "select", id=target))[0]
    raise AssertionError(f"no field is labelled {label!r}")


def stable_id(question_id: str, text: str) -> str:
    """The bank's id of the choice or item of ``question_id`` whose text is ``text``."""
    question = SAMPLE.question(question_id)
    assert isinstance(question, MultipleChoice | MultiSelect | Ordering)
    options = question.items if isinstance(question, Ordering) else question.choices
    return next(option.id for option in options if option.text == text)


def test_the_form_saves_and_submits_without_javascript(
    client: FlaskClient, login: Callable[[str], None], session: so.Session, school: Classroom
) -> None:
    attempt_id = start_as_ada(client, login, session, school)
    html = client.get(f"/student/attempts/{attempt_id}").get_data(as_text=True)
    cairo = labelled(html, "Cairo")
    wednesday = labelled(html, "Wednesday")
    uprising = labelled(html, FIRST_EVENT)
    form = {
        "questions": ["host-city", "talk-days", "turkish-lead", "events-in-order"],
        cairo.attrs["name"]: cairo.attrs["value"],
        wednesday.attrs["name"]: wednesday.attrs["value"],
        "turkish-lead.answer": "Onal",
        uprising.attrs["name"]: "1",
        "seq": "1",
        "action": "save",
    }
    response = client.post(f"/student/attempts/{attempt_id}", data=form)
    assert response.status_code == 302
    assert stored_answers(session, attempt_id) == {
        "host-city": {"choice": stable_id("host-city", "Cairo")},
        "talk-days": {stable_id("talk-days", "Wednesday"): "1"},
        "turkish-lead": {"answer": "Onal"},
        "events-in-order": {stable_id("events-in-order", FIRST_EVENT): "1"},
    }
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Your answers are saved." in html
    assert labelled(html, "Cairo").attrs.get("checked") == ""
    # Unticking a box is a change too: the question was on the form, the box was not sent.
    form.update({"seq": "2", "action": "submit"})
    del form[wednesday.attrs["name"]]
    response = client.post(f"/student/attempts/{attempt_id}", data=form)
    assert response.status_code == 302
    attempt = stored_attempt(session, attempt_id)
    assert attempt.state == models.SUBMITTED
    assert stored_answers(session, attempt_id)["talk-days"] == {}
    html = client.get(f"/student/attempts/{attempt_id}").get_data(as_text=True)
    assert "Your score" in html and f"{attempt.percent:.0f} %" in html


def test_submitting_twice_grades_once_and_shows_the_same_result(
    client: FlaskClient, login: Callable[[str], None], session: so.Session, school: Classroom
) -> None:
    attempt_id = start_as_ada(client, login, session, school)
    form = {"questions": "host-city", "seq": "1", "action": "submit"}
    form.update(form_fields(client, attempt_id, {"host-city": {"choice": "a"}}))
    first = client.post(f"/student/attempts/{attempt_id}", data=form)
    graded = stored_attempt(session, attempt_id)
    grade = (graded.fraction_text, graded.submitted_at)
    form.update(form_fields(client, attempt_id, {"host-city": {"choice": "b"}}))  # another tab
    second = client.post(f"/student/attempts/{attempt_id}", data=form)
    assert first.status_code == second.status_code == 302
    assert second.headers["Location"] == first.headers["Location"]
    page = client.get(second.headers["Location"])
    assert page.status_code == 200 and "already submitted" in page.get_data(as_text=True)
    again = stored_attempt(session, attempt_id)
    assert (again.fraction_text, again.submitted_at) == grade
    assert stored_answers(session, attempt_id)["host-city"] == {"choice": "a"}
    assert session.scalar(sa.select(sa.func.count()).select_from(models.Attempt)) == 1
    late = save_json(
        client, attempt_id, 9, on_page(client, attempt_id, {"host-city": {"choice": "b"}})
    )
    assert late.status_code == 409 and "already submitted" in late.get_json()["message"]


def test_an_expired_attempt_is_submitted_with_its_last_saved_answers(
    client: FlaskClient, login: Callable[[str], None], session: so.Session, school: Classroom
) -> None:
    attempt_id = start_as_ada(client, login, session, school, time_limit_minutes=30)
    html = client.get(f"/student/attempts/{attempt_id}").get_data(as_text=True)
    assert elements(html, "p", id="timer")  # the countdown is offered
    assert (
        save_json(
            client, attempt_id, 1, on_page(client, attempt_id, {"host-city": {"choice": "a"}})
        ).status_code
        == 200
    )
    # The student walks away; the deadline passes (with its grace period).
    deadline = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=5)
    move_deadline(session, attempt_id, deadline)
    refused = save_json(
        client, attempt_id, 2, on_page(client, attempt_id, {"host-city": {"choice": "b"}})
    )
    assert refused.status_code == 409 and "Time is up" in refused.get_json()["message"]
    attempt = stored_attempt(session, attempt_id)
    assert attempt.state == models.SUBMITTED and attempt.submitted_at == deadline
    assert stored_answers(session, attempt_id) == {"host-city": {"choice": "a"}}
    html = client.get(f"/student/attempts/{attempt_id}").get_data(as_text=True)
    assert "Your score" in html


def test_opening_an_expired_attempt_submits_it(
    client: FlaskClient, login: Callable[[str], None], session: so.Session, school: Classroom
) -> None:
    attempt_id = start_as_ada(client, login, session, school, time_limit_minutes=30)
    save_json(
        client,
        attempt_id,
        1,
        on_page(client, attempt_id, {"host-city": {"choice": stable_id("host-city", "Cairo")}}),
    )
    move_deadline(session, attempt_id, dt.datetime.now(dt.UTC) - dt.timedelta(hours=1))
    html = client.get(f"/student/attempts/{attempt_id}").get_data(as_text=True)
    assert "Submitted" in html and not elements(
        html, "form", id="quiz-form", **{"data-save-url": ""}
    )
    attempt = stored_attempt(session, attempt_id)
    assert attempt.state == models.SUBMITTED and attempt.fraction_text not in (None, "0")


# --- feedback ----------------------------------------------------------------------------------


def test_no_answer_key_reaches_the_page_before_feedback_is_due(
    client: FlaskClient, login: Callable[[str], None], session: so.Session, school: Classroom
) -> None:
    attempt_id = start_as_ada(client, login, session, school, feedback_timing="after_submit")
    save_json(
        client,
        attempt_id,
        1,
        on_page(
            client, attempt_id, {"host-city": {"choice": "b"}, "both-leads": {"answer": "Onal"}}
        ),
    )
    html = client.get(f"/student/attempts/{attempt_id}").get_data(as_text=True)
    for secret in (
        HOST_CITY_EXPLANATION,
        BOTH_LEADS_KEY,
        EVIDENCE_EXPLANATION,
        "Correct answer",
        "is-correct",
        "right answer",
        "Show the evidence",
        "That is the Turkish leader",
    ):
        assert secret not in html, secret
    assert not elements(html, "span", class_="sentence evidence")
    assert not elements(html, "button", value="check:host-city")  # no checking in this quiz

    client.post(f"/student/attempts/{attempt_id}", data={"seq": "2", "action": "submit"})
    html = client.get(f"/student/attempts/{attempt_id}").get_data(as_text=True)
    assert HOST_CITY_EXPLANATION in html and BOTH_LEADS_KEY in html
    assert "That is the Turkish leader" in html  # the feedback tied to the answer given
    # The evidence is highlighted question by question (the page's script), never all at once.
    assert not elements(html, "span", class_="sentence evidence")
    links = elements(html, "a", class_="show-evidence")
    assert links and all(link.attrs["href"].startswith("#s") for link in links)
    assert "s1" in {i for link in links for i in link.attrs["data-sentences"].split()}


def test_after_close_feedback_waits_for_the_closing_date(
    client: FlaskClient, login: Callable[[str], None], session: so.Session, school: Classroom
) -> None:
    closes = dt.datetime.now(dt.UTC) + dt.timedelta(days=1)
    attempt_id = start_as_ada(
        client, login, session, school, feedback_timing="after_close", closes_at=closes
    )
    client.post(
        f"/student/attempts/{attempt_id}",
        data={
            "questions": "host-city",
            **form_fields(client, attempt_id, {"host-city": {"choice": "a"}}),
            "seq": "1",
            "action": "submit",
        },
    )
    html = client.get(f"/student/attempts/{attempt_id}").get_data(as_text=True)
    assert "after the quiz closes" in html
    assert HOST_CITY_EXPLANATION not in html
    assert "Your score:" not in html


def test_checking_a_question_shows_its_feedback_and_freezes_it(
    client: FlaskClient, login: Callable[[str], None], session: so.Session, school: Classroom
) -> None:
    attempt_id = start_as_ada(client, login, session, school, feedback_timing="immediate")
    html = client.get(f"/student/attempts/{attempt_id}").get_data(as_text=True)
    assert elements(html, "button", value="check:host-city")
    form = {
        "questions": ["host-city", "turkish-lead"],
        **form_fields(client, attempt_id, {"host-city": {"choice": "b"}}),
        "turkish-lead.answer": "Onal",
        "seq": "1",
        "action": "check:host-city",
    }
    response = client.post(f"/student/attempts/{attempt_id}", data=form)
    assert response.headers["Location"].endswith("#question-host-city")
    html = client.get(f"/student/attempts/{attempt_id}").get_data(as_text=True)
    assert HOST_CITY_EXPLANATION in html
    assert "Sedat Onal, Turkey's deputy foreign minister" not in html  # not checked
    fieldset = elements(html, "fieldset", id="question-host-city")[0]
    assert "disabled" in fieldset.attrs
    assert stored_answers(session, attempt_id)["turkish-lead"] == {"answer": "Onal"}
    frozen = save_json(
        client, attempt_id, 5, on_page(client, attempt_id, {"host-city": {"choice": "a"}})
    )
    assert frozen.get_json()["frozen"] == ["host-city"]
    # Checking an unanswered question explains what to do.
    response = client.post(
        f"/student/attempts/{attempt_id}", data={"seq": "6", "action": "check:main-idea"}
    )
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Answer the question before checking it." in page
    # A question the quiz lacks is refused in words, without listing the quiz's questions.
    response = client.post(
        f"/student/attempts/{attempt_id}", data={"seq": "7", "action": "check:no-such-question"}
    )
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "This quiz has no such question." in page and "its questions are" not in page


# --- progress ------------------------------------------------------------------------------


def test_progress_shows_attempts_a_chart_with_a_table_and_skills(
    client: FlaskClient, login: Callable[[str], None], session: so.Session, school: Classroom
) -> None:
    assignment_id = school.assign(session, feedback_timing="after_submit")
    login("ada")
    assert "No scores yet" in client.get("/student/progress").get_data(as_text=True)
    for seq, answer in ((1, "a"), (2, "b")):
        attempt_id = start(client, assignment_id)
        client.post(
            f"/student/attempts/{attempt_id}",
            data={
                "questions": "host-city",
                **form_fields(client, attempt_id, {"host-city": {"choice": answer}}),
                "seq": str(seq),
                "action": "submit",
            },
        )
    html = client.get("/student/progress").get_data(as_text=True)
    chart = elements(html, "svg", role="img")
    assert chart and chart[0].attrs["aria-labelledby"] == "chart-title chart-desc"
    assert len(elements(html, "circle", class_="score-point")) == 2
    assert elements(html, "polyline", class_="score-line")
    assert "Scores in the chart" in html  # the data table beside the chart
    assert "Details" in html and "Main idea" in html  # mastery per skill
    detail = client.get(f"/student/quizzes/{assignment_id}").get_data(as_text=True)
    assert len(elements(detail, "a", href=f"/student/attempts/{attempt_id}")) == 1


# --- CSRF -----------------------------------------------------------------------------------


def test_a_save_without_the_csrf_token_is_refused(
    app: Flask, session: so.Session, school: Classroom
) -> None:
    app.config["WTF_CSRF_ENABLED"] = True  # as in production (the test app turns it off)
    assignment_id = school.assign(session)
    client = app.test_client()
    login_page = client.get("/login").get_data(as_text=True)
    token = elements(login_page, "input", name="csrf_token")[0].attrs["value"]
    response = client.post(
        "/login", data={"username": "ada", "password": "correct horse battery", "csrf_token": token}
    )
    assert response.status_code == 302
    home = client.get("/student/").get_data(as_text=True)
    token = elements(home, "input", name="csrf_token")[0].attrs["value"]
    refused = client.post(f"/student/quizzes/{assignment_id}/start")
    assert refused.status_code == 400
    started = client.post(f"/student/quizzes/{assignment_id}/start", data={"csrf_token": token})
    attempt_path = started.headers["Location"]
    page = client.get(attempt_path).get_data(as_text=True)
    meta = elements(page, "meta", name="csrf-token")[0].attrs["content"]
    attempt_id = int(attempt_path.rsplit("/", 1)[1])
    without = save_json(
        client, attempt_id, 1, on_page(client, attempt_id, {"host-city": {"choice": "a"}})
    )
    assert without.status_code == 400 and without.is_json
    assert stored_answers(session, attempt_id) == {}
    with_token = save_json(
        client,
        attempt_id,
        1,
        on_page(client, attempt_id, {"host-city": {"choice": "a"}}),
        **{"X-CSRFToken": meta},
    )
    assert with_token.status_code == 200
    assert stored_answers(session, attempt_id) == {"host-city": {"choice": "a"}}
