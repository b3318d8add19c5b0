"""The teacher blueprint, shared by the view modules of each area."""

from __future__ import annotations

from flask import Blueprint
from flask.blueprints import BlueprintSetupState

from quizapp.web.teacher.presentation import MAX_LISTED_PROBLEMS

bp = Blueprint("teacher", __name__, url_prefix="/teacher")


@bp.record_once
def _listing_limits(state: BlueprintSetupState) -> None:
    # A global, not a context variable: the macro that lists problems is imported without one.
    state.app.jinja_env.globals["max_listed_problems"] = MAX_LISTED_PROBLEMS
