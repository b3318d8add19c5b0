"""The whole story in a real browser: a teacher assigns the sample bank, a student takes it.

From a fresh database: the teacher logs in, creates a class and assigns the sample bank; a student
joins with the class code, answers every question type, loses the connection mid-quiz (answers
changed offline are kept on the device and sent when the connection is back, or after the tab is
closed and the quiz opened again), submits twice (a double click and a second tab) and gets one
graded attempt with its evidence highlighted in the article; the teacher sees the result and
downloads both CSV layouts through the page's download button. The test also saves the README's
screenshots.
"""

from __future__ import annotations

import csv
import io
import re
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import pytest
import sqlalchemy as sa
from playwright.sync_api import Dialog, Locator, Page, expect

from quizapp.banks import load_bank_file
from quizapp.db import models
from quizapp.domain.article import Article
from quizapp.domain.grading import Grade
from quizapp.domain.questions import (
    Cloze,
    Evidence,
    MultipleChoice,
    MultiSelect,
    Numeric,
    Ordering,
    QuestionType,
    ShortAnswer,
    TrueFalse,
    WrittenResponse,
)
from quizapp.domain.quiz import Bank, attempt_fraction

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from conftest import BrowserErrors, LiveServer, NewContext

pytestmark = pytest.mark.e2e

STUDENT_NAME = "Aylin Demir"
STUDENT_USERNAME = "aylin"
STUDENT_PASSWORD = "reading is fun 42"
CLASS_NAME = "Year 10 Current Affairs"
# Answers the student ends with that are not the key: one wrong choice, one half-right name.
FINAL_WRONG = {"host-city": "Ankara"}
FINAL_PARTIAL = {"both-leads": "Onal"}
PHONE = {"width": 390, "height": 844}


# --- answering through the page ----------------------------------------------------------------


def question_group(page: Page, question: QuestionType) -> Locator:
    """The question's fieldset, found by its legend ("Question N <prompt>")."""
    return page.get_by_role("group", name=re.compile(re.escape(question.prompt) + "$"))


def choice_text(question: MultipleChoice | MultiSelect, choice_id: str) -> str:
    return next(choice.text for choice in question.choices if choice.id == choice_id)


def answer_with_key(page: Page, bank: Bank, question: QuestionType) -> None:
    """Give the answer key's response through the question's own controls."""
    group = question_group(page, question)
    key = question.correct_response()
    if isinstance(question, MultipleChoice):
        name = choice_text(question, key["choice"])
        group.get_by_role("radio", name=name, exact=True).check()
    elif isinstance(question, MultiSelect):
        for choice_id in key:
            group.get_by_role("checkbox", name=choice_text(question, choice_id), exact=True).check()
    elif isinstance(question, TrueFalse):
        group.get_by_role("radio", name=key["answer"].title(), exact=True).check()
    elif isinstance(question, ShortAnswer | Numeric | WrittenResponse):
        group.get_by_role("textbox").fill(key["answer"])
    elif isinstance(question, Cloze):
        # The blanks are labelled "Blank 1", "Blank 2"... in the order they appear in the text.
        for number, blank_id in enumerate(re.findall(r"\[\[([^\]]+)\]\]", question.text), 1):
            group.get_by_label(f"Blank {number}", exact=True).fill(key[blank_id])
    elif isinstance(question, Ordering):
        for item in question.items:
            group.get_by_label(item.text, exact=True).select_option(key[item.id])
    elif isinstance(question, Evidence):
        text = sentence_text(bank, key["sentence"])
        group.get_by_role("radio", name=re.compile(re.escape(text))).check()
    else:  # pragma: no cover - a new question type needs its own branch here
        raise AssertionError(f"no way to answer {question.type_name} yet")


def sentence_text(bank: Bank, sentence_id: str) -> str:
    return next(s.text for s in Article(bank.article).sentences if s.id == sentence_id)


def pick_evidence_in_article(page: Page, bank: Bank, question: Evidence) -> None:
    """Answer an evidence question the other way: by clicking the sentence in the article."""
    group = question_group(page, question)
    group.get_by_role("button", name=re.compile("^Pick it in the article")).click()
    sentence_id = question.correct_response()["sentence"]
    page.locator(f"#article [data-sentence='{sentence_id}']").click()
    expect(
        group.get_by_role("radio", name=re.compile(re.escape(sentence_text(bank, sentence_id))))
    ).to_be_checked()


