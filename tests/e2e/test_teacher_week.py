"""A teacher's week in Chromium: assign the bank chosen, lose nothing when a review save fails,
and read every table inside its card at desktop widths, with axe-core finding nothing wrong.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import sqlalchemy as sa
from playwright.sync_api import Page, expect

from quizapp.db import models
from quizapp.services import banks

if TYPE_CHECKING:
    from collections.abc import Callable

    from conftest import AxeScan, LiveServer, NewContext

pytestmark = pytest.mark.e2e

ARTICLE = Path(__file__).resolve().parents[1] / "data" / "articles" / "turkey-egypt-talks-2021.txt"
MY_COPY = "My copy of the Cairo talks"
DESKTOP_WIDTHS = (1024, 1280, 1440, 1920)

# Tables (or the scroll box around one) that reach past the card they sit in.
OVERFLOWING_TABLES = """() => [...document.querySelectorAll("table")].flatMap((table) => {
  const card = table.closest(".card");
  if (!card) return [];
  const box = (table.closest(".table-scroll") || table).getBoundingClientRect();
  const edge = card.getBoundingClientRect();
  if (box.left >= edge.left - 1 && box.right <= edge.right + 1) return [];
  const heading = card.querySelector("h1, h2");
  return [`${table.className} in "${heading ? heading.textContent.trim() : "a card"}"`];
})"""


def own_copy(server: LiveServer, teacher: models.User) -> tuple[int, int]:
    """The teacher's own copy of the sample bank: its id and its number of questions."""
    text = server.sample_bank_path.read_text(encoding="utf-8")
    text = text.replace("id: turkey-egypt-talks-2021", "id: my-talks", 1).replace(
        "title: Turkey, Egypt kick off diplomatic talks in Cairo to mend relations",
        f"title: {MY_COPY}",
        1,
    )
    with server.session() as session:
        version = banks.save_bank_text(session, text, user=teacher)
        return version.bank_id, len(banks.load_version_bank(version).questions)


def test_the_bank_selected_is_the_bank_assigned(
    live_server: LiveServer,
    new_context: NewContext,
    login: Callable[..., None],
    axe_scan: AxeScan,
) -> None:
    shared = live_server.import_sample_bank()
    teacher = live_server.teacher()
    classroom = live_server.classroom(teacher)
    own, questions = own_copy(live_server, teacher)
    titles = {own: MY_COPY, shared: "Turkey, Egypt kick off diplomatic talks in Cairo"}

    page = new_context(bypass_csp=True).new_page()
    login(page, live_server, "teacher")
    page.goto(f"{live_server.url}/teacher/classes/{classroom.id}/assign")
    chooser = page.get_by_label("Question bank")
    first = int(chooser.input_value())
    other = shared if first == own else own
    assert axe_scan(page, "assign page (teacher's week)") == []
    # Choose the other bank and assign straight away, without refilling the settings.
    chooser.select_option(str(other))
    page.get_by_label("Title").fill("Week 3 reading")
    page.get_by_role("button", name="Assign", exact=True).click()
    expect(page.get_by_text(f"the bank {titles[other]}")).to_contain_text(f"{questions} question")

    with live_server.session() as session:
        assigned = session.scalars(
            sa.select(models.Assignment).where(models.Assignment.title == "Week 3 reading")
        ).one()
        assert assigned.bank_version.bank_id == other


def draft_questions(page: Page) -> list[tuple[str, str]]:
    """(question id, type) of each question on the review page, in order."""
    found = []
    for item in page.locator("li.draft-question").all():
        question_id = (item.get_attribute("id") or "").removeprefix("question-")
        found.append((question_id, item.get_attribute("data-type") or ""))
    return found


