"""The drafting queue in the database: a teacher's job from submission to its draft or failure.

Every runner of every worker and instance shares this table, so the pool's bound holds across
all of them. A claim is one write transaction that takes a named turn (``take_turn``), counts the
jobs running under a live lease and, below the bound, moves the oldest queued job to running
under the claimer's name: two claimers never take one job, and never pass the bound together.

A runner renews its job's lease while the job runs. A lease that ran out means its runner died
(a crash, ``kill -9``, a lost machine): the next claim puts the job back in the queue, or fails it
once it has been claimed :data:`MAX_CLAIMS` times, so an article that brings its runner down
cannot do so forever and no job stays "running" with nobody running it. A runner's late answer
for a job it lost is ignored, since every change names the runner that holds the job.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import sqlalchemy as sa
import sqlalchemy.orm as so

from quizapp.db.engine import take_turn, write_transaction
from quizapp.db.models import DONE, FAILED, QUEUED, RUNNING, TEACHER, DraftingJob, User
from quizapp.errors import Conflict, Forbidden, NotFound
from quizapp.generator import ArticleText, DraftOptions

# How long a claim holds a job without news from its runner; runners renew it far more often.
LEASE = dt.timedelta(seconds=30)
MAX_CLAIMS = 2
# Finished jobs are kept this long (their page shows the draft to review), then deleted.
KEEP_FINISHED = dt.timedelta(days=2)
CLAIM_TURN = "drafting-claim"
# A teacher's drafts waiting or running at once: one teacher cannot fill the queue for all.
MAX_PENDING_PER_TEACHER = 3

NOT_YOURS = "There is no such draft of yours."
RUNNER_LOST = (
    "Drafting stopped twice before this article was done. Try again, perhaps with a shorter "
    "part of it."
)


@dataclass(frozen=True)
class ClaimedJob:
    """What a runner needs to draft a job it holds."""

    id: int
    article: ArticleText
    options: DraftOptions


@dataclass(frozen=True)
class JobStatus:
    """A job as its owner's page shows it."""

    id: int
    state: str
    title: str
    position: int  # 1 for the next job to run, while queued; else 0
    seconds: int  # how long it has been running, or how long it ran
    failure: str
    result_yaml: str
    article_text: str
    max_questions: int

    @property
    def waiting(self) -> bool:
        return self.state == QUEUED

    @property
    def done(self) -> bool:
        return self.state == DONE

    @property
    def failed(self) -> bool:
        return self.state == FAILED

    @property
    def finished(self) -> bool:
        return self.state in (DONE, FAILED)

    @property
    def summary(self) -> str:
        """One sentence for the page's live region."""
        if self.state == QUEUED:
            ahead = self.position - 1
            if ahead == 0:
                return "Waiting to be drafted: yours is next."
            return f"Waiting to be drafted: {ahead} draft(s) ahead of yours."
        if self.state == RUNNING:
            return "Drafting the questions now."
        if self.state == DONE:
            return "The draft is ready to review."
        return f"The draft failed: {self.failure}"

    @property
    def elapsed(self) -> str:
        """How long it has run, apart from the summary: it changes every second, so it is no
        part of the live region a screen reader announces."""
        return f"Running for {self.seconds} s." if self.state == RUNNING else ""

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "state": self.state,
            "position": self.position,
            "seconds": self.seconds,
            "summary": self.summary,
            "elapsed": self.elapsed,
            "finished": self.finished,
        }


def submit(
    session: so.Session, owner: User, article: ArticleText, options: DraftOptions
) -> DraftingJob:
    """Queue ``article`` for drafting on behalf of the teacher ``owner``."""
    if owner.role != TEACHER:
        raise Forbidden("Only teachers draft question banks.")
    with write_transaction(session):
        pending = session.scalar(
            sa.select(sa.func.count())
            .select_from(DraftingJob)
            .where(DraftingJob.owner_id == owner.id, DraftingJob.state.in_((QUEUED, RUNNING)))
        )
        if (pending or 0) >= MAX_PENDING_PER_TEACHER:
            raise Conflict(
                f"You have {pending} drafts waiting or running; draft this article once one "
                "of them is done."
            )
        job = DraftingJob(
            owner_id=owner.id,
            state=QUEUED,
            title=article.title[:300],
            article_name=article.name[:300],
            article_text=article.text,
            max_questions=options.max_questions,
        )
        session.add(job)
    return job


