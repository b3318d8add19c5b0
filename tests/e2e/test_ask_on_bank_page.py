"""A teacher selects words of a bank's article and turns them into a question in the browser.

The page's script sends the selection to the generator, fills in the proposed question (which the
teacher may edit), and the form adds it to the bank as a new version.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
import sqlalchemy as sa
from playwright.sync_api import Page, expect

from quizapp.db import models
from quizapp.services import banks

if TYPE_CHECKING:
    from collections.abc import Callable

    from conftest import LiveServer, NewContext

pytestmark = pytest.mark.e2e


def test_teacher_turns_a_selection_into_a_question(
    live_server: LiveServer,
    new_context: NewContext,
    login: Callable[..., None],
    select_in_article: Callable[[Page, str], None],
) -> None:
    teacher = live_server.teacher()
    own_text = live_server.sample_bank_path.read_text(encoding="utf-8").replace(
        "id: turkey-egypt-talks-2021", "id: my-talks", 1
    )
    with live_server.session() as session:
        bank_id = banks.save_bank_text(session, own_text, user=teacher).bank_id

    page = new_context().new_page()
    login(page, live_server, "teacher")
    page.goto(f"{live_server.url}/teacher/banks/{bank_id}")
    select_in_article(page, "Sedat Onal")
    page.get_by_role("button", name="Propose a question").click()
    prompt = page.get_by_label("Question", exact=True)
    expect(prompt).not_to_have_value("", timeout=15_000)
    expect(page.get_by_label("Answer (words of the article)")).to_have_value("Sedat Onal")
    proposed = prompt.input_value()
    assert proposed.endswith("?") and "Onal" not in proposed
    page.get_by_role("button", name="Add as a short-answer question").click()
    expect(page.get_by_text("Question added; the bank is now at version 2.")).to_be_visible()

    with live_server.session() as session:
        latest = session.scalars(
            sa.select(models.BankVersion)
            .where(models.BankVersion.bank_id == bank_id)
            .order_by(models.BankVersion.number.desc())
        ).first()
        assert latest is not None and latest.number == 2
        added = banks.load_version_bank(latest).questions[-1]
    assert added.prompt == proposed
    assert added.grade({"answer": "sedat onal"}).state == "right"
