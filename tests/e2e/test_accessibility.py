"""Every main page, scanned with axe-core in Chromium: no serious or critical violations.

The database is seeded through the services with one of each thing a page can show: a class with
a student, the sample bank assigned, a submitted attempt (the feedback page) and a second attempt
in progress with one checked question (the quiz page), and a bank the teacher owns (the bank
editor). Violations of any impact are listed in the run's summary; only serious and critical ones
fail a page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pytest
import sqlalchemy as sa

from quizapp.db import models
from quizapp.db.base import utcnow

if TYPE_CHECKING:
    from collections.abc import Callable

    from conftest import AxeScan, LiveServer, NewContext
    from playwright.sync_api import Browser

pytestmark = pytest.mark.e2e


@dataclass(frozen=True)
class Site:
    """The seeded server, each person's logged-in browser state, and the pages' paths."""

    server: LiveServer
    states: dict[str, dict[str, Any]]
    paths: dict[str, tuple[str, str]]  # page name -> (who looks, path)


# Who looks at each page, and how its path is found once the database is seeded.
PAGES = [
    "login",
    "join",
    "student home",
    "quiz information",
    "quiz page",
    "feedback page",
    "progress page",
    "teacher dashboard",
    "class page",
    "assign page",
    "bank editor",
    "assignment results",
    "class results",
]


def seed_site(server: LiveServer) -> dict[str, tuple[str, str]]:
    from quizapp.services import attempts, banks

    bank_id = server.import_sample_bank()
    teacher = server.teacher()
    classroom = server.classroom(teacher)
    assignment = server.assign(teacher, classroom, bank_id)
    student = server.student("selin", classroom, "Selin Kaya")
    own_text = server.sample_bank_path.read_text(encoding="utf-8").replace(
        "id: turkey-egypt-talks-2021", "id: talks-my-copy", 1
    )
    with server.session() as session:
        own_bank = banks.save_bank_text(session, own_text, user=teacher).bank_id
        bank = banks.load_version_bank(banks.get_version(session, assignment.bank_version_id))
        key = {q.id: q.correct_response() for q in bank.questions}
        first = attempts.start_or_resume(session, student, assignment.id, utcnow())
        answers = dict(key)
        wrong_choice = min(set("abcd") - {key["host-city"]["choice"]})
        answers["host-city"] = {"choice": wrong_choice}
        attempts.save_responses(session, student, first.id, answers, 1, utcnow())
        attempts.submit_attempt(session, student, first.id, utcnow())
        second = attempts.start_or_resume(session, student, assignment.id, utcnow())
        some = {qid: key[qid] for qid in list(key)[:5]}
        attempts.save_responses(session, student, second.id, some, 1, utcnow())
        attempts.check_question(session, student, second.id, next(iter(some)), utcnow())
        assert session.scalar(sa.select(sa.func.count(models.Attempt.id))) == 2
    return {
        "login": ("nobody", "/login"),
        "join": ("nobody", "/join"),
        "student home": ("student", "/student/"),
        "quiz information": ("student", f"/student/quizzes/{assignment.id}"),
        "quiz page": ("student", f"/student/attempts/{second.id}"),
        "feedback page": ("student", f"/student/attempts/{first.id}"),
        "progress page": ("student", "/student/progress"),
        "teacher dashboard": ("teacher", "/teacher/"),
        "class page": ("teacher", f"/teacher/classes/{classroom.id}"),
        "assign page": ("teacher", f"/teacher/classes/{classroom.id}/assign"),
        "bank editor": ("teacher", f"/teacher/banks/{own_bank}/edit"),
        "assignment results": ("teacher", f"/teacher/assignments/{assignment.id}/results"),
        "class results": ("teacher", f"/teacher/classes/{classroom.id}/results"),
        # The written answer of the first attempt waits: the marking form is open.
        "student work": ("teacher", f"/teacher/assignments/{assignment.id}/students/{student.id}"),
    }


@pytest.fixture(scope="module")
def site(module_live_server: LiveServer, browser: Browser, login: Callable[..., None]) -> Site:
    paths = seed_site(module_live_server)
    states: dict[str, dict[str, Any]] = {"nobody": {"cookies": [], "origins": []}}
    for who, username in (("student", "selin"), ("teacher", "teacher")):
        context = browser.new_context()
        login(context.new_page(), module_live_server, username)
        states[who] = dict(context.storage_state())
        context.close()
    return Site(module_live_server, states, paths)


@pytest.mark.parametrize("page_name", PAGES)
def test_page_has_no_serious_accessibility_violations(
    page_name: str, site: Site, new_context: NewContext, axe_scan: AxeScan
) -> None:
    who, path = site.paths[page_name]
    page = new_context(storage_state=site.states[who]).new_page()
    response = page.goto(site.server.url + path)
    assert response is not None and response.status == 200, (page_name, path)
    assert page.url.endswith(path), f"{page_name} redirected to {page.url}"
    violations = axe_scan(page, page_name)
    assert [v.format() for v in violations if v.blocking] == []
