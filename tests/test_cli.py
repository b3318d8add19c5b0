"""The quizapp command: validate, import, try, create-user and setup, through click's runner.

``quizapp try`` is checked against the grading table of the sample bank: each row is a trial
answer a student could type and the credit a teacher would give it.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa
import sqlalchemy.orm as so
from click.testing import CliRunner, Result

from quizapp.banks import dump_bank, load_bank_file
from quizapp.cli import cli
from quizapp.db.models import Bank, BankVersion, User
from tests.domain.questions.test_marking_tables import ARTICLE, ROWS, Row

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "question_banks" / "turkey-egypt-talks-2021.yaml"
INVALID = ROOT / "tests" / "data" / "banks" / "invalid"


def invoke(runner: CliRunner, *args: str) -> Result:
    return runner.invoke(cli, list(args), catch_exceptions=False)


GRADING_TABLE = [
    # question id, answer words, credit, state
    ("host-city", ["Cairo"], "1", "right"),
    ("host-city", ["Ankara"], "0", "wrong"),
    ("turkish-lead", ["Sedat Onal"], "1", "right"),
    ("turkish-lead", ["Sedat Önal"], "1", "right"),
    ("turkish-lead", ["sedat  onal"], "1", "right"),
    ("turkish-lead", ["Onall"], "1", "right"),
    ("turkish-lead", ["Onal"], "1", "right"),
    ("turkish-lead", ["Ankara"], "0", "wrong"),
    ("turkish-lead", ["Hamdi Sanad Loza"], "0", "wrong"),
    ("both-leads", ["Loza and Onal"], "1", "right"),
    ("both-leads", ["Sedat Onal and Hamdi Loza"], "1", "right"),
    ("both-leads", ["Onal and Cavusoglu"], "0", "wrong"),
    ("both-leads", ["Sedat Onal"], "1/2", "partial"),
    ("troop-deployment", ["early January 2020"], "1", "right"),
    ("troop-deployment", ["January 2020"], "1", "right"),
    ("troop-deployment", ["Jan. 2020"], "1", "right"),
    ("troop-deployment", ["2020-01"], "1", "right"),
    ("troop-deployment", ["in Jan 2020"], "1", "right"),
    ("troop-deployment", ["2020"], "0", "wrong"),
    ("troop-deployment", ["February 2020"], "0", "wrong"),
    ("years-of-hostility", ["eight"], "1", "right"),
    ("years-of-hostility", ["8 years"], "1", "right"),
    ("years-of-hostility", ["9"], "0", "wrong"),
    ("talk-length", ["two"], "1", "right"),
    ("talk-length", ["2 days"], "1", "right"),
    ("talk-length", ["three"], "0", "wrong"),
    ("talk-days", ["Wednesday", "Thursday"], "1", "right"),
    ("talk-days", ["Wednesday"], "1/2", "partial"),
    ("talk-days", ["Wednesday", "Tuesday"], "0", "wrong"),
    ("egypt-enthusiasm", ["false"], "1", "right"),
    ("libya-background", ["2011", "Gadhafi", "Tobruk"], "1", "right"),
    ("libya-background", ["2011", "Gaddafi", "Tripoli"], "2/3", "partial"),
    ("egypt-condition", ["conditioned the restoration of relations"], "1", "right"),
    ("egypt-condition", ["Turkey deployed military troops"], "0", "wrong"),
]


@pytest.mark.parametrize(("question", "words", "credit", "state"), GRADING_TABLE)
def test_try_grades_the_table(question: str, words: list[str], credit: str, state: str) -> None:
    result = invoke(CliRunner(), "try", str(SAMPLE), question, *words)
    assert result.exit_code == 0, result.output
    grade = json.loads(result.output)
    assert (grade["credit"], grade["state"]) == (credit, state), grade
    assert set(grade) == {"credit", "state", "matched", "feedback"}


def marking_bank(rows: list[Row]) -> tuple[str, dict[Row, str]]:
    """A bank about the marking article with one short answer per (key, switch), and its ids."""
    ids: dict[tuple[str, str], str] = {}
    questions = []
    for row in rows:
        if (row.key, row.switched_off) in ids:
            continue
        question_id = f"q{len(ids) + 1}"
        ids[(row.key, row.switched_off)] = question_id
        question = {"id": question_id, "type": "short_answer", "prompt": "?", "answers": [row.key]}
        if row.switched_off:
            question["leniency"] = {row.switched_off: False}
        questions.append(question)
    bank = {
        "id": "marking",
        "title": "Marking table",
        "source": {"publisher": "Test"},
        "article": ARTICLE.text,
        "questions": questions,
    }
    return dump_bank(bank), {row: ids[(row.key, row.switched_off)] for row in rows}


def test_try_agrees_with_the_teachers_marking_table(tmp_path: Path) -> None:
    text, question_ids = marking_bank(ROWS)
    bank_file = tmp_path / "marking.yaml"
    bank_file.write_text(text, encoding="utf-8")
    runner = CliRunner()
    disagreements = []
    for row in ROWS:
        result = invoke(runner, "try", str(bank_file), question_ids[row], row.answer)
        credit = json.loads(result.output)["credit"]
        if credit != str(row.credit):
            disagreements.append(f"{row.label}: try gives {credit}")
    assert disagreements == []
    assert len(question_ids) == len(ROWS) > 100


def test_try_ordering_gives_partial_credit_for_one_swap() -> None:
    items = [
        "A NATO-backed uprising ousts Muammar Gaddafi in Libya.",
        "Libya splits between two rival seats of power.",
        "The Egyptian military removes President Mohamed Morsi.",
        "Turkey deploys military troops to Libya.",
        "A Turkish delegation arrives in Cairo for talks.",
    ]
    grade = json.loads(invoke(CliRunner(), "try", str(SAMPLE), "events-in-order", *items).output)
    assert grade["credit"] == "9/10"
    assert grade["state"] == "partial"


def test_try_explains_an_unknown_question_or_choice() -> None:
    result = CliRunner().invoke(cli, ["try", str(SAMPLE), "no-such-question", "x"])
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)  # a message, not a KeyError traceback
    ids = ", ".join(question.id for question in load_bank_file(SAMPLE).questions)
    assert ids.startswith("main-idea, host-city, turkish-lead, ")
    assert result.stderr == (
        f"No question 'no-such-question' in bank 'turkey-egypt-talks-2021'; "
        f"its questions are: {ids}.\n"
    )
    result = CliRunner().invoke(cli, ["try", str(SAMPLE), "host-city", "Paris"])
    assert result.exit_code == 1
    assert "Paris" in result.output


def test_a_refused_command_says_why_on_stderr_alone_and_exits_1() -> None:
    """The group's one error handler: a QuizappError no command catches ends it as ``fail``."""
    result = CliRunner().invoke(cli, ["try", str(SAMPLE), "host-city", "Paris"])
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)  # handled, not raised out of the command
    assert result.stdout == ""
    assert result.stderr == "'Paris' is not one of the choices: Ankara; Tobruk; Cairo; Tripoli\n"


