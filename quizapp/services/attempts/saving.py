"""Saving answers: the sequence rule, frozen checked questions, and page names mapped back."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, cast

import sqlalchemy as sa
import sqlalchemy.orm as so

from quizapp.db.engine import write_transaction
from quizapp.db.models import (
    SUBMITTED,
    User,
)
from quizapp.db.models import Response as ResponseRow
from quizapp.errors import Conflict, InvalidInput
from quizapp.services.attempts.access import (
    DEFAULT_GRACE,
    TIME_IS_UP,
    LockedAttempt,
    finish_late,
    own_locked_attempt,
)
from quizapp.services.attempts.page import BankParts, bank_parts, cached_bank_parts
from quizapp.services.page_ids import PageIds

MAX_VALUE_CHARS = 2000
MAX_SEQ = 2**31 - 1  # the column is a 32-bit integer on PostgreSQL


@dataclass(frozen=True)
class SaveResult:
    """What a save did: questions written, ignored as older than stored, or frozen by a check."""

    attempt_id: int
    client_seq: int
    saved: tuple[str, ...]
    ignored: tuple[str, ...]
    frozen: tuple[str, ...]
    saved_at: dt.datetime


def _clean_answers(
    parts: BankParts, answers: Mapping[str, Mapping[str, str]], page_ids: PageIds | None
) -> dict[str, dict[str, str]]:
    """Check the shape of posted answers; the stored response keeps non-empty fields only.

    With ``page_ids``, the answers name options by their page names, mapped back here.
    """
    if not isinstance(answers, Mapping):
        raise InvalidInput("Answers must be given question by question.")
    cleaned: dict[str, dict[str, str]] = {}
    for question_id, fields in answers.items():
        expected = parts.expected_fields.get(question_id) if isinstance(question_id, str) else None
        if expected is None:
            raise InvalidInput(f"This quiz has no question {str(question_id)[:80]!r}.")
        if not isinstance(fields, Mapping):
            raise InvalidInput(f"The answer to {question_id!r} must be a set of fields.")
        for name, value in fields.items():
            if not isinstance(name, str) or not isinstance(value, str):
                raise InvalidInput(f"The answer to {question_id!r} must be text.")
            if len(value) > MAX_VALUE_CHARS:
                raise InvalidInput(
                    f"The answer to {question_id!r} is longer than {MAX_VALUE_CHARS} characters."
                )
        if page_ids is not None:
            fields = page_ids.from_page(parts.questions_by_id[question_id], fields)
        unknown = next((name for name in fields if name not in expected), None)
        if unknown is not None:
            raise InvalidInput(f"Question {question_id!r} has no field {unknown[:80]!r}.")
        cleaned[question_id] = {name: value for name, value in fields.items() if value.strip()}
    return cleaned


def save_page_answers(
    session: so.Session,
    student: User,
    attempt_id: int,
    answers: Mapping[str, Mapping[str, str]],
    client_seq: int,
    now: dt.datetime,
    *,
    secret: str | bytes,
    grace: dt.timedelta = DEFAULT_GRACE,
) -> SaveResult:
    """:func:`save_responses` for answers posted by the quiz page, which names options by the
    page names :func:`attempt_view` gave them (from the same ``secret``).

    A name the attempt's page never showed is refused with :class:`InvalidInput`, and the
    whole save with it, so nothing stored changes.
    """
    return _save(
        session, student, attempt_id, answers, client_seq, now, grace, PageIds(secret, attempt_id)
    )


def save_responses(
    session: so.Session,
    student: User,
    attempt_id: int,
    answers: Mapping[str, Mapping[str, str]],
    client_seq: int,
    now: dt.datetime,
    *,
    grace: dt.timedelta = DEFAULT_GRACE,
) -> SaveResult:
    """Store the student's answers, which name options by the bank's stable ids; committed
    before returning.

    Per question, the answer is written only when ``client_seq`` is higher than the sequence
    number of the save that wrote the stored one, so a late or repeated save changes nothing.
    Checked questions are frozen. After submission, or past the deadline and its grace, the save
    is refused with :class:`Conflict` (an overdue attempt is submitted first).
    """
    return _save(session, student, attempt_id, answers, client_seq, now, grace, None)


def _save(
    session: so.Session,
    student: User,
    attempt_id: int,
    answers: Mapping[str, Mapping[str, str]],
    client_seq: int,
    now: dt.datetime,
    grace: dt.timedelta,
    page_ids: PageIds | None,
) -> SaveResult:
    if isinstance(client_seq, bool) or not isinstance(client_seq, int):
        raise InvalidInput("The save's sequence number must be a whole number.")
    if not 0 <= client_seq <= MAX_SEQ:
        raise InvalidInput("The save's sequence number is out of range.")
    # The attempt is read once, locked, inside the write transaction: reading it again before
    # the lock cost a query (and on SQLite a transaction). The bank comes from this process's
    # cache; the rare save that finds it unparsed lets go of the lock to parse it (a large bank
    # takes a while, and every writer would wait), then tries again, parsing under the lock
    # only if the cache lost it in between.
    for last_try in (False, True):
        with write_transaction(session):
            locked = own_locked_attempt(session, student, attempt_id, _posted_ids(answers))
            version = locked.attempt.assignment.bank_version
            parts = bank_parts(version) if last_try else cached_bank_parts(version)
            result = (
                None
                if parts is None
                else _save_locked(session, locked, parts, answers, client_seq, now, grace, page_ids)
            )
        if parts is not None:
            if result is None:
                raise Conflict(TIME_IS_UP)  # after the commit: the overdue attempt stays submitted
            return result
        bank_parts(version)  # parsed with the lock let go; the cache keeps it for the next try
    raise AssertionError("unreachable: the last try parses the bank if it must")


def _posted_ids(answers: Mapping[str, Mapping[str, str]]) -> list[str]:
    """The question ids a save names (checked against the bank later, under the lock)."""
    if not isinstance(answers, Mapping):
        return []  # refused by _clean_answers
    return [question_id for question_id in answers if isinstance(question_id, str)]


def _save_locked(
    session: so.Session,
    locked: LockedAttempt,
    parts: BankParts,
    answers: Mapping[str, Mapping[str, str]],
    client_seq: int,
    now: dt.datetime,
    grace: dt.timedelta,
    page_ids: PageIds | None,
) -> SaveResult | None:
    """The save inside its write transaction, the attempt locked: a refusal rolls it back.
    None when the attempt was overdue and has just been submitted instead."""
    attempt = locked.attempt
    cleaned = _clean_answers(parts, answers, page_ids)
    if attempt.state == SUBMITTED:
        raise Conflict("This attempt is already submitted: its answers can no longer change.")
    if finish_late(session, attempt, attempt.assignment, parts.bank, now, grace):
        return None
    saved: list[str] = []
    ignored: list[str] = []
    frozen: list[str] = []
    stored = locked.stored
    new_rows: list[dict[str, Any]] = []
    changed_rows: list[dict[str, Any]] = []
    for question_id, data in cleaned.items():
        row = stored.get(question_id)
        if row is None and not data:
            saved.append(question_id)  # still unanswered: nothing worth a row
        elif row is None:
            new_rows.append(
                {
                    "attempt_id": attempt.id,
                    "question_id": question_id,
                    "data": data,
                    "client_seq": client_seq,
                    "saved_at": now,
                }
            )
            saved.append(question_id)
        elif row.checked:
            frozen.append(question_id)
        elif client_seq <= row.client_seq:
            ignored.append(question_id)
        else:
            changed_rows.append({"question": question_id, "new_data": data})
            saved.append(question_id)
    if new_rows:
        # One multi-row INSERT (Core: the ORM's bulk path costs more than the statement), as
        # the form's Save may bring every answer at once.
        session.execute(sa.insert(_RESPONSES), new_rows)
    if changed_rows:
        # Plain UPDATEs, no tracked rows: the unit of work's flush cost more than the save.
        session.execute(
            _UPDATE_RESPONSE.values(client_seq=client_seq, saved_at=now).where(
                _RESPONSES.c.attempt_id == attempt.id
            ),
            changed_rows,
        )
    return SaveResult(attempt.id, client_seq, tuple(saved), tuple(ignored), tuple(frozen), now)


_RESPONSES = cast(sa.Table, ResponseRow.__table__)
_UPDATE_RESPONSE = (
    sa.update(_RESPONSES)
    .where(_RESPONSES.c.question_id == sa.bindparam("question"))
    .values(data=sa.bindparam("new_data"))
)
