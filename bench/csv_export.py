"""CSV export speed and memory on a large gradebook: rows per second and peak memory, per layout.

For each size (10,000 and 100,000 saved answers by default) a fresh SQLite database is filled
with the sample bank assigned to one class whose students each submitted one graded attempt
(bulk-inserted with SQLAlchemy Core; building it is not timed). Both CSV layouts are then
streamed through ``quizapp.services.export`` into a file, each in a fresh child process so that
its memory figures are its own: one run for the time and the growth of resident memory (RSS,
sampled every 5 ms during the export, after a warm-up), one under ``tracemalloc`` for the peak
of Python allocations (tracing slows the code, so it is not timed). The floor is the same answer
rows read with one plain SQL query straight into ``csv.writer``, without quizapp's summaries,
ordering and formula guard. Streaming means memory stays flat: the figures for 100,000 rows
should be close to those for 10,000.

Usage: python bench/csv_export.py [--sizes 10000 100000] [--keep DIR]
Prints figures only; it asserts nothing about time.
"""

from __future__ import annotations

import argparse
import csv
import json
import resource
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import tracemalloc
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from fractions import Fraction
from pathlib import Path
from typing import Any

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from quizapp.db import models  # noqa: E402
from quizapp.db.engine import make_engine, make_session_factory  # noqa: E402
from quizapp.db.schema import upgrade  # noqa: E402
from quizapp.domain.questions.base import QuestionType  # noqa: E402
from quizapp.domain.quiz import Bank as DomainBank  # noqa: E402
from quizapp.domain.quiz import attempt_fraction  # noqa: E402

SAMPLE_BANK = ROOT / "question_banks" / "turkey-egypt-talks-2021.yaml"
LAYOUTS = ("responses", "gradebook")
INSERT_BATCH = 5000
MIB = 1024 * 1024


# --- building the gradebook -------------------------------------------------------------------


def wrong_response(question: QuestionType) -> dict[str, str]:
    """A plausible answer that earns no credit (a wrong choice, a flipped fact, a bad word)."""
    right = question.correct_response()
    kind = question.type_name
    if kind == "multiple_choice":
        others = [c.id for c in question.choices if not c.correct]  # type: ignore[attr-defined]
        return {"choice": others[0]}
    if kind == "multi_select":
        return {choice.id: "1" for choice in question.choices}  # type: ignore[attr-defined]
    if kind == "true_false":
        return {"answer": "false" if right["answer"] == "true" else "true"}
    if kind == "ordering":
        count = len(right)
        return {item: str(count + 1 - int(position)) for item, position in right.items()}
    if kind == "evidence":
        offered = [s for s in question.sentences if s not in question.accepted]  # type: ignore[attr-defined]
        return {"sentence": offered[0]}
    return {field: "no idea" for field in question.expected_fields()}


@dataclass(frozen=True)
class GradedAnswer:
    data: dict[str, str]
    fraction_text: str
    state: str


def answer_patterns(bank: DomainBank) -> dict[str, tuple[GradedAnswer, GradedAnswer]]:
    """Per question, a right and a wrong answer, graded once by the question itself."""
    patterns: dict[str, tuple[GradedAnswer, GradedAnswer]] = {}
    for question in bank.questions:
        graded = []
        for data in (question.correct_response(), wrong_response(question)):
            grade = question.grade(data)
            graded.append(GradedAnswer(data, str(grade.fraction), str(grade.state)))
        patterns[question.id] = (graded[0], graded[1])
    return patterns


@dataclass(frozen=True)
class Gradebook:
    path: Path
    assignment_id: int
    students: int
    answers: int


