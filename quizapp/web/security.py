"""Who may see what: login sessions, roles, CSRF and the security headers on every page.

Access to a particular class or attempt is checked again by the services (per class, per
student); the decorators here only keep each audience on its own pages.
"""

from __future__ import annotations

import datetime as dt
import functools
import time
from collections.abc import Callable
from typing import Any, TypeVar

from flask import (
    Flask,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    request,
    session,
    url_for,
)
from flask_login import LoginManager, current_user, login_user
from flask_wtf.csrf import CSRFProtect
from werkzeug.wrappers import Response as BaseResponse

from quizapp.services import accounts
from quizapp.web.db import get_session

F = TypeVar("F", bound=Callable[..., Any])

csrf = CSRFProtect()
login_manager = LoginManager()
login_manager.login_view = "auth.login"
login_manager.login_message = "Please log in to see that page."
login_manager.login_message_category = "info"
# A cookie replayed from another address or browser is refused (the session is not permanent,
# which would weaken this to "basic"); logout and a new password end every session besides.
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


LOGIN_AT = "login_at"


@login_manager.user_loader
def load_user(login_id: str) -> accounts.User | None:
    """The session's user, unless the login has ended: its version was raised (logout, a new
    password) or it is older than the configured lifetime. The session cookie is not
    permanent (so "strong" protection below really drops a cookie replayed from elsewhere);
    the lifetime is enforced here instead."""
    started = session.get(LOGIN_AT)
    lifetime: dt.timedelta = current_app.permanent_session_lifetime
    if not isinstance(started, int | float) or time.time() - started > lifetime.total_seconds():
        return None
    return accounts.user_for_login_id(get_session(), login_id)


def start_login(user: accounts.User) -> None:
    """Log ``user`` in with a fresh session (any earlier one of this browser is dropped)."""
    session.clear()
    login_user(user)
    session[LOGIN_AT] = int(time.time())


def require_new_password() -> BaseResponse | None:
    """Before every view: a student given a temporary password must first choose their own."""
    if (
        current_user.is_authenticated
        and current_user.must_change_password
        and request.endpoint not in {"auth.change_password", "auth.logout", "static"}
    ):
        flash("Choose your own password before you go on.", "info")
        return redirect(url_for("auth.change_password"))
    return None


def init_app(app: Flask) -> None:
    csrf.init_app(app)
    login_manager.init_app(app)
    app.before_request(require_new_password)
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
