"""Who may see what: login, roles, CSRF, rate limits and the security headers on every page.

Access to a particular class or attempt is checked again by the services (per class, per
student); the decorators here only keep each audience on its own pages.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

from flask import Flask, Response, abort, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager, current_user
from flask_wtf.csrf import CSRFProtect

from quizapp.services import accounts
from quizapp.web.db import get_session

F = TypeVar("F", bound=Callable[..., Any])

csrf = CSRFProtect()
limiter = Limiter(key_func=get_remote_address, default_limits=[])
login_manager = LoginManager()
login_manager.login_view = "auth.login"
login_manager.login_message = "Please log in to see that page."
login_manager.login_message_category = "info"
# A new session identifier is issued at login and a stolen cookie from another client is refused.
login_manager.session_protection = "strong"

# 'self' only: the article and the bank are untrusted text, so no inline script may ever run.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


@login_manager.user_loader
def load_user(user_id: str) -> accounts.User | None:
    if not user_id.isdigit():
        return None
    return accounts.get_user(get_session(), int(user_id))


def init_app(app: Flask) -> None:
    csrf.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)
    app.after_request(add_security_headers)


def add_security_headers(response: Response) -> Response:
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    if request.endpoint != "static":
        # Pages hold answers and grades: never keep them in a shared cache.
        response.headers.setdefault("Cache-Control", "no-store")
    return response


def role_required(role: str) -> Callable[[F], F]:
    """Only logged-in users of ``role`` may call the view; others get 403 (or the login page)."""

    def decorate(view: F) -> F:
        @functools.wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if current_user.role != role:
                abort(403)
            return view(*args, **kwargs)

        return wrapped  # type: ignore[return-value]

    return decorate


teacher_required = role_required(accounts.TEACHER)
student_required = role_required(accounts.STUDENT)


def current_account() -> accounts.User:
    """The logged-in user as a model (views behind the decorators above may rely on it)."""
    user: accounts.User = current_user._get_current_object()
    return user
