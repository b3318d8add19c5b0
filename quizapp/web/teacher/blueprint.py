"""The teacher blueprint, shared by the view modules of each area."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("teacher", __name__, url_prefix="/teacher")