def wait_until_saved(page: Page) -> None:
    """The page says every answer reached the server, and none waits on the device."""
    expect(page.locator("#save-status")).to_have_text(re.compile(r"^(Saved at|All answers saved)"))
    assert unsent_on_device(page) == {}


def unsent_on_device(page: Page) -> dict[str, Any]:
    stored = page.evaluate(
        """() => {
          const form = document.getElementById("quiz-form");
          const key = "quizapp.attempt." + form.getAttribute("data-attempt-id");
          return JSON.parse(localStorage.getItem(key) || "{}");
        }"""
    )
    pending: dict[str, Any] = stored.get("pending", {})
    return pending


def stored_answers(server: LiveServer, attempt_id: int) -> dict[str, dict[str, str]]:
    with server.session() as session:
        rows = session.scalars(
            sa.select(models.Response).where(models.Response.attempt_id == attempt_id)
        )
        return {row.question_id: dict(row.data) for row in rows}


def show_top(page: Page) -> None:
    """Scroll the page and both panels back to their start, for a screenshot."""
    page.evaluate(
        """() => {
          if (document.activeElement) { document.activeElement.blur(); }
          document.querySelectorAll(".article-panel, .questions-panel").forEach((panel) => {
            panel.scrollTop = 0;
          });
          window.scrollTo(0, 0);
        }"""
    )


def accept_dialogs(page: Page, seen: list[str]) -> None:
    """Answer "OK" to confirm() and to the leave-page question, noting each one."""

    def accept(dialog: Dialog) -> None:
        seen.append(dialog.type)
        dialog.accept()

    page.on("dialog", accept)


# --- the expected grades -----------------------------------------------------------------------


def final_responses(bank: Bank) -> dict[str, dict[str, str]]:
    responses = {question.id: question.correct_response() for question in bank.questions}
    host_city = bank.question("host-city")
    assert isinstance(host_city, MultipleChoice)
    wrong_id = next(c.id for c in host_city.choices if c.text == FINAL_WRONG["host-city"])
    responses["host-city"] = {"choice": wrong_id}
    responses["both-leads"] = {"answer": FINAL_PARTIAL["both-leads"]}
    return responses


def final_grades(bank: Bank) -> dict[str, Grade]:
    """The grades once the teacher has marked the written answer (the model answer) in full."""
    responses = final_responses(bank)
    return {
        question.id: Grade.for_fraction(Fraction(1))
        if question.marked_by_teacher
        else question.grade(responses[question.id])
        for question in bank.questions
    }


def mark_in_full(teacher: Page, server: LiveServer, bank: Bank, attempt_id: int) -> None:
    """The teacher gives every written answer of the attempt each criterion's full points."""
    teacher.goto(f"{server.url}/teacher/")
    teacher.get_by_role("link", name=bank.title).first.click()
    teacher.locator("#to-mark").get_by_role("link").first.click()
    for question in bank.questions:
        if not question.marked_by_teacher:
            continue
        for criterion in question.marking_criteria():
            field = teacher.locator(f"#criterion-{attempt_id}-{question.id}-{criterion.id}")
            field.fill(str(criterion.points))
        teacher.get_by_role("button", name=f"Save the mark of {question.id}").click()
        expect(teacher.get_by_text(f"{question.id} is marked")).to_be_visible()


