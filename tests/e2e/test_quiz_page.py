"""The quiz page in Chromium: picking evidence, the sticky bar, the navigator and submit dialog,
submitting offline, feedback, and every student page on a 360 px phone.

Each test seeds a fresh database through the services (the sample bank assigned to a class with
one student) and drives the real page; answers are checked in the database where they matter.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import pytest
import sqlalchemy as sa
from playwright.sync_api import Page, Route, expect

from quizapp.db import models
from quizapp.db.base import utcnow

if TYPE_CHECKING:
    from collections.abc import Callable

    from conftest import AxeScan, LiveServer, NewContext

pytestmark = pytest.mark.e2e

NARROW_PHONE = {"width": 360, "height": 740}


def start_quiz(server: LiveServer, **settings: Any) -> tuple[int, int]:
    """Seed a class with the sample bank and student "selin"; return (assignment, attempt) ids."""
    from quizapp.services import attempts

    bank_id = server.import_sample_bank()
    teacher = server.teacher()
    classroom = server.classroom(teacher)
    assignment = server.assign(teacher, classroom, bank_id, **settings)
    student = server.student("selin", classroom, "Selin Kaya")
    with server.session() as session:
        attempt = attempts.start_or_resume(session, student, assignment.id, utcnow())
    return assignment.id, attempt.id


def open_quiz(
    server: LiveServer,
    new_context: NewContext,
    login: Callable[..., None],
    attempt_id: int,
    **options: Any,
) -> Page:
    page = new_context(**options).new_page()
    login(page, server, "selin")
    page.goto(f"{server.url}/student/attempts/{attempt_id}")
    return page


def saved_rows(server: LiveServer, attempt_id: int) -> dict[str, dict[str, str]]:
    with server.session() as session:
        rows = session.scalars(
            sa.select(models.Response).where(models.Response.attempt_id == attempt_id)
        )
        return {row.question_id: dict(row.data) for row in rows if row.data}


def checked_radios(page: Page) -> int:
    return page.locator("#quiz-form input[type=radio]:checked").count()


def evidence_group(page: Page) -> Any:
    return page.locator("fieldset[data-type=evidence]").first


def test_a_click_in_the_article_changes_no_answer_outside_picking(
    live_server: LiveServer, new_context: NewContext, login: Callable[..., None]
) -> None:
    _, attempt_id = start_quiz(live_server)
    page = open_quiz(live_server, new_context, login, attempt_id)
    short_answer = page.locator("fieldset[data-type=short_answer] input[type=text]").first
    short_answer.fill("Sedat")
    # While typing, and while reading: clicks on every sentence choose nothing.
    for sentence in page.locator("#article .sentence").all():
        sentence.click()
    expect(page.locator("#save-status")).to_have_text(re.compile(r"^Saved at"))
    assert checked_radios(page) == 0
    assert page.locator("#article .sentence[tabindex]").count() == 0
    assert list(saved_rows(live_server, attempt_id).values()) == [{"answer": "Sedat"}]

    # Picking is a mode for one question: visible while on, ended by Esc with nothing chosen.
    group = evidence_group(page)
    number = group.get_attribute("data-number")
    pick = group.get_by_role("button", name=re.compile("^Pick it in the article"))
    pick.click()
    note = page.locator("#picking-note")
    expect(note).to_be_visible()
    expect(note).to_contain_text(f"question {number}")
    offered = page.locator("#article .sentence[role=button][tabindex='0']")
    assert offered.count() == group.locator("input[type=radio]").count()
    expect(offered.first).to_be_focused()
    page.keyboard.press("Escape")
    expect(note).to_be_hidden()
    expect(pick).to_be_focused()
    assert page.locator("#article .sentence[tabindex]").count() == 0
    assert checked_radios(page) == 0

    # One pick answers that question and ends the mode; the next click changes nothing.
    pick.click()
    second_text = group.locator(".option-text").nth(1).inner_text()
    page.locator("#article .sentence", has_text=second_text).click()
    expect(note).to_be_hidden()
    expect(group.locator("input[type=radio]").nth(1)).to_be_checked()
    page.locator(
        "#article .sentence", has_text=group.locator(".option-text").nth(0).inner_text()
    ).click()
    expect(group.locator("input[type=radio]").nth(1)).to_be_checked()
    assert checked_radios(page) == 1
    expect(page.locator("#save-status")).to_have_text(re.compile(r"^Saved at"))
    # The page names options per attempt; the server stores the sentence's own id.
    sentence_id = group.locator("input[type=radio]").nth(1).get_attribute("data-sentence")
    question_id = group.get_attribute("data-question-id")
    assert question_id is not None
    assert saved_rows(live_server, attempt_id)[question_id] == {"sentence": sentence_id}


def test_an_answer_typed_before_the_page_script_runs_is_saved(
    live_server: LiveServer, new_context: NewContext, login: Callable[..., None]
) -> None:
    _, attempt_id = start_quiz(live_server)
    page = new_context().new_page()
    login(page, live_server, "selin")
    held: list[Route] = []
    # a slow connection: the quiz's script arrives after the student has started typing
    page.route("**/static/js/quiz.js*", lambda route: held.append(route))
    page.goto(f"{live_server.url}/student/attempts/{attempt_id}", wait_until="commit")
    short_answer = page.locator("fieldset[data-type=short_answer] input[type=text]").first
    short_answer.fill("Sedat")
    assert held, "the script was not requested"
    held[0].continue_()
    expect(page.locator("#save-status")).to_have_text(re.compile(r"^Saved at"))
    assert list(saved_rows(live_server, attempt_id).values()) == [{"answer": "Sedat"}]


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 800}, NARROW_PHONE])
def test_the_bar_stays_in_view_after_scrolling(
    viewport: dict[str, int],
    live_server: LiveServer,
    new_context: NewContext,
    login: Callable[..., None],
) -> None:
    _, attempt_id = start_quiz(live_server, time_limit_minutes=30)
    page = open_quiz(live_server, new_context, login, attempt_id, viewport=viewport)
    if viewport is NARROW_PHONE:
        page.get_by_role("button", name="Questions", exact=True).click()
    page.evaluate("() => window.scrollTo(0, document.documentElement.scrollHeight)")
    assert page.evaluate("() => window.scrollY") > 1000

    def in_view(selector: str) -> bool:
        box = page.locator(selector).bounding_box()
        return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= viewport["height"]

    assert in_view("#save-status") and in_view("#time-left") and in_view("#answered-count")
    expect(page.locator("#time-left")).to_have_text(re.compile(r"^(29|30):\d\d$"))
    page.context.set_offline(True)
    page.locator("fieldset[data-type=short_answer] input[type=text]").last.fill("offline")
    expect(page.get_by_role("alert").filter(has_text="Connection lost")).to_be_visible()
    assert in_view("#connection-banner")
    page.context.set_offline(False)


def test_navigator_count_flags_and_the_submit_summary(
    live_server: LiveServer, new_context: NewContext, login: Callable[..., None]
) -> None:
    _, attempt_id = start_quiz(live_server)
    page = open_quiz(live_server, new_context, login, attempt_id)
    groups = page.locator("fieldset[data-question-id]")
    total = groups.count()
    expect(page.locator("#answered-count")).to_have_text(f"0 of {total} answered")
    nav = page.get_by_role("navigation", name="Questions")
    expect(nav.get_by_role("link")).to_have_count(total)

    # Answer question 1 (its first option or its text box) and 3; flag 2 and 3.
    def answer(group: Any) -> None:
        field = group.locator("input:not([type=hidden]), select").first
        kind = field.get_attribute("type") or ""
        if kind in {"radio", "checkbox"}:
            field.check()
        elif field.evaluate("f => f.tagName") == "SELECT":
            field.select_option("1")
        else:
            field.fill("2013")

    answer(groups.nth(0))
    answer(groups.nth(2))
    groups.nth(1).get_by_role("button", name=re.compile("^Flag for review")).click()
    groups.nth(2).get_by_role("button", name=re.compile("^Flag for review")).click()
    expect(page.locator("#answered-count")).to_have_text(f"2 of {total} answered")
    expect(nav.get_by_role("link", name="Question 1, answered", exact=True)).to_be_visible()
    expect(
        nav.get_by_role("link", name="Question 2, not answered, flagged", exact=True)
    ).to_be_visible()
    expect(
        nav.get_by_role("link", name="Question 3, answered, flagged", exact=True)
    ).to_be_visible()
    expect(groups.nth(1).get_by_role("button", name=re.compile("^Flagged"))).to_have_attribute(
        "aria-pressed", "true"
    )

    # Flags are kept on this device for the attempt; answers on the server.
    expect(page.locator("#save-status")).to_have_text(re.compile(r"^Saved at"))
    page.reload()
    expect(
        nav.get_by_role("link", name="Question 3, answered, flagged", exact=True)
    ).to_be_visible()
    expect(page.locator("#answered-count")).to_have_text(f"2 of {total} answered")

    # The submit dialog lists what is left, with links that lead to each question.
    page.get_by_role("button", name="Submit and finish").click()
    dialog = page.get_by_role("dialog", name="Submit and finish?")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text(f"2 of {total} questions answered.")
    unanswered = page.locator("#submit-dialog-unanswered li")
    expected = [f"Question {n}" for n in range(1, total + 1) if n not in (1, 3)]
    assert unanswered.all_inner_texts() == expected
    assert page.locator("#submit-dialog-flagged li").all_inner_texts() == [
        "Question 2",
        "Question 3",
    ]
    page.locator("#submit-dialog-flagged").get_by_role("link", name="Question 2").click()
    expect(dialog).to_be_hidden()
    focused_question = page.evaluate(
        "() => document.activeElement.closest('fieldset').dataset.number"
    )
    assert focused_question == "2"
    with live_server.session() as session:
        attempt = session.get(models.Attempt, attempt_id)
        assert attempt is not None and attempt.state != models.SUBMITTED

    page.get_by_role("button", name="Submit and finish").click()
    dialog.get_by_role("button", name="Submit now").click()
    expect(page.locator(".result-summary")).to_be_visible()
    with live_server.session() as session:
        attempt = session.get(models.Attempt, attempt_id)
        assert attempt is not None and attempt.state == models.SUBMITTED


def test_an_offline_submit_stays_and_finishes_once_back_online(
    live_server: LiveServer, new_context: NewContext, login: Callable[..., None]
) -> None:
    _, attempt_id = start_quiz(live_server)
    page = open_quiz(live_server, new_context, login, attempt_id)
    posts: list[str] = []
    page.on(
        "request",
        lambda request: (
            posts.append(request.url)
            if request.method == "POST" and request.url.endswith(f"/attempts/{attempt_id}")
            else None
        ),
    )
    quiz_url = page.url
    page.context.set_offline(True)
    page.locator("fieldset[data-type=short_answer] input[type=text]").first.fill("Onal")
    page.get_by_role("button", name="Submit and finish").click()
    page.get_by_role("dialog").get_by_role("button", name="Submit now").click()
    banner = page.get_by_role("alert").filter(
        has_text="submitted as soon as the connection is back"
    )
    expect(banner).to_be_visible()
    page.wait_for_timeout(1500)
    assert page.url == quiz_url and posts == []
    expect(page.get_by_role("heading", name="Questions")).to_be_visible()

    page.context.set_offline(False)
    expect(page.locator(".result-summary")).to_contain_text("Submitted")
    page.wait_for_timeout(1500)
    assert len(posts) == 1, posts
    with live_server.session() as session:
        attempt = session.get(models.Attempt, attempt_id)
        assert attempt is not None and attempt.state == models.SUBMITTED
    assert next(iter(saved_rows(live_server, attempt_id).values())) == {"answer": "Onal"}


def finished_attempt(server: LiveServer) -> tuple[int, int]:
    """Seed and submit an attempt with every answer wrong or blank; (assignment, attempt) ids."""
    from quizapp.services import attempts

    assignment_id, attempt_id = start_quiz(server)
    with server.session() as session:
        student = session.scalar(sa.select(models.User).where(models.User.username == "selin"))
        assert student is not None
        attempts.save_responses(
            session, student, attempt_id, {"libya-background": {"dictator": "Nobody"}}, 1, utcnow()
        )
        attempts.submit_attempt(session, student, attempt_id, utcnow())
    return assignment_id, attempt_id


def test_feedback_highlights_the_evidence_of_the_question_in_focus_and_speaks_plainly(
    live_server: LiveServer, new_context: NewContext, login: Callable[..., None]
) -> None:
    _, attempt_id = finished_attempt(live_server)
    page = open_quiz(live_server, new_context, login, attempt_id)
    expect(page.locator("#article .sentence.evidence")).to_have_count(0)
    cloze = page.locator("fieldset[data-type=cloze]")
    expect(cloze.locator(".correct-answer")).to_have_text(
        "The missing words were 2011, Muammar Gaddafi and Tobruk."
    )
    links = page.locator("a.show-evidence")
    for index in (0, 1):
        link = links.nth(index)
        link.click()
        wanted = (link.get_attribute("data-sentences") or "").split()
        highlighted = page.eval_on_selector_all(
            "#article .sentence.evidence", "spans => spans.map(s => s.id)"
        )
        assert highlighted == wanted and wanted
        expect(page.locator(f"#{wanted[0]}")).to_be_focused()


# What scrolls sideways on a page: the page itself, or any box inside it that scrolls (the
# wrapper of a table too wide for the screen), named by tag, id and class.
_SIDEWAYS = """() => {
  const found = [];
  const root = document.documentElement;
  if (root.scrollWidth > root.clientWidth) found.push("the page");
  for (const box of document.body.querySelectorAll("*")) {
    const overflow = getComputedStyle(box).overflowX;
    if ((overflow === "auto" || overflow === "scroll") && box.getClientRects().length
        && box.scrollWidth > box.clientWidth) {
      found.push(box.tagName.toLowerCase() + (box.id ? "#" + box.id : "")
        + [...box.classList].map((name) => "." + name).join(""));
    }
  }
  return found;
}"""


def scrolls_sideways(page: Page) -> list[str]:
    found: list[str] = page.evaluate(_SIDEWAYS)
    return found


def table_rows_as_cards(page: Page, caption: str) -> list[dict[str, Any]]:
    """Each body row of the table whose caption starts so: its display, right edge, and each
    cell's column name and the label shown before the cell."""
    rows: list[dict[str, Any]] = page.evaluate(
        """(caption) => {
          const table = [...document.querySelectorAll("table")].find(
            (t) => t.caption && t.caption.textContent.trim().startsWith(caption));
          if (!table) return [];
          return [...table.tBodies[0].rows].map((row) => ({
            display: getComputedStyle(row).display,
            right: row.getBoundingClientRect().right,
            cells: [...row.cells].map((cell) => ({
              column: table.tHead.rows[0].cells[cell.cellIndex].textContent.trim(),
              label: cell.dataset.label || "",
              shown: getComputedStyle(cell, "::before").content,
            })),
          }));
        }""",
        caption,
    )
    return rows


