"""The drafting queue: jobs are their owner's, a claim is exclusive and bounded under concurrency,
and a job whose runner died is queued again, then failed, never left running."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable

import pytest
import sqlalchemy as sa
import sqlalchemy.orm as so

from quizapp.db import models
from quizapp.db.engine import make_session_factory
from quizapp.errors import Conflict, Forbidden, NotFound
from quizapp.generator import ArticleText, DraftOptions
from quizapp.services import drafting
from quizapp.services.drafting import jobs

NOW = dt.datetime(2026, 12, 3, 9, 0, tzinfo=dt.UTC)
ARTICLE = ArticleText(title="Talks in Cairo", text="Turkey and Egypt held talks in Cairo.")


@pytest.fixture
def teacher(make_user: Callable[..., models.User]) -> models.User:
    return make_user("ms-lee", role=models.TEACHER)


@pytest.fixture
def colleagues(make_user: Callable[..., models.User]) -> list[models.User]:
    return [make_user(f"teacher-{n}", role=models.TEACHER) for n in range(3)]


def _queue(session: so.Session, owners: models.User | list[models.User], count: int) -> list[int]:
    """``count`` jobs, taken in turn by the owners (a teacher may have only a few at once)."""
    owners = owners if isinstance(owners, list) else [owners]
    return [
        drafting.submit(session, owners[n % len(owners)], ARTICLE, DraftOptions()).id
        for n in range(count)
    ]


def _claim_at_once(engine: sa.Engine, claimers: int, bound: int) -> list[int]:
    """Every claimer in its own thread and session, released together; the ids they got."""
    factory = make_session_factory(engine)
    start = threading.Barrier(claimers)
    got: list[int] = []
    errors: list[BaseException] = []

    def claim(number: int) -> None:
        try:
            with factory() as session:
                start.wait()
                claimed = drafting.claim(session, f"runner-{number}", bound, NOW)
                if claimed is not None:
                    got.append(claimed.id)
        except BaseException as error:  # reported below, not lost in the thread
            errors.append(error)

    threads = [threading.Thread(target=claim, args=(n,)) for n in range(claimers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    return got


def test_a_job_is_its_owners_alone(
    session: so.Session, teacher: models.User, make_user: Callable[..., models.User]
) -> None:
    job = drafting.submit(session, teacher, ARTICLE, DraftOptions(max_questions=5))
    status = drafting.job_status(session, teacher, job.id, NOW)
    assert (status.state, status.title, status.max_questions) == ("queued", "Talks in Cairo", 5)
    assert status.summary == "Waiting to be drafted: yours is next."
    other = make_user("mr-kay", role=models.TEACHER)
    with pytest.raises(NotFound):
        drafting.job_status(session, other, job.id, NOW)
    with pytest.raises(Forbidden):
        drafting.submit(session, make_user("sam"), ARTICLE, DraftOptions())


def test_claims_are_exclusive_under_concurrency(
    engine: sa.Engine, session: so.Session, colleagues: list[models.User]
) -> None:
    queued = _queue(session, colleagues, 6)
    got = _claim_at_once(engine, claimers=12, bound=12)
    assert sorted(got) == queued  # each job once, none twice
    session.rollback()
    runners = session.scalars(sa.select(models.DraftingJob.runner)).all()
    assert len(set(runners)) == 6


def test_the_bound_holds_under_concurrency(
    engine: sa.Engine, session: so.Session, colleagues: list[models.User]
) -> None:
    queued = _queue(session, colleagues, 5)
    got = _claim_at_once(engine, claimers=8, bound=2)
    assert sorted(got) == queued[:2]  # the oldest two, and no more
    assert drafting.claim(session, "late", 2, NOW) is None
    assert not drafting.work_waiting(session, 2, NOW)
    assert drafting.job_status(session, colleagues[2], queued[2], NOW).position == 1
    assert drafting.job_status(session, colleagues[1], queued[4], NOW).summary == (
        "Waiting to be drafted: 2 draft(s) ahead of yours."
    )
    first = session.scalars(
        sa.select(models.DraftingJob).where(models.DraftingJob.id == got[0])
    ).one()
    assert drafting.finish(session, first.id, str(first.runner), NOW, result_yaml="title: T\n")
    assert drafting.work_waiting(session, 2, NOW)
    next_job = drafting.claim(session, "late", 2, NOW)
    assert next_job is not None and next_job.id == queued[2]


def test_a_teacher_has_at_most_three_drafts_pending(
    session: so.Session, teacher: models.User
) -> None:
    first, *_ = _queue(session, teacher, jobs.MAX_PENDING_PER_TEACHER)
    with pytest.raises(Conflict, match="You have 3 drafts waiting or running"):
        drafting.submit(session, teacher, ARTICLE, DraftOptions())
    claimed = drafting.claim(session, "runner", 1, NOW)
    assert claimed is not None and claimed.id == first
    assert drafting.finish(session, first, "runner", NOW, result_yaml="title: T\n")
    assert drafting.submit(session, teacher, ARTICLE, DraftOptions()).id > first


def test_a_claimed_job_carries_its_article_and_options(
    session: so.Session, teacher: models.User
) -> None:
    drafting.submit(session, teacher, ARTICLE, DraftOptions(max_questions=4))
    claimed = drafting.claim(session, "runner", 1, NOW)
    assert claimed is not None
    assert claimed.article.text == ARTICLE.text and claimed.article.title == ARTICLE.title
    assert claimed.options.max_questions == 4
    later = NOW + dt.timedelta(seconds=12)
    status = drafting.job_status(session, teacher, claimed.id, later)
    assert (status.state, status.seconds, status.elapsed) == ("running", 12, "Running for 12 s.")


def test_a_dead_runners_job_is_queued_again_then_failed(
    session: so.Session, teacher: models.User
) -> None:
    (job_id,) = _queue(session, teacher, 1)
    assert drafting.claim(session, "dies", 1, NOW) is not None
    # While the lease lasts, the job counts against the bound and nobody else takes it.
    assert drafting.claim(session, "other", 1, NOW + jobs.LEASE / 2) is None
    assert drafting.renew_lease(session, job_id, "dies", NOW + jobs.LEASE / 2)

    lapsed = NOW + jobs.LEASE + jobs.LEASE / 2 + dt.timedelta(seconds=1)
    assert drafting.work_waiting(session, 1, lapsed)
    taken = drafting.claim(session, "second", 1, lapsed)
    assert taken is not None and taken.id == job_id
    # The first runner's late news is ignored: the job is no longer its own.
    assert not drafting.renew_lease(session, job_id, "dies", lapsed)
    assert not drafting.finish(session, job_id, "dies", lapsed, result_yaml="title: T\n")

    again = lapsed + jobs.LEASE + dt.timedelta(seconds=1)
    assert drafting.claim(session, "third", 1, again) is None
    status = drafting.job_status(session, teacher, job_id, again)
    assert status.state == "failed" and status.failure == jobs.RUNNER_LOST


def test_a_stopping_runner_gives_its_job_back(session: so.Session, teacher: models.User) -> None:
    (job_id,) = _queue(session, teacher, 1)
    assert drafting.claim(session, "stopping", 1, NOW) is not None
    drafting.release(session, job_id, "stopping")
    status = drafting.job_status(session, teacher, job_id, NOW)
    assert (status.state, status.position) == ("queued", 1)
    # Given back, it is not counted as a try: two more deaths are needed to fail it.
    assert drafting.claim(session, "next", 1, NOW) is not None
    session.rollback()
    assert session.get(models.DraftingJob, job_id, populate_existing=True).claims == 1


def test_finished_jobs_are_deleted_after_a_while(session: so.Session, teacher: models.User) -> None:
    old, recent = _queue(session, teacher, 2)
    for _ in (old, recent):
        assert drafting.claim(session, "runner", 2, NOW) is not None
    assert drafting.finish(session, old, "runner", NOW, failure="The article is empty.")
    later = NOW + jobs.KEEP_FINISHED + dt.timedelta(minutes=1)
    assert drafting.finish(session, recent, "runner", later, result_yaml="title: T\n")
    drafting.claim(session, "runner", 2, later)
    with pytest.raises(NotFound):
        drafting.job_status(session, teacher, old, later)
    assert drafting.job_status(session, teacher, recent, later).done