def read_csv(path: Path) -> list[dict[str, str]]:
    text = path.read_text(encoding="utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


# --- the test ----------------------------------------------------------------------------------


def test_teacher_assigns_student_takes_quiz_offline_and_submits_once(
    live_server: LiveServer,
    new_context: NewContext,
    login: Callable[..., None],
    screenshot: Callable[..., Path],
    browser_errors: BrowserErrors,
) -> None:
    bank = load_bank_file(live_server.sample_bank_path)
    live_server.import_sample_bank()
    live_server.teacher(username="mrs.yilmaz", display_name="Mrs Yilmaz")

    # The teacher creates a class and assigns the sample bank to it.
    teacher_context = new_context()
    teacher = teacher_context.new_page()
    login(teacher, live_server, "mrs.yilmaz")
    expect(teacher.get_by_role("heading", name="Your classes")).to_be_visible()
    teacher.get_by_label("Class name").fill(CLASS_NAME)
    teacher.get_by_role("button", name="Create class").click()
    expect(teacher.get_by_role("heading", name=CLASS_NAME, level=1)).to_be_visible()
    join_code = teacher.locator("code.join-code.big").inner_text().strip()
    assert re.fullmatch(r"[A-Z0-9]{4,16}", join_code), join_code
    teacher.get_by_role("link", name="Assign a bank").click()
    expect(teacher.get_by_label("Title")).to_have_value(bank.title)
    teacher.get_by_role("button", name="Assign", exact=True).click()
    assigned = f"{bank.title} is assigned to {CLASS_NAME}: the bank {bank.title}, "
    expect(teacher.get_by_text(f"{assigned}{len(bank.questions)} question(s).")).to_be_visible()

    # A new student joins the class with its code and starts the quiz.
    student_context = new_context()
    student = student_context.new_page()
    dialogs: list[str] = []
    accept_dialogs(student, dialogs)
    student.goto(f"{live_server.url}/join")
    student.get_by_label("Class join code").fill(join_code.lower())
    student.get_by_label("Your name").fill(STUDENT_NAME)
    student.get_by_label("Choose a username").fill(STUDENT_USERNAME)
    student.get_by_label("Choose a password").fill(STUDENT_PASSWORD)
    student.get_by_label("Type the password again").fill(STUDENT_PASSWORD)
    student.get_by_role("button", name="Join the class").click()
    expect(student.get_by_role("heading", name="My quizzes")).to_be_visible()
    expect(student.get_by_text(f"You joined {CLASS_NAME}")).to_be_visible()
    # Joining adds a number to the chosen name, so that /join never tells which names are taken.
    told = student.get_by_text(re.compile(r"Your username is ")).inner_text()
    assigned = re.search(rf"Your username is ({STUDENT_USERNAME}-\d{{4}}):", told)
    assert assigned is not None, told
    username = assigned[1]
    student.get_by_role("link", name=bank.title).click()
    student.get_by_role("button", name="Start the quiz").click()
    student.wait_for_url(re.compile(r"/student/attempts/\d+$"))
    attempt_url = student.url
    attempt_id = int(attempt_url.rsplit("/", 1)[1])
    expect(student.get_by_role("heading", name="Questions")).to_be_visible()

    # Every question type, answered with the key (one evidence question by clicking the article).
    types_seen = set()
    evidence_by_click = next(q for q in bank.questions if isinstance(q, Evidence))
    for question in bank.questions:
        types_seen.add(question.type_name)
        if question is evidence_by_click:
            pick_evidence_in_article(student, bank, question)
        else:
            answer_with_key(student, bank, question)
    assert types_seen == {
        "multiple_choice", "multi_select", "true_false", "short_answer",
        "numeric", "cloze", "ordering", "evidence", "written_response",
    }  # fmt: skip
    wait_until_saved(student)
    saved = stored_answers(live_server, attempt_id)
    assert saved == {q.id: q.correct_response() for q in bank.questions}
    show_top(student)
    screenshot(student, "quiz")
    phone = new_context(viewport=PHONE, storage_state=student_context.storage_state())
    phone_page = phone.new_page()
    phone_page.goto(attempt_url)
    # A phone shows the article or the questions, with a switch in the bar.
    expect(phone_page.get_by_role("heading", name=bank.title, level=2)).to_be_visible()
    expect(phone_page.get_by_role("heading", name="Questions")).to_be_hidden()
    phone_page.get_by_role("button", name="Questions", exact=True).click()
    expect(phone_page.get_by_role("heading", name="Questions")).to_be_visible()
    show_top(phone_page)
    screenshot(phone_page, "quiz-phone")
    phone.close()

    # The connection drops; an answer changed now waits on the device; it goes when back online.
    both_leads = question_group(student, bank.question("both-leads")).get_by_role("textbox")
    student_context.set_offline(True)
    both_leads.fill(FINAL_PARTIAL["both-leads"])
    banner = student.get_by_role("alert").filter(has_text="Connection lost")
    expect(banner).to_be_visible()
    expect(student.locator("#save-status")).to_contain_text("offline")
    assert "both-leads" in unsent_on_device(student)
    assert stored_answers(live_server, attempt_id)["both-leads"] == saved["both-leads"]
    student_context.set_offline(False)
    expect(banner).to_be_hidden()
    wait_until_saved(student)
    assert stored_answers(live_server, attempt_id)["both-leads"] == {"answer": "Onal"}

    # Offline again; this time the tab is closed before the connection returns. Opening the
    # quiz again brings the answer back from the device and sends it.
    student_context.set_offline(True)
    host_city = question_group(student, bank.question("host-city"))
    host_city.get_by_role("radio", name=FINAL_WRONG["host-city"], exact=True).check()
    expect(banner).to_be_visible()
    assert "host-city" in unsent_on_device(student)
    student.close(run_before_unload=False)
    expected_final = final_responses(bank)
    assert stored_answers(live_server, attempt_id)["host-city"] == saved["host-city"]
    student_context.set_offline(False)
    student = student_context.new_page()
    accept_dialogs(student, dialogs)
    student.goto(attempt_url)
    wait_until_saved(student)
    assert stored_answers(live_server, attempt_id) == expected_final

    # A reload shows what the server kept: both changes, and every other answer.
    student.reload()
    expect(
        question_group(student, bank.question("both-leads")).get_by_role("textbox")
    ).to_have_value("Onal")
    host_city = question_group(student, bank.question("host-city"))
    expect(host_city.get_by_role("radio", name="Ankara", exact=True)).to_be_checked()
    expect(host_city.get_by_role("radio", name="Cairo", exact=True)).not_to_be_checked()
    turkish_lead = question_group(student, bank.question("turkish-lead")).get_by_role("textbox")
    expect(turkish_lead).to_have_value(bank.question("turkish-lead").correct_response()["answer"])

    # Submitting twice: a double click here, and a second tab that still shows the form.
    second_tab = student_context.new_page()
    accept_dialogs(second_tab, dialogs)
    second_tab.goto(attempt_url)
    expect(second_tab.get_by_role("button", name="Submit and finish")).to_be_visible()
    student.get_by_role("button", name="Submit and finish").click()
    student.get_by_role("dialog").get_by_role("button", name="Submit now").dblclick()
    # The written answer waits for the teacher: no score until it is marked.
    expect(student.locator(".result-summary")).to_contain_text("Waiting for your teacher")
    with live_server.session() as session:
        first = session.scalars(sa.select(models.Attempt)).all()
    assert [(a.id, a.state) for a in first] == [(attempt_id, models.SUBMITTED)]
    submitted_at, fraction_text = first[0].submitted_at, first[0].fraction_text
    second_tab.get_by_role("button", name="Submit and finish").click()
    second_tab.get_by_role("dialog").get_by_role("button", name="Submit now").click()
    expect(second_tab.get_by_text("already submitted")).to_be_visible()
    expect(second_tab.locator(".result-summary")).to_contain_text("Waiting for your teacher")
    with live_server.session() as session:
        after = session.scalars(sa.select(models.Attempt)).all()
    assert [(a.id, a.state, a.submitted_at, a.fraction_text) for a in after] == [
        (attempt_id, models.SUBMITTED, submitted_at, None)
    ]
    assert fraction_text is None

    # The teacher marks the written answer in full; the score is released.
    mark_in_full(teacher, live_server, bank, attempt_id)
    with live_server.session() as session:
        marked = session.get(models.Attempt, attempt_id)
        assert marked is not None
        fraction_text = marked.fraction_text
    grades = final_grades(bank)
    expected_fraction = attempt_fraction(bank, grades)
    assert Fraction(fraction_text or "nan") == expected_fraction
    assert stored_answers(live_server, attempt_id) == expected_final

    # One graded attempt, with feedback; the evidence of the question in focus is highlighted.
    student.reload()
    percent = f"{float(expected_fraction * 100):.0f} %"  # as the pages round it
    expect(student.locator(".result-summary .score")).to_have_text(percent)
    host_city = question_group(student, bank.question("host-city"))
    expect(host_city.locator(".feedback")).to_contain_text("Wrong")
    expect(host_city.locator(".correct-answer")).to_contain_text("Cairo")
    expect(question_group(student, bank.question("both-leads"))).to_contain_text("Partly right")
    evidence_sentence = student.locator("#article .sentence", has_text="for talks")
    expect(student.locator("#article .sentence.evidence")).to_have_count(0)
    host_city.get_by_role("link", name=re.compile("^Show the evidence")).click()
    expect(evidence_sentence).to_have_class(re.compile(r"\bevidence\b"))
    expect(evidence_sentence).to_have_class(re.compile(r"\bfocused\b"))
    expect(evidence_sentence).to_be_focused()
    host_city_evidence = host_city.locator("a.show-evidence").get_attribute("data-sentences")
    assert host_city_evidence is not None
    highlighted = student.eval_on_selector_all(
        "#article .sentence.evidence", "spans => spans.map(s => s.id)"
    )
    assert highlighted == host_city_evidence.split()
    screenshot(student, "feedback")

    # The student's progress page lists the grade.
    student.get_by_role("link", name="Progress").first.click()
    expect(student.get_by_role("heading", name="Your progress")).to_be_visible()
    expect(student.get_by_role("main")).to_contain_text(percent)

    # The teacher sees the result and downloads both layouts.
    teacher.goto(f"{live_server.url}/teacher/")
    teacher.get_by_role("link", name=bank.title).first.click()
    expect(teacher.get_by_role("heading", name=bank.title, level=1)).to_be_visible()
    expect(teacher.get_by_text("1 of 1 student(s) have a grade")).to_be_visible()
    expect(teacher.locator("details.student-result summary")).to_contain_text(
        f"{STUDENT_NAME} {username} — {percent}"
    )
    screenshot(teacher, "results")
    gradebook = download_csv(teacher, "gradebook")
    responses = download_csv(teacher, "responses")

    question_ids = [question.id for question in bank.questions]
    assert list(gradebook[0]) == [
        "class", "username", "display_name", "quiz", "attempts", *question_ids, "total_percent",
    ]  # fmt: skip
    assert len(gradebook) == 1
    row = gradebook[0]
    assert (row["class"], row["username"], row["display_name"], row["attempts"]) == (
        CLASS_NAME, username, STUDENT_NAME, "1",
    )  # fmt: skip
    assert {qid: Fraction(row[qid]) for qid in question_ids} == {
        qid: grade.fraction for qid, grade in grades.items()
    }
    assert Fraction(row["host-city"]) == 0 and Fraction(row["both-leads"]) == Fraction(1, 2)
    assert abs(Fraction(row["total_percent"]) - expected_fraction * 100) <= Fraction(1, 200)

    assert list(responses[0]) == [
        "class", "username", "display_name", "quiz", "attempt", "question_id",
        "response", "credit", "state", "saved_at", "submitted_at",
    ]  # fmt: skip
    assert sorted(r["question_id"] for r in responses) == sorted(question_ids)
    by_question = {r["question_id"]: r for r in responses}
    assert all(r["username"] == username and r["attempt"] == "1" for r in responses)
    assert (by_question["host-city"]["response"], by_question["host-city"]["state"]) == (
        "Ankara", "wrong",
    )  # fmt: skip
    assert Fraction(by_question["host-city"]["credit"]) == 0
    assert (by_question["both-leads"]["response"], by_question["both-leads"]["state"]) == (
        "Onal", "partial",
    )  # fmt: skip
    assert Fraction(by_question["both-leads"]["credit"]) == Fraction(1, 2)
    assert {qid: Fraction(r["credit"]) for qid, r in by_question.items()} == {
        qid: grade.fraction for qid, grade in grades.items()
    }

    assert browser_errors.seen == []


def download_csv(page: Page, layout: str) -> list[dict[str, str]]:
    """Download one layout with its button in the page's export form."""
    form = page.locator("form.export-form").last
    with page.expect_download() as info:
        form.get_by_role("button", name=f"{layout.capitalize()} CSV").click()
    download = info.value
    assert download.suggested_filename.endswith(".csv")
    assert layout in download.suggested_filename
    return read_csv(download.path())
