"""CPU time and SQL statements per request of quizapp's hot paths, in one process, no HTTP.

Wall-clock throughput on a shared machine moves with whatever else runs; the CPU a request
costs does not. This script seeds a database as ``bench/load.py`` does (``http_load.seed``: a
teacher, a class, the sample bank assigned to it, students with a real argon2id hash), builds
the production app (CSRF on) and drives each kind of request ``--requests`` times through the
WSGI app with Flask's test client, real session cookies and the page's CSRF token, and prints
per kind: CPU ms per request (``time.process_time``, this process only, so the database
server's share on PostgreSQL is not in it; measured in five rounds, the cheapest and the median
printed, since other processes on a shared machine only ever make a round dearer), SQL
statements per request (SQLAlchemy's ``before_cursor_execute``; SQLite's explicit ``BEGIN``
counts), and the hello-world page's CPU cost over the kind's: the share of hello-world a
CPU-bound server would reach, before gunicorn's own cost per request, the same for both.

Kinds: ``hello`` (the one-route Flask ceiling), ``page`` (``GET /student/attempts/<id>``),
``save`` (the autosave ``POST /student/attempts/<id>/answers``, JSON, growing ``seq``, CSRF
header), ``start`` (``POST /student/quizzes/<id>/start``, one fresh student each, so every
request creates an attempt) and ``login`` (``POST /login``, the argon2id check included; fewer
requests, it costs tens of ms).

Usage: python bench/request_cost.py [--requests 400] [--postgres URL (emptied!)]
       [--profile page|save|start|login|hello] [--kinds page save ...]
"""

from __future__ import annotations

import argparse
import cProfile
import io
import itertools
import pstats
import re
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from http_load import (  # noqa: E402  (the sibling script's seeding and answers)
    _HIDDEN_TOKEN,
    _META_TOKEN,
    PASSWORD,
    answer_for,
    hello_world_app,
    seed,
    typed_questions,
)

from quizapp.config import Config  # noqa: E402
from quizapp.web.app import create_app  # noqa: E402
from quizapp.web.db import dispose_engine  # noqa: E402

KINDS = ("hello", "page", "save", "start", "login")
STEADY_STUDENTS = 32  # as many as load.py's steady phases, each with an attempt open
LOGIN_SHARE = 20  # logins are tens of ms each: 1/20 of the other kinds' count
ROUNDS = 5  # the CPU figure is the cheapest round's (see Cost.cpu_ms)
WARM_UP = 20  # requests of each kind before the measured ones (caches, first parse)
_ATTEMPT_URL = re.compile(r"/student/attempts/(\d+)$")


