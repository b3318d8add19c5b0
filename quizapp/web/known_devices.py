"""The known-device cookie: which accounts have logged in from this browser, signed.

While an account is being guessed, the login throttle gives it one attempt every 40 seconds
from anywhere (``services.login_limits``). A browser its owner has logged in from before
shows this cookie and is held only by its own failures, so whoever keeps taking the account's
attempts cannot keep the owner out. A school computer is shared, so the cookie keeps the last
few accounts; it is HttpOnly and signed with the app's secret key, so it cannot be made up.
"""

from __future__ import annotations

import datetime as dt

from flask import current_app, request
from itsdangerous import BadSignature, URLSafeTimedSerializer
from werkzeug.wrappers import Response

from quizapp.services import accounts

COOKIE = "quizapp_known_device"
LIFETIME = dt.timedelta(days=180)
MAX_ACCOUNTS = 12  # the accounts of one shared classroom computer, newest first
_SALT = "quizapp.known-device"


def _signer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.secret_key or "", salt=_SALT)


def known_accounts() -> list[str]:
    """The usernames this browser's valid cookie names, newest first (none without one)."""
    raw = request.cookies.get(COOKIE, "")
    if not raw:
        return []
    try:
        names = _signer().loads(raw, max_age=int(LIFETIME.total_seconds()))
    except BadSignature:  # tampered, made with another key, or expired
        return []
    if not isinstance(names, list):
        return []
    return [name for name in names if isinstance(name, str)]


def is_known(username: str) -> bool:
    """Whether ``username`` (as typed) has logged in from this browser before."""
    return accounts.normalise_username(username) in known_accounts()


def remember(response: Response, username: str) -> Response:
    """Add ``username`` to this browser's cookie on ``response`` (after a successful login)."""
    names = [username, *(name for name in known_accounts() if name != username)]
    response.set_cookie(
        COOKIE,
        _signer().dumps(names[:MAX_ACCOUNTS]),
        max_age=int(LIFETIME.total_seconds()),
        httponly=True,
        samesite="Lax",
        secure=bool(current_app.config.get("SESSION_COOKIE_SECURE")),
    )
    return response
