"""A drafting runner: one slot of the pool, claiming jobs from the database and drafting each in
its child process (:class:`DraftingProcess`) within the configured time and memory.

The runner itself is light (it polls, renews its lease and waits); it lives in a process of its
own (``quizapp drafting-worker``, which ``quizapp serve`` starts as many times as
``QUIZAPP_DRAFTING_WORKERS``) or, in tests, in a thread. Idle runners only read, once a second;
they write when there is a job to claim. A runner told to stop in the middle of a job gives the
job back to the queue; one that dies without a word leaves its lease to run out.
"""

from __future__ import annotations

import logging
import os
import secrets
import socket
import threading
import time

import sqlalchemy.orm as so

from quizapp.config import Config
from quizapp.db.base import utcnow
from quizapp.db.engine import make_engine, make_session_factory
from quizapp.services.drafting import jobs
from quizapp.services.drafting.process import DraftingProcess, Outcome

log = logging.getLogger(__name__)

IDLE_SECONDS = 1.0
RENEW_SECONDS = 5.0
# A child that cannot load the pipeline is tried again this often (the operator may fix it).
BROKEN_RETRY_SECONDS = 60.0


def runner_name() -> str:
    """A name no other runner has: the host, the process and a random part (for threads)."""
    return f"{socket.gethostname()[:60]}:{os.getpid()}:{secrets.token_hex(4)}"


def unavailable(reason: str) -> str:
    return (
        f"Drafting is not available on this server just now ({reason}). Ask the person who "
        "runs quizapp to look at its log, then try again."
    )


class Runner:
    """Claims and drafts jobs until :meth:`stop`; ``run`` is its loop."""

    def __init__(self, config: Config, *, parent_pid: int | None = None) -> None:
        self.config = config
        self.name = runner_name()
        self.parent_pid = parent_pid  # stop when this process is no longer our parent
        self._stop = threading.Event()
        self._engine = make_engine(config.database_url, pool_size=1, max_overflow=1)
        self._sessions = make_session_factory(self._engine)
        self._process: DraftingProcess | None = None
        self._retry_at = 0.0

    def stop(self) -> None:
        self._stop.set()

    def running(self) -> bool:
        if self.parent_pid is not None and os.getppid() != self.parent_pid:
            self._stop.set()
        return not self._stop.is_set()

    def run(self) -> None:
        log.info("drafting runner %s started", self.name)
        try:
            while self.running():
                process = self._child()
                if process is None or not self._run_one(process):
                    self._stop.wait(IDLE_SECONDS)
        finally:
            if self._process is not None:
                self._process.stop()
            self._engine.dispose()
            log.info("drafting runner %s stopped", self.name)

    def _child(self) -> DraftingProcess | None:
        """The loaded child, started (and waited for) when there is none; None if stopping.

        A broken child (the pipeline will not load) is kept until its retry time, so that the
        jobs claimed meanwhile fail with its reason instead of waiting for ever.
        """
        process = self._process
        waiting_to_retry = process is not None and bool(process.broken)
        waiting_to_retry = waiting_to_retry and time.monotonic() < self._retry_at
        if process is not None and (process.usable or waiting_to_retry):
            return process
        if process is not None:
            process.kill()
        self._process = process = DraftingProcess()
        if process.wait_ready(self.running):
            log.info("drafting process %s ready (%s MB)", process.pid, process.ready_memory_mb)
        elif process.broken:
            log.error("drafting process cannot start: %s", process.broken)
            self._retry_at = time.monotonic() + BROKEN_RETRY_SECONDS
        else:
            return None
        return process

    def _run_one(self, process: DraftingProcess) -> bool:
        """Claim a job and see it through; False when there was none to claim."""
        bound = self.config.drafting_workers
        with self._sessions() as session:
            if not jobs.work_waiting(session, bound, utcnow()):
                return False
            claimed = jobs.claim(session, self.name, bound, utcnow())
            if claimed is None:
                return False
            log.info("drafting job %s claimed by %s", claimed.id, self.name)
            if process.broken:
                outcome: Outcome | None = Outcome(failure=unavailable(process.broken))
            else:
                outcome = process.draft(
                    claimed.article,
                    claimed.options,
                    seconds=self.config.drafting_seconds,
                    memory_mb=self.config.drafting_memory_mb,
                    keep_going=_LeaseKeeper(self, session, claimed.id),
                )
            if outcome is None:  # stopping, or the job was taken from us
                jobs.release(session, claimed.id, self.name)
                return True
            recorded = jobs.finish(
                session,
                claimed.id,
                self.name,
                utcnow(),
                result_yaml=outcome.result_yaml,
                failure=outcome.failure,
            )
            log.info(
                "drafting job %s %s%s",
                claimed.id,
                "failed: " + outcome.failure if outcome.failure else "done",
                "" if recorded else " (too late: another runner had taken it)",
            )
        return True


class _LeaseKeeper:
    """Asked every tick while a job runs: renews the lease now and then, says when to give up."""

    def __init__(self, runner: Runner, session: so.Session, job_id: int) -> None:
        self.runner = runner
        self.session = session
        self.job_id = job_id
        self.renewed = time.monotonic()

    def __call__(self) -> bool:
        if not self.runner.running():
            return False
        if time.monotonic() - self.renewed < RENEW_SECONDS:
            return True
        self.renewed = time.monotonic()
        return jobs.renew_lease(self.session, self.job_id, self.runner.name, utcnow())
