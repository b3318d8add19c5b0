"""A written response in Chromium: the student writes and submits and sees it waiting; the
teacher finds it under "To mark", gives points per criterion and a comment; the student then
sees the grade, the criterion points and the comment. axe-core finds nothing wrong on the pages
this changes, before and after marking.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from quizapp.banks import load_bank_file
from quizapp.db import models

if TYPE_CHECKING:
    from collections.abc import Callable

    from conftest import AxeScan, LiveServer, NewContext

pytestmark = pytest.mark.e2e

ANSWER = (
    "Egypt does not trust Turkey after eight years of hostility.\n"
    "It wants Turkish troops to leave Libya first."
)


def test_a_student_writes_the_teacher_marks_and_the_student_sees_the_grade_and_comment(
    live_server: LiveServer,
    new_context: NewContext,
    login: Callable[..., None],
    axe_scan: AxeScan,
) -> None:
    bank = load_bank_file(live_server.sample_bank_path)
    question = bank.question("why-egypt-hesitates")
    bank_id = live_server.import_sample_bank()
    teacher = live_server.teacher()
    classroom = live_server.classroom(teacher)
    assignment = live_server.assign(teacher, classroom, bank_id, feedback_timing="after_submit")
    live_server.student("selin", classroom, "Selin Kaya")

    student = new_context().new_page()
    login(student, live_server, "selin")
    student.goto(f"{live_server.url}/student/quizzes/{assignment.id}")
    student.get_by_role("button", name=re.compile(r"^Start")).click()
    student.wait_for_url(re.compile(r"/student/attempts/\d+$"))
    attempt_id = int(student.url.rsplit("/", 1)[1])
    group = student.get_by_role("group", name=re.compile(re.escape(question.prompt) + "$"))
    box = group.get_by_role("textbox", name="Your answer")
    expect(box).to_have_attribute("maxlength", "2000")
    box.fill(ANSWER)
    expect(group.get_by_role("button", name=re.compile("^Check"))).to_have_count(0)
    expect(student.locator("#save-status")).to_have_text(re.compile(r"^(Saved at|All answers)"))
    student.get_by_role("button", name="Submit and finish").click()
    student.get_by_role("dialog").get_by_role("button", name="Submit now").click()
    summary = student.locator(".result-summary")
    expect(summary).to_contain_text("Waiting for your teacher")
    expect(summary).not_to_contain_text("Your score")
    feedback = student.locator(f"#feedback-{question.id}")
    expect(feedback).to_contain_text("Waiting for your teacher")
    expect(feedback).not_to_contain_text("0 of 3")
    assert axe_scan(student, "feedback waiting for marking") == []
    student.goto(f"{live_server.url}/student/quizzes/{assignment.id}")
    expect(student.get_by_role("main")).to_contain_text("waiting for your teacher")

    marker = new_context().new_page()
    login(marker, live_server, "teacher")
    marker.goto(f"{live_server.url}/teacher/assignments/{assignment.id}/results")
    to_mark = marker.locator("#to-mark")
    expect(to_mark).to_contain_text(f"Selin Kaya, attempt 1: {question.prompt}")
    assert axe_scan(marker, "results with answers to mark") == []
    to_mark.get_by_role("link").click()
    expect(marker.get_by_role("heading", name=re.compile("^Selin Kaya"), level=1)).to_be_visible()
    row = marker.locator(f"#attempt-{attempt_id} tr", has_text=question.prompt)
    expect(row).to_contain_text("waiting for marking")
    expect(row).to_contain_text("Model answer:")
    expect(row.locator(".written-answer")).to_have_text(ANSWER)
    assert axe_scan(marker, "a student's work page with an answer to mark") == []
    key = f"{attempt_id}-{question.id}"
    # A mark over a criterion's most is refused, with what was typed kept.
    marker.get_by_label(
        "Gives the reason, Egypt's mistrust after years of hostility. (0 to 2)"
    ).fill("4")
    marker.locator(f"#criterion-{key}-details").fill("1")
    marker.locator(f"#criterion-{key}-own-words").fill("1")
    marker.locator(f"#comment-{key}").fill("Good reason. Which detail shows the mistrust?")
    marker.get_by_role("button", name=f"Save the mark of {question.id}").click()
    expect(marker.get_by_role("alert")).to_contain_text("0 to 2 points, not 4")
    expect(marker.locator(f"#criterion-{key}-details")).to_have_value("1")
    expect(marker.locator(f"#comment-{key}")).to_have_value(
        "Good reason. Which detail shows the mistrust?"
    )
    marker.locator(f"#criterion-{key}-reason").fill("2")
    marker.get_by_role("button", name=f"Save the mark of {question.id}").click()
    expect(marker.get_by_text(f"{question.id} is marked")).to_be_visible()
    expect(row).to_contain_text("Marked: “Good reason. Which detail shows the mistrust?”")
    assert axe_scan(marker, "a student's work page after marking") == []

    with live_server.session() as session:
        attempt = session.get(models.Attempt, attempt_id)
        assert attempt is not None and attempt.fraction_text is not None
        mark = session.scalars(sa.select(models.ScoreOverride)).one()
        assert mark.criterion_points == {"reason": "2", "details": "1", "own-words": "1"}

    student.goto(f"{live_server.url}/student/attempts/{attempt_id}")
    expect(summary).to_contain_text("Your score")
    expect(feedback).to_contain_text("2.4 of 3 points")  # 4 of 5 rubric points
    expect(feedback).to_contain_text("marked by your teacher")
    expect(feedback.locator(".criterion-marks li")).to_have_count(3)
    expect(feedback).to_contain_text("Supports it with two details from the article")
    expect(feedback).to_contain_text(
        "Your teacher's comment: Good reason. Which detail shows the mistrust?"
    )
    expect(feedback).to_contain_text("A model answer:")
    assert axe_scan(student, "feedback after marking") == []