def test_no_student_page_scrolls_sideways_at_360_px(
    live_server: LiveServer,
    new_context: NewContext,
    login: Callable[..., None],
    axe_scan: AxeScan,
) -> None:
    from quizapp.services import attempts

    assignment_id, finished_id = finished_attempt(live_server)
    with live_server.session() as session:
        student = session.scalar(sa.select(models.User).where(models.User.username == "selin"))
        assert student is not None
        running = attempts.start_or_resume(session, student, assignment_id, utcnow())
    page = new_context(viewport=NARROW_PHONE).new_page()
    login(page, live_server, "selin")

    seen = {}
    for path in (
        "/student/",
        f"/student/quizzes/{assignment_id}",
        "/student/progress",
        "/join",
        f"/student/attempts/{finished_id}",
        f"/student/attempts/{running.id}",
    ):
        page.goto(live_server.url + path)
        seen[path] = scrolls_sideways(page)
        if "/attempts/" in path:
            page.get_by_role("button", name="Questions", exact=True).click()
            seen[path + " (questions)"] = scrolls_sideways(page)
    assert seen == {path: [] for path in seen}
    # My quizzes shows each quiz as a card, its Start or Resume button on screen.
    page.goto(live_server.url + "/student/")
    resume = page.get_by_role("link", name=re.compile("^Resume"))
    box = resume.bounding_box()
    assert box is not None and box["x"] + box["width"] <= NARROW_PHONE["width"]

    # The tables of the quiz and progress pages show their rows, both attempts, as cards on the
    # phone, each value under its column's name, and stay tables on a wide screen.
    tables = {
        f"/student/quizzes/{assignment_id}": ["Your attempts at"],
        "/student/progress": ["Best and latest score per quiz", "All your attempts, newest first"],
    }
    for path, captions in tables.items():
        page.goto(live_server.url + path)
        violations = axe_scan(page, f"{path} as cards at 360 px")
        assert [v.format() for v in violations if v.blocking] == []
        for caption in captions:
            rows = table_rows_as_cards(page, caption)
            assert rows, f"no rows in {caption!r} on {path}"
            for row in rows:
                assert row["display"] != "table-row"
                assert row["right"] <= NARROW_PHONE["width"]
                for cell in row["cells"]:
                    assert cell["label"] == cell["column"] and cell["label"] in cell["shown"], cell
    resume_row = page.get_by_role("row").filter(has_text="In progress")
    resume = resume_row.get_by_role("link", name=re.compile("^Resume"))
    resume.scroll_into_view_if_needed()
    expect(resume).to_be_in_viewport()  # scrolled to from above, never from the side
    assert len(table_rows_as_cards(page, "All your attempts, newest first")) == 2
    page.set_viewport_size({"width": 1280, "height": 800})
    for caption in ("All your attempts, newest first", "Best and latest score per quiz"):
        assert {row["display"] for row in table_rows_as_cards(page, caption)} == {"table-row"}
    expect(page.get_by_role("columnheader", name="Submitted").first).to_be_visible()


