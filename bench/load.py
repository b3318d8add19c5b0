"""Load on quizapp under gunicorn, measured with wrk, against a hello-world Flask ceiling.

Two gunicorn servers run on free loopback ports with the same settings (5 sync workers, as
``quizapp serve --workers 5`` starts in production): quizapp on a fresh database (SQLite, or
PostgreSQL with ``--postgres``) seeded with a teacher, a class, the sample bank assigned to it
and its students, and a one-route Flask app, the ceiling any Flask page can reach here. wrk
(Debian's package), driven by the Lua scripts in ``bench/wrk/``, then measures:

1. the steady phases, each for ``--seconds`` with ``--connections`` connections: hello-world
   ``GET /``, the quiz page and the answer save (logged-in students taken in turn), with each
   quizapp figure as a share of hello-world's and the p99 latency;
2. a class of ``--class-size`` students logging in at once, each on its own connection;
3. the exam-start burst: ``--students`` students, already logged in, press Start, open their
   quiz and save three answers, ``--burst-connections`` at a time, each connection taking its
   next student as soon as one is through (see ``bench/wrk/burst.lua`` for why starts are not
   spread out in time).

Each phase also prints how much CPU wrk itself used, so a ceiling set by the load generator
shows. Targets (issue 8): save >= 0.25 and quiz page >= 0.2 of hello-world, p99 < 100 ms at 32
connections; the burst done in 10 s with p99 < 1 s and no error; 40 logins within 5 s. The
figures are printed, one a line, and whether each target was met; nothing is asserted.

Usage: python bench/load.py [--postgres postgresql+psycopg://user@host/dbname]  (emptied!)
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
import sqlalchemy as sa

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from http_load import (  # noqa: E402  (the sibling script's servers, seeding and student)
    _HIDDEN_TOKEN,
    PASSWORD,
    REQUEST_TIMEOUT,
    WORKERS,
    Ledger,
    Seeded,
    Student,
    Tally,
    answer_for,
    gunicorn,
    seed,
    typed_questions,
)

from quizapp.db import models  # noqa: E402
from quizapp.db.engine import make_engine  # noqa: E402

LUA = BENCH / "wrk"
WRK = "wrk"
SETUP_THREADS = 16  # Python clients logging students in before a phase (not measured)
BURST_TIME_CAP = 600  # seconds: wrk is ended sooner, once every student is through


# --- wrk ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    """What one wrk run printed (its ``=name value`` lines), its wall time and its CPU time."""

    figures: dict[str, float]
    wall_seconds: float
    cpu_seconds: float

    def __getitem__(self, name: str) -> float:
        return self.figures[name]

    @property
    def throughput(self) -> float:
        return self["requests"] / (self["duration_us"] / 1e6)

    @property
    def errors(self) -> int:
        # ``wrong`` (any answer but the expected one) includes wrk's status errors (>= 400).
        wrong = self.figures.get("wrong", self["status_errors"])
        return int(self["socket_errors"] + wrong)

    @property
    def cpu_share(self) -> float:
        """wrk's CPU time over the wall time, in % of one core."""
        return self.cpu_seconds / self.wall_seconds * 100


