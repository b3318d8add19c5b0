"""Serving: ``serve`` runs the web app (gunicorn with workers, else the built-in server) with its
drafting runners beside it, started once the server can listen and stopped with it;
``drafting-worker`` runs one runner on its own.
"""

from __future__ import annotations

import signal
import subprocess
import sys

import click

from quizapp.cli.database import database_session, load_config
from quizapp.cli.errors import fail
from quizapp.cli.setup import prepare_site, show_demo_teacher


@click.command()
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
    credentials = prepare_site(config) if prepare else None
    runner_count = config.drafting_workers if drafting else 0
    if workers > 0:
        import os

        # gunicorn takes this process's place; the runners stay its children, and stop with it
        # (Ctrl+C reaches them too; a killed parent is noticed by each runner).
        _start_drafting_runners(runner_count)
        show_demo_teacher(credentials)
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
    show_demo_teacher(credentials)
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


@click.command("drafting-worker")
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


COMMANDS = [serve, drafting_worker]
