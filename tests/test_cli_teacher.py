"""The teacher's commands: ``quizapp seed-demo`` and ``quizapp export-scores``."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlalchemy as sa
import sqlalchemy.orm as so
from click.testing import CliRunner, Result

from quizapp.cli import cli
from quizapp.config import PROJECT_ROOT
from quizapp.db.models import SUBMITTED, TEACHER, Attempt, Bank, Classroom, User
from quizapp.services import accounts, assignments, attempts, banks, classes, export

SAMPLE = PROJECT_ROOT / "question_banks" / "turkey-egypt-talks-2021.yaml"


def invoke(runner: CliRunner, *args: str) -> Result:
    return runner.invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture
def seeded(run: CliRunner, session: so.Session) -> Classroom:
    banks.import_paths(session, [SAMPLE])
    result = invoke(run, "seed-demo", "--students", "4", "--seed", "5")
    assert result.exit_code == 0, result.output
    classroom = session.scalars(sa.select(Classroom)).one()
    assert isinstance(classroom, Classroom)
    return classroom


def test_seed_demo_prints_the_new_teacher_once(run: CliRunner, session: so.Session) -> None:
    banks.import_paths(session, [SAMPLE])
    first = invoke(run, "seed-demo", "--students", "3", "--seed", "5")
    assert first.exit_code == 0, first.output
    assert "teacher username: demo-teacher" in first.output
    assert "3 student(s) added" in first.output
    second = invoke(run, "seed-demo", "--students", "3", "--seed", "5")
    assert second.exit_code == 0
    assert "teacher password" not in second.output
    assert "0 student(s) added, 0 attempt(s) submitted" in second.output


def test_seed_demo_without_the_sample_bank_fails_clearly(run: CliRunner) -> None:
    result = invoke(run, "seed-demo", "--students", "2")
    assert result.exit_code == 1
    assert "quizapp setup" in result.output


def test_seed_demo_checks_its_options(run: CliRunner) -> None:
    result = run.invoke(cli, ["seed-demo", "--students", "0"])
    assert result.exit_code == 2


def test_export_scores_writes_the_gradebook(
    run: CliRunner, seeded: Classroom, tmp_path: Path
) -> None:
    target = tmp_path / "scores.csv"
    result = invoke(run, "export-scores", "--class", seeded.join_code, "-o", str(target))
    assert result.exit_code == 0, result.output
    data = target.read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8"))))
    assert rows[0][:5] == list(export.GRADEBOOK_LEAD_COLUMNS)
    assert rows[0][-1] == export.GRADEBOOK_TOTAL_COLUMN
    assert len(rows) == 1 + 4  # one row per student of the one quiz
    assert f"Wrote 4 row(s) (gradebook) to {target}" in result.output


def test_export_scores_responses_with_bom_to_stdout(run: CliRunner, seeded: Classroom) -> None:
    result = invoke(run, "export-scores", "--layout", "responses", "--bom", "-o", "-")
    assert result.exit_code == 0
    assert result.stdout.startswith("\ufeffclass,username,display_name,quiz,attempt")


def test_export_scores_for_an_unknown_class_fails(
    run: CliRunner, seeded: Classroom, tmp_path: Path
) -> None:
    target = tmp_path / "scores.csv"
    result = invoke(run, "export-scores", "--class", "NOPE99", "-o", str(target))
    assert result.exit_code == 1
    assert "NOPE99" in result.output
    assert not target.exists()


def test_export_scores_needs_an_output(run: CliRunner) -> None:
    result = run.invoke(cli, ["export-scores"])
    assert result.exit_code == 2
    assert "--output" in result.output


def test_submit_overdue_submits_abandoned_timed_attempts(
    run: CliRunner, session: so.Session, make_user: Callable[..., User]
) -> None:
    """A student who started a 10-minute quiz an hour ago and never came back gets graded."""
    teacher = make_user("ms-lee", role=TEACHER)
    student = make_user("sam")
    banks.import_paths(session, [SAMPLE])
    classroom = classes.create_class(session, teacher, "9B")
    accounts.join_classroom(session, student, classroom.join_code)
    bank = session.scalars(sa.select(Bank)).one()
    assignment = assignments.assign_bank(
        session,
        teacher,
        classroom.id,
        bank.id,
        assignments.AssignmentSettings(title="Timed", time_limit_minutes=10),
    )
    an_hour_ago = dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)
    attempt = attempts.start_or_resume(session, student, assignment.id, an_hour_ago)
    attempts.save_responses(
        session,
        student,
        attempt.id,
        {"host-city": {"choice": "a"}},
        1,
        an_hour_ago + dt.timedelta(minutes=2),
    )
    result = invoke(run, "submit-overdue")
    assert result.exit_code == 0, result.output
    assert "1 overdue attempt(s) submitted." in result.output
    session.rollback()
    session.expire_all()
    stored = session.get(Attempt, attempt.id)
    assert stored is not None and stored.state == SUBMITTED
    assert stored.fraction_text is not None
    # Stamped at the deadline, not at the time the job ran.
    assert stored.submitted_at == stored.deadline
    assert "0 overdue" in invoke(run, "submit-overdue").output
