"""The login throttle on a real database with a moving clock: ASVS's 100 failed attempts an
hour per account hold against one address and against many; the owner, from another address,
waits at most a short spacing however long someone guesses; an address is stopped after many
failures; successes are never counted."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
import sqlalchemy as sa
import sqlalchemy.orm as so

from quizapp.db.models import LoginFailure, User
from quizapp.errors import NotFound, TooManyAttempts
from quizapp.services import accounts, login_limits

PASSWORD = "correct horse battery"
START = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)


def guess_for_an_hour(session: so.Session, address_for: Callable[[int], str]) -> int:
    """Wrong passwords on "ada" as fast as the throttle allows; the failures in one hour."""
    now, failures, attempt = START, 0, 0
    while now < START + dt.timedelta(hours=1):
        try:
            accounts.log_in(session, "ada", "wrong guess", address=address_for(attempt), now=now)
        except TooManyAttempts as refused:
            now += dt.timedelta(seconds=refused.retry_after)
            continue
        failures += 1
        attempt += 1
        now += dt.timedelta(milliseconds=100)
    return failures


def test_one_address_cannot_fail_more_than_100_times_an_hour_on_an_account(
    session: so.Session, make_user: Callable[..., User]
) -> None:
    make_user("ada")
    failures = guess_for_an_hour(session, lambda _: "203.0.113.9")
    assert login_limits.ACCOUNT_FREE_FAILURES < failures <= 100


def test_many_addresses_together_cannot_fail_more_than_100_times_an_hour(
    session: so.Session, make_user: Callable[..., User]
) -> None:
    make_user("ada")
    failures = guess_for_an_hour(
        session, lambda attempt: f"198.51.{attempt // 250}.{attempt % 250}"
    )
    assert login_limits.ACCOUNT_FREE_FAILURES < failures <= login_limits.ACCOUNT_MAX_FAILURES


def test_a_new_address_is_held_to_the_spacing_once_the_account_is_under_attack(
    session: so.Session, make_user: Callable[..., User]
) -> None:
    make_user("ada")
    for number in range(login_limits.ACCOUNT_FREE_FAILURES):
        accounts.log_in(session, "ada", "guess", address=f"198.51.100.{number}", now=START)
    with pytest.raises(TooManyAttempts) as refused:
        accounts.log_in(session, "ada", "guess", address="198.51.100.200", now=START)
    assert refused.value.retry_after == login_limits.ACCOUNT_SPACING.total_seconds()
    assert f"Wait {refused.value.retry_after} seconds" in str(refused.value)


def test_the_owner_gets_in_within_the_spacing_after_an_hour_of_guessing_from_many_addresses(
    session: so.Session, make_user: Callable[..., User]
) -> None:
    make_user("ada")
    failures = guess_for_an_hour(
        session, lambda attempt: f"198.51.{attempt // 250}.{attempt % 250}"
    )
    assert failures > login_limits.ACCOUNT_FREE_FAILURES
    now = START + dt.timedelta(hours=1)
    try:
        owner = accounts.log_in(session, "ada", PASSWORD, address="192.0.2.1", now=now)
    except TooManyAttempts as refused:
        assert refused.retry_after <= login_limits.ACCOUNT_SPACING.total_seconds()
        now += dt.timedelta(seconds=refused.retry_after)
        owner = accounts.log_in(session, "ada", PASSWORD, address="192.0.2.1", now=now)
    assert owner is not None and owner.username == "ada"


def test_the_owner_from_another_address_gets_in_while_someone_guesses(
    session: so.Session, make_user: Callable[..., User]
) -> None:
    make_user("ada")
    now = START
    for _ in range(40):
        now += dt.timedelta(seconds=41)
        assert accounts.log_in(session, "ada", "guess", address="203.0.113.9", now=now) is None
    now += dt.timedelta(seconds=1)
    with pytest.raises(TooManyAttempts):
        accounts.log_in(session, "ada", "guess", address="203.0.113.9", now=now)
    with pytest.raises(TooManyAttempts) as refused:
        accounts.log_in(session, "ada", PASSWORD, address="192.0.2.1", now=now)
    now += dt.timedelta(seconds=refused.value.retry_after)
    owner = accounts.log_in(session, "ada", PASSWORD, address="192.0.2.1", now=now)
    assert owner is not None and owner.username == "ada"


def test_an_address_that_fails_on_many_accounts_is_stopped_and_told_how_long(
    session: so.Session,
) -> None:
    now = START
    for number in range(login_limits.ADDRESS_MAX_FAILURES):
        accounts.log_in(session, f"user{number}", "guess", address="203.0.113.9", now=now)
    with pytest.raises(TooManyAttempts) as refused:
        accounts.log_in(session, "someone", "guess", address="203.0.113.9", now=now)
    assert 0 < refused.value.retry_after <= login_limits.ADDRESS_WINDOW.total_seconds()
    later = now + login_limits.ADDRESS_WINDOW + dt.timedelta(seconds=1)
    assert accounts.log_in(session, "someone", "guess", address="203.0.113.9", now=later) is None


def test_successes_are_never_counted_and_clear_that_addresss_typos(
    session: so.Session, make_user: Callable[..., User]
) -> None:
    make_user("ada")
    for _ in range(3):
        accounts.log_in(session, "ada", "typo", address="192.0.2.1", now=START)
    for _ in range(200):
        assert accounts.log_in(session, "ada", PASSWORD, address="192.0.2.1", now=START)
    session.rollback()
    assert session.scalar(sa.select(sa.func.count()).select_from(LoginFailure)) == 0


def test_failures_older_than_any_rule_are_forgotten(session: so.Session) -> None:
    accounts.log_in(session, "ada", "guess", address="192.0.2.1", now=START)
    accounts.log_in(session, "ada", "guess", address="192.0.2.1", now=START + dt.timedelta(hours=2))
    session.rollback()
    assert session.scalar(sa.select(sa.func.count()).select_from(LoginFailure)) == 1


def test_wrong_join_codes_are_throttled_per_address(session: so.Session) -> None:
    now = START
    for _ in range(login_limits.ADDRESS_MAX_FAILURES):
        with pytest.raises(NotFound):
            accounts.classroom_to_join(session, "ZZZZZZ", address="203.0.113.9", now=now)
    with pytest.raises(TooManyAttempts):
        accounts.classroom_to_join(session, "ZZZZZZ", address="203.0.113.9", now=now)


def test_a_known_device_is_held_only_by_its_own_failures(
    session: so.Session, make_user: Callable[..., User]
) -> None:
    make_user("ada")
    for number in range(login_limits.ACCOUNT_FREE_FAILURES):
        accounts.log_in(session, "ada", "guess", address=f"198.51.100.{number}", now=START)
    owner = accounts.log_in(
        session, "ada", PASSWORD, address="192.0.2.1", known_device=True, now=START
    )
    assert owner is not None and owner.username == "ada"
    # The browser's own typos still count: after ten the spacing holds it too.
    for _ in range(login_limits.ACCOUNT_FREE_FAILURES):
        accounts.log_in(session, "ada", "typo", address="192.0.2.1", known_device=True, now=START)
    with pytest.raises(TooManyAttempts):
        accounts.log_in(session, "ada", PASSWORD, address="192.0.2.1", known_device=True, now=START)
