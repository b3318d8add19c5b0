"""The live view in Chromium: a student answers and submits in one browser while the teacher's
live page, left open in another, follows without being reloaded; without JavaScript the page
still shows fresh figures on reload. axe-core scans the page.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import expect

from quizapp.services import attempts

if TYPE_CHECKING:
    from collections.abc import Callable

    from conftest import AxeScan, LiveServer, NewContext

pytestmark = pytest.mark.e2e

# The page polls every 5 s; a change must show within two polls.
FOLLOW_MS = 12_000


def test_the_teachers_live_view_follows_a_student_answering_in_another_browser(
    live_server: LiveServer,
    new_context: NewContext,
    login: Callable[..., None],
    axe_scan: AxeScan,
    screenshot: Callable[..., object],
) -> None:
    bank_id = live_server.import_sample_bank()
    teacher = live_server.teacher()
    room = live_server.classroom(teacher)
    live_server.student("selin", room, "Selin Kaya")
    live_server.student("tom", room, "Tom Berg")
    quiz = live_server.assign(teacher, room, bank_id, title="Cairo talks", time_limit_minutes=20)

    watching = new_context().new_page()
    login(watching, live_server, "teacher")
    watching.goto(f"{live_server.url}/teacher/assignments/{quiz.id}/results")
    watching.get_by_role("link", name="Watch this quiz live").click()
    row = watching.locator("#live-table tbody tr", has_text="Selin Kaya")
    expect(row.locator("[data-field=status_label]")).to_have_text("Not started")
    expect(row.locator("[data-field=time_left]")).to_have_text("20 min 00 s")
    expect(watching.locator("#live-summary")).to_have_text("0 of 2 started, 0 submitted.")
    questions = watching.locator("#live-table").get_attribute("data-questions")
    assert questions is not None and int(questions) > 1
    assert [v for v in axe_scan(watching, "teacher live view") if v.blocking] == []
    # A mark on the window: if the page reloaded itself, it would be gone.
    watching.evaluate("() => { window.liveMark = 'kept'; }")

    student = new_context().new_page()
    login(student, live_server, "selin")
    student.goto(f"{live_server.url}/student/quizzes/{quiz.id}")
    student.get_by_role("button", name="Start the quiz").click()
    student.locator("fieldset[data-type=short_answer] input[type=text]").first.fill("Sedat Onal")
    expect(student.locator("#save-status")).to_have_text(re.compile(r"^Saved at"))

    expect(row.locator("[data-field=status_label]")).to_have_text("Answering", timeout=FOLLOW_MS)
    expect(row.locator("[data-field=answered]")).to_have_text(f"1 of {questions}")
    expect(row.locator("[data-field=attempts]")).to_have_text(re.compile(r"^1( of \d+)?$"))
    expect(row.locator("[data-field=time_left]")).to_have_text(re.compile(r"^1\d min \d\d s$"))
    expect(watching.locator("#live-summary")).to_have_text("1 of 2 started, 0 submitted.")
    tom = watching.locator("#live-table tbody tr", has_text="Tom Berg")
    expect(tom.locator("[data-field=status_label]")).to_have_text("Not started")
    # No answer reaches the teacher's live page.
    assert "Sedat Onal" not in watching.content()
    screenshot(watching, "teacher-live-view")

    student.locator("#submit-attempt").click()
    student.locator("#confirm-submit").click()
    student.wait_for_url(re.compile(r"/student/attempts/\d+"))
    expect(student.get_by_text(re.compile(r"^Submitted"))).to_be_visible()

    expect(row.locator("[data-field=status_label]")).to_have_text("Submitted", timeout=FOLLOW_MS)
    expect(watching.locator("#live-summary")).to_have_text("1 of 2 started, 1 submitted.")
    assert watching.evaluate("() => window.liveMark") == "kept"

    # At phone width the rows, rebuilt by the script, read as labelled cards.
    watching.set_viewport_size({"width": 360, "height": 800})
    expect(row.locator("[data-field=answered]")).to_have_attribute("data-label", "Answered")
    assert [v for v in axe_scan(watching, "teacher live view, 360 px") if v.blocking] == []


def test_without_javascript_the_live_view_reloads_to_fresh_figures(
    live_server: LiveServer, new_context: NewContext, login: Callable[..., None]
) -> None:
    bank_id = live_server.import_sample_bank()
    teacher = live_server.teacher()
    room = live_server.classroom(teacher)
    student = live_server.student("selin", room, "Selin Kaya")
    quiz = live_server.assign(teacher, room, bank_id, title="Cairo talks")

    page = new_context(java_script_enabled=False).new_page()
    login(page, live_server, "teacher")
    page.goto(f"{live_server.url}/teacher/assignments/{quiz.id}/live")
    row = page.locator("#live-table tbody tr", has_text="Selin Kaya")
    expect(row.locator("[data-field=status_label]")).to_have_text("Not started")
    assert page.locator("noscript").count() == 1

    with live_server.session() as session:
        attempts.start_or_resume(session, student, quiz.id, dt.datetime.now(dt.UTC))

    page.get_by_role("link", name="reload it now").click()
    expect(row.locator("[data-field=status_label]")).to_have_text("Answering")
    expect(row.locator("[data-field=time_left]")).to_have_text("No time limit")
