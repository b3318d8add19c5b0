"""HTTP load on quizapp under gunicorn, against a hello-world Flask app with the same settings.

Two gunicorn servers run on free loopback ports with the same settings (5 sync workers): quizapp
on a fresh database seeded with a teacher, a class, the sample bank assigned to it and the
students, and a one-route Flask app, the ceiling any Flask page can reach on this machine. A
Python load generator on the same machine (threads, one HTTP client per simulated student; it
competes with the servers for the CPU, so every figure is conservative) then measures:

1. throughput and p50/p99 latency of the hello-world page, the quiz page and the answer save,
   each for a bounded time with a fixed number of concurrent clients, with the ratio of each
   quizapp endpoint to hello-world;
2. an exam-start burst: 500 students log in and start their attempt at once, open the quiz and
   save a few answers each (one of them twice, the second save with a higher sequence number);
3. the durability check: every acknowledged save is compared with the database, counting lost
   answers (missing, or older than the last acknowledged save) and duplicates (two rows for one
   question, or two attempts for one student).

Usage: python bench/http_load.py [--students 500] [--seconds 8] [--clients 50]
       [--postgres postgresql+psycopg://user@host/dbname]   (that database is emptied!)
Prints one figure per line; it asserts nothing about time. The whole run takes 1-3 minutes.
"""

from __future__ import annotations

import argparse
import functools
import itertools
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import sqlalchemy as sa
from flask import Flask

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from quizapp.db import models  # noqa: E402
from quizapp.db.base import Base  # noqa: E402
from quizapp.db.engine import make_engine, make_session_factory  # noqa: E402
from quizapp.db.schema import upgrade  # noqa: E402

SAMPLE_BANK = ROOT / "question_banks" / "turkey-egypt-talks-2021.yaml"
WORKERS = 5  # (2 x cores) + 1 on the 2-core machine the targets were set for
PASSWORD = "bench password 1"
STEADY_PREFIX = "steady"
BURST_PREFIX = "burst"
REQUEST_TIMEOUT = 60.0
SERVER_START_TIMEOUT = 180.0  # five workers importing quizapp on a busy machine


def hello_world_app() -> Flask:
    """The ceiling: the smallest Flask page, served by gunicorn with quizapp's settings."""
    app = Flask("hello")

    @app.get("/")
    def hello() -> str:
        return "Hello, World!"

    return app


# --- servers -----------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def gunicorn(
    app_spec: str, env: dict[str, str], *, python_path: Path | None = None
) -> Iterator[str]:
    """Run gunicorn with the benchmark's settings on a free loopback port; yield its URL."""
    process, url = start_gunicorn(app_spec, env, python_path=python_path)
    try:
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def start_gunicorn(
    app_spec: str,
    env: dict[str, str],
    *,
    python_path: Path | None = None,
    port: int | None = None,
) -> tuple[subprocess.Popen[bytes], str]:
    """Start gunicorn with the benchmark's settings in a session of its own (so that its
    master and workers can be killed together), wait until it answers; the process and URL."""
    port = port or free_port()
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "--workers",
        str(WORKERS),
        "--worker-class",
        "sync",
        "--bind",
        f"127.0.0.1:{port}",
        "--backlog",
        "2048",
        "--timeout",
        "120",
        "--log-level",
        "warning",
    ]
    if python_path is not None:
        command += ["--pythonpath", str(python_path)]
    process = subprocess.Popen(
        [*command, app_spec], env={**os.environ, **env}, start_new_session=True
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url, process)
    except BaseException:
        process.kill()
        process.wait()
        raise
    return process, url


def wait_until_up(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"gunicorn exited with status {process.returncode} at start-up")
        try:
            if httpx.get(url + "/", timeout=2.0).status_code < 500:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"{url} did not answer within {SERVER_START_TIMEOUT:.0f} s")


# --- figures -----------------------------------------------------------------------------------


