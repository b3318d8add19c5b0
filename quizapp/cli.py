"""The ``quizapp`` command: validate, import, try and generate banks, manage users, serve.

Commands are thin: they parse arguments, call one service, and print. Usage errors exit 2 (click's
convention), invalid input exits 1 with the problems printed, success exits 0. Every command that
touches the database uses ``QUIZAPP_DATABASE_URL`` (default: a SQLite file in the instance folder).
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click
import sqlalchemy.orm as so

from quizapp.config import Config

if TYPE_CHECKING:  # the services load only with the command that needs them
    from quizapp.services.demo import DemoCredentials
from quizapp.db.engine import make_engine, make_session_factory
from quizapp.db.schema import upgrade
from quizapp.errors import QuizappError


@click.group()
@click.version_option(package_name="quizapp")
def cli() -> None:
    """Reading-comprehension quizzes from news articles."""


def load_config() -> Config:
    try:
        return Config.from_env()
    except ValueError as error:
        raise click.UsageError(str(error)) from error


@contextmanager
def database_session(config: Config | None = None) -> Iterator[so.Session]:
    """A session on the configured database, migrated to the newest schema first."""
    config = config or load_config()
    config.ensure_instance_folder()
    from quizapp.services import accounts  # imported late, as every command's services are

    accounts.use_hash_cost(accounts.HashCost(*config.hash_cost()))
    engine = make_engine(config.database_url, sqlite_synchronous=config.sqlite_synchronous)
    try:
        upgrade(engine)
        with make_session_factory(engine)() as session:
            yield session
    finally:
        engine.dispose()


def fail(message: str) -> None:
    """Print ``message`` to stderr and exit 1 (the input was understood but is not usable)."""
    click.echo(message, err=True)
    sys.exit(1)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
def validate(paths: tuple[Path, ...]) -> None:
    """Check bank files (or folders of them) and print every problem as FILE:LINE:COL."""
    from quizapp.banks import bank_files, validate_file

    files = bank_files(paths)
    if not files:
        raise click.UsageError("No .yaml or .yml files found in the paths given.")
    invalid = 0
    problems = 0
    for path in files:
        issues = validate_file(path)
        for issue in issues:
            click.echo(issue.format())
        problems += len(issues)
        invalid += bool(issues)
    summary = (
        f"{len(files)} bank(s) checked: {len(files) - invalid} valid, {invalid} invalid, "
        f"{problems} problem(s)."
    )
    click.echo(summary, err=bool(invalid))
    sys.exit(1 if invalid else 0)


@cli.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
def import_banks(paths: tuple[Path, ...]) -> None:
    """Validate banks, then store a new version of each one that changed (all or nothing)."""
    from quizapp.errors import BankInvalid
    from quizapp.services import banks

    with database_session() as session:
        try:
            report = banks.import_paths(session, list(paths))
        except BankInvalid as error:
            for issue in error.issues:
                click.echo(issue.format(), err=True)
            fail(f"Nothing imported: {len(error.issues)} problem(s) to fix first.")
        click.echo(report.summary())


def _format_names() -> list[str]:
    from quizapp.banks.formats import FORMATS

    return list(FORMATS)


def _reader_names() -> list[str]:
    from quizapp.banks.formats.registry import READERS

    return list(READERS)


@cli.command("export-bank")
@click.argument("bank_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "format_name", required=True, type=click.Choice(_format_names()))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path))
def export_bank(bank_file: Path, format_name: str, output: Path) -> None:
    """Write a bank in another format (GIFT, Moodle XML, QTI) and list what the format loses."""
    from quizapp.banks.formats.exporting import export_bank_file
    from quizapp.errors import BankInvalid

    try:
        exported = export_bank_file(bank_file, format_name)
    except BankInvalid as error:
        for issue in error.issues:
            click.echo(issue.format(), err=True)
        fail(f"Nothing written: {len(error.issues)} problem(s) in the bank to fix first.")
    for notice in exported.notices:
        click.echo("warning: " + notice.format(str(bank_file)), err=True)
    output.write_bytes(exported.content)
    click.echo(f"Wrote {output} ({format_name}, {len(exported.notices)} warning(s)).")


@cli.command("import-bank")
@click.argument(
    "files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option(
    "-o", "--output", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path)
)
@click.option("--format", "format_name", type=click.Choice(_reader_names()), help="Skip guessing.")
@click.option(
    "--skip-unsupported",
    is_flag=True,
    help="Skip questions of types quizapp does not support (essay, matching...), naming each.",
)
def import_bank(
    files: tuple[Path, ...], out_dir: Path, format_name: str | None, skip_unsupported: bool
) -> None:
    """Turn GIFT, Moodle XML or QTI files into YAML banks, one per file (all checked first)."""
    from quizapp.banks.formats.importing import import_file_bytes

    out_dir.mkdir(parents=True, exist_ok=True)
    failed = 0
    for path in files:
        result = import_file_bytes(
            path.read_bytes(), str(path), format_name=format_name, skip_unsupported=skip_unsupported
        )
        for notice in result.notices:
            click.echo("warning: " + notice.format(str(path)), err=True)
        for skipped in result.skipped:
            click.echo("skipped: " + skipped.format(), err=True)
        if result.yaml_text is None:
            failed += 1
            for issue in result.issues:
                click.echo(issue.format(), err=True)
            click.echo(f"{path}: not imported ({len(result.issues)} problem(s)).", err=True)
            if result.skippable:
                click.echo(
                    f"{path}: --skip-unsupported leaves out the questions of types quizapp "
                    "does not support and imports the rest.",
                    err=True,
                )
            continue
        target = out_dir / f"{path.stem}.yaml"
        target.write_text(result.yaml_text, encoding="utf-8")
        click.echo(f"{path}: imported as {target} ({result.format_name}).")
    click.echo(f"{len(files) - failed} of {len(files)} file(s) imported.", err=bool(failed))
    sys.exit(1 if failed else 0)


@cli.command("spreadsheet-template")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path))
def spreadsheet_template(output: Path) -> None:
    """Write the spreadsheet template (.csv or .xlsx, by the file's suffix) to fill in."""
    from quizapp.banks.formats.spreadsheet import template_csv, template_xlsx

    if output.suffix.lower() not in {".csv", ".xlsx"}:
        raise click.UsageError("The template is written as .csv or .xlsx; name the file so.")
    if output.suffix.lower() == ".xlsx":
        output.write_bytes(template_xlsx())
    else:
        output.write_text(template_csv(), encoding="utf-8", newline="")
    click.echo(f"Wrote {output}; fill it in, then: quizapp import-bank {output} -o question_banks/")


@cli.command("try")
@click.argument("bank_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("question_id")
@click.argument("answer", nargs=-1, required=True)
def try_answer(bank_file: Path, question_id: str, answer: tuple[str, ...]) -> None:
    """Grade a trial ANSWER to one question and print the grade as JSON.

    For multiple choice give the choice text; for multi-select, ordering and cloze give one
    argument per ticked choice, per item in your order, or per blank.
    """
    from quizapp.banks import load_bank_file
    from quizapp.errors import BankInvalid

    try:
        bank = load_bank_file(bank_file)
    except BankInvalid as error:
        for issue in error.issues:
            click.echo(issue.format(), err=True)
        fail("The bank has problems; fix them first (quizapp validate).")
    try:
        question = bank.question(question_id)
        grade = question.grade(question.response_from_texts(list(answer)))
    except QuizappError as error:
        fail(str(error))
    click.echo(
        json.dumps(
            {
                "credit": str(grade.fraction),
                "state": str(grade.state),
                "matched": grade.matched,
                "feedback": grade.feedback,
            },
            ensure_ascii=False,
        )
    )


@cli.command("create-user")
@click.option("--role", type=click.Choice(["teacher", "student"]), required=True)
@click.option("--username", required=True)
@click.option("--name", "display_name", default="", help="The name shown in the app.")
@click.password_option(help="Asked for when not given.")
def create_user(role: str, username: str, display_name: str, password: str) -> None:
    """Create a teacher or student account."""
    from quizapp.services import accounts

    with database_session() as session:
        try:
            user = accounts.create_user(
                session,
                username=username,
                password=password,
                role=role,
                display_name=display_name,
            )
        except QuizappError as error:
            fail(str(error))
        click.echo(f"Created {user.role} {user.username!r}.")


@cli.command()
def setup() -> None:
    """Prepare a database: migrate it, import question_banks/, and create a demo teacher once."""
    _show_demo_teacher(_prepare(load_config()))


def _prepare(config: Config) -> DemoCredentials | None:
    """Migrate, import question_banks/ and create the demo teacher on a site without teachers;
    the demo teacher's credentials when they were created now (they are shown only once)."""
    from quizapp.services import banks, demo

    with database_session(config) as session:
        try:
            report = banks.import_paths(session, [config.banks_path])
        except QuizappError as error:
            fail(f"Could not import {config.banks_path}: {error}")
        click.echo(report.summary())
        return demo.ensure_demo_teacher(session)


def _show_demo_teacher(credentials: DemoCredentials | None) -> None:
    if credentials is None:
        return
    click.echo("A demo teacher and class were created (shown only this once):")
    click.echo(f"  teacher username: {credentials.username}")
    click.echo(f"  teacher password: {credentials.password}")
    click.echo(f"  class join code:  {credentials.join_code}")


@cli.command()
@click.argument("articles", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    help="A .yaml file (one article) or a folder (default: next to each article).",
)
@click.option("--max-questions", default=12, show_default=True, type=click.IntRange(1, 100))
@click.option(
    "--types",
    default="",
    help="Comma-separated question types to draft (default: all but written_response, which is "
    "drafted only when named).",
)
@click.option("--seed", default=0, show_default=True, type=int, help="Same seed, same draft.")
def generate(
    articles: tuple[Path, ...], output: Path | None, max_questions: int, types: str, seed: int
) -> None:
    """Draft a question bank from each ARTICLE (.txt, .md, .html, .docx, .pdf)."""
    from tqdm import tqdm

    from quizapp.generator import DRAFTED_TYPES, QUESTION_TYPES, DraftOptions
    from quizapp.services.generation import GeneratedBank, generate_from_paths

    chosen = {t.strip() for t in types.split(",") if t.strip()} or set(DRAFTED_TYPES)
    if unknown := sorted(chosen - set(QUESTION_TYPES)):
        raise click.UsageError(
            f"Unknown type(s) {', '.join(unknown)}; use {', '.join(QUESTION_TYPES)}."
        )
    single_file = output is not None and output.suffix in (".yaml", ".yml")
    if single_file and len(articles) > 1:
        raise click.UsageError("-o names one file; give a folder for several articles.")
    options = DraftOptions(max_questions=max_questions, types=frozenset(chosen), seed=seed)
    with tqdm(total=len(articles), unit="article", file=sys.stderr, leave=False) as progress:
        results = generate_from_paths(list(articles), options, on_progress=progress.update)
    written = 0
    for path, result in zip(articles, results, strict=True):
        if not isinstance(result, GeneratedBank):
            click.echo(result.message, err=True)
            continue
        if single_file:
            target = output
        elif output is not None:
            target = output / f"{result.bank.id}.yaml"
        else:
            target = path.with_suffix(".yaml")
        assert target is not None
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(result.yaml_text, encoding="utf-8")
        written += 1
        click.echo(f"{target}: {result.question_count} question(s)")
    click.echo(f"{written} of {len(articles)} article(s) drafted.", err=written < len(articles))
    sys.exit(0 if written == len(articles) else 1)


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--workers", default=0, type=int, help="gunicorn workers (0: Flask's server).")
@click.option(
    "--setup",
    "prepare",
    is_flag=True,
    help="Run `quizapp setup` first; its demo login is then printed with the address, last.",
)
@click.option(
    "--drafting/--no-drafting",
    default=True,
    show_default=True,
    help="Start QUIZAPP_DRAFTING_WORKERS drafting runners beside the web server (turn off "
    "where `quizapp drafting-worker` runs them elsewhere).",
)
def serve(host: str, port: int, workers: int, prepare: bool, drafting: bool) -> None:
    """Serve the web app (gunicorn with --workers N, else the built-in server) and draft."""
    config = load_config()  # a bad setting stops here with its message, before any worker
    credentials = _prepare(config) if prepare else None
    runner_count = config.drafting_workers if drafting else 0
    if workers > 0:
        import os

        # gunicorn takes this process's place; the runners stay its children, and stop with it
        # (Ctrl+C reaches them too; a killed parent is noticed by each runner).
        _start_drafting_runners(runner_count)
        _show_demo_teacher(credentials)
        os.execvp(
            sys.executable,
            [
                sys.executable,
                "-m",
                "gunicorn",
                "--workers",
                str(workers),
                "--bind",
                f"{host}:{port}",
                "quizapp.web.wsgi:app",
            ],
        )
    from werkzeug.serving import make_server

    from quizapp.web.app import create_app

    _check_port_free(host, port)
    server = make_server(host, port, create_app(), threaded=True)
    runners = _start_drafting_runners(runner_count)
    signal.signal(signal.SIGTERM, _interrupt)  # a terminated server stops its runners too
    # The address (and a new demo login) come last, after everything setting up printed.
    click.echo("")
    _show_demo_teacher(credentials)
    click.echo(f"quizapp is running: open http://{host}:{server.server_port}/ (Ctrl+C stops it)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        _stop_drafting_runners(runners)


def _interrupt(_number: int, _frame: object) -> None:
    raise KeyboardInterrupt


def _start_drafting_runners(count: int) -> list[subprocess.Popen[bytes]]:
    """``count`` runner processes that stop when this process (or what replaces it) ends."""
    import os

    # quiet: the server's own lines, the address last, stay what a teacher reads
    command = [
        sys.executable,
        "-m",
        "quizapp",
        "drafting-worker",
        "--parent",
        str(os.getpid()),
        "--quiet",
    ]
    return [subprocess.Popen(command) for _ in range(count)]


def _stop_drafting_runners(runners: list[subprocess.Popen[bytes]]) -> None:
    for runner in runners:
        runner.terminate()  # a runner in the middle of a job gives it back to the queue
    for runner in runners:
        try:
            runner.wait(timeout=15)
        except subprocess.TimeoutExpired:
            runner.kill()


@cli.command("drafting-worker")
@click.option(
    "--parent",
    "parent_pid",
    type=int,
    default=None,
    hidden=True,
    help="Stop when this process is no longer the parent (set by `quizapp serve`).",
)
@click.option("--quiet", is_flag=True, help="Log only warnings and errors.")
def drafting_worker(parent_pid: int | None, quiet: bool) -> None:
    """Run one drafting runner: claim queued drafts and draft them, within
    QUIZAPP_DRAFTING_SECONDS and QUIZAPP_DRAFTING_MEMORY_MB each (Ctrl+C or SIGTERM stops it)."""
    import logging

    from quizapp.services.drafting.runner import Runner

    config = load_config()
    # on the handler, not only the root logger: the migrations' logger sets its own level
    handler = logging.StreamHandler()
    handler.setLevel(logging.WARNING if quiet else logging.INFO)
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(name)s: %(message)s", handlers=[handler]
    )
    with database_session(config):
        pass  # the schema is migrated before the first claim
    runner = Runner(config, parent_pid=parent_pid)
    for signal_number in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signal_number, lambda _number, _frame: runner.stop())
    runner.run()


def _check_port_free(host: str, port: int) -> None:
    """Fail with what to do when the port is taken (werkzeug would only say it is)."""
    import socket

    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            fail(
                f"Cannot listen on {host}:{port} ({error.strerror}). Choose another port, e.g. "
                "`make run PORT=8000` or `quizapp serve --port 8000`."
            )


@cli.command("export-scores")
@click.option("--class", "class_ref", help="Only this class (its id or join code).")
@click.option("--quiz", "quiz_id", type=int, help="Only this quiz (its assignment id).")
@click.option(
    "--layout",
    type=click.Choice(
        ["gradebook", "points", "class", "responses", "moodle", "canvas", "classroom"]
    ),
    default="gradebook",
    show_default=True,
    help="gradebook: a row per student and quiz; points: the same in points; class: a row per "
    "student, points per quiz and in total; responses: a row per answer; moodle, canvas, "
    "classroom: the gradebook imports of those LMSs (a row per student, points per quiz).",
)
@click.option("--bom", is_flag=True, help="Start the file with a byte-order mark (for Excel).")
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, allow_dash=True),
    help="The CSV file to write ('-' for standard output).",
)
def export_scores(
    class_ref: str | None, quiz_id: int | None, layout: str, bom: bool, output: str
) -> None:
    """Write scores as CSV (UTF-8, formulas neutralised), streamed row by row."""
    from quizapp.services import export

    with database_session() as session:
        try:
            scope = export.operator_scope(session, class_ref=class_ref, assignment_id=quiz_id)
        except QuizappError as error:
            fail(str(error))
        rows = -1  # the header is not a row of scores
        # Atomic: a failed export never leaves half a file where a good one was.
        with click.open_file(output, "wb", atomic=output != "-") as stream:
            for line in export.csv_lines(session, scope, layout, bom=bom):
                stream.write(line.encode("utf-8"))
                rows += 1
        click.echo(f"Wrote {rows} row(s) ({layout}) to {output}.", err=True)


