"""The draft review page as a workbench in Chromium: the article beside the questions with each
question's source sentence marked, questions reordered with the buttons, a save that fails and
keeps every edit and the order, then succeeds; a question proposed for selected words and
added; the quiz previewed as a student; nothing outside its card at desktop widths, the columns
stacked on a phone, and axe-core finding nothing wrong.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Page, expect

from quizapp.db import models
from quizapp.generator.reading import ArticleText
from quizapp.services import banks, drafting
from quizapp.services.generation import DraftOptions

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from conftest import AxeScan, LiveServer, NewContext

pytestmark = pytest.mark.e2e

WRITTEN = "why-egypt-hesitates"
# The ask control parses the selection's paragraphs in the request: the first loads spaCy.
FIRST_PROPOSAL_MS = 120_000

# Elements of the page that reach past the card (or the page) they sit in.
OUT_OF_CARD = """() => {
  const found = [];
  const root = document.documentElement;
  if (root.scrollWidth > root.clientWidth) found.push("the page scrolls sideways");
  for (const card of document.querySelectorAll(".card, .draft-question")) {
    const edge = card.getBoundingClientRect();
    for (const inner of card.querySelectorAll("*")) {
      const box = inner.getBoundingClientRect();
      if (!box.width || !inner.getClientRects().length) continue;
      if (box.left < edge.left - 1 || box.right > edge.right + 1) {
        const name = `${inner.tagName.toLowerCase()}#${inner.id}.${inner.className}`;
        found.push(`${name} in ${card.id || card.className}`);
      }
    }
  }
  return found.slice(0, 10);
}"""


def finished_draft(server: LiveServer, teacher: models.User) -> int:
    """A drafting job of the teacher's, done, whose draft is the sample bank."""
    text = server.sample_bank_path.read_text(encoding="utf-8")
    draft = text.replace("id: turkey-egypt-talks-2021", "id: my-draft", 1)
    now = dt.datetime.now(dt.UTC)
    with server.session() as session:
        article = ArticleText(title="Talks", text="Talks in Cairo.", name="pasted text")
        job = drafting.submit(session, teacher, article, DraftOptions(max_questions=8))
        assert drafting.claim(session, "runner", 1, now) is not None
        assert drafting.finish(session, job.id, "runner", now, result_yaml=draft)
        return job.id


def order(page: Page) -> list[str]:
    ids: list[str] = page.locator("li.draft-question").evaluate_all(
        "items => items.map(item => item.dataset.question)"
    )
    return ids


def test_a_teacher_reviews_a_draft_beside_its_article_reorders_fails_fixes_and_saves(
    live_server: LiveServer,
    new_context: NewContext,
    login: Callable[..., None],
    axe_scan: AxeScan,
    screenshot: Callable[..., Path],
) -> None:
    teacher = live_server.teacher()
    job_id = finished_draft(live_server, teacher)
    context = new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    login(page, live_server, "teacher")
    page.goto(f"{live_server.url}/teacher/drafts/jobs/{job_id}")
    expect(page.get_by_role("heading", name="Review the draft", exact=False)).to_be_visible()

    # The article sits beside the questions, its source sentences marked.
    article = page.locator("#review-article")
    questions = page.locator("#review-form")
    left, right = article.bounding_box(), questions.bounding_box()
    assert left is not None and right is not None
    assert left["x"] + left["width"] <= right["x"] and abs(left["y"] - right["y"]) < 5
    first, second, *_ = order(page)
    card = page.locator(f"#question-{second}")
    source = card.get_attribute("data-sentences")
    assert source
    mark = page.locator(f"#source-{source.split()[0]}")
    expect(mark).to_be_visible()
    card.hover()
    expect(mark).to_have_class("source current")
    screenshot(page, "draft-review")
    card.get_by_role("link", name="Show in the article").click()
    expect(mark).to_be_focused()
    assert axe_scan(page, "draft review") == []

    # Reorder with the buttons: the cards move and every position is renumbered.
    page.locator(f"#question-{first}").get_by_role("button", name="Move down").click()
    assert order(page)[:2] == [second, first]
    expect(page.locator(f"#position-{second}")).to_have_value("1")
    expect(page.locator(f"#position-{first}")).to_have_value("2")
    expect(page.get_by_text("Moved to position 2.")).to_be_visible()

    # Edits, one of which breaks the save.
    page.locator(f"#prompt-{first}").fill("What is this report mainly about, really?")
    page.locator(f"#model-{WRITTEN}").fill("Egypt distrusts Turkey and waits for deeds.")
    points = page.locator(f"[id='criterion-points-{WRITTEN}.1']")
    points.fill("lots")
    page.get_by_role("button", name="Save as a bank").click()
    summary = page.get_by_role("alert").filter(has_text="Nothing was saved")
    expect(summary).to_contain_text("rubric: give criterion 2 points above 0, not “lots”.")
    assert order(page)[:2] == [second, first]  # the order asked for is kept
    expect(page.locator(f"#prompt-{first}")).to_have_value(
        "What is this report mainly about, really?"
    )
    expect(page.locator(f"#model-{WRITTEN}")).to_have_value(
        "Egypt distrusts Turkey and waits for deeds."
    )
    expect(points).to_have_value("lots")
    assert axe_scan(page, "draft review with problems") == []
    summary.get_by_role("link").first.click()
    assert page.url.endswith(f"#rubric-{WRITTEN}")

    # The whole quiz as a student, in a tab of its own, before saving.
    with context.expect_page() as opened:
        points.fill("3")
        page.get_by_role("button", name="Preview as a student").click()
    preview = opened.value
    expect(preview.get_by_role("note")).to_contain_text("Preview — nothing is saved.")
    expect(preview.get_by_text("What is this report mainly about, really?")).to_be_visible()
    assert axe_scan(preview, "draft preview") == []
    preview.close()

    page.get_by_role("button", name="Save as a bank").click()
    expect(page.get_by_text("as a new bank.")).to_be_visible()
    with live_server.session() as session:
        saved = banks.load_version_bank(banks.find_version(session, "my-draft"))
    ids = [q.id for q in saved.questions]
    assert ids[:2] == [second, first]
    assert saved.question(first).prompt == "What is this report mainly about, really?"
    written = saved.question(WRITTEN)
    assert written.correct_response() == {"answer": "Egypt distrusts Turkey and waits for deeds."}
    assert [str(c.points) for c in written.marking_criteria()] == ["2", "3", "1"]