@dataclass
class Tally:
    """Latencies of successful requests and the errors of one measured phase."""

    name: str
    latencies: list[float] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0
    client_cpu_seconds: float = 0.0  # CPU time of this load generator during the phase
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, started: float, error: str | None) -> None:
        elapsed = time.perf_counter() - started
        with self.lock:
            if error is None:
                self.latencies.append(elapsed)
            else:
                self.errors[error] += 1

    @property
    def throughput(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0

    def percentile(self, share: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))]

    def report(self, *, rate: bool = True) -> None:
        done = len(self.latencies)
        print(f"{self.name}: requests ok: {done}")
        if rate:
            print(f"{self.name}: throughput: {self.throughput:,.0f} req/s")
        print(f"{self.name}: p50 latency: {self.percentile(0.50) * 1000:.1f} ms")
        print(f"{self.name}: p99 latency: {self.percentile(0.99) * 1000:.1f} ms")
        if done:
            print(f"{self.name}: max latency: {max(self.latencies) * 1000:.1f} ms")
        if rate and self.seconds:
            busy = self.client_cpu_seconds / self.seconds * 100
            print(f"{self.name}: load generator CPU: {busy:.0f} % of one core")
        errors = sum(self.errors.values())
        detail = ", ".join(f"{kind} x{count}" for kind, count in self.errors.most_common())
        print(f"{self.name}: errors: {errors}" + (f" ({detail})" if detail else ""))


def timed(
    tally: Tally, request: Callable[[], httpx.Response], expect: int | tuple[int, ...] = 200
) -> httpx.Response | None:
    """Send one request, record its latency (or its error) in ``tally``."""
    wanted = (expect,) if isinstance(expect, int) else expect
    started = time.perf_counter()
    try:
        response = request()
    except httpx.HTTPError as error:
        tally.record(started, type(error).__name__)
        return None
    tally.record(
        started, None if response.status_code in wanted else f"HTTP {response.status_code}"
    )
    return response if response.status_code in wanted else None


def run_for(
    seconds: float, max_requests: int, bodies: list[Callable[[], Any]], tally: Tally
) -> None:
    """Call each body over and over in its own thread until the time or the budget runs out."""
    deadline = time.perf_counter() + seconds
    counter = itertools.count()
    counter_lock = threading.Lock()

    def worker(body: Callable[[], Any]) -> None:
        while time.perf_counter() < deadline:
            with counter_lock:
                if next(counter) >= max_requests:
                    return
            body()

    threads = [threading.Thread(target=worker, args=(body,)) for body in bodies]
    started = time.perf_counter()
    cpu_before = time.process_time()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    tally.seconds = time.perf_counter() - started
    tally.client_cpu_seconds = time.process_time() - cpu_before


# --- the database ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Seeded:
    database_url: str
    assignment_id: int
    question_ids: tuple[str, ...]
    steady: tuple[str, ...]  # usernames of the clients of the timed phases
    burst: tuple[str, ...]  # usernames of the exam-start burst


def reset_postgres(engine: sa.Engine) -> None:
    """Drop quizapp's tables (and the migration stamp) so the run starts from nothing."""
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
    Base.metadata.drop_all(engine)


