"""Every error a request can end in, turned into one clear page (or JSON for scripts).

Services raise :mod:`quizapp.errors` exceptions; this module alone decides their HTTP status,
so views never wrap service calls in try/except just to pick a status code.
"""

from __future__ import annotations

from flask import Flask, Response, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from quizapp.errors import (
    BankInvalid,
    Conflict,
    Forbidden,
    InvalidInput,
    NotFound,
    QuizappError,
    TooManyAttempts,
)

STATUS_FOR_ERROR: dict[type[QuizappError], int] = {
    NotFound: 404,
    Forbidden: 403,
    Conflict: 409,
    InvalidInput: 400,
    BankInvalid: 400,
    TooManyAttempts: 429,
}

TITLES = {
    400: "That request could not be used",
    403: "You may not see this page",
    404: "Page not found",
    405: "That action is not allowed here",
    409: "That clashes with what is already saved",
    413: "That file is too large",
    429: "Too many attempts",
    500: "Something went wrong on our side",
}


def wants_json() -> bool:
    best = request.accept_mimetypes.best_match(["application/json", "text/html"])
    return request.is_json or best == "application/json"


def error_layout() -> str:
    """The page frame of the person who met the error, so they keep their navigation."""
    from flask_login import current_user

    try:
        if current_user.is_authenticated:
            return "teacher/_layout.html" if current_user.is_teacher else "student/_layout.html"
    except Exception:  # the error may be the database itself: a plain frame still shows
        return "base.html"
    return "base.html"


def error_response(status: int, message: str) -> tuple[Response | str, int]:
    title = TITLES.get(status, "Error")
    if wants_json():
        from flask import jsonify

        return jsonify(error=title, message=message), status
    page = render_template(
        "errors/error.html", layout=error_layout(), status=status, title=title, message=message
    )
    return page, status


def handle_quizapp_error(error: QuizappError) -> tuple[Response | str, int] | Response:
    status = next((code for kind, code in STATUS_FOR_ERROR.items() if isinstance(error, kind)), 400)
    if isinstance(error, TooManyAttempts):
        from flask import make_response

        response = make_response(error_response(status, str(error)))
        response.headers["Retry-After"] = str(error.retry_after)
        return response
    return error_response(status, str(error))


def handle_csrf_error(error: CSRFError) -> tuple[Response | str, int]:
    return error_response(
        400,
        "The form had expired or came from another site. Nothing was lost: go back, reload the "
        "page and send it again.",
    )


def handle_http_error(error: HTTPException) -> tuple[Response | str, int]:
    status = error.code or 500
    # Werkzeug's own descriptions speak of browsers, proxies and servers; these speak plainly.
    messages = {
        400: "Part of what was sent could not be read. Go back, reload the page and try again.",
        404: "There is nothing at this address. Check the link, or go back to your home page.",
        405: "This address does not take that kind of request. Use the page's own links and "
        "buttons.",
        403: "Your account does not have access to this page.",
        413: "The upload is larger than this site accepts. Send a smaller file.",
        429: "Too many tries in a short time. Wait a minute, then try again.",
    }
    fallback = "That did not work. Go back and try again." if status < 500 else ""
    return error_response(status, messages.get(status, fallback or TITLES.get(status, "")))


def handle_unexpected(error: Exception) -> tuple[Response | str, int]:
    from flask import current_app

    current_app.logger.exception("unhandled error", exc_info=error)
    return error_response(500, "The error was logged. Your saved answers are safe; try again.")


def init_app(app: Flask) -> None:
    app.register_error_handler(QuizappError, handle_quizapp_error)
    app.register_error_handler(CSRFError, handle_csrf_error)
    app.register_error_handler(HTTPException, handle_http_error)
    app.register_error_handler(Exception, handle_unexpected)