def test_validate_accepts_the_shipped_banks() -> None:
    result = CliRunner().invoke(cli, ["validate", str(ROOT / "question_banks")])
    assert result.exit_code == 0, result.output
    assert "1 valid, 0 invalid" in result.output


def test_validate_reports_one_located_problem_per_broken_file() -> None:
    result = CliRunner().invoke(cli, ["validate", str(INVALID)])
    assert result.exit_code == 1
    files = sorted(INVALID.glob("*.yaml"))
    lines = [line for line in result.output.splitlines() if ".yaml:" in line]
    assert len(lines) == len(files)
    for path, line in zip(files, sorted(lines), strict=True):
        assert line.startswith(f"{path}:"), line
        row, column = line.removeprefix(f"{path}:").split(":")[:2]
        assert row.isdigit() and column.isdigit()


def test_validate_usage_errors_exit_2(tmp_path: Path) -> None:
    assert CliRunner().invoke(cli, ["validate"]).exit_code == 2
    assert CliRunner().invoke(cli, ["validate", str(tmp_path / "missing.yaml")]).exit_code == 2
    assert CliRunner().invoke(cli, ["validate", str(tmp_path)]).exit_code == 2


def test_import_stores_a_version_only_when_the_content_changes(
    run: CliRunner, session: so.Session, tmp_path: Path
) -> None:
    bank = tmp_path / "bank.yaml"
    shutil.copy(SAMPLE, bank)
    assert invoke(run, "import", str(bank)).exit_code == 0
    assert invoke(run, "import", str(bank)).exit_code == 0
    assert session.scalar(sa.select(sa.func.count(BankVersion.id))) == 1
    bank.write_text(
        bank.read_text(encoding="utf-8").replace("Which city hosted", "Which city was host to"),
        encoding="utf-8",
    )
    assert invoke(run, "import", str(bank)).exit_code == 0
    session.rollback()  # end the read snapshot taken by the first count
    assert session.scalar(sa.select(sa.func.count(BankVersion.id))) == 2


