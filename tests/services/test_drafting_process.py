"""The drafting child process and its runner: real spaCy drafts, killed past their time or memory
with a message the teacher can act on, and a runner that sees a queued job through."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import sqlalchemy.orm as so

from quizapp.config import Config
from quizapp.db import models
from quizapp.generator import ArticleText, DraftOptions
from quizapp.services import draft_review, drafting, generation
from quizapp.services.drafting.process import DraftingProcess
from tests.conftest import drafting_runner, wait_for_job

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "articles" / "turkey-egypt-talks-2021.txt"


def _sample() -> ArticleText:
    return generation.article_from_upload(text=SAMPLE.read_text(encoding="utf-8"))


def _long_article() -> ArticleText:
    """About 90,000 characters of real sentences: well within the cap, long to parse."""
    title, _, body = SAMPLE.read_text(encoding="utf-8").partition("\n\n")
    return generation.article_from_upload(text=title + "\n\n" + "\n\n".join([body] * 30))


@pytest.fixture(scope="module")
def processes() -> Iterator[Callable[[], DraftingProcess]]:
    """A loaded child, the same one until a test's limit ends it (loading takes seconds)."""
    current: list[DraftingProcess] = []

    def usable() -> DraftingProcess:
        if not current or not current[0].usable:
            process = DraftingProcess()
            assert process.wait_ready(), process.broken
            current[:] = [process]
        return current[0]

    yield usable
    for process in current:
        process.stop()


def test_one_loaded_child_drafts_article_after_article(
    processes: Callable[[], DraftingProcess],
) -> None:
    process = processes()
    first = process.draft(_sample(), DraftOptions(max_questions=5), seconds=120, memory_mb=1500)
    assert first is not None and first.failure is None and first.result_yaml
    drafted = draft_review.review_page(first.result_yaml).items
    assert 3 <= len(drafted) <= 5
    second = process.draft(_sample(), DraftOptions(max_questions=5), seconds=120, memory_mb=1500)
    assert second == first  # the same draft, from the same child: the pipeline loaded once
    assert process.usable and process is processes()
    empty = ArticleText(title="Nothing", text="   ", name="pasted text")
    refused = process.draft(empty, DraftOptions(), seconds=120, memory_mb=1500)
    assert refused is not None and refused.failure == "pasted text: the article is empty."
    assert process.usable  # a refused article costs nothing


def test_a_draft_over_its_time_is_killed_with_a_message(
    processes: Callable[[], DraftingProcess],
) -> None:
    process = processes()
    outcome = process.draft(_long_article(), DraftOptions(), seconds=1, memory_mb=4000)
    assert outcome is not None
    assert outcome.failure == (
        "The article took longer than 1 s to draft; try a shorter part of it."
    )
    assert not process.usable  # killed; the runner starts a fresh child


def test_a_draft_over_its_memory_is_stopped_with_a_message(
    processes: Callable[[], DraftingProcess],
) -> None:
    process = processes()
    # A little above what the loaded child already uses: parsing 90,000 characters needs more.
    limit = process.ready_memory_mb + 60
    outcome = process.draft(_long_article(), DraftOptions(), seconds=300, memory_mb=limit)
    assert outcome is not None
    assert outcome.failure == (
        f"The article needed more than {limit} MB to draft; try a shorter part of it."
    )
    assert not process.usable
    # The next child drafts as before: the limit was the job's, not the runner's.
    again = processes().draft(_sample(), DraftOptions(), seconds=120, memory_mb=1500)
    assert again is not None and again.result_yaml


def test_a_runner_drafts_a_queued_job_and_fails_one_over_its_time(
    config: Config, session: so.Session, make_user: Callable[..., models.User]
) -> None:
    teacher = make_user("ms-lee", role=models.TEACHER)
    short = drafting.submit(session, teacher, _sample(), DraftOptions(max_questions=4))
    long = drafting.submit(session, teacher, _long_article(), DraftOptions())
    with drafting_runner(dataclasses.replace(config, drafting_seconds=10)):
        done = wait_for_job(session, short.id)
        failed = wait_for_job(session, long.id)
    assert done.state == models.DONE and done.result_yaml and done.failure is None
    assert len(draft_review.review_page(done.result_yaml).items) <= 4
    assert failed.state == models.FAILED
    assert failed.failure == "The article took longer than 10 s to draft; try a shorter part of it."
    assert failed.result_yaml is None and failed.lease_until is None