def test_a_question_is_proposed_for_words_selected_in_the_article_and_added(
    live_server: LiveServer,
    new_context: NewContext,
    login: Callable[..., None],
    select_in_article: Callable[[Page, str], None],
) -> None:
    teacher = live_server.teacher()
    job_id = finished_draft(live_server, teacher)
    page = new_context().new_page()
    login(page, live_server, "teacher")
    page.goto(f"{live_server.url}/teacher/drafts/jobs/{job_id}")
    before = order(page)
    page.locator(f"#prompt-{before[0]}").fill("Edited before asking?")
    select_in_article(page, "Sedat Onal")
    page.get_by_role("button", name="Propose a question").click()
    prompt = page.locator("#new_prompt")
    expect(prompt).not_to_have_value("", timeout=FIRST_PROPOSAL_MS)
    expect(page.locator("#new_answer")).to_have_value("Sedat Onal")
    proposed = prompt.input_value()
    page.get_by_role("button", name="Add as a new question").click()
    expect(page.get_by_text("Question added at the end of the draft")).to_be_visible()
    after = order(page)
    assert after[:-1] == before
    expect(page.locator(f"#prompt-{after[-1]}")).to_have_value(proposed)
    expect(page.locator(f"#prompt-{before[0]}")).to_have_value("Edited before asking?")


@pytest.mark.parametrize("width", [1024, 1280, 1920])
def test_nothing_leaves_its_card_at_desktop_widths(
    width: int, live_server: LiveServer, new_context: NewContext, login: Callable[..., None]
) -> None:
    job_id = finished_draft(live_server, live_server.teacher())
    page = new_context(viewport={"width": width, "height": 900}).new_page()
    login(page, live_server, "teacher")
    page.goto(f"{live_server.url}/teacher/drafts/jobs/{job_id}")
    assert page.evaluate(OUT_OF_CARD) == []
    article = page.locator("#review-article").bounding_box()
    questions = page.locator("#review-form").bounding_box()
    assert article is not None and questions is not None
    assert article["x"] + article["width"] <= questions["x"]  # side by side
    # The article stays in view while the questions scroll past.
    page.mouse.wheel(0, 3000)
    page.wait_for_function("() => window.scrollY > 1000")
    box = page.locator("#review-article").bounding_box()
    assert box is not None and 0 <= box["y"] < 100


def test_on_a_phone_the_article_comes_first_and_nothing_scrolls_sideways(
    live_server: LiveServer, new_context: NewContext, login: Callable[..., None]
) -> None:
    job_id = finished_draft(live_server, live_server.teacher())
    page = new_context(viewport={"width": 390, "height": 844}).new_page()
    login(page, live_server, "teacher")
    page.goto(f"{live_server.url}/teacher/drafts/jobs/{job_id}")
    article = page.locator("#review-article").bounding_box()
    questions = page.locator("#review-form").bounding_box()
    assert article is not None and questions is not None
    assert article["y"] + article["height"] <= questions["y"]  # stacked
    assert page.evaluate(OUT_OF_CARD) == []


def test_without_javascript_positions_are_typed_and_the_links_are_anchors(
    live_server: LiveServer, new_context: NewContext, login: Callable[..., None]
) -> None:
    teacher = live_server.teacher()
    job_id = finished_draft(live_server, teacher)
    page = new_context(java_script_enabled=False).new_page()
    login(page, live_server, "teacher")
    page.goto(f"{live_server.url}/teacher/drafts/jobs/{job_id}")
    ids = order(page)
    expect(page.get_by_role("button", name="Move down").first).to_be_hidden()
    expect(page.get_by_role("button", name="Propose a question")).to_be_hidden()
    card = page.locator(f"#question-{ids[2]}")
    card.get_by_role("link", name="Show in the article").click()
    source = (card.get_attribute("data-sentences") or "").split()[0]
    assert page.url.endswith(f"#source-{source}")
    assert page.locator(f"#source-{source}").evaluate("(mark) => mark.matches(':target')")
    page.locator(f"#position-{ids[2]}").fill("1")
    page.get_by_role("button", name="Save as a bank").click()
    expect(page.get_by_text("as a new bank.")).to_be_visible()
    with live_server.session() as session:
        saved = banks.load_version_bank(banks.find_version(session, "my-draft"))
    assert [q.id for q in saved.questions][:3] == [ids[2], ids[0], ids[1]]