def build_gradebook(path: Path, answers: int) -> Gradebook:
    """A SQLite database holding ``answers`` saved answers of one class on the sample bank."""
    from quizapp.domain.grading import Grade, GradeState
    from quizapp.services import accounts, assignments, banks, classes

    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    with make_session_factory(engine)() as session:
        banks.import_paths(session, [SAMPLE_BANK])
        teacher = accounts.create_user(
            session, username="teacher", password="bench password", role=models.TEACHER
        )
        classroom = classes.create_class(session, teacher, "Benchmark class")
        stored_bank = session.scalars(sa.select(models.Bank)).one()
        settings = assignments.default_settings(session, teacher, stored_bank.id)
        assignment = assignments.assign_bank(
            session, teacher, classroom.id, stored_bank.id, settings
        )
        bank = banks.load_version_bank(banks.latest_version(session, stored_bank))
    patterns = answer_patterns(bank)
    question_ids = [question.id for question in bank.questions]
    per_student = len(question_ids)
    students = -(-answers // per_student)
    started = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    # Nobody logs in as these students, so they share one placeholder hash.
    placeholder_hash = "scrypt:32768:8:1$benchmark$not-a-real-hash"

    def user_rows() -> Iterator[dict[str, Any]]:
        for n in range(students):
            yield {
                "id": 1000 + n,
                "username": f"student{n:06d}",
                "display_name": f"Student {n:06d}",
                "password_hash": placeholder_hash,
                "role": models.STUDENT,
                "created_at": started,
            }

    def attempt_and_answer_rows() -> Iterator[tuple[dict[str, Any], list[dict[str, Any]]]]:
        written = 0
        for n in range(students):
            count = min(per_student, answers - written)
            grades: dict[str, Grade] = {}
            rows = []
            for index, qid in enumerate(question_ids[:count]):
                # About two answers in three are right; the pattern shifts per student.
                answer = patterns[qid][0 if (n + index) % 3 else 1]
                grades[qid] = Grade(Fraction(answer.fraction_text), GradeState(answer.state))
                rows.append(
                    {
                        "attempt_id": 1000 + n,
                        "question_id": qid,
                        "data": answer.data,
                        "client_seq": index + 1,
                        "saved_at": started + timedelta(minutes=index),
                        "checked": False,
                        "fraction_text": answer.fraction_text,
                        "state": answer.state,
                    }
                )
            written += count
            fraction = attempt_fraction(bank, grades)
            attempt = {
                "id": 1000 + n,
                "assignment_id": assignment.id,
                "student_id": 1000 + n,
                "number": 1,
                "state": models.SUBMITTED,
                "started_at": started,
                "submitted_at": started + timedelta(minutes=30),
                "layout": {"questions": question_ids, "choices": {}},
                "fraction_text": str(fraction),
                "percent": float(fraction * 100),
            }
            yield attempt, rows

    with engine.begin() as conn:
        insert_batches(conn, models.User.__table__, user_rows())
        conn.execute(
            sa.insert(models.Enrollment),
            [{"classroom_id": classroom.id, "student_id": 1000 + n} for n in range(students)],
        )
        attempts: list[dict[str, Any]] = []
        responses: list[dict[str, Any]] = []
        for attempt, rows in attempt_and_answer_rows():
            attempts.append(attempt)
            responses.extend(rows)
            if len(responses) >= INSERT_BATCH:
                conn.execute(sa.insert(models.Attempt), attempts)
                conn.execute(sa.insert(models.Response), responses)
                attempts, responses = [], []
        if attempts:
            conn.execute(sa.insert(models.Attempt), attempts)
        if responses:
            conn.execute(sa.insert(models.Response), responses)
    engine.dispose()
    return Gradebook(path, assignment.id, students, answers)


def insert_batches(conn: sa.Connection, table: Any, rows: Iterator[dict[str, Any]]) -> None:
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= INSERT_BATCH:
            conn.execute(sa.insert(table), batch)
            batch = []
    if batch:
        conn.execute(sa.insert(table), batch)


# --- one measured export (run in a child process) ---------------------------------------------


def current_rss_bytes() -> int:
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize()


class RssSampler(threading.Thread):
    """The highest resident set size seen while it runs (sampled every few milliseconds)."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.highest = current_rss_bytes()
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.005):
            self.highest = max(self.highest, current_rss_bytes())

    def stop(self) -> int:
        self.done.set()
        self.join()
        return max(self.highest, current_rss_bytes())


def export_to_file(database: Path, layout: str, target: Path) -> int:
    """Stream one layout of every quiz into ``target``; return the number of lines written."""
    from quizapp.services import export

    engine = make_engine(f"sqlite:///{database}")
    lines = 0
    try:
        with make_session_factory(engine)() as session, target.open("w", encoding="utf-8") as out:
            scope = export.operator_scope(session)
            for line in export.csv_lines(session, scope, layout):
                out.write(line)
                lines += 1
    finally:
        engine.dispose()
    return lines


def floor_to_file(database: Path, target: Path) -> int:
    """The same answer rows through one plain query into csv.writer: the least work possible."""
    engine = make_engine(f"sqlite:///{database}")
    lines = 0
    query = sa.text(
        "SELECT u.username, u.display_name, a.number, r.question_id, r.data, r.fraction_text,"
        " r.state, r.saved_at, a.submitted_at FROM response r"
        " JOIN attempt a ON a.id = r.attempt_id JOIN user u ON u.id = a.student_id"
        " ORDER BY u.username, a.number, r.id"
    )
    try:
        with engine.connect() as conn, target.open("w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out)
            for row in conn.execution_options(yield_per=1000).execute(query):
                writer.writerow(row)
                lines += 1
    finally:
        engine.dispose()
    return lines


def warm_up(database: Path, layout: str) -> None:
    from quizapp.services import export

    engine = make_engine(f"sqlite:///{database}")
    try:
        with make_session_factory(engine)() as session:
            # A few rows of each layout measured, then the generators are dropped unfinished.
            for warmed in {"responses", layout}:
                lines = export.csv_lines(session, export.operator_scope(session), warmed)
                for _ in zip(range(3), lines, strict=False):
                    pass
                del lines
    finally:
        engine.dispose()


def measure(database: Path, layout: str, mode: str, target: Path) -> dict[str, float]:
    """Run one export in this process; ``mode`` is "time" (and RSS) or "trace" (tracemalloc)."""
    # Warm up before the baseline: import every module the export uses and parse the bank
    # (cached per process), by producing the first rows once.
    if layout != "floor":
        warm_up(database, layout)
    rss_before = current_rss_bytes()
    sampler = RssSampler() if mode == "time" else None
    if sampler is not None:
        sampler.start()
    if mode == "trace":
        tracemalloc.start()
    started = time.perf_counter()
    lines = (
        floor_to_file(database, target)
        if layout == "floor"
        else export_to_file(database, layout, target)
    )
    seconds = time.perf_counter() - started
    figures: dict[str, float] = {"lines": lines, "seconds": seconds, "bytes": target.stat().st_size}
    if mode == "trace":
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        figures["traced_peak"] = peak
    if sampler is not None:
        highest = sampler.stop()
        figures["rss_growth"] = max(0, highest - rss_before)
        figures["rss_peak"] = highest
    return figures


def measure_in_child(database: Path, layout: str, mode: str, target: Path) -> dict[str, float]:
    child = subprocess.run(
        [sys.executable, __file__, "--measure", str(database), layout, mode, str(target)],
        capture_output=True,
        text=True,
    )
    if child.returncode != 0:
        raise SystemExit(f"measuring {layout} ({mode}) failed:\n{child.stderr}")
    figures: dict[str, float] = json.loads(child.stdout.strip().splitlines()[-1])
    return figures


# --- the report --------------------------------------------------------------------------------


def run(sizes: list[int], folder: Path) -> None:
    traced: dict[tuple[str, int], float] = {}
    growth: dict[tuple[str, int], float] = {}
    print(f"python {sys.version.split()[0]}, SQLite {sqlite3.sqlite_version}")
    for size in sizes:
        started = time.perf_counter()
        book = build_gradebook(folder / f"gradebook-{size}.sqlite", size)
        built = time.perf_counter() - started
        print(
            f"== {book.answers:,} saved answers: {book.students:,} students x 1 submitted attempt"
            f" (database built in {built:.1f} s, not timed below)"
        )
        floor = measure_in_child(book.path, "floor", "time", folder / f"floor-{size}.csv")
        floor_rate = floor["lines"] / floor["seconds"]
        print(
            f"floor (plain SQL -> csv.writer): {floor['lines']:,.0f} rows,"
            f" {floor['seconds']:.2f} s, {floor_rate:,.0f} rows/s"
        )
        for layout in LAYOUTS:
            target = folder / f"{layout}-{size}.csv"
            timed = measure_in_child(book.path, layout, "time", target)
            trace = measure_in_child(book.path, layout, "trace", target)
            rows = timed["lines"] - 1  # the header
            rate = rows / timed["seconds"]
            print(
                f"{layout}: {rows:,.0f} data rows, {timed['bytes'] / MIB:.1f} MiB file,"
                f" {timed['seconds']:.2f} s, {rate:,.0f} rows/s"
            )
            print(f"{layout}: answer rows read per second: {book.answers / timed['seconds']:,.0f}")
            if layout == "responses":
                print(f"{layout}: time / floor time: {timed['seconds'] / floor['seconds']:.2f}")
            print(f"{layout}: tracemalloc peak: {trace['traced_peak'] / MIB:.2f} MiB")
            print(
                f"{layout}: RSS growth: {timed['rss_growth'] / MIB:.1f} MiB"
                f" (highest RSS {timed['rss_peak'] / MIB:.1f} MiB)"
            )
            traced[(layout, size)] = trace["traced_peak"]
            growth[(layout, size)] = timed["rss_growth"]
    if len(sizes) >= 2:
        small, large = min(sizes), max(sizes)
        print(f"== memory flatness: {large:,} answers against {small:,} ({large // small}x rows)")
        for layout in LAYOUTS:
            ratio = traced[(layout, large)] / traced[(layout, small)]
            print(f"{layout}: tracemalloc peak ratio: {ratio:.2f}")
            extra = (growth[(layout, large)] - growth[(layout, small)]) / MIB
            print(f"{layout}: RSS growth difference: {extra:+.1f} MiB")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--keep", type=Path, help="build the databases and CSV files here")
    parser.add_argument("--measure", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:
        database, layout, mode, target = args.measure
        print(json.dumps(measure(Path(database), layout, mode, Path(target))))
        return 0
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        run(sorted(args.sizes), args.keep)
        return 0
    with tempfile.TemporaryDirectory(prefix="quizapp-csv-bench-") as folder:
        run(sorted(args.sizes), Path(folder))
    return 0


if __name__ == "__main__":
    sys.exit(main())
