"""The quiz page's article, rendered once per bank version and shared by every attempt at it,
while what belongs to one attempt (its option names, its feedback) is still its own."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable

import pytest
import sqlalchemy.orm as so
from flask import Flask
from flask.testing import FlaskClient

from quizapp.config import PROJECT_ROOT
from quizapp.db import models
from quizapp.services import accounts, assignments, classes
from quizapp.services import banks as bank_service
from quizapp.web.article_html import article_cache
from tests.conftest import TEST_PASSWORD

UserFactory = Callable[..., models.User]
SAMPLE_TEXT = (PROJECT_ROOT / "question_banks" / "turkey-egypt-talks-2021.yaml").read_text(
    encoding="utf-8"
)
# The sample article's last sentence; a second version adds one after it.
LAST_SENTENCE = "to Libya in early January 2020 to support the UN-backed government."
ADDED_SENTENCE = "Both sides called the first round frank and in depth."
ARTICLE = re.compile(r'<div class="article" id="article"[^>]*>(.*?)</div>', re.S)


def article_of(page: str) -> str:
    found = ARTICLE.search(page)
    assert found is not None, "the page has no article"
    return found.group(1)


def choice_values(page: str, question_id: str) -> set[str]:
    return set(re.findall(rf'name="{re.escape(question_id)}\.choice" value="([^"]+)"', page))


class Quiz:
    """A class of three students with one assignment of a bank version the teacher saved."""

    def __init__(self, app: Flask, session: so.Session, make_user: UserFactory) -> None:
        self.app = app
        self.session = session
        self.teacher = make_user("ms-lee", models.TEACHER)
        self.room = classes.create_class(session, self.teacher, "9A")
        for name in ("ada", "bo", "cy"):
            accounts.join_classroom(session, make_user(name), self.room.join_code)
        self.version = bank_service.save_bank_text(session, SAMPLE_TEXT, user=self.teacher)

    def assign_latest(self, **settings: object) -> int:
        chosen = assignments.default_settings(self.session, self.teacher, self.version.bank_id)
        chosen = dataclasses.replace(chosen, **settings)  # type: ignore[arg-type]
        assignment = assignments.assign_bank(
            self.session, self.teacher, self.room.id, self.version.bank_id, chosen
        )
        self.session.rollback()  # end the read transaction: the requests write
        return assignment.id

    def page_of(self, username: str, assignment_id: int) -> str:
        """``username``'s quiz page, in their own browser, after pressing Start."""
        browser = self.app.test_client()
        form = {"username": username, "password": TEST_PASSWORD}
        assert browser.post("/login", data=form).status_code == 302
        started = browser.post(f"/student/quizzes/{assignment_id}/start")
        assert started.status_code == 302, started.get_data(as_text=True)
        page = browser.get(started.headers["Location"])
        assert page.status_code == 200
        return page.get_data(as_text=True)

    @property
    def renders(self) -> int:
        return article_cache(self.app).misses

    @property
    def reuses(self) -> int:
        return article_cache(self.app).hits


@pytest.fixture
def quiz(app: Flask, session: so.Session, make_user: UserFactory) -> Quiz:
    return Quiz(app, session, make_user)


def test_a_second_attempt_at_a_version_reuses_its_article_and_keeps_its_own_option_names(
    quiz: Quiz,
) -> None:
    assignment_id = quiz.assign_latest()
    first = quiz.page_of("ada", assignment_id)
    assert (quiz.renders, quiz.reuses) == (1, 0)
    second = quiz.page_of("bo", assignment_id)
    assert (quiz.renders, quiz.reuses) == (1, 1)  # not rendered again
    assert article_of(second) == article_of(first)
    assert LAST_SENTENCE in article_of(first)
    # The options' names are each attempt's own, never the cached ones of another attempt.
    ada_names, bo_names = choice_values(first, "host-city"), choice_values(second, "host-city")
    assert len(ada_names) == len(bo_names) == 4
    assert not ada_names & bo_names


def test_a_new_version_of_the_bank_gets_its_own_article(quiz: Quiz) -> None:
    old_assignment = quiz.assign_latest()
    old_page = quiz.page_of("ada", old_assignment)
    changed = SAMPLE_TEXT.replace(LAST_SENTENCE, f"{LAST_SENTENCE}\n\n  {ADDED_SENTENCE}", 1)
    assert changed != SAMPLE_TEXT
    quiz.version = bank_service.save_bank_text(
        quiz.session, changed, user=quiz.teacher, bank_slug="turkey-egypt-talks-2021"
    )
    assert quiz.version.number == 2
    new_page = quiz.page_of("bo", quiz.assign_latest())
    assert quiz.renders == 2
    assert ADDED_SENTENCE in article_of(new_page)
    assert ADDED_SENTENCE not in article_of(old_page)
    # The first version's article is still the one its attempts show.
    assert article_of(quiz.page_of("cy", old_assignment)) == article_of(old_page)
    assert quiz.renders == 2


def test_the_shared_article_carries_nothing_of_the_feedback_it_was_first_rendered_with(
    quiz: Quiz, client: FlaskClient, login: Callable[[str], None]
) -> None:
    """The first page to render the article shows the evidence of a checked question; the
    article kept for everyone else must not mark that evidence."""
    assignment_id = quiz.assign_latest(feedback_timing="immediate")
    login("ada")
    started = client.post(f"/student/quizzes/{assignment_id}/start")
    attempt_url = started.headers["Location"]
    form = {
        "questions": "turkish-lead",
        "turkish-lead.answer": "Sedat Onal",
        "seq": "1",
        "action": "check:turkish-lead",
    }
    assert client.post(attempt_url, data=form).status_code == 302
    assert quiz.renders == 0  # nothing rendered yet: the check redirected
    checked = client.get(attempt_url).get_data(as_text=True)
    assert 'class="show-evidence"' in checked  # the feedback points at the evidence
    article = article_of(checked)
    assert quiz.renders == 1
    assert "highlight" not in article and "evidence" not in article and "correct" not in article
    assert article_of(quiz.page_of("bo", assignment_id)) == article
    assert quiz.renders == 1