@cli.command("seed-demo")
@click.option("--students", default=30, show_default=True, type=click.IntRange(1, 1000))
@click.option("--seed", default=1, show_default=True, type=int, help="Same seed, same class.")
def seed_demo(students: int, seed: int) -> None:
    """Fill the demo class with Faker students who take its quiz (for trying the teacher pages)."""
    from quizapp.services import demo

    with database_session() as session:
        try:
            report = demo.seed_demo(session, students=students, seed=seed)
        except QuizappError as error:
            fail(str(error))
        if report.credentials is not None:
            click.echo("A demo teacher was created (shown only this once):")
            click.echo(f"  teacher username: {report.credentials.username}")
            click.echo(f"  teacher password: {report.credentials.password}")
        click.echo(report.summary())


@cli.command("submit-overdue")
def submit_overdue() -> None:
    """Submit every attempt whose time ran out, with its last saved answers (for a cron job).

    Overdue attempts are also submitted whenever their student or teacher next opens them; this
    makes the gradebook complete even for students who never come back.
    """
    import datetime as dt

    from quizapp.services import attempts

    config = load_config()
    with database_session(config) as session:
        count = attempts.submit_overdue(
            session, dt.datetime.now(dt.UTC), grace=dt.timedelta(seconds=config.grace_seconds)
        )
    click.echo(f"{count} overdue attempt(s) submitted.")