def test_the_teacher_pages_used_on_a_phone_fit_360_px(
    live_server: LiveServer,
    new_context: NewContext,
    login: Callable[..., None],
    axe_scan: AxeScan,
) -> None:
    assignment_id, _ = finished_attempt(live_server)
    with live_server.session() as session:
        assignment = session.get(models.Assignment, assignment_id)
        assert assignment is not None
        class_id, bank_id = assignment.classroom_id, assignment.bank_version.bank_id
    page = new_context(viewport=NARROW_PHONE).new_page()
    login(page, live_server, "teacher")
    seen = {}
    for path in (
        "/teacher/",
        f"/teacher/classes/{class_id}",
        f"/teacher/classes/{class_id}/results",
        "/teacher/banks",
        f"/teacher/banks/{bank_id}",
        f"/teacher/assignments/{assignment_id}/results",
    ):
        page.goto(live_server.url + path)
        seen[path] = scrolls_sideways(page)
        violations = axe_scan(page, f"{path} at 360 px")
        assert [v.format() for v in violations if v.blocking] == [], path
    assert seen == {path: [] for path in seen}


def test_the_timer_warns_at_five_minutes_and_at_one(
    live_server: LiveServer, new_context: NewContext, login: Callable[..., None]
) -> None:
    _, attempt_id = start_quiz(live_server, time_limit_minutes=10)
    page = new_context().new_page()
    login(page, live_server, "selin")
    page.clock.install()
    page.goto(f"{live_server.url}/student/attempts/{attempt_id}")
    alert = page.locator("#timer-alert")
    expect(page.locator("#time-left")).to_have_text(re.compile(r"^(9|10):\d\d$"))
    expect(alert).to_have_text("")
    page.clock.run_for("04:40")  # the attempt started a few seconds before the page loaded
    expect(alert).to_have_text("")
    page.clock.run_for("00:30")
    expect(alert).to_have_text("Five minutes left.")
    expect(alert).to_be_visible()
    expect(page.locator("#timer")).to_have_class(re.compile(r"\bis-low\b"))
    page.clock.run_for("04:00")
    expect(alert).to_have_text("One minute left.")
    expect(page.get_by_role("alert").filter(has_text="One minute left.")).to_be_visible()


