"""A drafting job's page and its JSON with no runner about: what a teacher sees while the job
waits or runs, after it failed, and that nobody else sees it at all."""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable

import sqlalchemy as sa
import sqlalchemy.orm as so
from flask.testing import FlaskClient

from quizapp.db import models
from quizapp.services import drafting
from quizapp.services.drafting.process import too_slow
from tests.conftest import AppFactory

ARTICLE = "Talks in <Cairo>\n\nTurkey and Egypt held talks in Cairo. The talks went well."


def _submit(client: FlaskClient, text: str = ARTICLE) -> str:
    response = client.post(
        "/teacher/drafts/new",
        data={"article_text": text, "max_questions": "6"},
        content_type="multipart/form-data",
    )
    assert response.status_code == 303
    return str(response.headers["Location"])


def _job(session: so.Session, url: str) -> models.DraftingJob:
    session.rollback()
    job_id = int(url.rsplit("/", 1)[1])
    job = session.get(models.DraftingJob, job_id, populate_existing=True)
    assert job is not None
    return job


def test_a_queued_job_shows_its_place_and_refreshes_itself(
    teacher: models.User, client: FlaskClient, session: so.Session
) -> None:
    first = _submit(client)
    second = _submit(client)
    job = _job(session, second)
    assert (job.owner_id, job.state, job.max_questions) == (teacher.id, "queued", 6)
    assert job.title == "Talks in <Cairo>" and "held talks in Cairo" in job.article_text

    page = client.get(second).get_data(as_text=True)
    assert "Waiting to be drafted: 1 draft(s) ahead of yours." in page
    assert '<noscript><meta http-equiv="refresh" content="3"></noscript>' in page
    assert 'role="status" aria-live="polite"' in page
    assert "Drafting questions: Talks in &lt;Cairo&gt;" in page  # escaped, as every title
    assert 'src="/static/js/drafting.js"' in page
    assert client.get(f"{first}.json").get_json() == {
        "id": _job(session, first).id,
        "state": "queued",
        "position": 1,
        "seconds": 0,
        "summary": "Waiting to be drafted: yours is next.",
        "elapsed": "",
        "finished": False,
    }


def test_a_running_job_says_for_how_long(
    teacher: models.User, client: FlaskClient, session: so.Session
) -> None:
    url = _submit(client)
    started = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=42)
    assert drafting.claim(session, "runner", 1, started) is not None
    drafting.renew_lease(session, _job(session, url).id, "runner", dt.datetime.now(dt.UTC))
    status = client.get(f"{url}.json").get_json()
    assert status["state"] == "running" and status["summary"] == "Drafting the questions now."
    assert 42 <= status["seconds"] <= 60 and status["elapsed"].startswith("Running for ")
    assert status["elapsed"] in client.get(url).get_data(as_text=True)


def test_a_failed_job_says_why_and_gives_the_article_back(
    teacher: models.User, client: FlaskClient, session: so.Session
) -> None:
    url = _submit(client)
    now = dt.datetime.now(dt.UTC)
    claimed = drafting.claim(session, "runner", 1, now)
    assert claimed is not None
    assert drafting.finish(session, claimed.id, "runner", now, failure=too_slow(60))
    page = client.get(url).get_data(as_text=True)
    assert "The article took longer than 60 s to draft; try a shorter part of it." in page
    assert 'role="alert"' in page and "http-equiv" not in page and "drafting.js" not in page
    # The form to try again posts to the new-draft page, with the article as it was read.
    assert 'action="/teacher/drafts/new"' in page
    text = re.search(r'<textarea[^>]*name="article_text"[^>]*>([^<]*)</textarea>', page)
    assert text is not None and "held talks in Cairo" in html.unescape(text.group(1))
    assert 'value="Talks in &lt;Cairo&gt;"' in page and 'value="6"' in page
    status = client.get(f"{url}.json").get_json()
    assert status["finished"] and status["state"] == "failed"


def test_a_job_is_not_found_for_anyone_else(
    teacher: models.User,
    client: FlaskClient,
    make_user: Callable[..., models.User],
    login: Callable[[str], None],
) -> None:
    url = _submit(client)
    make_user("mr-kay", role=models.TEACHER)
    client.post("/logout")
    login("mr-kay")
    assert client.get(url).status_code == 404
    assert client.get(f"{url}.json").status_code == 404
    assert client.get("/teacher/drafts/jobs/99999999").status_code == 404
    assert client.get(f"/teacher/drafts/jobs/{2**70}").status_code == 404
    make_user("sam")
    client.post("/logout")
    login("sam")
    assert client.get(url).status_code == 403
    client.post("/logout")
    assert client.get(f"{url}.json").status_code in (302, 401)


def test_bad_input_is_refused_before_any_job_is_made(
    teacher: models.User, client: FlaskClient, session: so.Session
) -> None:
    response = client.post(
        "/teacher/drafts/new", data={"article_text": "   ", "max_questions": "6"}
    )
    assert response.status_code == 400
    assert "Paste an article" in response.get_data(as_text=True)
    assert session.scalar(sa.select(sa.func.count()).select_from(models.DraftingJob)) == 0


def test_a_teacher_may_have_three_drafts_in_the_queue_at_once(
    teacher: models.User, client: FlaskClient, session: so.Session
) -> None:
    for _ in range(3):
        _submit(client)
    refused = client.post(
        "/teacher/drafts/new",
        data={"article_text": ARTICLE, "max_questions": "6"},
        content_type="multipart/form-data",
    )
    assert refused.status_code == 429
    page = refused.get_data(as_text=True)
    assert "You have 3 drafts waiting or running; draft this article once one" in page
    assert "held talks in Cairo" in page  # the pasted article is still in the form
    assert session.scalar(sa.select(sa.func.count()).select_from(models.DraftingJob)) == 3


def test_drafting_needs_a_csrf_token(
    make_app: AppFactory, make_user: Callable[..., models.User], session: so.Session
) -> None:
    app = make_app(overrides={"TESTING": True})
    client = app.test_client()
    make_user("ms-lee", role=models.TEACHER)
    login_page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', login_page)
    assert token is not None
    logged_in = client.post(
        "/login",
        data={"username": "ms-lee", "password": "correct horse battery", "csrf_token": token[1]},
    )
    assert logged_in.status_code == 302
    refused = client.post(
        "/teacher/drafts/new", data={"article_text": ARTICLE, "max_questions": "6"}
    )
    assert refused.status_code == 400
    assert session.scalar(sa.select(sa.func.count()).select_from(models.DraftingJob)) == 0
