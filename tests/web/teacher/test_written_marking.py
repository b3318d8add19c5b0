"""Marking a written answer through the test client: the results page's list to mark, the
marking form on the student's work page, a refused mark kept as typed, and what the student
sees before and after. Only the class's teacher may mark (the access tests post to the route
as another teacher, a student and a visitor)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import sqlalchemy as sa
import sqlalchemy.orm as so
from flask.testing import FlaskClient

from quizapp.db import models
from quizapp.services import assignments, attempts, banks
from quizapp.services.assignments import AssignmentSettings
from tests.web.teacher.conftest import Login, World, fresh, page

WRITTEN_BANK = """\
schema: 1
id: written-talks
title: Talks in Cairo
article: |
  Turkish diplomats arrived in Cairo for talks. Egypt feels hesitant after years of hostility.
quiz: {attempts: 1, feedback: after_submit}
questions:
  - id: host-city
    type: multiple_choice
    prompt: Which city hosted the talks?
    choices: [{text: Cairo, correct: true}, Ankara]
  - id: why-hesitant
    type: written_response
    points: 2
    prompt: Explain why Egypt is hesitant.
    model_answer: Years of hostility left Egypt mistrustful.
    rubric:
      - {id: reason, text: Gives the reason., points: 2}
      - {id: details, text: Uses a detail from the article., points: 2}
"""
ANSWER = "Because <em>they</em> fought for years."


@dataclass
class Written:
    assignment: models.Assignment
    attempt: models.Attempt


def written_quiz(session: so.Session, world: World) -> Written:
    version = banks.save_bank_text(session, WRITTEN_BANK, user=world.teacher)
    assignment = assignments.assign_bank(
        session,
        world.teacher,
        world.classroom.id,
        version.bank_id,
        AssignmentSettings(title="Why Egypt hesitates"),
    )
    now = dt.datetime.now(dt.UTC)
    attempt = attempts.start_or_resume(session, world.student, assignment.id, now)
    answers = {"host-city": {"choice": "a"}, "why-hesitant": {"answer": ANSWER}}
    attempts.save_responses(session, world.student, attempt.id, answers, 1, now)
    attempts.submit_attempt(session, world.student, attempt.id, now)
    return Written(assignment, attempt)


def work_url(world: World, written: Written) -> str:
    return f"/teacher/assignments/{written.assignment.id}/students/{world.student.id}"


def test_the_teacher_marks_from_the_list_and_the_student_sees_the_grade_and_comment(
    client: FlaskClient, world: World, login: Login, session: so.Session
) -> None:
    written = written_quiz(session, world)
    login("ana")
    before = page(client, f"/student/attempts/{written.attempt.id}")
    assert "Waiting for your teacher" in before and "Your score:" not in before
    assert "0 of 2 points" not in before
    assert "waiting for your teacher" in page(client, f"/student/quizzes/{written.assignment.id}")
    client.post("/logout")

    login("ms-lee")
    results = page(client, f"/teacher/assignments/{written.assignment.id}/results")
    assert "To mark" in results and "1 waiting for marking" in results
    assert f'href="{work_url(world, written)}"' in results
    assert "Ana Silva, attempt 1: Explain why Egypt is hesitant." in results
    work = page(client, work_url(world, written))
    assert "waiting for marking" in work and "Model answer:" in work
    assert "Because &lt;em&gt;they&lt;/em&gt; fought" in work and "<em>they</em>" not in work
    assert 'name="criterion-reason"' in work and 'name="criterion-details"' in work
    ids = re.findall(r' id="([^"]+)"', work)
    assert len(ids) == len(set(ids))

    response = client.post(
        f"/teacher/attempts/{written.attempt.id}/mark",
        data={
            "question_id": "why-hesitant",
            "criterion-reason": "2",
            "criterion-details": "1",
            "comment": "Name a detail: the <b>years</b> of hostility.",
        },
    )
    assert response.status_code == 302
    assert response.headers["Location"].endswith(
        f"{work_url(world, written)}#attempt-{written.attempt.id}"
    )
    attempt = fresh(session).get(models.Attempt, written.attempt.id, populate_existing=True)
    assert attempt is not None and attempt.fraction_text == "5/6"  # (1 + 2 x 3/4) of 3 points
    work = page(client, work_url(world, written))
    assert "why-hesitant is marked" in work and "Change the mark" in work
    assert "To mark" not in page(client, f"/teacher/assignments/{written.assignment.id}/results")
    client.post("/logout")

    login("ana")
    after = page(client, f"/student/attempts/{written.attempt.id}")
    assert 'Your score: <strong class="score">83 %</strong>' in after
    assert "1.5 of 2 points" in after and "marked by your teacher" in after
    assert "Gives the reason.: <strong>2 of 2</strong>" in after
    assert "Uses a detail from the article.: <strong>1 of 2</strong>" in after
    assert "Name a detail: the &lt;b&gt;years&lt;/b&gt; of hostility." in after
    assert "A model answer: <strong>Years of hostility left Egypt mistrustful.</strong>" in after


def test_a_refused_mark_is_shown_again_with_what_was_typed(
    client: FlaskClient, world: World, login: Login, session: so.Session
) -> None:
    written = written_quiz(session, world)
    login("ms-lee")
    response = client.post(
        f"/teacher/attempts/{written.attempt.id}/mark",
        data={
            "question_id": "why-hesitant",
            "criterion-reason": "5",
            "criterion-details": "",
            "comment": "Keep me",
        },
    )
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Give &#39;Gives the reason.&#39; 0 to 2 points, not 5." in html
    assert "Give &#39;Uses a detail from the article.&#39; 0 to 2 points." in html
    assert 'name="criterion-reason" size="5" required\n                    value="5"' in html
    assert ">Keep me</textarea>" in html and 'role="alert"' in html
    assert fresh(session).scalar(sa.select(sa.func.count(models.ScoreOverride.id))) == 0


def test_a_question_graded_on_its_answer_is_not_marked(
    client: FlaskClient, world: World, login: Login, session: so.Session
) -> None:
    written = written_quiz(session, world)
    login("ms-lee")
    response = client.post(
        f"/teacher/attempts/{written.attempt.id}/mark",
        data={"question_id": "host-city", "criterion-overall": "1"},
    )
    assert response.status_code == 400
    assert "graded on its answer" in response.get_data(as_text=True)


def test_another_teacher_and_a_student_cannot_mark(
    client: FlaskClient, world: World, login: Login, session: so.Session
) -> None:
    written = written_quiz(session, world)
    data = {"question_id": "why-hesitant", "criterion-reason": "2", "criterion-details": "2"}
    login("mr-kay")
    assert client.post(f"/teacher/attempts/{written.attempt.id}/mark", data=data).status_code == 404
    assert client.get(work_url(world, written)).status_code == 404
    client.post("/logout")
    login("ana")
    assert client.post(f"/teacher/attempts/{written.attempt.id}/mark", data=data).status_code == 403
    assert fresh(session).scalar(sa.select(sa.func.count(models.ScoreOverride.id))) == 0
