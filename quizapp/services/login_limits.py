"""The login throttle: failed logins counted per account and per address, in the database.

Only failures count, so a class of forty behind one school address all log in at once. The
counts live in the ``login_failure`` table, shared by every worker and instance on SQLite and
PostgreSQL alike. The rules, checked before a password is:

- **Per account** (OWASP ASVS 2.2.1, at most 100 failed attempts an hour): after
  :data:`ACCOUNT_FREE_FAILURES` failures in the hour, an address that has itself failed on the
  account must wait :data:`ACCOUNT_SPACING` since its last failure there, so one address cannot
  reach 100 in an hour; at :data:`ACCOUNT_MAX_FAILURES` every attempt on the account waits.
  An address that has not failed on the account (the owner at home, say) is not slowed by
  someone else's guessing until that hard cap.
- **Per address**: :data:`ADDRESS_MAX_FAILURES` failures across all accounts in
  :data:`ADDRESS_WINDOW` and the address waits until the oldest leaves the window.
"""

from __future__ import annotations

import datetime as dt
import math

import sqlalchemy as sa
import sqlalchemy.orm as so

from quizapp.db.engine import write_transaction
from quizapp.db.models import LoginFailure
from quizapp.errors import TooManyAttempts

ACCOUNT_WINDOW = dt.timedelta(hours=1)
ACCOUNT_MAX_FAILURES = 100
ACCOUNT_FREE_FAILURES = 10
# 10 free failures, then one per 40 s: 10 + 3590 / 40 < 100 in any hour from one address.
ACCOUNT_SPACING = dt.timedelta(seconds=40)
ADDRESS_WINDOW = dt.timedelta(minutes=10)
ADDRESS_MAX_FAILURES = 100


def check_allowed(session: so.Session, account: str, address: str, now: dt.datetime) -> None:
    """Raise :class:`TooManyAttempts` (with the wait) if a login may not be tried right now."""
    wait = _wait(session, account, address, now)
    if wait > dt.timedelta(0):
        seconds = max(1, math.ceil(wait.total_seconds()))
        raise TooManyAttempts(
            f"Too many failed logins. Wait {seconds} seconds, then try again.", seconds
        )


def _wait(session: so.Session, account: str, address: str, now: dt.datetime) -> dt.timedelta:
    recent_address = (
        sa.select(LoginFailure.failed_at)
        .where(LoginFailure.address == address, LoginFailure.failed_at > now - ADDRESS_WINDOW)
        .order_by(LoginFailure.failed_at.desc())
        .limit(ADDRESS_MAX_FAILURES)
    )
    address_times = list(session.scalars(recent_address))
    if len(address_times) >= ADDRESS_MAX_FAILURES:
        return address_times[-1] + ADDRESS_WINDOW - now
    if not account:
        return dt.timedelta(0)
    recent_account = (
        sa.select(LoginFailure.failed_at, LoginFailure.address)
        .where(LoginFailure.account == account, LoginFailure.failed_at > now - ACCOUNT_WINDOW)
        .order_by(LoginFailure.failed_at.desc())
        .limit(ACCOUNT_MAX_FAILURES)
    )
    account_rows = list(session.execute(recent_account))
    times: list[tuple[dt.datetime, str]] = [(row.failed_at, row.address) for row in account_rows]
    if len(times) >= ACCOUNT_MAX_FAILURES:
        return times[-1][0] + ACCOUNT_WINDOW - now
    if len(times) >= ACCOUNT_FREE_FAILURES:
        own = next((failed_at for failed_at, by in times if by == address), None)
        if own is not None:
            return own + ACCOUNT_SPACING - now
    return dt.timedelta(0)


def record_failure(session: so.Session, account: str, address: str, now: dt.datetime) -> None:
    """Count a failed login (and forget failures that no rule looks at any more)."""
    with write_transaction(session):
        session.execute(
            sa.delete(LoginFailure).where(
                sa.or_(LoginFailure.account == account, LoginFailure.address == address),
                LoginFailure.failed_at <= now - max(ACCOUNT_WINDOW, ADDRESS_WINDOW),
            )
        )
        session.add(LoginFailure(account=account, address=address, failed_at=now))


def forget_failures(session: so.Session, account: str, address: str) -> None:
    """After a successful login: this address's earlier typos on the account no longer count."""
    with write_transaction(session):
        session.execute(
            sa.delete(LoginFailure).where(
                LoginFailure.account == account, LoginFailure.address == address
            )
        )
