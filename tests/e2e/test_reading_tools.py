"""Reading supports on the quiz page in Chromium: text size, line spacing and the vendored font,
kept per student in the browser; highlighting sentences for oneself, which changes no answer;
and reading aloud through the browser's speech synthesis (each utterance is recorded on its way
to the real ``speechSynthesis.speak``)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Page, expect

from quizapp.db.base import utcnow

if TYPE_CHECKING:
    from collections.abc import Callable

    from conftest import LiveServer, NewContext

pytestmark = pytest.mark.e2e

# Records what is spoken, then hands it to the browser as usual.
RECORD_SPEECH = """
window.spokenTexts = [];
if (window.speechSynthesis) {
  const speak = window.speechSynthesis.speak.bind(window.speechSynthesis);
  window.speechSynthesis.speak = (utterance) => {
    window.spokenTexts.push(utterance.text);
    speak(utterance);
  };
}
"""


def seed(server: LiveServer) -> dict[str, int]:
    """Two students of one class, each with an attempt at the sample bank in progress."""
    from quizapp.services import attempts

    bank_id = server.import_sample_bank()
    teacher = server.teacher()
    classroom = server.classroom(teacher)
    assignment = server.assign(teacher, classroom, bank_id)
    ids = {}
    for username in ("selin", "ali"):
        student = server.student(username, classroom)
        with server.session() as session:
            ids[username] = attempts.start_or_resume(session, student, assignment.id, utcnow()).id
    return ids


def open_tools(page: Page) -> None:
    page.get_by_role("button", name="Reading tools").click()
    expect(page.get_by_role("group", name="Reading tools")).to_be_visible()


def article_style(page: Page, prop: str) -> str:
    value: str = page.eval_on_selector("#article", f"a => getComputedStyle(a).{prop}")
    return value


def test_text_size_spacing_and_font_are_kept_per_student(
    live_server: LiveServer, new_context: NewContext, login: Callable[..., None]
) -> None:
    attempts = seed(live_server)
    page = new_context().new_page()
    fonts: list[int] = []
    page.on("response", lambda r: fonts.append(r.status) if r.url.endswith(".woff2") else None)
    login(page, live_server, "selin")
    page.goto(f"{live_server.url}/student/attempts/{attempts['selin']}")
    normal_size = float(article_style(page, "fontSize").removesuffix("px"))
    normal_height = float(article_style(page, "lineHeight").removesuffix("px"))
    open_tools(page)
    page.get_by_label("Text size").select_option("larger")
    page.get_by_label("Line spacing").select_option("wider")
    page.get_by_label("Readable font").check()
    assert float(article_style(page, "fontSize").removesuffix("px")) > normal_size * 1.3
    assert float(article_style(page, "lineHeight").removesuffix("px")) > normal_height * 1.5
    assert "Atkinson Hyperlegible" in article_style(page, "fontFamily")
    page.evaluate("() => document.fonts.ready")
    assert page.evaluate("() => document.fonts.check('16px \"Atkinson Hyperlegible\"')")
    assert fonts and set(fonts) == {200}

    page.reload()
    assert float(article_style(page, "fontSize").removesuffix("px")) > normal_size * 1.3
    open_tools(page)
    expect(page.get_by_label("Text size")).to_have_value("larger")
    expect(page.get_by_label("Readable font")).to_be_checked()

    # Another student on the same browser starts from the usual settings.
    page.get_by_role("button", name=re.compile("^Log out")).click()
    login(page, live_server, "ali")
    page.goto(f"{live_server.url}/student/attempts/{attempts['ali']}")
    assert float(article_style(page, "fontSize").removesuffix("px")) == normal_size
    assert "Atkinson" not in article_style(page, "fontFamily")


def test_highlighting_for_oneself_changes_no_answer_and_is_kept(
    live_server: LiveServer, new_context: NewContext, login: Callable[..., None]
) -> None:
    attempts = seed(live_server)
    page = new_context().new_page()
    login(page, live_server, "selin")
    page.goto(f"{live_server.url}/student/attempts/{attempts['selin']}")
    sentence = page.locator("#article .sentence").nth(2)
    sentence.click()
    expect(sentence).not_to_have_class(re.compile("my-highlight"))
    open_tools(page)
    page.get_by_label("Highlight sentences for myself").check()
    sentence.click()
    expect(sentence).to_have_class(re.compile("my-highlight"))
    expect(sentence).to_have_attribute("aria-pressed", "true")
    page.locator("#article .sentence").nth(4).focus()
    page.keyboard.press("Enter")
    expect(page.locator("#article .sentence").nth(4)).to_have_class(re.compile("my-highlight"))
    assert page.locator("#quiz-form input:checked").count() == 0
    expect(page.locator("#answered-count")).to_have_text(re.compile(r"^0 of \d+ answered$"))
    page.reload()
    highlighted = page.eval_on_selector_all(
        "#article .sentence.my-highlight", "spans => spans.map(s => s.id)"
    )
    ids = page.eval_on_selector_all("#article .sentence", "spans => spans.map(s => s.id)")
    assert highlighted == [ids[2], ids[4]]


def test_read_aloud_speaks_the_article_and_a_question(
    live_server: LiveServer, new_context: NewContext, login: Callable[..., None]
) -> None:
    attempts = seed(live_server)
    context = new_context()
    context.add_init_script(RECORD_SPEECH)
    page = context.new_page()
    login(page, live_server, "selin")
    page.goto(f"{live_server.url}/student/attempts/{attempts['selin']}")
    open_tools(page)
    page.get_by_role("button", name="Read the article aloud").click()
    spoken: list[str] = page.evaluate("() => window.spokenTexts")
    heading = page.locator("#article-heading").inner_text()
    sentences = page.locator("#article .sentence").all_inner_texts()
    assert spoken == [heading, *(" ".join(s.split()) for s in sentences)]
    page.get_by_role("button", name="Stop reading").click()

    question = page.locator("fieldset[data-type=multiple_choice]").first
    question.get_by_role("button", name=re.compile("^Read aloud")).click()
    spoken = page.evaluate("() => window.spokenTexts")[len(sentences) + 1 :]
    prompt = question.locator(".question-prompt").inner_text()
    options = question.locator(".option label").all_inner_texts()
    assert spoken[0].endswith(prompt) and spoken[1:] == [" ".join(o.split()) for o in options]