def lua_literal(value: Any) -> str:
    """``value`` (dicts, lists, strings, numbers) as a Lua expression; strings in long brackets,
    so cookies and JSON pass through unescaped."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key} = {lua_literal(item)}" for key, item in value.items()) + "}"
    if isinstance(value, list | tuple):
        return "{" + ", ".join(lua_literal(item) for item in value) + "}"
    if isinstance(value, str):
        level = 0
        while f"]{'=' * level}]" in value:
            level += 1
        return f"[{'=' * level}[{value}]{'=' * level}]"
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"no Lua form for {value!r}")
    return repr(value)


def wrk(
    url: str,
    script: str,
    data: Path,
    *,
    threads: int,
    connections: int,
    seconds: float,
    args: Sequence[object] = (),
    until_finished: bool = False,
) -> Run:
    """Run wrk with ``bench/wrk/<script>``; with ``until_finished``, end it (SIGINT, so it still
    reports) once every thread has printed that it finished, instead of at ``seconds``."""
    command = [
        WRK,
        f"--threads={threads}",
        f"--connections={connections}",
        f"--duration={max(1, round(seconds))}s",
        "--timeout=30s",
        f"--script={LUA / script}",
        url,
        "--",
        *map(str, args),
    ]
    env = {**os.environ, "QUIZAPP_BENCH_LUA": str(LUA), "QUIZAPP_BENCH_DATA": str(data)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    figures: dict[str, float] = {}
    finished = 0
    for line in process.stdout:
        if line.startswith("="):
            name, _, value = line[1:].partition(" ")
            figures[name] = float(value)
        elif line.strip() == "thread finished":
            finished += 1
            if until_finished and finished == threads:
                process.send_signal(signal.SIGINT)
    if process.wait() != 0:
        raise SystemExit(f"wrk exited with status {process.returncode}: {' '.join(command)}")
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return Run(figures, wall, cpu)


# --- students made ready by a Python client (not measured) ----------------------------------


def cookie_header(client: httpx.Client) -> str:
    return "; ".join(f"{name}={value}" for name, value in client.cookies.items())


def all_of(jobs: Iterable[Callable[[], dict[str, Any] | None]]) -> list[dict[str, Any]]:
    with ThreadPoolExecutor(SETUP_THREADS) as pool:
        done = list(pool.map(lambda job: job(), jobs))
    ready = [item for item in done if item is not None]
    if len(ready) < len(done):
        raise SystemExit(f"setup: only {len(ready)} of {len(done)} students could be made ready")
    return ready


def steady_students(url: str, seeded: Seeded) -> list[dict[str, Any]]:
    """Logged in, attempt started and open: their cookie, the page's token and the attempt."""
    setup, ledger = Tally("setup"), Ledger()

    def ready(username: str) -> Callable[[], dict[str, Any] | None]:
        def job() -> dict[str, Any] | None:
            student = Student(url, username, seeded.assignment_id, ledger)
            try:
                if student.log_in(setup) and student.start(setup) and student.open_quiz(setup):
                    cookie = cookie_header(student.client)
                    return {"cookie": cookie, "token": student.token, "attempt": student.attempt_id}
                return None
            finally:
                student.close()

        return job

    return all_of(ready(name) for name in seeded.steady)


def class_at_the_door(url: str, usernames: Sequence[str]) -> list[dict[str, Any]]:
    """Students on the login page: their anonymous session cookie and the filled-in form."""

    def ready(username: str) -> Callable[[], dict[str, Any] | None]:
        def job() -> dict[str, Any] | None:
            with httpx.Client(base_url=url, timeout=REQUEST_TIMEOUT) as client:
                found = _HIDDEN_TOKEN.search(client.get("/login").text)
                if found is None:
                    return None
                form = {"username": username, "password": PASSWORD, "csrf_token": found.group(1)}
                return {"cookie": cookie_header(client), "login_body": urlencode(form)}

        return job

    return all_of(ready(name) for name in usernames)


def students_before_start(url: str, seeded: Seeded) -> list[dict[str, Any]]:
    """Logged in, on the quiz's page with its Start button: cookie, token and the Start form."""
    setup, ledger = Tally("setup"), Ledger()
    quiz_path = f"/student/quizzes/{seeded.assignment_id}"

    def ready(number: int, username: str) -> Callable[[], dict[str, Any] | None]:
        def job() -> dict[str, Any] | None:
            student = Student(url, username, seeded.assignment_id, ledger)
            try:
                if not student.log_in(setup):
                    return None
                found = _HIDDEN_TOKEN.search(student.client.get(quiz_path).text)
                if found is None:
                    return None
                return {
                    "number": number,
                    "cookie": cookie_header(student.client),
                    "token": found.group(1),
                    "start_body": urlencode({"csrf_token": found.group(1)}),
                }
            finally:
                student.close()

        return job

    return all_of(ready(number, name) for number, name in enumerate(seeded.burst, start=1))


def write_data(path: Path, **values: Any) -> Path:
    """The Lua table the wrk scripts read, with the User-Agent the sessions were opened with."""
    values["user_agent"] = f"python-httpx/{httpx.__version__}"  # httpx.Client's default
    path.write_text("return " + lua_literal(values) + "\n", encoding="utf-8")
    return path


# --- printing ----------------------------------------------------------------------------------


def verdict(met: bool) -> str:
    return "met" if met else "NOT met"