def test_a_review_save_that_fails_keeps_every_edit_then_saves(
    drafting_live_server: LiveServer,
    new_context: NewContext,
    login: Callable[..., None],
    axe_scan: AxeScan,
) -> None:
    live_server = drafting_live_server
    live_server.teacher()
    page = new_context(bypass_csp=True).new_page()
    login(page, live_server, "teacher")
    page.goto(f"{live_server.url}/teacher/drafts/new")
    page.get_by_label("Article text").fill(ARTICLE.read_text(encoding="utf-8"))
    page.get_by_role("button", name="Draft questions").click()
    # The job's page follows the runner, whose child may still be loading the pipeline.
    review = page.get_by_role("heading", name="Review the draft", exact=False)
    expect(review).to_be_visible(timeout=180_000)
    listed = draft_questions(page)
    choice = next(qid for qid, kind in listed if kind == "multiple_choice")
    reworded, dropped = [qid for qid, _ in listed if qid != choice][:2]

    answers = page.locator(f"#answers-{choice}")
    all_choices = answers.input_value()
    answers.fill(all_choices.split("\n")[0])  # one choice left: the save must fail
    page.locator(f"#prompt-{reworded}").fill("What does the report say first?")
    page.locator(f"#keep-{dropped}").uncheck()
    page.get_by_role("button", name="Save as a bank").click()

    summary = page.get_by_role("alert").filter(has_text="Nothing was saved")
    expect(summary).to_contain_text("choices: needs at least 2 choices, found 1")
    expect(answers).to_have_value(all_choices.split("\n")[0])
    expect(page.locator(f"#prompt-{reworded}")).to_have_value("What does the report say first?")
    expect(page.locator(f"#keep-{dropped}")).not_to_be_checked()
    assert axe_scan(page, "draft review with problems") == []
    summary.get_by_role("link").first.click()
    assert page.url.endswith(f"#answers-{choice}")

    answers.fill(all_choices)
    page.get_by_role("button", name="Save as a bank").click()
    expect(page.get_by_text("as a new bank.")).to_be_visible()
    expect(page.get_by_text("What does the report say first?")).to_be_visible()
    with live_server.session() as session:
        owned = session.scalars(
            sa.select(models.Bank).where(models.Bank.owner_id.is_not(None))
        ).one()
        version = banks.newest_version(session, owned.id)
        assert version is not None
        kept = [q.id for q in banks.load_version_bank(version).questions]
    assert dropped not in kept and {choice, reworded} <= set(kept)


def test_no_table_overflows_its_card_at_desktop_widths(
    live_server: LiveServer,
    new_context: NewContext,
    login: Callable[..., None],
    axe_scan: AxeScan,
) -> None:
    shared = live_server.import_sample_bank()
    teacher = live_server.teacher()
    classroom = live_server.classroom(teacher, "Year 10 Current Affairs, period 3 (Tuesdays)")
    live_server.classroom(teacher, "Year 9 English")
    assignment = live_server.assign(teacher, classroom, shared)
    live_server.student("selin", classroom, "Selin Kaya")
    paths = {
        "dashboard": "/teacher/",
        "class page": f"/teacher/classes/{classroom.id}",
        "assignment results": f"/teacher/assignments/{assignment.id}/results",
        "class results": f"/teacher/classes/{classroom.id}/results",
        "bank page": f"/teacher/banks/{shared}",
    }
    context = new_context(bypass_csp=True)
    page = context.new_page()
    login(page, live_server, "teacher")
    for width in DESKTOP_WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        for name, path in paths.items():
            page.goto(live_server.url + path)
            assert page.evaluate(OVERFLOWING_TABLES) == [], (name, width)
        page.goto(live_server.url + "/teacher/")
        # The classes table fits whole: its results column is not hidden behind a scroll.
        wrapper = page.locator(".table-scroll").first
        assert wrapper.evaluate("(box) => box.scrollWidth <= box.clientWidth"), width
    for name in ("dashboard", "assignment results"):
        page.goto(live_server.url + paths[name])
        assert axe_scan(page, f"{name} (teacher's week)") == []