def job_status(session: so.Session, owner: User, job_id: int, now: dt.datetime) -> JobStatus:
    """The owner's job as the page shows it; NotFound for anyone else's, as for a missing one."""
    job = session.scalar(
        sa.select(DraftingJob).where(DraftingJob.id == job_id, DraftingJob.owner_id == owner.id)
    )
    if job is None:
        raise NotFound(NOT_YOURS)
    position = 0
    if job.state == QUEUED:
        ahead = session.scalar(
            sa.select(sa.func.count())
            .select_from(DraftingJob)
            .where(DraftingJob.state == QUEUED, DraftingJob.id < job.id)
        )
        position = (ahead or 0) + 1
    seconds = 0
    if job.started_at is not None:
        seconds = int(((job.finished_at or now) - job.started_at).total_seconds())
    session.commit()  # a polled page must not hold a read transaction open
    return JobStatus(
        id=job.id,
        state=job.state,
        title=job.title,
        position=position,
        seconds=max(seconds, 0),
        failure=job.failure or "",
        result_yaml=job.result_yaml or "",
        article_text=job.article_text,
        max_questions=job.max_questions,
    )


def work_waiting(session: so.Session, bound: int, now: dt.datetime) -> bool:
    """Whether a claim could take a job now: a cheap read, so idle runners poll without writing."""
    live = DraftingJob.lease_until >= now
    running = session.scalar(
        sa.select(sa.func.count())
        .select_from(DraftingJob)
        .where(DraftingJob.state == RUNNING, live)
    )
    lost = sa.and_(DraftingJob.state == RUNNING, sa.not_(live))
    queued = DraftingJob.state == QUEUED if (running or 0) < bound else sa.false()
    found = session.scalar(sa.select(DraftingJob.id).where(sa.or_(queued, lost)).limit(1))
    session.commit()
    return found is not None


def claim(session: so.Session, runner: str, bound: int, now: dt.datetime) -> ClaimedJob | None:
    """Take the oldest queued job for ``runner`` if fewer than ``bound`` are running; else None.

    Jobs whose lease ran out are dealt with first (queued again, or failed), and finished jobs
    older than :data:`KEEP_FINISHED` are deleted.
    """
    with write_transaction(session):
        take_turn(session, CLAIM_TURN)
        _recover_lost(session, now)
        session.execute(
            sa.delete(DraftingJob).where(
                DraftingJob.state.in_((DONE, FAILED)),
                DraftingJob.finished_at < now - KEEP_FINISHED,
            )
        )
        running = session.scalar(
            sa.select(sa.func.count()).select_from(DraftingJob).where(DraftingJob.state == RUNNING)
        )
        if (running or 0) >= bound:
            return None
        job = session.scalar(
            sa.select(DraftingJob)
            .where(DraftingJob.state == QUEUED)
            .order_by(DraftingJob.id)
            .limit(1)
        )
        if job is None:
            return None
        job.state = RUNNING
        job.runner = runner
        job.claims += 1
        job.lease_until = now + LEASE
        job.started_at = now
        return ClaimedJob(
            id=job.id,
            article=ArticleText(title=job.title, text=job.article_text, name=job.article_name),
            options=DraftOptions(max_questions=job.max_questions),
        )


def _recover_lost(session: so.Session, now: dt.datetime) -> None:
    lost = session.scalars(
        sa.select(DraftingJob).where(DraftingJob.state == RUNNING, DraftingJob.lease_until < now)
    ).all()
    for job in lost:
        job.runner = None
        job.lease_until = None
        if job.claims >= MAX_CLAIMS:
            job.state, job.failure, job.finished_at = FAILED, RUNNER_LOST, now
        else:
            job.state, job.started_at = QUEUED, None


def _held(job_id: int, runner: str) -> sa.ColumnElement[bool]:
    return sa.and_(
        DraftingJob.id == job_id, DraftingJob.runner == runner, DraftingJob.state == RUNNING
    )


def renew_lease(session: so.Session, job_id: int, runner: str, now: dt.datetime) -> bool:
    """Keep holding the job; False when ``runner`` no longer holds it (it should stop)."""
    with write_transaction(session):
        changed = session.execute(
            sa.update(DraftingJob).where(_held(job_id, runner)).values(lease_until=now + LEASE)
        )
    return bool(getattr(changed, "rowcount", 0))


def finish(
    session: so.Session,
    job_id: int,
    runner: str,
    now: dt.datetime,
    *,
    result_yaml: str | None = None,
    failure: str | None = None,
) -> bool:
    """Record the job's draft (or its failure); False, and nothing written, if it was lost."""
    assert (result_yaml is None) != (failure is None), "a job ends with a draft or a failure"
    values: dict[str, object] = {
        "state": DONE if failure is None else FAILED,
        "result_yaml": result_yaml,
        "failure": failure,
        "finished_at": now,
        "lease_until": None,
    }
    with write_transaction(session):
        changed = session.execute(
            sa.update(DraftingJob).where(_held(job_id, runner)).values(**values)
        )
    return bool(getattr(changed, "rowcount", 0))


def release(session: so.Session, job_id: int, runner: str) -> None:
    """Give a job back to the queue untouched (its runner is stopping, not failing)."""
    with write_transaction(session):
        session.execute(
            sa.update(DraftingJob)
            .where(_held(job_id, runner))
            .values(
                state=QUEUED,
                runner=None,
                lease_until=None,
                started_at=None,
                claims=DraftingJob.claims - 1,
            )
        )