def print_steady(name: str, run: Run, ceiling: Run | None = None, target: float = 0.0) -> None:
    print(f"{name}: requests: {int(run['requests'])}")
    print(f"{name}: throughput: {run.throughput:,.0f} req/s")
    print(f"{name}: p50 latency: {run['p50_us'] / 1000:.1f} ms")
    print(f"{name}: p99 latency: {run['p99_us'] / 1000:.1f} ms")
    print(f"{name}: max latency: {run['max_us'] / 1000:.1f} ms")
    print(f"{name}: errors: {run.errors}")
    print(f"{name}: wrk CPU: {run.cpu_share:.0f} % of one core")
    if ceiling is not None:
        share = run.throughput / ceiling.throughput
        met = verdict(share >= target)
        print(f"{name}: share of hello-world: {share:.3f} (target >= {target}: {met})")
        p99_ok = run["p99_us"] < 100_000
        print(f"{name}: p99 < 100 ms: {verdict(p99_ok)}")


def print_logins(run: Run, size: int) -> None:
    logged_in = int(run["logged_in"])
    print(f"logins: students: {size}")
    print(f"logins: logged in: {logged_in}")
    print(f"logins: wall time: {run['wall_s']:.2f} s")
    print(f"logins: p50 latency: {run['p50_us'] / 1000:.0f} ms")
    print(f"logins: p99 latency: {run['p99_us'] / 1000:.0f} ms")
    met = logged_in == size and run["wall_s"] <= 5
    print(f"logins: all within 5 s: {verdict(met)}")


def print_burst(run: Run, size: int, within: float) -> None:
    finished = int(run["finished"])
    print(f"burst: students: {size}, {int(run['connections'])} at a time")
    print(f"burst: started, opened and saved three answers: {finished}")
    print(f"burst: students who met an error: {int(run['failed'])}")
    unfinished = int(run["assigned"] - finished - run["failed"])
    if unfinished:
        print(f"burst: still under way when the {BURST_TIME_CAP} s cap ended wrk: {unfinished}")
    print(f"burst: wall time (first Start to last save): {run['wall_s']:.1f} s")
    for kind, label in (
        ("start", "POST /student/quizzes/<id>/start"),
        ("quiz_page", "GET /student/attempts/<id>"),
        ("save", "POST /student/attempts/<id>/answers"),
        ("request", "every request above"),
        ("student", "Start pressed to third save answered"),
    ):
        if run.figures.get(f"{kind}_count"):
            print(
                f"burst: {label}: n={int(run[f'{kind}_count'])}"
                f" p50 {run[f'{kind}_p50_ms']:.0f} ms, p99 {run[f'{kind}_p99_ms']:.0f} ms,"
                f" max {run[f'{kind}_max_ms']:.0f} ms"
            )
    print(f"burst: wrk CPU: {run.cpu_share:.0f} % of one core")
    p99_ms = run.figures.get("request_p99_ms", float("inf"))
    met = (
        finished == size
        and run.errors == 0
        and not unfinished
        and run["wall_s"] <= within
        and p99_ms < 1000
    )
    print(f"burst: all through within {within:g} s, no error, p99 < 1 s: {verdict(met)}")


def print_stored(database_url: str, usernames: Sequence[str], finished: int) -> None:
    """What the database holds for the burst: one attempt each, two answered questions."""
    engine = make_engine(database_url)
    try:
        with engine.connect() as conn:
            students = sa.select(models.User.id).where(models.User.username.in_(usernames))
            attempts = conn.execute(
                sa.select(models.Attempt.id, models.Attempt.student_id).where(
                    models.Attempt.student_id.in_(students)
                )
            ).all()
            answers = conn.execute(
                sa.select(sa.func.count())
                .select_from(models.Response)
                .where(models.Response.attempt_id.in_([row.id for row in attempts]))
            ).scalar_one()
    finally:
        engine.dispose()
    twice = len(attempts) - len({row.student_id for row in attempts})
    print(f"burst: attempts stored: {len(attempts)} (students with two: {twice})")
    print(f"burst: answers stored: {answers} (expected {2 * finished}: two questions each)")


# --- the run -----------------------------------------------------------------------------------