def test_on_a_phone_a_question_shows_the_article_and_leads_back(
    live_server: LiveServer, new_context: NewContext, login: Callable[..., None]
) -> None:
    _, attempt_id = start_quiz(live_server)
    page = open_quiz(live_server, new_context, login, attempt_id, viewport=NARROW_PHONE)
    article = page.locator("#article-panel")
    questions = page.locator("#questions-panel")
    expect(article).to_be_visible()
    expect(questions).to_be_hidden()
    page.get_by_role("button", name="Questions", exact=True).click()
    expect(questions).to_be_visible()
    expect(article).to_be_hidden()
    third = page.locator("fieldset[data-question-id]").nth(2)
    third.get_by_role("button", name=re.compile("^Show in the article")).click()
    expect(article).to_be_visible()
    expect(questions).to_be_hidden()
    expect(page.get_by_role("button", name="Questions", exact=True)).to_have_attribute(
        "aria-pressed", "false"
    )
    page.get_by_role("button", name="Back to question 3").click()
    expect(questions).to_be_visible()
    expect(third.get_by_role("button", name=re.compile("^Show in the article"))).to_be_focused()

    # The navigator folds behind its button and leads to a question in the questions view.
    page.get_by_role("button", name="Article", exact=True).click()
    nav = page.get_by_role("navigation", name="Questions")
    expect(nav).to_be_hidden()
    page.get_by_role("button", name="Question list").click()
    nav.get_by_role("link", name="Question 5, not answered").click()
    expect(questions).to_be_visible()
    number = page.evaluate("() => document.activeElement.closest('fieldset').dataset.number")
    assert number == "5"


