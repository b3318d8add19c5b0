"""The live view of a quiz in progress: a page that works on its own (it reloads itself without
JavaScript) and the JSON it polls every few seconds with ``static/js/live.js``."""

from __future__ import annotations

import datetime as dt

from flask import Response, jsonify, render_template

from quizapp.services import live as live_service
from quizapp.web.db import get_session
from quizapp.web.security import current_account, teacher_required
from quizapp.web.teacher.blueprint import bp

# How often the page asks for fresh figures, and reloads itself when JavaScript is off.
POLL_SECONDS = 5
RELOAD_SECONDS = 15


def _progress(assignment_id: int) -> live_service.LiveProgress:
    return live_service.live_progress(
        get_session(), current_account(), assignment_id, dt.datetime.now(dt.UTC)
    )


@bp.get("/assignments/<int:assignment_id>/live")
@teacher_required
def live(assignment_id: int) -> str:
    return render_template(
        "teacher/live.html",
        live=_progress(assignment_id),
        poll_seconds=POLL_SECONDS,
        reload_seconds=RELOAD_SECONDS,
    )


@bp.get("/assignments/<int:assignment_id>/live.json")
@teacher_required
def live_json(assignment_id: int) -> Response:
    return jsonify(_progress(assignment_id).as_json())
