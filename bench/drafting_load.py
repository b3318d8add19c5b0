"""Students' autosaves while three long articles are drafted, against the same saves without.

quizapp runs under gunicorn (5 sync workers, as ``bench/load.py`` starts it) on a fresh
database seeded by ``http_load.seed``. wrk measures the autosave (``bench/wrk/save.lua``, 32
logged-in students in turn) for ``--seconds``; then a teacher posts three articles of about
90,000 characters each through the real new-draft page (the issue measured three such uploads
at once timing out 20 % of the autosaves), the drafting runners (``quizapp drafting-worker``,
``--drafting-workers`` of them, the pool's bound) start on them, and wrk measures the autosave
again while they draft. Printed: how long each draft request took to answer, the two save
phases (req/s, p50/p99/max, errors, wrk's CPU) and their ratio, and how the drafts ended.
Nothing is asserted.

Usage: python bench/drafting_load.py [--seconds 10] [--drafting-workers 1]
       [--postgres postgresql+psycopg://user@host/dbname]   (that database is emptied!)
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import sqlalchemy as sa

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from http_load import PASSWORD, gunicorn, seed, typed_questions  # noqa: E402
from load import lua_answer, print_steady, steady_students, write_data, wrk  # noqa: E402

from quizapp.db import models  # noqa: E402
from quizapp.db.engine import make_engine  # noqa: E402

ARTICLE = BENCH.parent / "tests" / "data" / "articles" / "turkey-egypt-talks-2021.txt"
DRAFTS = 3
CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def long_article(number: int) -> str:
    title, _, body = ARTICLE.read_text(encoding="utf-8").partition("\n\n")
    return f"{title} ({number})\n\n" + "\n\n".join([body] * 30)


def post_drafts(url: str) -> list[float]:
    """Log the teacher in and post the long articles; the seconds each request took."""
    took = []
    with httpx.Client(base_url=url, timeout=120) as client:
        token = CSRF.search(client.get("/login").text)
        assert token is not None, "no CSRF token on the login page"
        data = {"username": "teacher", "password": PASSWORD, "csrf_token": token[1]}
        client.post("/login", data=data)
        for number in range(1, DRAFTS + 1):
            token = CSRF.search(client.get("/teacher/drafts/new").text)
            assert token is not None, "the teacher did not get the new-draft page"
            fields = {"csrf_token": token[1], "article_text": long_article(number)}
            fields["max_questions"] = "10"
            started = time.perf_counter()
            answer = client.post("/teacher/drafts/new", data=fields)
            took.append(time.perf_counter() - started)
            assert answer.status_code == 303, f"the draft was refused: {answer.status_code}"
    return took


def job_states(database_url: str) -> list[tuple[str, str]]:
    engine = make_engine(database_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                sa.select(models.DraftingJob.state, models.DraftingJob.failure).order_by(
                    models.DraftingJob.id
                )
            ).all()
    finally:
        engine.dispose()
    return [(state, failure or "") for state, failure in rows]


def wait_for_running(database_url: str, seconds: float = 300) -> None:
    """Until a runner has its child loaded and a draft running (so the phase measures drafting)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if any(state == models.RUNNING for state, _ in job_states(database_url)):
            return
        time.sleep(0.5)
    raise SystemExit("no draft started running; see the runners' output")


def run(args: argparse.Namespace, folder: Path) -> None:
    database_url = args.postgres or f"sqlite:///{folder / 'quizapp.sqlite'}"
    print(
        f"machine: {os.cpu_count()} CPU(s); database: {'PostgreSQL' if args.postgres else 'SQLite'}"
    )
    seeded = seed(database_url, args.connections, 1)
    answers = [lua_answer(question, 1) for question in typed_questions()]
    env = {
        "QUIZAPP_DATABASE_URL": database_url,
        "QUIZAPP_INSTANCE_PATH": str(folder / "instance"),
        "QUIZAPP_SECRET_KEY": "benchmark secret key",
        "QUIZAPP_DRAFTING_WORKERS": str(args.drafting_workers),
    }
    steady = {"threads": args.threads, "connections": args.connections, "seconds": args.seconds}
    name = "answer save"
    with gunicorn("quizapp.web.wsgi:app", env) as quizapp:
        data = write_data(
            folder / "steady.lua", steady=steady_students(quizapp, seeded), answers=answers
        )
        alone = wrk(quizapp, "save.lua", data, args=[args.threads], **steady)
        print_steady(f"{name}, no drafting", alone)

        for number, seconds in enumerate(post_drafts(quizapp), start=1):
            print(
                f"draft request {number} (90,000 characters): answered in {seconds * 1000:.0f} ms"
            )
        command = [sys.executable, "-m", "quizapp", "drafting-worker"]
        runners = [
            subprocess.Popen(
                command,
                env={**os.environ, **env},
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
            for _ in range(args.drafting_workers)
        ]
        try:
            wait_for_running(database_url)
            drafting = wrk(quizapp, "save.lua", data, args=[args.threads], **steady)
            print_steady(f"{name}, {DRAFTS} long drafts queued", drafting)
            print(
                f"{name}: throughput while drafting: "
                f"{drafting.throughput / alone.throughput:.2f} of without"
            )
            print(
                f"{name}: p99 while drafting: {drafting['p99_us'] / 1000:.1f} ms "
                f"(without: {alone['p99_us'] / 1000:.1f} ms)"
            )
            states = job_states(database_url)
        finally:
            for runner in runners:
                runner.send_signal(signal.SIGTERM)
            for runner in runners:
                runner.wait(timeout=60)
    for number, (state, failure) in enumerate(states, start=1):
        print(f"draft {number} at the end of the phase: {state}{': ' + failure if failure else ''}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", metavar="URL", help="run on this PostgreSQL database")
    parser.add_argument("--seconds", type=float, default=10.0, help="length of each save phase")
    parser.add_argument("--connections", type=int, default=32, help="wrk connections")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--drafting-workers", type=int, default=1, help="the pool's bound")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="quizapp-drafting-load-") as folder:
        run(args, Path(folder))
    return 0


if __name__ == "__main__":
    sys.exit(main())
