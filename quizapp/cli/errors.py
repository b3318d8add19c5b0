"""How a command stops on input it understood but cannot use: ``fail`` prints the problems found
(a bank's issues, each as FILE:LINE:COL) and then its message to stderr, and exits 1. Usage errors
stay click's (exit 2). The group in ``quizapp.cli`` ends a command the same way on a
``QuizappError`` it lets through.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import IO, Any, NoReturn

import click

from quizapp.errors import Issue


class Failed(click.ClickException):
    """The input was understood but is not usable; click shows it and exits 1."""

    exit_code = 1

    def __init__(self, message: str, issues: Sequence[Issue] = ()) -> None:
        super().__init__(message)
        self.issues = list(issues)

    def show(self, file: IO[Any] | None = None) -> None:
        for issue in self.issues:
            click.echo(issue.format(), err=True)
        click.echo(self.message, err=True)


def fail(message: str, issues: Sequence[Issue] = ()) -> NoReturn:
    """Print ``issues`` and ``message`` to stderr and exit 1 (the input was understood but is not
    usable)."""
    raise Failed(message, issues)