def test_import_is_all_or_nothing(run: CliRunner, session: so.Session, tmp_path: Path) -> None:
    shutil.copy(SAMPLE, tmp_path / "good.yaml")
    shutil.copy(INVALID / "mc_two_correct.yaml", tmp_path / "bad.yaml")
    result = run.invoke(cli, ["import", str(tmp_path)])
    assert result.exit_code == 1
    assert "bad.yaml:" in result.output
    assert "Nothing imported" in result.output
    assert session.scalar(sa.select(sa.func.count(Bank.id))) == 0


def test_create_user_then_refuse_a_taken_name(run: CliRunner, session: so.Session) -> None:
    args = [
        "create-user",
        "--role",
        "teacher",
        "--username",
        "ms.rivera",
        "--password",
        "a long password",
    ]
    assert invoke(run, *args).exit_code == 0
    again = run.invoke(cli, args)
    assert again.exit_code == 1
    assert "taken" in again.output
    user = session.scalars(sa.select(User)).one()
    assert (user.username, user.role) == ("ms.rivera", "teacher")


def test_setup_imports_the_banks_and_prints_demo_credentials_once(
    run: CliRunner, session: so.Session
) -> None:
    first = invoke(run, "setup")
    assert first.exit_code == 0, first.output
    assert "teacher password:" in first.output
    assert "class join code:" in first.output
    second = invoke(run, "setup")
    assert "teacher password:" not in second.output
    slugs = session.scalars(sa.select(Bank.slug)).all()
    assert "turkey-egypt-talks-2021" in slugs


def test_serve_refuses_a_port_in_use_with_what_to_do(run: CliRunner) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run.invoke(cli, ["serve", "--port", str(port)])
    assert result.exit_code == 1
    assert f"Cannot listen on 127.0.0.1:{port}" in result.output
    assert "make run PORT=8000" in result.output


def test_serve_refuses_a_negative_proxy_count_before_starting_workers(run: CliRunner) -> None:
    result = run.invoke(
        cli, ["serve", "--workers", "2", "--port", "0"], env={"QUIZAPP_TRUSTED_PROXIES": "-1"}
    )
    assert result.exit_code == 2
    assert "QUIZAPP_TRUSTED_PROXIES must be 0 (no proxy)" in result.output


def test_serve_with_setup_prints_the_demo_login_and_the_address_last(tmp_path: Path) -> None:
    import os
    import subprocess

    env = {
        **os.environ,
        "QUIZAPP_DATABASE_URL": f"sqlite:///{tmp_path / 'first-run.sqlite'}",
        "QUIZAPP_INSTANCE_PATH": str(tmp_path / "instance"),
    }
    env["PYTHONUNBUFFERED"] = "1"
    command = [sys.executable, "-c", "from quizapp.cli import cli; cli()", "serve", "--setup"]
    command += ["--port", "0"]
    server = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, text=True)
    try:
        assert server.stdout is not None
        lines: list[str] = []
        while not (lines and lines[-1].startswith("quizapp is running")):
            line = server.stdout.readline()
            assert line, f"the server stopped: {lines}"
            lines.append(line.rstrip("\n"))
    finally:
        server.terminate()
        server.wait(timeout=10)
        if server.stdout is not None:
            server.stdout.close()
    # The last lines: the new demo teacher's login, then the address to open.
    assert lines[-5].startswith("A demo teacher and class were created")
    assert lines[-4].startswith("  teacher username: ")
    assert lines[-3].startswith("  teacher password: ")
    assert re.fullmatch(r"quizapp is running: open http://127\.0\.0\.1:\d+/ .*", lines[-1])
