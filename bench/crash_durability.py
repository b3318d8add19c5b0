"""Answers survive the server being killed: ``kill -9`` of every gunicorn process mid-save.

Students save answers as fast as they can against quizapp under gunicorn (5 sync workers, as
in ``http_load.py``); at a random moment of each round the master and all its workers are
killed with SIGKILL while saves are in flight, and the server is started again on the same
database. After the last round every acknowledged save (HTTP 200) is compared with the
database: none may be lost (missing, or older than the newest acknowledged save of its
question), duplicated, or stored with other data, and a student must still have one attempt.
Each restarted server must serve a student's quiz page and take a save again.

Usage: python bench/crash_durability.py [--rounds 3] [--seconds 6] [--clients 32]
       [--sqlite-synchronous full|normal] [--postgres postgresql+psycopg://user@host/dbname]
(the PostgreSQL database is emptied). Prints figures; it asserts nothing.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from http_load import (  # noqa: E402  (the sibling script's server, seeding, students and check)
    Ledger,
    Student,
    Tally,
    answer_for,
    free_port,
    ready_students,
    seed,
    start_gunicorn,
    typed_questions,
    verify,
)


def kill_all(process: subprocess.Popen[bytes]) -> None:
    """SIGKILL the gunicorn master and every worker: they share the session it was started in."""
    with contextlib.suppress(ProcessLookupError):  # it may have died of the last round
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def save_until_stopped(
    students: list[Student], questions: list[Any], stop: threading.Event, tally: Tally
) -> None:
    """Each student saves its next answer over and over until ``stop`` is set."""

    def keep_saving(index: int, student: Student) -> None:
        turn = itertools.count(index)
        while not stop.is_set():
            question = questions[next(turn) % len(questions)]
            if not student.save(tally, question.id, answer_for(question, student.seq + 1)):
                time.sleep(0.05)  # the server is gone or coming back: try the next answer

    threads = [
        threading.Thread(target=keep_saving, args=(index, student))
        for index, student in enumerate(students)
    ]
    for thread in threads:
        thread.start()
    stop.wait()
    for thread in threads:
        thread.join()


def serves_again(student: Student, questions: list[Any]) -> bool:
    """Whether the restarted server, at the same address, shows the student's quiz and takes
    a save: the session from before the kill still holds."""
    check = Tally("after restart")
    if not student.open_quiz(check):
        return False
    question = questions[0]
    return student.save(check, question.id, answer_for(question, student.seq + 1))


def run(args: argparse.Namespace, folder: Path) -> None:
    database_url = args.postgres or f"sqlite:///{folder / 'quizapp.sqlite'}"
    kind = "PostgreSQL" if args.postgres else f"SQLite (WAL, synchronous={args.sqlite_synchronous})"
    print(f"database: {kind}")
    print(
        f"load: {args.clients} students saving without pause; {args.rounds} rounds, each "
        f"killed with SIGKILL at a random moment of its {args.seconds:g} s"
    )
    seeded = seed(database_url, args.clients, 0)
    questions = typed_questions()
    env = {
        "QUIZAPP_DATABASE_URL": database_url,
        "QUIZAPP_INSTANCE_PATH": str(folder / "instance"),
        "QUIZAPP_SECRET_KEY": "benchmark secret key",
        "QUIZAPP_LOGIN_RATE_LIMIT": "1000000 per minute",
        "QUIZAPP_SQLITE_SYNCHRONOUS": args.sqlite_synchronous,
    }
    port = free_port()  # one address across restarts, as a school's server keeps its own
    ledger = Ledger()
    rng = random.Random(args.seed)
    process, url = start_gunicorn("quizapp.web.wsgi:app", env, port=port)
    students = ready_students(url, seeded, ledger)
    restarts_serving = 0
    try:
        for round_number in range(1, args.rounds + 1):
            tally = Tally(f"round {round_number} saves")
            stop = threading.Event()
            saving = threading.Thread(
                target=save_until_stopped, args=(students, questions, stop, tally)
            )
            saving.start()
            time.sleep(rng.uniform(0.3, 0.9) * args.seconds)
            kill_all(process)
            print(f"round {round_number}: killed every gunicorn process with SIGKILL")
            time.sleep(0.5)  # saves in flight fail against the dead server
            stop.set()
            saving.join()
            tally.report(rate=False)
            process, url = start_gunicorn("quizapp.web.wsgi:app", env, port=port)
            back = serves_again(students[0], questions)
            restarts_serving += back
            print(f"round {round_number}: restarted server shows the quiz and takes a save: {back}")
    finally:
        kill_all(process)
        for student in students:
            student.close()
    print(f"restarts that served again: {restarts_serving} of {args.rounds}")
    verify(database_url, ledger)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="kills and restarts")
    parser.add_argument("--seconds", type=float, default=6.0, help="length of each round")
    parser.add_argument("--clients", type=int, default=32, help="students saving at once")
    parser.add_argument("--seed", type=int, default=0, help="when in each round the kill comes")
    parser.add_argument(
        "--sqlite-synchronous", choices=("full", "normal"), default="full", help="SQLite sync"
    )
    parser.add_argument(
        "--postgres", metavar="URL", help="run on this PostgreSQL database (emptied)"
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="quizapp-crash-bench-") as folder:
        run(args, Path(folder))
    return 0


if __name__ == "__main__":
    sys.exit(main())
