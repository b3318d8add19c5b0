"""The known-device cookie: a browser its owner logged in from gets in while the account is
being guessed from elsewhere; a browser without it, or with a forged one, waits."""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask
from flask.testing import FlaskClient

from quizapp.db.models import User
from quizapp.services import login_limits
from quizapp.web import known_devices

PASSWORD = "correct horse battery"


def log_in(client: FlaskClient, username: str, password: str, address: str) -> int:
    response = client.post(
        "/login",
        data={"username": username, "password": password},
        environ_base={"REMOTE_ADDR": address},
    )
    return response.status_code


def guess_from_many_addresses(app: Flask) -> None:
    attacker = app.test_client()
    for number in range(login_limits.ACCOUNT_FREE_FAILURES):
        assert log_in(attacker, "ada", "guess", f"198.51.100.{number}") == 200
    assert log_in(attacker, "ada", "guess", "198.51.100.200") == 429


def test_the_owners_browser_gets_in_while_others_guess_and_a_new_one_waits(
    app: Flask, make_user: Callable[..., User]
) -> None:
    make_user("ada")
    owners_browser = app.test_client()
    assert log_in(owners_browser, "ada", PASSWORD, "192.0.2.1") == 302
    owners_browser.post("/logout")
    guess_from_many_addresses(app)
    # From another network even: the cookie, not the address, makes the browser known.
    assert log_in(owners_browser, "ada", PASSWORD, "203.0.113.50") == 302
    assert log_in(app.test_client(), "ada", PASSWORD, "192.0.2.1") == 429


def test_a_cookie_for_another_account_or_a_forged_one_does_not_help(
    app: Flask, make_user: Callable[..., User]
) -> None:
    make_user("ada")
    make_user("bob")
    bobs_browser = app.test_client()
    assert log_in(bobs_browser, "bob", PASSWORD, "192.0.2.1") == 302
    bobs_browser.post("/logout")
    guess_from_many_addresses(app)
    assert log_in(bobs_browser, "ada", PASSWORD, "192.0.2.1") == 429
    forger = app.test_client()
    forger.set_cookie(known_devices.COOKIE, '["ada"].made-up.signature')
    assert log_in(forger, "ada", PASSWORD, "192.0.2.1") == 429


def test_the_cookie_is_http_only_and_keeps_a_shared_computers_accounts(
    app: Flask, make_user: Callable[..., User]
) -> None:
    classroom_computer = app.test_client()
    for name in ("ada", "bob"):
        make_user(name)
        response = classroom_computer.post("/login", data={"username": name, "password": PASSWORD})
        (device_cookie,) = [
            value
            for value in response.headers.getlist("Set-Cookie")
            if value.startswith(f"{known_devices.COOKIE}=")
        ]
        assert "HttpOnly" in device_cookie and "SameSite=Lax" in device_cookie
        classroom_computer.post("/logout")
    with app.test_request_context(
        headers={"Cookie": f"{known_devices.COOKIE}={cookie_value(classroom_computer)}"}
    ):
        assert known_devices.known_accounts() == ["bob", "ada"]


def cookie_value(client: FlaskClient) -> str:
    cookie = client.get_cookie(known_devices.COOKIE)
    assert cookie is not None
    return cookie.value