@dataclass
class Cost:
    """What ``requests`` requests of one kind cost, measured in rounds of equal size."""

    kind: str
    requests: int
    round_cpu_ms: list[float]  # CPU ms per request of each round
    statements: int

    @property
    def cpu_ms(self) -> float:
        """The cheapest round's: another process's load only ever adds (cache misses, a
        slower clock), so the minimum is the figure nearest the request's own cost."""
        return min(self.round_cpu_ms)

    @property
    def median_cpu_ms(self) -> float:
        ordered = sorted(self.round_cpu_ms)
        return ordered[len(ordered) // 2]

    @property
    def statements_per_request(self) -> float:
        return self.statements / self.requests


class StatementCounter:
    """Counts every statement any engine sends while ``counting`` is on."""

    def __init__(self) -> None:
        self.count = 0
        self.counting = False
        sa.event.listen(sa.Engine, "before_cursor_execute", self._record)

    def _record(self, *_args: Any) -> None:
        if self.counting:
            self.count += 1

    @contextmanager
    def measuring(self) -> Iterator[None]:
        self.count, self.counting = 0, True
        try:
            yield
        finally:
            self.counting = False


def expect(response: Any, status: int, what: str) -> Any:
    if response.status_code != status:
        body = response.get_data(as_text=True)[:300]
        raise SystemExit(f"{what}: HTTP {response.status_code}, expected {status}: {body}")
    return response


def logged_in(app: Flask, username: str) -> FlaskClient:
    """A test client (its own cookies) logged in as ``username`` through the login form."""
    client = app.test_client()
    form_page = expect(client.get("/login"), 200, "GET /login")
    token = _HIDDEN_TOKEN.search(form_page.get_data(as_text=True))
    assert token is not None, "the login page has no CSRF token"
    form = {"username": username, "password": PASSWORD, "csrf_token": token.group(1)}
    expect(client.post("/login", data=form), 302, f"log in {username}")
    return client


@dataclass
class ReadyStudent:
    """A logged-in student on the quiz's page: Start's form token, later their open attempt."""

    client: FlaskClient
    start_token: str
    attempt_id: int = 0
    save_token: str = ""
    seq: int = 0


def at_the_quiz(app: Flask, username: str, assignment_id: int) -> ReadyStudent:
    client = logged_in(app, username)
    page = expect(client.get(f"/student/quizzes/{assignment_id}"), 200, "the quiz's page")
    token = _HIDDEN_TOKEN.search(page.get_data(as_text=True))
    assert token is not None, "the quiz's page has no CSRF token"
    return ReadyStudent(client, token.group(1))


def press_start(student: ReadyStudent, assignment_id: int) -> None:
    started = student.client.post(
        f"/student/quizzes/{assignment_id}/start", data={"csrf_token": student.start_token}
    )
    found = _ATTEMPT_URL.search(expect(started, 302, "Start").headers.get("Location", ""))
    assert found is not None, "Start did not lead to an attempt"
    student.attempt_id = int(found.group(1))


def open_quiz(student: ReadyStudent) -> None:
    page = expect(student.client.get(f"/student/attempts/{student.attempt_id}"), 200, "quiz page")
    token = _META_TOKEN.search(page.get_data(as_text=True))
    assert token is not None, "the quiz page has no CSRF token"
    student.save_token = token.group(1)


def save_one(student: ReadyStudent, question: Any) -> None:
    student.seq += 1
    body = {"seq": student.seq, "answers": {question.id: answer_for(question, student.seq)}}
    response = student.client.post(
        f"/student/attempts/{student.attempt_id}/answers",
        json=body,
        headers={"X-CSRFToken": student.save_token, "Accept": "application/json"},
    )
    expect(response, 200, "save")


def measure(
    kind: str,
    counter: StatementCounter,
    requests: Sequence[Callable[[], None]],
    profile: bool,
    rounds: int = ROUNDS,
) -> Cost:
    """Run ``requests`` (each one request) in ``rounds`` rounds, timing each round's CPU and
    counting statements."""
    # The default wall-clock timer: with process_time as its timer (a system call per event)
    # cProfile costs ten times the request and distorts the ranking; waits on the disk or the
    # database server show up in it, so read them as waits, not work.
    profiler = cProfile.Profile() if profile else None
    size = max(1, -(-len(requests) // rounds))  # rounds of equal size, the last one shorter
    round_cpu_ms: list[float] = []
    with counter.measuring():
        for first in range(0, len(requests), size):
            batch = requests[first : first + size]
            started = time.process_time()
            if profiler is not None:
                profiler.enable()
            for request in batch:
                request()
            if profiler is not None:
                profiler.disable()
            round_cpu_ms.append((time.process_time() - started) / len(batch) * 1000)
    cost = Cost(kind, len(requests), round_cpu_ms, counter.count)
    if profiler is not None:
        print_profile(kind, profiler, len(requests))
    return cost


def print_profile(kind: str, profiler: cProfile.Profile, requests: int) -> None:
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).strip_dirs()
    stats.sort_stats("cumulative").print_stats(45)
    stats.sort_stats("tottime").print_stats(30)
    print(f"--- profile of {kind} (cProfile; cumulative, then own time) ---")
    print(out.getvalue())
    # The count does not move with the machine's load, unlike every time above: on a busy
    # machine it is the figure to compare two versions of the code by.
    calls = stats.total_calls
    print(f"{LABELS[kind]}: Python function calls per request: {calls / requests:.0f}")


def run(args: argparse.Namespace, folder: Path) -> list[Cost]:
    database_url = args.postgres or f"sqlite:///{folder / 'quizapp.sqlite'}"
    kinds = args.kinds
    count = args.requests
    starts = count + WARM_UP if "start" in kinds else 0
    logins = max(1, count // LOGIN_SHARE) + 2 if "login" in kinds else 0
    seeded = seed(database_url, STEADY_STUDENTS, starts + logins)
    config = Config(
        instance_path=folder / "instance",
        database_url=database_url,
        secret_key="benchmark secret key",
    )
    app = create_app(config, {})
    counter = StatementCounter()
    questions = typed_questions()
    assignment_id = seeded.assignment_id
    costs: list[Cost] = []
    try:
        steady = [at_the_quiz(app, name, assignment_id) for name in seeded.steady]
        for student in steady:
            press_start(student, assignment_id)
            open_quiz(student)
        turn = itertools.cycle(steady)
        question_turn = itertools.cycle(questions)

        def each(kind: str, n: int) -> list[Callable[[], None]]:
            if kind == "hello":
                hello = hello_world_app().test_client()
                return [lambda: expect(hello.get("/"), 200, "hello")] * n
            if kind == "page":
                return [lambda: open_quiz(next(turn)) for _ in range(n)]
            if kind == "save":
                return [lambda: save_one(next(turn), next(question_turn)) for _ in range(n)]
            raise AssertionError(kind)

        for kind in kinds:
            profile = args.profile == kind
            if kind in {"hello", "page", "save"}:
                for request in each(kind, WARM_UP):
                    request()
                costs.append(measure(kind, counter, each(kind, count), profile))
            elif kind == "start":
                names = seeded.burst[:starts]
                ready = [at_the_quiz(app, name, assignment_id) for name in names]
                for student in ready[:WARM_UP]:
                    press_start(student, assignment_id)
                jobs = [
                    (lambda student=student: press_start(student, assignment_id))
                    for student in ready[WARM_UP:]
                ]
                costs.append(measure(kind, counter, jobs, profile))
            elif kind == "login":
                names = seeded.burst[starts : starts + logins]
                logged_in(app, names[0])  # warm: the first login builds the hasher
                login_jobs = login_requests(app, names[1:])
                costs.append(measure(kind, counter, login_jobs, profile))
    finally:
        dispose_engine(app)
    return costs


def login_requests(app: Flask, names: Sequence[str]) -> list[Callable[[], None]]:
    """One login form post per student, each client on the login page already (not timed)."""

    def post_form(client: FlaskClient, form: dict[str, str]) -> Callable[[], None]:
        return lambda: expect(client.post("/login", data=form), 302, "log in")

    jobs: list[Callable[[], None]] = []
    for name in names:
        client = app.test_client()
        page = expect(client.get("/login"), 200, "GET /login")
        token = _HIDDEN_TOKEN.search(page.get_data(as_text=True))
        assert token is not None, "the login page has no CSRF token"
        jobs.append(
            post_form(
                client, {"username": name, "password": PASSWORD, "csrf_token": token.group(1)}
            )
        )
    return jobs


LABELS = {
    "hello": "hello-world GET /",
    "page": "quiz page GET /student/attempts/<id>",
    "save": "answer save POST /student/attempts/<id>/answers",
    "start": "start POST /student/quizzes/<id>/start",
    "login": "login POST /login",
}


def report(costs: Sequence[Cost], database: str) -> None:
    print(f"database: {database}")
    hello = next((cost for cost in costs if cost.kind == "hello"), None)
    for cost in costs:
        name = LABELS[cost.kind]
        print(f"{name}: requests: {cost.requests}")
        print(
            f"{name}: CPU per request: {cost.cpu_ms:.2f} ms"
            f" (cheapest of {len(cost.round_cpu_ms)} rounds; median {cost.median_cpu_ms:.2f} ms)"
        )
        print(f"{name}: SQL statements per request: {cost.statements_per_request:.2f}")
        if hello is not None and cost is not hello:
            print(f"{name}: hello-world CPU / this CPU: {hello.cpu_ms / cost.cpu_ms:.3f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=400, help="measured requests per kind")
    parser.add_argument(
        "--postgres", metavar="URL", help="run on this PostgreSQL database (emptied)"
    )
    parser.add_argument("--kinds", nargs="+", choices=KINDS, default=list(KINDS))
    parser.add_argument("--profile", choices=KINDS, help="print a cProfile breakdown of a kind")
    args = parser.parse_args(argv)
    if args.profile and args.profile not in args.kinds:
        args.kinds.append(args.profile)
    with tempfile.TemporaryDirectory(prefix="quizapp-request-cost-") as folder:
        costs = run(args, Path(folder))
    report(costs, "PostgreSQL" if args.postgres else "SQLite")
    return 0


if __name__ == "__main__":
    sys.exit(main())
