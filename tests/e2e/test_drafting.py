"""Drafting in Chromium through the pool: paste an article, watch the job's page while another
draft holds the only runner, land on the review page and save the bank; without JavaScript the
page gets there by reloading itself."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from quizapp.db import models
from quizapp.generator import DraftOptions
from quizapp.services import drafting, generation
from tests.e2e.conftest import serve_quizapp

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from conftest import AxeScan, LiveServer, NewContext

pytestmark = pytest.mark.e2e

ARTICLE = Path(__file__).resolve().parents[1] / "data" / "articles" / "turkey-egypt-talks-2021.txt"
# Long enough for the runner to spend its whole time limit on it.
TIME_LIMIT_SECONDS = 8
# The runner's child may still be loading the pipeline when the first draft is sent.
DRAFT_WAIT_MS = 180_000


@pytest.fixture
def server(tmp_path: Path, chromium_executable: Path) -> Iterator[LiveServer]:
    with serve_quizapp(tmp_path, drafting=True, drafting_seconds=TIME_LIMIT_SECONDS) as served:
        yield served


def _hold_the_runner(server: LiveServer) -> None:
    """Another teacher's long article, queued first: it takes the one runner until its limit."""
    other = server.teacher("mr-kay", "Mr Kay")
    title, _, body = ARTICLE.read_text(encoding="utf-8").partition("\n\n")
    long = generation.article_from_upload(text=title + "\n\n" + "\n\n".join([body] * 30))
    with server.session() as session:
        drafting.submit(session, other, long, DraftOptions())


def test_a_pasted_article_waits_its_turn_then_lands_on_the_review_page_and_saves(
    server: LiveServer,
    new_context: NewContext,
    login: Callable[..., None],
    axe_scan: AxeScan,
) -> None:
    server.teacher()
    _hold_the_runner(server)
    page = new_context().new_page()
    login(page, server, "teacher")
    page.goto(f"{server.url}/teacher/drafts/new")
    page.get_by_label("Title (optional)").fill("Talks in Cairo")
    page.get_by_label("Article text").fill(ARTICLE.read_text(encoding="utf-8"))
    page.get_by_role("button", name="Draft questions").click()

    page.wait_for_url(re.compile(r"/teacher/drafts/jobs/\d+$"))
    job_url = page.url
    expect(page.get_by_role("heading", name="Drafting questions: Talks in Cairo")).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("Waiting to be drafted")
    assert axe_scan(page, "drafting job waiting") == []

    review = page.get_by_role("heading", name="Review the draft: Talks in Cairo")
    expect(review).to_be_visible(timeout=DRAFT_WAIT_MS)
    assert page.url == job_url  # the job's address is the review page now
    assert page.locator("li.draft-question").count() >= 3
    page.get_by_role("button", name="Save as a bank").click()
    expect(page.get_by_text("as a new bank.")).to_be_visible()

    with server.session() as session:
        owned = session.scalars(
            sa.select(models.Bank).join(models.User, models.Bank.owner_id == models.User.id)
        ).one()
        assert owned.title == "Talks in Cairo" and owned.owner.username == "teacher"
        states = session.scalars(sa.select(models.DraftingJob.state).order_by("id")).all()
        failures = session.scalars(sa.select(models.DraftingJob.failure).order_by("id")).all()
    # The long article ran out of time with its reason; the teacher's draft was done.
    assert states == ["failed", "done"]
    assert failures[0] == (
        f"The article took longer than {TIME_LIMIT_SECONDS} s to draft; try a shorter part of it."
    )


def test_without_javascript_the_job_page_reloads_itself_to_the_review_page(
    server: LiveServer, new_context: NewContext, login: Callable[..., None]
) -> None:
    server.teacher()
    page = new_context(java_script_enabled=False).new_page()
    login(page, server, "teacher")
    page.goto(f"{server.url}/teacher/drafts/new")
    page.get_by_label("Article text").fill(ARTICLE.read_text(encoding="utf-8"))
    page.get_by_role("button", name="Draft questions").click()
    page.wait_for_url(re.compile(r"/teacher/drafts/jobs/\d+$"))
    review = page.get_by_role("heading", name="Review the draft", exact=False)
    expect(review).to_be_visible(timeout=DRAFT_WAIT_MS)