def run(args: argparse.Namespace, folder: Path) -> None:
    database_url = args.postgres or f"sqlite:///{folder / 'quizapp.sqlite'}"
    kind = "PostgreSQL" if args.postgres else f"SQLite (WAL, synchronous={args.sqlite_synchronous})"
    print(f"machine: {os.cpu_count()} CPU(s), shared with the servers and anything else running")
    print(f"servers: gunicorn, {WORKERS} sync workers each; database: {kind}")
    version = subprocess.run([WRK, "-v"], capture_output=True, text=True).stdout.split(" [")[0]
    print(f"load generator: {version}")
    began = time.perf_counter()
    burst_names_needed = max(args.students, args.class_size)
    seeded = seed(database_url, args.connections, burst_names_needed)
    questions = typed_questions()
    answers = [lua_answer(question, 1) for question in questions]
    answers_again = [lua_answer(question, 3) for question in questions]
    people = len(seeded.steady) + len(seeded.burst)
    print(f"seeded: {people} students in {time.perf_counter() - began:.1f} s")
    env = {
        "QUIZAPP_DATABASE_URL": database_url,
        "QUIZAPP_INSTANCE_PATH": str(folder / "instance"),
        "QUIZAPP_SECRET_KEY": "benchmark secret key",
        "QUIZAPP_SQLITE_SYNCHRONOUS": args.sqlite_synchronous,
    }
    steady = {"threads": args.threads, "connections": args.connections, "seconds": args.seconds}
    with (
        gunicorn("http_load:hello_world_app()", {}, python_path=BENCH) as hello,
        gunicorn("quizapp.web.wsgi:app", env) as quizapp,
    ):
        data = write_data(
            folder / "steady.lua", steady=steady_students(quizapp, seeded), answers=answers
        )
        ceiling = wrk(hello, "hello.lua", data, args=[args.threads], **steady)
        print_steady("hello-world GET /", ceiling)
        page = wrk(quizapp, "quiz_page.lua", data, args=[args.threads], **steady)
        print_steady("quiz page GET /student/attempts/<id>", page, ceiling, 0.2)
        saves = wrk(quizapp, "save.lua", data, args=[args.threads], **steady)
        print_steady("answer save POST /student/attempts/<id>/answers", saves, ceiling, 0.25)

        door = class_at_the_door(quizapp, seeded.burst[: args.class_size])
        data = write_data(folder / "logins.lua", logins=door)
        logins = wrk(
            quizapp,
            "login.lua",
            data,
            threads=len(door),
            connections=len(door),
            seconds=60,
            until_finished=True,
        )
        print_logins(logins, len(door))

        ready = students_before_start(quizapp, seeded)[: args.students]
        data = write_data(
            folder / "burst.lua",
            burst=ready,
            answers=answers,
            answers_again=answers_again,
            start_path=f"/student/quizzes/{seeded.assignment_id}/start",
        )
        connections = min(args.burst_connections, len(ready))
        burst = wrk(
            quizapp,
            "burst.lua",
            data,
            threads=connections,
            connections=connections,
            seconds=BURST_TIME_CAP,
            args=[connections],
            until_finished=True,
        )
        burst.figures["connections"] = connections
        print_burst(burst, len(ready), args.within)
    print_stored(database_url, seeded.burst[: args.students], int(burst["finished"]))
    print(f"total run time: {time.perf_counter() - began:.0f} s")


def lua_answer(question: Any, seq: int) -> str:
    """The ``answers`` object of one save of ``question``, as JSON text."""
    return json.dumps({question.id: answer_for(question, seq)})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--postgres", metavar="URL", help="run on this PostgreSQL database (emptied)"
    )
    parser.add_argument(
        "--sqlite-synchronous",
        choices=("full", "normal"),
        default="full",
        help="QUIZAPP_SQLITE_SYNCHRONOUS for the server (full, the default, survives a power cut)",
    )
    parser.add_argument("--seconds", type=float, default=10.0, help="length of each steady phase")
    parser.add_argument("--connections", type=int, default=32, help="connections, steady phases")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads, steady phases")
    parser.add_argument("--class-size", type=int, default=40, help="students logging in at once")
    parser.add_argument("--students", type=int, default=500, help="exam-start burst size")
    parser.add_argument(
        "--within", type=float, default=10.0, help="seconds the whole burst may take (target)"
    )
    parser.add_argument(
        "--burst-connections", type=int, default=50, help="wrk connections in the burst"
    )
    args = parser.parse_args(argv)
    if shutil.which(WRK) is None:
        raise SystemExit("wrk is not installed: apt-get install wrk")
    with tempfile.TemporaryDirectory(prefix="quizapp-load-") as folder:
        run(args, Path(folder))
    return 0


if __name__ == "__main__":
    sys.exit(main())
