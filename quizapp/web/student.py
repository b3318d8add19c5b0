"""The student's pages: home (their quizzes), a quiz beside its article, autosave, progress.

Views are thin: they read the request, call one service with the logged-in student and the
current time, and render or redirect. The quiz page works without JavaScript (its form posts
Save, Check and Submit); ``static/js/quiz.js`` adds autosave through the JSON endpoint
``student.save_answers``. Access rules (whose attempt, which class, feedback timing) are the
services' business; their errors become status pages in ``quizapp.web.errors``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from flask import (
    Blueprint,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from werkzeug.datastructures import MultiDict
from werkzeug.wrappers import Response

from quizapp.errors import Conflict, InvalidInput
from quizapp.services import attempts as attempt_service
from quizapp.services import progress as progress_service
from quizapp.web.app import app_config
from quizapp.web.db import get_session
from quizapp.web.security import current_account, student_required

bp = Blueprint("student", __name__, url_prefix="/student")


def _now() -> dt.datetime:
    """The time every rule of the request is judged at (timezone-aware UTC)."""
    return dt.datetime.now(dt.UTC)


def _grace() -> dt.timedelta:
    return dt.timedelta(seconds=app_config().grace_seconds)


def _secret() -> str:
    """The server's key, from which a quiz page's per-attempt option names are derived."""
    return str(current_app.config["SECRET_KEY"])


@bp.get("/")
@student_required
def home() -> str:
    student = current_account()
    db = get_session()
    quizzes = progress_service.assignments_for_student(db, student, _now(), grace=_grace())
    classes = progress_service.classroom_names(db, student)
    return render_template("student/home.html", quizzes=quizzes, classes=classes)


@bp.get("/progress")
@student_required
def progress() -> str:
    report = progress_service.student_progress(
        get_session(), current_account(), _now(), grace=_grace()
    )
    return render_template("student/progress.html", report=report)


@bp.get("/quizzes/<int:assignment_id>")
@student_required
def assignment(assignment_id: int) -> str:
    detail = progress_service.assignment_for_student(
        get_session(), current_account(), assignment_id, _now(), grace=_grace()
    )
    return render_template("student/assignment.html", detail=detail)


@bp.post("/quizzes/<int:assignment_id>/start")
@student_required
def start(assignment_id: int) -> Response:
    attempt = attempt_service.start_or_resume(
        get_session(), current_account(), assignment_id, _now(), grace=_grace()
    )
    return redirect(url_for("student.attempt", attempt_id=attempt.id))


@bp.get("/attempts/<int:attempt_id>")
@student_required
def attempt(attempt_id: int) -> str:
    now = _now()
    view = attempt_service.attempt_view(
        get_session(), current_account(), attempt_id, now, secret=_secret(), grace=_grace()
    )
    return render_template("student/attempt.html", attempt=view, now=now)


def answers_from_form(form: MultiDict[str, str]) -> dict[str, dict[str, str]]:
    """The answers of a posted quiz form, whose fields are named "<question id>.<field>".

    Every question the page offered is listed in "questions" (as the page rendered it), so an
    unticked box or an emptied text counts as a change, not as "not sent".
    """
    answers: dict[str, dict[str, str]] = {
        question_id: {} for question_id in form.getlist("questions") if question_id
    }
    for name, value in form.items(multi=True):
        question_id, separator, field = name.partition(".")
        if separator and question_id in answers:
            answers[question_id][field] = value
    return answers


def _form_seq(form: Mapping[str, str]) -> int:
    raw = form.get("seq", "")
    if not raw.isdecimal() or len(raw) > 10:
        raise InvalidInput("The form was missing its save number; reload the page and try again.")
    return int(raw)


@bp.post("/attempts/<int:attempt_id>")
@student_required
def attempt_form(attempt_id: int) -> Response:
    """The quiz form without JavaScript: save, check one question, or submit."""
    db = get_session()
    student = current_account()
    now = _now()
    action = request.form.get("action", "save")
    target = url_for("student.attempt", attempt_id=attempt_id)
    try:
        attempt_service.save_page_answers(
            db,
            student,
            attempt_id,
            answers_from_form(request.form),
            _form_seq(request.form),
            now,
            secret=_secret(),
            grace=_grace(),
        )
    except Conflict as error:
        # Already submitted (another tab, a repeated click) or out of time: show the result.
        flash(str(error), "info")
        return redirect(target)
    if action == "submit":
        attempt_service.submit_attempt(db, student, attempt_id, now, grace=_grace())
        flash("Your answers are submitted.", "success")
    elif action.startswith("check:"):
        question_id = action.removeprefix("check:")
        try:
            attempt_service.check_question(
                db, student, attempt_id, question_id, now, grace=_grace()
            )
        except InvalidInput as error:
            flash(str(error), "error")
        target += f"#question-{question_id}"
    else:
        flash("Your answers are saved.", "success")
    return redirect(target)


@bp.post("/attempts/<int:attempt_id>/answers")
@student_required
def save_answers(attempt_id: int) -> tuple[Response, int]:
    """Autosave: ``{"seq": n, "answers": {question id: {field: value}}}`` as JSON."""
    payload: Any = request.get_json(silent=True)
    if not isinstance(payload, dict):
        raise InvalidInput("Send the answers as a JSON object.")
    seq = payload.get("seq")
    if isinstance(seq, bool) or not isinstance(seq, int):
        raise InvalidInput("The save needs a whole-number seq.")
    answers = payload.get("answers")
    if not isinstance(answers, dict):
        raise InvalidInput("The save needs an answers object.")
    result = attempt_service.save_page_answers(
        get_session(),
        current_account(),
        attempt_id,
        answers,
        seq,
        _now(),
        secret=_secret(),
        grace=_grace(),
    )
    body = {
        "ok": True,
        "seq": result.client_seq,
        "saved": list(result.saved),
        "ignored": list(result.ignored),
        "frozen": list(result.frozen),
        "saved_at": result.saved_at.isoformat(),
    }
    return jsonify(body), 200
