"""One student's work through the test client: marking a question by hand, reopening an attempt,
extra time and attempts, and what the student then sees.

In the shared world Ana answered host-city right and turkish-lead with a typed formula (wrong):
1 of 2 points, feedback after submitting.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
import sqlalchemy as sa
import sqlalchemy.orm as so
from flask.testing import FlaskClient

from quizapp.db import models
from quizapp.services import assignments
from quizapp.services.assignments import AssignmentSettings
from tests.web.teacher.conftest import Login, World, fresh, page


def work_url(world: World) -> str:
    return f"/teacher/assignments/{world.assignment.id}/students/{world.student.id}"


def attempt_row(session: so.Session, world: World) -> models.Attempt:
    attempt = fresh(session).get(models.Attempt, world.attempt.id, populate_existing=True)
    assert attempt is not None
    return attempt


def test_the_results_page_links_to_each_students_work(
    client: FlaskClient, world: World, login: Login
) -> None:
    login("ms-lee")
    html = page(client, f"/teacher/assignments/{world.assignment.id}/results")
    assert f'href="{work_url(world)}"' in html
    work = page(client, work_url(world))
    assert "Attempt 1:" in work and "Change the points" in work and "Reopen attempt 1" in work
    assert "=cmd|&#39; /C calc&#39;!A0" in work  # the typed answer, escaped
    assert " style=" not in work and "<script>" not in work
    # Every form on the page has its own field ids.
    ids = re.findall(r' id="([^"]+)"', work)
    assert len(ids) == len(set(ids))


def test_a_teacher_overrides_a_question_and_the_student_sees_it(
    client: FlaskClient, world: World, login: Login, session: so.Session
) -> None:
    login("ms-lee")
    response = client.post(
        f"/teacher/attempts/{world.attempt.id}/override",
        data={
            "question_id": "turkish-lead",
            "points": "0.5",
            "comment": "<b>Close</b>: his name, not a formula.",
        },
    )
    assert response.status_code == 302 and response.headers["Location"].endswith(
        f"{work_url(world)}#attempt-{world.attempt.id}"
    )
    assert attempt_row(session, world).fraction_text == "3/4"
    work = page(client, work_url(world))
    assert "Points set for turkish-lead" in work
    assert "&lt;b&gt;Close&lt;/b&gt;: his name" in work and "<b>Close</b>" not in work
    assert "Grade on the answer again" in work
    assert "score_overridden" not in work and "turkish-lead: 1/2 of 1 point(s)" in work
    table = page(client, f"/teacher/classes/{world.classroom.id}/results")
    assert "75 %" in table
    results = page(client, f"/teacher/assignments/{world.assignment.id}/results")
    assert results.count("(set by hand)") == 1

    client.post("/logout")
    login("ana")
    html = page(client, f"/student/attempts/{world.attempt.id}")
    assert "score set by your teacher" in html
    assert "Your teacher's comment:</strong> &lt;b&gt;Close&lt;/b&gt;" in html

    client.post("/logout")
    login("ms-lee")
    response = client.post(
        f"/teacher/attempts/{world.attempt.id}/override/remove",
        data={"question_id": "turkish-lead"},
    )
    assert response.status_code == 302
    assert attempt_row(session, world).fraction_text == "1/2"


def test_a_refused_override_is_shown_beside_its_field_with_the_comment_kept(
    client: FlaskClient, world: World, login: Login, session: so.Session
) -> None:
    login("ms-lee")
    for points, message in [("3", "Give 0 to 1 points"), ("lots", "Points must be a number")]:
        response = client.post(
            f"/teacher/attempts/{world.attempt.id}/override",
            data={"question_id": "host-city", "points": points, "comment": "Keep me"},
        )
        assert response.status_code == 400
        html = response.get_data(as_text=True)
        assert message in html and 'aria-invalid="true"' in html
        assert ">Keep me</textarea>" in html
    assert attempt_row(session, world).fraction_text == "1/2"
    assert fresh(session).scalar(sa.select(sa.func.count(models.ScoreOverride.id))) == 0


def test_a_teacher_reopens_an_attempt_and_the_student_continues(
    client: FlaskClient, world: World, login: Login, session: so.Session
) -> None:
    login("ms-lee")
    url = f"/teacher/attempts/{world.attempt.id}/reopen"
    refused = client.post(url, data={"reason": "", "minutes": "10"})
    assert refused.status_code == 400
    assert "Say why the attempt is reopened." in refused.get_data(as_text=True)
    response = client.post(url, data={"reason": "Her laptop died.", "minutes": "15"})
    assert response.status_code == 302
    attempt = attempt_row(session, world)
    assert attempt.state == models.IN_PROGRESS and attempt.reopened_at is not None
    work = page(client, work_url(world))
    assert "Reason: Her laptop died." in work and "in progress since" in work
    again = client.post(url, data={"reason": "twice", "minutes": "15"})
    assert again.status_code == 400 and "already in progress" in again.get_data(as_text=True)

    client.post("/logout")
    login("ana")
    home = page(client, "/student/")
    assert f"/student/attempts/{world.attempt.id}" in home or "Continue" in home
    html = page(client, f"/student/attempts/{world.attempt.id}")
    assert 'name="action" value="submit"' in html


def test_extras_are_saved_and_refused_values_kept(
    client: FlaskClient, world: World, login: Login, session: so.Session
) -> None:
    assignments.update_assignment(
        session,
        world.teacher,
        world.assignment.id,
        AssignmentSettings(title="Mini", attempts_allowed=1, feedback_timing="after_submit"),
    )
    login("ms-lee")
    url = f"{work_url(world)}/extras"
    refused = client.post(url, data={"extra_minutes": "-3", "extra_attempts": "2"})
    assert refused.status_code == 400
    html = refused.get_data(as_text=True)
    assert "Extra time is 0 to 1440 minutes." in html and 'value="2"' in html
    response = client.post(url, data={"extra_minutes": "", "extra_attempts": "2"})
    assert response.status_code == 302
    assert "0 extra minute(s) and 2 extra attempt(s)" in page(client, work_url(world))
    row = fresh(session).scalar(sa.select(models.Accommodation))
    assert row is not None and (row.extra_minutes, row.extra_attempts) == (0, 2)
    results = page(client, f"/teacher/assignments/{world.assignment.id}/results")
    assert "· +2 attempt(s)" in results and "min ·" not in results
    # The quiz allows 1 attempt, which Ana used; she now has 3, and her quiz list says so.
    client.post("/logout")
    login("ana")
    assert "2 of 3" in page(client, "/student/")


def test_a_student_not_in_the_class_has_no_work_page(
    client: FlaskClient, world: World, login: Login, make_user: Callable[..., models.User]
) -> None:
    stranger = make_user("zoe")
    login("ms-lee")
    page(client, f"/teacher/assignments/{world.assignment.id}/students/{stranger.id}", 404)
    assert (
        client.post(
            f"/teacher/assignments/{world.assignment.id}/students/{stranger.id}/extras",
            data={"extra_minutes": "5"},
        ).status_code
        == 404
    )


def test_marking_posts_without_a_csrf_token_change_nothing(
    csrf_client: FlaskClient, world: World, session: so.Session
) -> None:
    for url, data in [
        (
            f"/teacher/attempts/{world.attempt.id}/override",
            {"question_id": "host-city", "points": "0"},
        ),
        (f"/teacher/attempts/{world.attempt.id}/reopen", {"reason": "x", "minutes": "5"}),
        (f"{work_url(world)}/extras", {"extra_minutes": "5"}),
    ]:
        assert csrf_client.post(url, data=data).status_code == 400, url
    attempt = attempt_row(session, world)
    assert (attempt.state, attempt.fraction_text) == (models.SUBMITTED, "1/2")
    assert fresh(session).scalar(sa.select(sa.func.count(models.Accommodation.id))) == 0


@pytest.mark.parametrize(
    ("route", "data"),
    [
        ("assignments/{assignment}/accept", {"text": "Ankara", "credit": "1"}),
        ("attempts/{attempt}/override", {"points": "0"}),
        ("attempts/{attempt}/mark", {"criterion-overall": "1"}),
    ],
    ids=["accept", "override", "mark"],
)
def test_a_question_the_quiz_lacks_is_not_found_and_changes_nothing(
    client: FlaskClient,
    world: World,
    login: Login,
    session: so.Session,
    route: str,
    data: dict[str, str],
) -> None:
    login("ms-lee")
    url = "/teacher/" + route.format(assignment=world.assignment.id, attempt=world.attempt.id)
    response = client.post(url, data={"question_id": "no-such-question", **data})
    assert response.status_code == 404
    assert "The quiz has no such question." in response.get_data(as_text=True)
    assert attempt_row(session, world).fraction_text == "1/2"
    for model in (models.AcceptedAnswer, models.ScoreOverride):
        assert fresh(session).scalar(sa.select(sa.func.count(model.id))) == 0
