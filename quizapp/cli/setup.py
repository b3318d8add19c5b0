"""Preparing a site: ``setup`` migrates the database, imports question_banks/ and creates a demo
teacher once (shown only then); ``seed-demo`` fills the demo class with students who take its
quiz. ``serve --setup`` prepares through the same functions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from quizapp.cli.database import database_session, load_config
from quizapp.cli.errors import fail
from quizapp.config import Config
from quizapp.errors import QuizappError

if TYPE_CHECKING:  # the services load only with the command that needs them
    from quizapp.services.demo import DemoCredentials


@click.command()
def setup() -> None:
    """Prepare a database: migrate it, import question_banks/, and create a demo teacher once."""
    show_demo_teacher(prepare_site(load_config()))


def prepare_site(config: Config) -> DemoCredentials | None:
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


def show_demo_teacher(credentials: DemoCredentials | None) -> None:
    if credentials is None:
        return
    click.echo("A demo teacher and class were created (shown only this once):")
    click.echo(f"  teacher username: {credentials.username}")
    click.echo(f"  teacher password: {credentials.password}")
    click.echo(f"  class join code:  {credentials.join_code}")


@click.command("seed-demo")
@click.option("--students", default=30, show_default=True, type=click.IntRange(1, 1000))
@click.option("--seed", default=1, show_default=True, type=int, help="Same seed, same class.")
def seed_demo(students: int, seed: int) -> None:
    """Fill the demo class with Faker students who take its quiz (for trying the teacher pages)."""
    from quizapp.services import demo

    with database_session() as session:
        report = demo.seed_demo(session, students=students, seed=seed)
        if report.credentials is not None:
            click.echo("A demo teacher was created (shown only this once):")
            click.echo(f"  teacher username: {report.credentials.username}")
            click.echo(f"  teacher password: {report.credentials.password}")
        click.echo(report.summary())


COMMANDS = [setup, seed_demo]