def test_the_new_parts_of_the_quiz_page_have_no_accessibility_violations(
    live_server: LiveServer,
    new_context: NewContext,
    login: Callable[..., None],
    axe_scan: AxeScan,
) -> None:
    _, attempt_id = start_quiz(live_server)
    # CSP bypassed from the start, so axe-core runs on this page in the state it is in.
    page = open_quiz(live_server, new_context, login, attempt_id, bypass_csp=True)
    page.locator("fieldset[data-question-id]").nth(1).get_by_role(
        "button", name=re.compile("^Flag for review")
    ).click()
    page.get_by_role("button", name="Reading tools").click()
    page.get_by_label("Highlight sentences for myself").check()
    page.locator("#article .sentence").nth(1).click()
    found = {"flags, reading tools, own highlights": axe_scan(page, "quiz page, reading tools")}
    page.get_by_label("Highlight sentences for myself").uncheck()
    evidence_group(page).get_by_role("button", name=re.compile("^Pick it in the article")).click()
    found["picking"] = axe_scan(page, "quiz page, picking evidence")
    page.keyboard.press("Escape")
    page.get_by_role("button", name="Submit and finish").click()
    expect(page.get_by_role("dialog")).to_be_visible()
    found["submit dialog"] = axe_scan(page, "quiz page, submit dialog")
    phone = open_quiz(
        live_server, new_context, login, attempt_id, bypass_csp=True, viewport=NARROW_PHONE
    )
    phone.get_by_role("button", name="Question list").click()
    found["phone, article"] = axe_scan(phone, "quiz page on a phone, article")
    phone.get_by_role("button", name="Questions", exact=True).click()
    found["phone, questions"] = axe_scan(phone, "quiz page on a phone, questions")
    violations = [v.format() for state in found.values() for v in state]
    assert violations == []
