"""Drafting outside the request workers: a queue in the database and a bounded pool of runners.

A teacher's article becomes a job (``jobs.submit``); a runner (``runner.Runner``, one per slot
of the pool, started by ``quizapp serve`` or ``quizapp drafting-worker``) claims it and drafts
it in a child process with the language pipeline loaded (``process.DraftingProcess``), killed
past the job's time or memory; the teacher's page follows the job (``jobs.job_status``) until
its draft is ready to review. The request that submits only reads the article, which the
readers' own caps keep quick, so spaCy never runs in a request worker for a whole article.
"""

from quizapp.services.drafting.jobs import (
    ClaimedJob,
    JobStatus,
    claim,
    finish,
    job_status,
    release,
    renew_lease,
    submit,
    work_waiting,
)

__all__ = [
    "ClaimedJob",
    "JobStatus",
    "claim",
    "finish",
    "job_status",
    "release",
    "renew_lease",
    "submit",
    "work_waiting",
]