def seed(database_url: str, steady: int, burst: int) -> Seeded:
    """A teacher, a class, the sample bank assigned to it, and the students, all enrolled."""
    from quizapp.services import accounts, assignments, banks, classes

    engine = make_engine(database_url)
    if not database_url.startswith("sqlite"):
        reset_postgres(engine)
    upgrade(engine)
    with make_session_factory(engine)() as session:
        banks.import_paths(session, [SAMPLE_BANK])
        teacher = accounts.create_user(
            session, username="teacher", password=PASSWORD, role=models.TEACHER
        )
        classroom = classes.create_class(session, teacher, "Load test")
        bank = session.scalars(sa.select(models.Bank)).one()
        settings = assignments.default_settings(session, teacher, bank.id)
        assignment = assignments.assign_bank(session, teacher, classroom.id, bank.id, settings)
        questions = banks.load_version_bank(banks.latest_version(session, bank)).questions
    steady_names = tuple(f"{STEADY_PREFIX}{n:04d}" for n in range(steady))
    burst_names = tuple(f"{BURST_PREFIX}{n:04d}" for n in range(burst))
    # One real argon2id hash (OWASP's baseline, as in production) shared by every student:
    # logins cost what they cost in production, while seeding does not spend a minute hashing
    # the same password hundreds of times.
    password_hash = accounts.hash_password(PASSWORD)
    with engine.begin() as conn:
        ids = (
            conn.execute(
                sa.insert(models.User).returning(models.User.id),
                [
                    {
                        "username": name,
                        "display_name": name.title(),
                        "password_hash": password_hash,
                        "role": models.STUDENT,
                    }
                    for name in (*steady_names, *burst_names)
                ],
            )
            .scalars()
            .all()
        )
        conn.execute(
            sa.insert(models.Enrollment),
            [{"classroom_id": classroom.id, "student_id": user_id} for user_id in ids],
        )
    engine.dispose()
    return Seeded(
        database_url,
        assignment.id,
        tuple(question.id for question in questions),
        steady_names,
        burst_names,
    )


# --- one simulated student ---------------------------------------------------------------------

_HIDDEN_TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
_META_TOKEN = re.compile(r'<meta name="csrf-token" content="([^"]+)"')
_ATTEMPT_URL = re.compile(r"/student/attempts/(\d+)$")


@dataclass(frozen=True)
class Save:
    """One answer save as sent: which attempt and question, its sequence number and fields."""

    attempt_id: int
    question_id: str
    seq: int
    data: dict[str, str]


@dataclass
class Ledger:
    """Every save sent and every save the server acknowledged with 200, across threads."""

    sent: list[Save] = field(default_factory=list)
    acknowledged: list[Save] = field(default_factory=list)
    attempts: dict[str, set[int]] = field(default_factory=dict)  # username -> attempt ids seen
    lock: threading.Lock = field(default_factory=threading.Lock)

    def note_sent(self, save: Save) -> None:
        with self.lock:
            self.sent.append(save)

    def note_acknowledged(self, save: Save) -> None:
        with self.lock:
            self.acknowledged.append(save)

    def note_attempt(self, username: str, attempt_id: int) -> None:
        with self.lock:
            self.attempts.setdefault(username, set()).add(attempt_id)


class Student:
    """A student's browser: its own cookies, the pages it opens and the saves it sends."""

    def __init__(self, base_url: str, username: str, assignment_id: int, ledger: Ledger) -> None:
        self.client = httpx.Client(base_url=base_url, timeout=REQUEST_TIMEOUT)
        self.username = username
        self.assignment_id = assignment_id
        self.ledger = ledger
        self.attempt_id = 0
        self.token = ""
        self.seq = 0

    def close(self) -> None:
        self.client.close()

    def log_in(self, tally: Tally, post_tally: Tally | None = None) -> bool:
        page = timed(tally, lambda: self.client.get("/login"))
        token = _HIDDEN_TOKEN.search(page.text) if page is not None else None
        if token is None:
            return False
        form = {"username": self.username, "password": PASSWORD, "csrf_token": token.group(1)}
        posted = timed(
            post_tally or tally, lambda: self.client.post("/login", data=form), expect=302
        )
        return posted is not None

    def start(self, tally: Tally, post_tally: Tally | None = None) -> bool:
        """Open the quiz's page and press Start (the login changed the session's token)."""
        path = f"/student/quizzes/{self.assignment_id}"
        page = timed(tally, lambda: self.client.get(path))
        token = _HIDDEN_TOKEN.search(page.text) if page is not None else None
        if token is None:
            return False
        form = {"csrf_token": token.group(1)}
        started = timed(
            post_tally or tally, lambda: self.client.post(f"{path}/start", data=form), expect=302
        )
        found = _ATTEMPT_URL.search(started.headers.get("location", "")) if started else None
        if found is None:
            return False
        self.attempt_id = int(found.group(1))
        self.ledger.note_attempt(self.username, self.attempt_id)
        return True

    def open_quiz(self, tally: Tally) -> bool:
        page = timed(tally, lambda: self.client.get(f"/student/attempts/{self.attempt_id}"))
        token = _META_TOKEN.search(page.text) if page is not None else None
        if token is None:
            return False
        self.token = token.group(1)
        return True

    def save(self, tally: Tally, question_id: str, data: dict[str, str]) -> bool:
        self.seq += 1
        save = Save(self.attempt_id, question_id, self.seq, data)
        self.ledger.note_sent(save)
        response = timed(
            tally,
            lambda: self.client.post(
                f"/student/attempts/{self.attempt_id}/answers",
                json={"seq": save.seq, "answers": {question_id: data}},
                headers={"X-CSRFToken": self.token, "Accept": "application/json"},
            ),
        )
        if response is None:
            return False
        self.ledger.note_acknowledged(save)
        return True


