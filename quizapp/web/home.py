"""The front door: sends each user to their own home page, and shows visitors the banks."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from quizapp.services import banks as bank_service
from quizapp.web.db import get_session

bp = Blueprint("home", __name__)


@bp.get("/")
def index() -> Response | str:
    if current_user.is_authenticated:
        home = "teacher.dashboard" if current_user.is_teacher else "student.home"
        return redirect(url_for(home))
    return render_template("home.html", banks=bank_service.list_banks(get_session()))


@bp.get("/favicon.ico")
def favicon() -> Response:
    """Browsers and tools ask for /favicon.ico whatever the page says; the icon is an SVG."""
    return redirect(url_for("static", filename="favicon.svg"), 301)


@bp.get("/healthz")
def health() -> tuple[str, int]:
    """For load balancers and the start-up check of ``make run``: the app answers."""
    return "ok", 200
