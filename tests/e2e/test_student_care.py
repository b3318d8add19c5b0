"""Looking after one student in Chromium: extra time given on the student's page reaches only
that student's timer, and a question marked by hand with a comment reaches the student's
feedback; axe-core finds nothing wrong on the new teacher pages.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

import pytest
import sqlalchemy as sa
from playwright.sync_api import Page, expect

from quizapp.db import models
from quizapp.db.base import utcnow

if TYPE_CHECKING:
    from collections.abc import Callable

    from conftest import AxeScan, LiveServer, NewContext

pytestmark = pytest.mark.e2e


def start_from_home(page: Page, server: LiveServer) -> None:
    page.goto(f"{server.url}/student/")
    page.get_by_role("button", name=re.compile(r"^Start")).click()
    expect(page.locator("#time-left")).to_be_visible()


def test_an_extension_for_one_student_reaches_only_their_timer(
    live_server: LiveServer,
    new_context: NewContext,
    login: Callable[..., None],
    axe_scan: AxeScan,
) -> None:
    bank_id = live_server.import_sample_bank()
    teacher = live_server.teacher()
    classroom = live_server.classroom(teacher)
    assignment = live_server.assign(teacher, classroom, bank_id, time_limit_minutes=10)
    selin = live_server.student("selin", classroom, "Selin Kaya")
    live_server.student("omar", classroom, "Omar Ali")

    teacher_page = new_context().new_page()
    login(teacher_page, live_server, "teacher")
    teacher_page.goto(f"{live_server.url}/teacher/assignments/{assignment.id}/results")
    teacher_page.locator("summary", has_text="Selin Kaya").click()
    teacher_page.get_by_role("link", name=re.compile(r"^Selin Kaya's work")).click()
    teacher_page.get_by_label("Extra time per attempt (minutes)").fill("20")
    teacher_page.get_by_role("button", name="Save the extras").click()
    expect(teacher_page.get_by_text("Saved: 20 extra minute(s)")).to_be_visible()
    expect(teacher_page.get_by_text("time limit: 30 minutes")).to_be_visible()
    assert axe_scan(teacher_page, "a student's work page") == []

    selin_page = new_context().new_page()
    login(selin_page, live_server, "selin")
    selin_page.goto(f"{live_server.url}/student/")
    expect(selin_page.get_by_text("30 min")).to_be_visible()
    start_from_home(selin_page, live_server)
    expect(selin_page.locator("#time-left")).to_have_text(re.compile(r"^(29|30):\d\d$"))

    omar_page = new_context().new_page()
    login(omar_page, live_server, "omar")
    start_from_home(omar_page, live_server)
    expect(omar_page.locator("#time-left")).to_have_text(re.compile(r"^(9|10):\d\d$"))

    with live_server.session() as session:
        timed = {
            a.student_id: a.deadline - a.started_at
            for a in session.scalars(sa.select(models.Attempt))
            if a.deadline is not None
        }
    assert timed[selin.id] == dt.timedelta(minutes=30)
    assert sorted(timed.values()) == [dt.timedelta(minutes=10), dt.timedelta(minutes=30)]


def test_a_question_marked_by_hand_reaches_the_students_feedback(
    live_server: LiveServer,
    new_context: NewContext,
    login: Callable[..., None],
    axe_scan: AxeScan,
) -> None:
    from quizapp.services import attempts

    bank_id = live_server.import_sample_bank()
    teacher = live_server.teacher()
    classroom = live_server.classroom(teacher)
    assignment = live_server.assign(teacher, classroom, bank_id, feedback_timing="after_submit")
    selin = live_server.student("selin", classroom, "Selin Kaya")
    with live_server.session() as session:
        attempt = attempts.start_or_resume(session, selin, assignment.id, utcnow())
        attempts.save_responses(
            session,
            selin,
            attempt.id,
            {"turkish-lead": {"answer": "the deputy minister"}},
            1,
            utcnow(),
        )
        attempts.submit_attempt(session, selin, attempt.id, utcnow())

    teacher_page = new_context().new_page()
    login(teacher_page, live_server, "teacher")
    teacher_page.goto(f"{live_server.url}/teacher/assignments/{assignment.id}/students/{selin.id}")
    key = f"{attempt.id}-turkish-lead"
    teacher_page.locator(
        f"#attempt-{attempt.id} tr", has=teacher_page.locator(f"#points-{key}")
    ).get_by_text("Change").click()
    teacher_page.locator(f"#points-{key}").fill("1")
    teacher_page.locator(f"#comment-{key}").fill("Right person: his title will do.")
    teacher_page.get_by_role("button", name="Set the points of turkish-lead").click()
    expect(teacher_page.get_by_text("Points set for turkish-lead")).to_be_visible()
    expect(
        teacher_page.get_by_text("Set by hand: “Right person: his title will do.”")
    ).to_be_visible()
    assert axe_scan(teacher_page, "a student's work page after marking") == []

    selin_page = new_context().new_page()
    login(selin_page, live_server, "selin")
    selin_page.goto(f"{live_server.url}/student/attempts/{attempt.id}")
    feedback = selin_page.locator("#feedback-turkish-lead")
    expect(feedback).to_contain_text("score set by your teacher")
    expect(feedback).to_contain_text("Your teacher's comment: Right person: his title will do.")
