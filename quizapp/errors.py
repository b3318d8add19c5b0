"""Errors shared by every layer of quizapp.

Each layer raises these instead of library-specific exceptions, so that the adapters (the web app
and the CLI) can turn them into one clear message in one place: an HTTP status in
``quizapp.web.errors`` and an exit code in ``quizapp.cli``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol


class Issue(Protocol):
    """One problem at a place in a file (``quizapp.banks.Issue`` is the one in use).

    A protocol, so that this bottom module depends on no layer above it.
    """

    @property
    def path(self) -> str: ...

    @property
    def line(self) -> int: ...

    @property
    def column(self) -> int: ...

    @property
    def message(self) -> str: ...

    def format(self) -> str: ...


class QuizappError(Exception):
    """Base of every error quizapp raises on purpose; its message is meant for people."""


class UnknownName(QuizappError, KeyError):
    """A name looked up where it is not known; the message lists the names that are.

    A ``KeyError`` too, so that code asking "is it there?" may catch either.
    """

    def __str__(self) -> str:  # KeyError would otherwise quote the message
        return str(self.args[0]) if self.args else ""


class UnknownQuestionType(UnknownName):
    """A question type name that the registry does not know; the message lists the known ones."""


class ResponseError(QuizappError, ValueError):
    """A response (or a human-written answer for ``quizapp try``) that cannot be understood."""


class BankInvalid(QuizappError):
    """A question bank with problems; ``issues`` holds every one of them, with positions."""

    def __init__(self, issues: Sequence[Issue]) -> None:
        self.issues = list(issues)
        first = self.issues[0].format() if self.issues else "invalid bank"
        more = f" (and {len(self.issues) - 1} more)" if len(self.issues) > 1 else ""
        super().__init__(first + more)


class NotFound(QuizappError):
    """The thing asked for does not exist, or is not visible to the user asking."""


class UnknownQuestion(UnknownName, NotFound):
    """A question id that a bank does not have; the message lists the bank's question ids.

    Not found, so a request that names a question its quiz lacks ends in 404.
    """

    def __init__(self, bank_id: str, question_id: str, known: Sequence[str]) -> None:
        listed = ", ".join(known) or "none"
        super().__init__(
            f"No question {question_id!r} in bank {bank_id!r}; its questions are: {listed}."
        )
        self.bank_id = bank_id
        self.question_id = question_id


class Forbidden(QuizappError):
    """The user may not do this (wrong role, not their class, feedback not yet due)."""


class Conflict(QuizappError):
    """The request clashes with the current state (attempt already submitted, no attempts left)."""


class InvalidInput(QuizappError, ValueError):
    """A value a person typed that cannot be used; the message says what to change."""


class TooManyAttempts(QuizappError):
    """Too many failed logins in a short time; ``retry_after`` says how many seconds to wait."""

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after
