"""Which client address the login throttle counts: the socket's unless QUIZAPP_TRUSTED_PROXIES
says how many proxies in front may name it in X-Forwarded-For."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import sqlalchemy as sa
import sqlalchemy.orm as so
from flask import Flask

from quizapp.config import Config
from quizapp.db.models import LoginFailure, User
from quizapp.services import login_limits
from tests.conftest import AppFactory

PROXY = "10.0.0.5"


def guess_until_refused(app: Flask, forwarded_for: Callable[[int], str]) -> list[int]:
    """Wrong passwords, each on another account, from one socket address and each with its own
    X-Forwarded-For: one more than an address may fail in its window."""
    client = app.test_client()
    statuses = []
    for attempt in range(login_limits.ADDRESS_MAX_FAILURES + 1):
        response = client.post(
            "/login",
            data={"username": f"user{attempt}", "password": "guess"},
            environ_base={"REMOTE_ADDR": PROXY},
            headers={"X-Forwarded-For": forwarded_for(attempt)},
        )
        statuses.append(response.status_code)
    return statuses


def failed_addresses(session: so.Session) -> set[str]:
    session.rollback()
    return set(session.scalars(sa.select(LoginFailure.address)))


def test_without_trusted_proxies_a_made_up_forwarded_address_does_not_escape_the_throttle(
    app: Flask, session: so.Session, make_user: Callable[..., User]
) -> None:
    make_user("ada")
    statuses = guess_until_refused(app, lambda attempt: f"198.51.{attempt // 250}.{attempt % 250}")
    assert statuses == [200] * login_limits.ADDRESS_MAX_FAILURES + [429]
    assert failed_addresses(session) == {PROXY}
    owner = app.test_client().post(
        "/login",
        data={"username": "ada", "password": "correct horse battery"},
        environ_base={"REMOTE_ADDR": "192.0.2.7"},
        headers={"X-Forwarded-For": PROXY},
    )
    assert owner.status_code == 302


def test_behind_one_trusted_proxy_the_forwarded_address_is_the_clients(
    make_app: AppFactory, config: Config, session: so.Session
) -> None:
    app = make_app(dataclasses.replace(config, trusted_proxies=1))
    # Clients behind the proxy are each their own address: none inherits another's failures.
    statuses = guess_until_refused(app, lambda attempt: f"198.51.{attempt // 250}.{attempt % 250}")
    assert statuses == [200] * len(statuses)
    assert PROXY not in failed_addresses(session)
    # Only the address the proxy appended is believed, not one the client wrote before it.
    statuses = guess_until_refused(app, lambda attempt: f"203.0.113.{attempt % 250}, 192.0.2.99")
    assert statuses[-1] == 429
    assert "192.0.2.99" in failed_addresses(session)
