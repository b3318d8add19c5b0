"""Previewing a bank as a student: the quiz page a student would get, with nothing saved."""

from __future__ import annotations

from flask import current_app, render_template

from quizapp.services.attempts import preview as preview_service
from quizapp.web.db import get_session
from quizapp.web.security import current_account, teacher_required
from quizapp.web.teacher.blueprint import bp


@bp.get("/banks/<int:bank_id>/preview")
@teacher_required
def preview_bank(bank_id: int) -> str:
    view = preview_service.preview_bank(
        get_session(),
        current_account(),
        bank_id,
        secret=str(current_app.config["SECRET_KEY"]),
    )
    return render_template("teacher/preview.html", preview=view)
