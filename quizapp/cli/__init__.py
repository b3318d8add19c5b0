"""The ``quizapp`` command: validate, import, try and generate banks, manage users, serve.

Commands are thin: they parse arguments, call one service, and print. Usage errors exit 2 (click's
convention), invalid input exits 1 with the problems printed, success exits 0. Every command that
touches the database uses ``QUIZAPP_DATABASE_URL`` (default: a SQLite file in the instance folder).
The commands live by area (``banks``, ``generate``, ``accounts``, ``setup``, ``serve``,
``results``); this module is the group that holds them.
"""

from __future__ import annotations

import click

from quizapp.cli import accounts, banks, generate, results, serve, setup


@click.group()
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
