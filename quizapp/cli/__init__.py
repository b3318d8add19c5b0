"""The ``quizapp`` command: validate, import, try and generate banks, manage users, serve.

Commands are thin: they parse arguments, call one service, and print. Usage errors exit 2 (click's
convention), invalid input exits 1 with the problems printed, success exits 0. Every command that
touches the database uses ``QUIZAPP_DATABASE_URL`` (default: a SQLite file in the instance folder).
The commands live by area (``banks``, ``generate``, ``accounts``, ``setup``, ``serve``,
``results``); this module is the group that holds them and the one place a ``QuizappError`` a
command does not say more about becomes its message and exit 1.
"""

from __future__ import annotations

from typing import Any

import click

from quizapp.cli import accounts, banks, generate, results, serve, setup
from quizapp.cli.errors import Failed
from quizapp.errors import QuizappError


class _Commands(click.Group):
    """The group whose commands end on a ``QuizappError`` as ``fail`` ends them: its message on
    stderr and exit 1, with no traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except QuizappError as error:
            raise Failed(str(error)) from error


@click.group(cls=_Commands)
@click.version_option(package_name="quizapp")
def cli() -> None:
    """Reading-comprehension quizzes from news articles."""


for _command in [
    *banks.COMMANDS,
    *generate.COMMANDS,
    *accounts.COMMANDS,
    *setup.COMMANDS,
    *serve.COMMANDS,
    *results.COMMANDS,
]:
    cli.add_command(_command)
