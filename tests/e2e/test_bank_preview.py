"""A bank previewed as a student in Chromium: reached from the bank page, the banner in view,
answers can be picked, and axe-core finds nothing wrong."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from quizapp.db import models

if TYPE_CHECKING:
    from collections.abc import Callable

    from conftest import AxeScan, LiveServer, NewContext

pytestmark = pytest.mark.e2e


def test_a_teacher_previews_a_bank_as_a_student_and_nothing_is_recorded(
    live_server: LiveServer,
    new_context: NewContext,
    login: Callable[..., None],
    axe_scan: AxeScan,
) -> None:
    bank_id = live_server.import_sample_bank()
    live_server.teacher()
    page = new_context().new_page()
    login(page, live_server, "teacher")
    page.goto(f"{live_server.url}/teacher/banks/{bank_id}")
    page.get_by_role("link", name="Preview as a student").click()
    banner = page.get_by_role("note").filter(has_text="Preview — nothing is saved")
    expect(banner).to_be_visible()
    question = page.locator("fieldset.question", has_text="Which city hosted the consultations?")
    question.get_by_label("Cairo").check()
    expect(question.get_by_label("Cairo")).to_be_checked()
    page.mouse.wheel(0, 4000)
    expect(banner).to_be_in_viewport()  # sticky: never taken for the real quiz
    assert axe_scan(page, "bank preview") == []
    with live_server.session() as session:
        assert session.scalar(sa.select(sa.func.count()).select_from(models.Attempt)) == 0
