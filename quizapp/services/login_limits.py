"""The login throttle: failed logins counted per account and per address, in the database.

Only failures count, so a class of forty behind one school address all log in at once. The
counts live in the ``login_failure`` table, shared by every worker and instance on SQLite and
PostgreSQL alike. The rules, checked before a password is:

- **Per account**, whatever the address (OWASP ASVS 2.2.1, at most 100 failed attempts an
  hour): after :data:`ACCOUNT_FREE_FAILURES` failures in the hour, the account takes one attempt
  per :data:`ACCOUNT_SPACING` after its last failure, from any address. Guessing from many
  addresses is therefore held to 100 an hour like guessing from one, and it can never keep the
  owner out longer than that spacing: there is no lockout that lasts the hour.
- **A known device** (a browser the account has logged in from, which the web layer
  recognises by a signed cookie) is spared that account-wide spacing and held only by the
  account's failures from its own address, after the same 10: someone guessing elsewhere
  cannot take every slot and keep the owner out (OWASP's device cookies).
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
# At most 10 free failures fall in any hour (the 11th would find 10 before it), then one per
# 40 s: 10 + 3600 / 40 = 100.
ACCOUNT_SPACING = ACCOUNT_WINDOW / (ACCOUNT_MAX_FAILURES - ACCOUNT_FREE_FAILURES)
ADDRESS_WINDOW = dt.timedelta(minutes=10)
ADDRESS_MAX_FAILURES = 100


def check_allowed(
    session: so.Session,
    account: str,
    address: str,
    now: dt.datetime,
    *,
    known_device: bool = False,
) -> None:
    """Raise :class:`TooManyAttempts` (with the wait) if a login may not be tried right now."""
    wait = _wait(session, account, address, now, known_device)
    if wait > dt.timedelta(0):
        seconds = max(1, math.ceil(wait.total_seconds()))
        raise TooManyAttempts(
            f"Too many failed logins. Wait {seconds} seconds, then try again.", seconds
        )


def _wait(
    session: so.Session, account: str, address: str, now: dt.datetime, known_device: bool
) -> dt.timedelta:
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
    counted = [LoginFailure.account == account, LoginFailure.failed_at > now - ACCOUNT_WINDOW]
    if known_device:
        counted.append(LoginFailure.address == address)
    recent_account = (
        sa.select(LoginFailure.failed_at)
        .where(*counted)
        .order_by(LoginFailure.failed_at.desc())
        .limit(ACCOUNT_FREE_FAILURES)
    )
    account_times = list(session.scalars(recent_account))
    if len(account_times) >= ACCOUNT_FREE_FAILURES:
        return account_times[0] + ACCOUNT_SPACING - now
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