# Question types whose saved answer names no option: a choice's identifier is drawn for each
# attempt, so only these answers can be written once for every student.
TYPED = frozenset({"short_answer", "numeric", "cloze", "true_false"})


def typed_questions() -> list[Any]:
    """The sample bank's questions that every student can answer with the same fields."""
    from quizapp.banks import load_bank_file

    return [q for q in load_bank_file(SAMPLE_BANK).questions if q.type_name in TYPED]


def answer_for(question: Any, seq: int) -> dict[str, str]:
    """A complete answer; typed answers carry the sequence number so each save is distinct."""
    data: dict[str, str] = question.correct_response()
    if set(data) == {"answer"} and question.type_name == "short_answer":
        return {"answer": f"{data['answer']} {seq}"}
    return data


# --- the measured phases -----------------------------------------------------------------------


def in_parallel(jobs: list[Callable[[], Any]]) -> None:
    threads = [threading.Thread(target=job) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def measure_hello(url: str, clients: int, seconds: float, budget: int) -> Tally:
    tally = Tally("hello-world GET /")
    connections = [httpx.Client(base_url=url, timeout=REQUEST_TIMEOUT) for _ in range(clients)]

    def body_for(client: httpx.Client) -> Callable[[], Any]:
        return lambda: timed(tally, lambda: client.get("/"))

    run_for(seconds, budget, [body_for(c) for c in connections], tally)
    for connection in connections:
        connection.close()
    return tally


def ready_students(url: str, seeded: Seeded, ledger: Ledger) -> list[Student]:
    """The steady-phase students, logged in with their attempt open (not part of any figure)."""
    setup = Tally("setup")
    students = [Student(url, name, seeded.assignment_id, ledger) for name in seeded.steady]

    def prepare(student: Student) -> Callable[[], Any]:
        return lambda: student.log_in(setup) and student.start(setup) and student.open_quiz(setup)

    in_parallel([prepare(student) for student in students])
    ready = [student for student in students if student.token]
    if len(ready) < len(students):
        print(f"setup: only {len(ready)} of {len(students)} students could open their quiz")
        setup.report(rate=False)
    return ready


def measure_quiz_page(students: list[Student], seconds: float, budget: int) -> Tally:
    tally = Tally("quiz page GET /student/attempts/<id>")

    def body_for(student: Student) -> Callable[[], Any]:
        path = f"/student/attempts/{student.attempt_id}"
        return lambda: timed(tally, lambda: student.client.get(path))

    run_for(seconds, budget, [body_for(student) for student in students], tally)
    return tally


def measure_saves(
    students: list[Student], questions: list[Any], seconds: float, budget: int
) -> Tally:
    tally = Tally("answer save POST /student/attempts/<id>/answers")

    def body_for(index: int, student: Student) -> Callable[[], Any]:
        turn = itertools.count(index)

        def save_next() -> None:
            question = questions[next(turn) % len(questions)]
            student.save(tally, question.id, answer_for(question, student.seq + 1))

        return save_next

    bodies = [body_for(index, student) for index, student in enumerate(students)]
    run_for(seconds, budget, bodies, tally)
    return tally


def exam_start_burst(
    url: str, seeded: Seeded, questions: list[Any], ledger: Ledger, ramp: float
) -> tuple[dict[str, Tally], float, int]:
    """Every burst student logs in, starts, opens the quiz and saves; starts spread over ``ramp``.

    Every tenth student presses Start twice (a double click); each saves two answers and then
    the first one again, changed, so the last save must win.
    """
    steps = {
        "login page": "GET /login",
        "log in": "POST /login",
        "quiz info": "GET /student/quizzes/<id>",
        "start": "POST /student/quizzes/<id>/start",
        "quiz page": "GET /student/attempts/<id>",
        "save": "POST /student/attempts/<id>/answers",
    }
    tallies = {step: Tally(f"burst {request}") for step, request in steps.items()}
    finished = itertools.count()
    names = seeded.burst
    began = time.perf_counter()

    def take_exam(index: int, username: str) -> None:
        time.sleep(ramp * index / max(1, len(names)))
        student = Student(url, username, seeded.assignment_id, ledger)
        try:
            if not student.log_in(tallies["login page"], tallies["log in"]):
                return
            if not student.start(tallies["quiz info"], tallies["start"]):
                return
            if index % 10 == 0 and not student.start(tallies["quiz info"], tallies["start"]):
                return
            if not student.open_quiz(tallies["quiz page"]):
                return
            first = questions[index % len(questions)]
            second = questions[(index + 7) % len(questions)]
            for question in (first, second, first):
                answer = answer_for(question, student.seq + 1)
                if not student.save(tallies["save"], question.id, answer):
                    return
            next(finished)
        finally:
            student.close()

    in_parallel([functools.partial(take_exam, i, name) for i, name in enumerate(names)])
    return tallies, time.perf_counter() - began, next(finished)


# --- the durability check ----------------------------------------------------------------------


def verify(database_url: str, ledger: Ledger) -> None:
    """Compare the database with the acknowledged saves; print lost and duplicated answers."""
    engine = make_engine(database_url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(
                sa.select(
                    models.Response.attempt_id,
                    models.Response.question_id,
                    models.Response.client_seq,
                    models.Response.data,
                )
            ).all()
            duplicate_rows = conn.execute(
                sa.select(sa.func.count()).select_from(
                    sa.select(models.Response.attempt_id)
                    .group_by(models.Response.attempt_id, models.Response.question_id)
                    .having(sa.func.count() > 1)
                    .subquery()
                )
            ).scalar_one()
            extra_attempts = conn.execute(
                sa.select(sa.func.count()).select_from(
                    sa.select(models.Attempt.student_id)
                    .group_by(models.Attempt.student_id, models.Attempt.assignment_id)
                    .having(sa.func.count() > 1)
                    .subquery()
                )
            ).scalar_one()
            integrity = (
                conn.exec_driver_sql("PRAGMA integrity_check").scalar_one()
                if database_url.startswith("sqlite")
                else None
            )
    finally:
        engine.dispose()
    stored = {(row.attempt_id, row.question_id): (row.client_seq, row.data) for row in rows}
    sent = {(s.attempt_id, s.question_id, s.seq): s for s in ledger.sent}
    newest: dict[tuple[int, str], Save] = {}
    for save in ledger.acknowledged:
        key = (save.attempt_id, save.question_id)
        if key not in newest or newest[key].seq < save.seq:
            newest[key] = save
    lost = 0
    in_flight = 0  # a save the client gave up on, stored after all: newer, so it rightly won
    for key, save in newest.items():
        found = stored.get(key)
        if found is None or found[0] < save.seq:
            lost += 1
        elif found[0] == save.seq:
            lost += found[1] != save.data
        else:
            unacknowledged = sent.get((*key, found[0]))
            if unacknowledged is None or unacknowledged.data != found[1]:
                lost += 1
            else:
                in_flight += 1
    split_students = sum(len(ids) > 1 for ids in ledger.attempts.values())
    print(f"durability: saves sent: {len(ledger.sent)}")
    print(f"durability: saves acknowledged (HTTP 200): {len(ledger.acknowledged)}")
    print(f"durability: answers to find (newest acknowledged per question): {len(newest)}")
    print(f"durability: lost answers: {lost}")
    print(f"durability: unacknowledged saves found stored (newer, kept): {in_flight}")
    print(f"durability: duplicated answer rows: {duplicate_rows}")
    print(f"durability: students with more than one attempt: {extra_attempts}")
    print(f"durability: students sent to two different attempts: {split_students}")
    if integrity is not None:
        print(f"durability: PRAGMA integrity_check: {integrity}")


# --- the run -----------------------------------------------------------------------------------


def describe_machine(database_url: str, args: argparse.Namespace) -> None:
    kind = "SQLite (WAL, synchronous=FULL)" if database_url.startswith("sqlite") else "PostgreSQL"
    print(f"machine: {os.cpu_count()} CPU(s), python {sys.version.split()[0]}")
    print(f"servers: gunicorn, {WORKERS} sync workers each, load generator on the same machine")
    print(f"database: {kind}")
    print(
        f"load: {args.clients} concurrent clients for {args.seconds:g} s per phase"
        f" (at most {args.max_requests} requests each);"
        f" burst of {args.students} students over {args.ramp:g} s"
    )


def run(args: argparse.Namespace, folder: Path) -> None:
    database_url = args.postgres or f"sqlite:///{folder / 'quizapp.sqlite'}"
    describe_machine(database_url, args)
    began = time.perf_counter()
    seeded = seed(database_url, args.clients, args.students)
    questions = typed_questions()
    people = len(seeded.steady) + len(seeded.burst)
    print(f"seeded: {people} students in {time.perf_counter() - began:.1f} s")
    env = {
        "QUIZAPP_DATABASE_URL": database_url,
        "QUIZAPP_INSTANCE_PATH": str(folder / "instance"),
        "QUIZAPP_SECRET_KEY": "benchmark secret key",
        # Every simulated student logs in from 127.0.0.1.
        "QUIZAPP_LOGIN_RATE_LIMIT": "1000000 per minute",
    }
    ledger = Ledger()
    with (
        gunicorn("http_load:hello_world_app()", {}, python_path=Path(__file__).parent) as hello,
        gunicorn("quizapp.web.wsgi:app", env) as quizapp,
    ):
        ceiling = measure_hello(hello, args.clients, args.seconds, args.max_requests)
        ceiling.report()
        students = ready_students(quizapp, seeded, ledger)
        page = measure_quiz_page(students, args.seconds, args.max_requests)
        page.report()
        print(f"{page.name}: throughput / hello-world: {page.throughput / ceiling.throughput:.3f}")
        saves = measure_saves(students, questions, args.seconds, args.max_requests)
        saves.report()
        print(
            f"{saves.name}: throughput / hello-world: {saves.throughput / ceiling.throughput:.3f}"
        )
        for student in students:
            student.close()
        tallies, burst_seconds, finished = exam_start_burst(
            quizapp, seeded, questions, ledger, args.ramp
        )
        print(f"burst: students: {len(seeded.burst)}")
        print(f"burst: students who logged in, started, opened and saved: {finished}")
        print(f"burst: wall time: {burst_seconds:.1f} s")
        for tally in tallies.values():
            tally.report(rate=False)
    verify(database_url, ledger)
    print(f"total run time: {time.perf_counter() - began:.0f} s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=500, help="exam-start burst size")
    parser.add_argument("--clients", type=int, default=50, help="concurrent clients per phase")
    parser.add_argument("--seconds", type=float, default=8.0, help="length of each timed phase")
    parser.add_argument("--max-requests", type=int, default=50_000, help="budget per phase")
    parser.add_argument("--ramp", type=float, default=10.0, help="seconds over which starts spread")
    parser.add_argument(
        "--postgres", metavar="URL", help="run on this PostgreSQL database (emptied)"
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="quizapp-http-bench-") as folder:
        run(args, Path(folder))
    return 0


if __name__ == "__main__":
    sys.exit(main())
