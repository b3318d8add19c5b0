"""The drafting runners from the command line: ``quizapp serve`` starts them beside the web
server and stops them with it; ``quizapp drafting-worker`` runs one on its own, and gives its job
back to the queue when it is stopped in the middle of one."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import sqlalchemy.orm as so

from quizapp.db import models
from quizapp.generator import DraftOptions
from quizapp.services import drafting, generation
from tests.conftest import wait_for_job

SAMPLE = Path(__file__).resolve().parent / "data" / "articles" / "turkey-egypt-talks-2021.txt"


def _environment(database_url: str, tmp_path: Path) -> dict[str, str]:
    return {
        **os.environ,
        "QUIZAPP_DATABASE_URL": database_url,
        "QUIZAPP_INSTANCE_PATH": str(tmp_path / "instance"),
        "QUIZAPP_DRAFTING_WORKERS": "2",
        "PYTHONUNBUFFERED": "1",
    }


def _children(pid: int) -> list[int]:
    found = subprocess.run(
        ["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True, check=False
    )
    return [int(line) for line in found.stdout.split()]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    state = Path(f"/proc/{pid}/stat")
    return not state.exists() or state.read_text().split()[2] != "Z"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _teacher(make_user: Callable[..., models.User]) -> models.User:
    return make_user("ms-lee", role=models.TEACHER)


def test_serve_drafts_with_its_runners_and_stops_them_with_it(
    database_url: str,
    tmp_path: Path,
    session: so.Session,
    make_user: Callable[..., models.User],
) -> None:
    article = generation.article_from_upload(text=SAMPLE.read_text(encoding="utf-8"))
    job = drafting.submit(session, _teacher(make_user), article, DraftOptions(max_questions=3))
    command = [sys.executable, "-m", "quizapp", "serve", "--port", str(_free_port())]
    server = subprocess.Popen(command, env=_environment(database_url, tmp_path))
    try:
        done = wait_for_job(session, job.id)
        runners = _children(server.pid)
        assert len(runners) == 2  # QUIZAPP_DRAFTING_WORKERS of them
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
    assert done.state == models.DONE and done.result_yaml
    deadline = time.monotonic() + 60  # waits for them to go, not a measurement
    while any(_alive(pid) for pid in runners) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(_alive(pid) for pid in runners)


def test_a_stopped_drafting_worker_gives_its_job_back(
    database_url: str,
    tmp_path: Path,
    session: so.Session,
    make_user: Callable[..., models.User],
) -> None:
    title, _, body = SAMPLE.read_text(encoding="utf-8").partition("\n\n")
    long = generation.article_from_upload(text=title + "\n\n" + "\n\n".join([body] * 30))
    job = drafting.submit(session, _teacher(make_user), long, DraftOptions())
    worker = subprocess.Popen(
        [sys.executable, "-m", "quizapp", "drafting-worker"],
        env=_environment(database_url, tmp_path),
    )
    try:
        deadline = time.monotonic() + 300
        state = models.QUEUED
        while state == models.QUEUED and time.monotonic() < deadline:
            time.sleep(0.2)
            session.rollback()
            found = session.get(models.DraftingJob, job.id, populate_existing=True)
            assert found is not None
            state = found.state
        assert state == models.RUNNING
    finally:
        worker.send_signal(signal.SIGTERM)
        assert worker.wait(timeout=60) == 0
    session.rollback()
    given_back = session.get(models.DraftingJob, job.id, populate_existing=True)
    assert given_back is not None
    assert (given_back.state, given_back.runner, given_back.claims) == (models.QUEUED, None, 0)
