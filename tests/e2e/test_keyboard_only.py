"""A student who uses only the keyboard logs in, answers and submits a quiz.

Nothing here clicks: focus moves with Tab, a radio button is chosen with the arrow keys and Space,
text is typed, and buttons are pressed with Enter. The student reaches each question through the
question navigator, answers a multiple-choice and a short-answer question of the sample bank,
and submits through the submit dialog; the server must hold both answers, graded.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import pytest
import sqlalchemy as sa
from playwright.sync_api import Page, expect

from quizapp.banks import load_bank_file
from quizapp.db import models
from quizapp.domain.questions import MultipleChoice

if TYPE_CHECKING:
    from collections.abc import Callable

    from conftest import LiveServer, NewContext

pytestmark = pytest.mark.e2e

# Far more than the page has tab stops; reaching it means the target cannot be reached.
MAX_TABS = 400


def focused(page: Page) -> dict[str, Any]:
    description: dict[str, Any] = page.evaluate(
        """() => {
          const element = document.activeElement;
          const label = element && element.labels && element.labels[0];
          return {
            id: element ? element.id : "",
            name: element ? element.getAttribute("name") || "" : "",
            question: element && element.dataset ? element.dataset.question || "" : "",
            label: label ? label.textContent.trim() : "",
            text: element ? element.textContent.trim() : "",
            checked: Boolean(element && element.checked),
          };
        }"""
    )
    return description


def tab_to(page: Page, wanted: Callable[[dict[str, Any]], bool], what: str) -> dict[str, Any]:
    """Press Tab until the focused element is the one wanted."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        current = focused(page)
        if wanted(current):
            return current
    raise AssertionError(f"Tab never reached {what}")


def test_student_answers_and_submits_with_the_keyboard_only(
    live_server: LiveServer,
    new_context: NewContext,
) -> None:
    bank = load_bank_file(live_server.sample_bank_path)
    bank_id = live_server.import_sample_bank()
    teacher = live_server.teacher()
    classroom = live_server.classroom(teacher)
    live_server.assign(teacher, classroom, bank_id)
    live_server.student("deniz", classroom, "Deniz Arslan")
    multiple_choice = bank.question("host-city")
    assert isinstance(multiple_choice, MultipleChoice)
    right_choice = next(choice for choice in multiple_choice.choices if choice.correct)
    short_answer = bank.question("turkish-lead")

    page = new_context().new_page()
    page.goto(f"{live_server.url}/login")
    expect(page.get_by_label("Username")).to_be_focused()
    page.keyboard.type("deniz")
    page.keyboard.press("Tab")
    page.keyboard.type("correct horse battery")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="My quizzes")).to_be_visible()

    tab_to(page, lambda f: f["text"].startswith("Start"), "the Start button")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/student/attempts/\d+$"))
    attempt_id = int(page.url.rsplit("/", 1)[1])

    # The article's sentences are no tab stops: the skip link is reached before any of them.
    assert page.locator("#article .sentence[tabindex]").count() == 0
    tab_to(page, lambda f: f["text"].startswith("Skip the article"), "the skip link")

    # Each question through the navigator: its numbered link moves the focus into the question.
    numbers = dict(
        page.eval_on_selector_all(
            "fieldset[data-question-id]",
            "sets => sets.map(s => [s.dataset.questionId, s.dataset.number])",
        )
    )
    for question_id in (multiple_choice.id, short_answer.id):
        number = numbers[question_id]
        tab_to(page, lambda f, q=question_id: f["question"] == q, f"navigator link {number}")
        page.keyboard.press("Enter")
        if question_id == multiple_choice.id:
            current = focused(page)
            assert current["name"] == "host-city.choice", current
            for _ in range(len(multiple_choice.choices)):
                if current["label"] == right_choice.text:
                    break
                page.keyboard.press("ArrowDown")
                current = focused(page)
            page.keyboard.press("Space")
            assert focused(page)["label"] == right_choice.text
            assert focused(page)["checked"]
        else:
            assert focused(page)["id"] == "q-turkish-lead-answer"
            page.keyboard.type("Sedat Onal")
    expect(page.locator("#answered-count")).to_have_text(f"2 of {len(bank.questions)} answered")

    tab_to(page, lambda f: f["id"] == "submit-attempt", "Submit and finish")
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name="Submit and finish?")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("button", name="Keep working")).to_be_focused()
    tab_to(page, lambda f: f["id"] == "confirm-submit", "Submit now")
    page.keyboard.press("Enter")
    expect(page.locator(".result-summary")).to_contain_text("Your score")

    with live_server.session() as session:
        attempt = session.get(models.Attempt, attempt_id)
        assert attempt is not None and attempt.state == models.SUBMITTED
        responses = {
            row.question_id: row
            for row in session.scalars(
                sa.select(models.Response).where(models.Response.attempt_id == attempt_id)
            )
        }
    assert responses["host-city"].data == {"choice": right_choice.id}
    assert responses["turkish-lead"].data == {"answer": "Sedat Onal"}
    assert (responses["host-city"].state, responses["turkish-lead"].state) == ("right", "right")
    for question in (multiple_choice, short_answer):
        group = page.get_by_role("group", name=re.compile(re.escape(question.prompt) + "$"))
        expect(group.locator(".feedback-grade")).to_contain_text("Right")
