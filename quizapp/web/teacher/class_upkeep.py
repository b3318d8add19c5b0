"""Renaming and archiving a class, and archiving an assignment, from the class page."""

from __future__ import annotations

import datetime as dt

from flask import abort, flash, redirect, url_for
from werkzeug.wrappers import Response as BaseResponse

from quizapp.errors import InvalidInput
from quizapp.services import class_upkeep
from quizapp.web.db import get_session
from quizapp.web.security import current_account, teacher_required
from quizapp.web.teacher.blueprint import bp
from quizapp.web.teacher.classes import render_class_page
from quizapp.web.teacher.forms import ConfirmForm, RenameClassForm


@bp.post("/classes/<int:class_id>/rename")
@teacher_required
def rename_class(class_id: int) -> BaseResponse | tuple[str, int]:
    form = RenameClassForm()
    if form.validate_on_submit():
        try:
            classroom = class_upkeep.rename_class(
                get_session(), current_account(), class_id, form.name.data
            )
        except InvalidInput as error:
            form.name.errors = [*form.name.errors, str(error)]
        else:
            flash(f"Renamed to {classroom.name}; the join code stays the same.", "success")
            return redirect(url_for("teacher.class_page", class_id=class_id))
    return render_class_page(class_id, rename_form=form, status=400)


@bp.post("/classes/<int:class_id>/archive")
@teacher_required
def archive_class(class_id: int) -> BaseResponse:
    return _set_class_archived(class_id, archived=True)


@bp.post("/classes/<int:class_id>/restore")
@teacher_required
def restore_class(class_id: int) -> BaseResponse:
    return _set_class_archived(class_id, archived=False)


def _set_class_archived(class_id: int, *, archived: bool) -> BaseResponse:
    _require_confirmation()
    classroom = class_upkeep.set_class_archived(
        get_session(), current_account(), class_id, archived, dt.datetime.now(dt.UTC)
    )
    flash(
        f"{classroom.name} is archived: hidden from your classes and closed to new students; "
        "its roster, assignments and results are kept."
        if archived
        else f"{classroom.name} is back in your classes, and its join code works again.",
        "success",
    )
    return redirect(url_for("teacher.class_page", class_id=class_id))


@bp.post("/assignments/<int:assignment_id>/archive")
@teacher_required
def archive_assignment(assignment_id: int) -> BaseResponse:
    return _set_assignment_archived(assignment_id, archived=True)


@bp.post("/assignments/<int:assignment_id>/restore")
@teacher_required
def restore_assignment(assignment_id: int) -> BaseResponse:
    return _set_assignment_archived(assignment_id, archived=False)


def _set_assignment_archived(assignment_id: int, *, archived: bool) -> BaseResponse:
    _require_confirmation()
    assignment = class_upkeep.set_assignment_archived(
        get_session(), current_account(), assignment_id, archived, dt.datetime.now(dt.UTC)
    )
    flash(
        f"{assignment.title} is archived and closed; its attempts and results are kept."
        if archived
        else f"{assignment.title} is back in the list. It stays closed until you change its dates.",
        "success",
    )
    return redirect(url_for("teacher.class_page", class_id=assignment.classroom_id))


def _require_confirmation() -> None:
    if not ConfirmForm().validate_on_submit():
        abort(400)
