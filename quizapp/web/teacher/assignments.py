"""Assigning a bank to a class, editing an assignment's settings, closing it."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response as BaseResponse
from wtforms import SelectChoice

from quizapp.services import assignments as assignment_service
from quizapp.services import banks as bank_service
from quizapp.services import classes as class_service
from quizapp.web.app import viewer_zone
from quizapp.web.db import get_session
from quizapp.web.security import current_account, teacher_required
from quizapp.web.teacher.blueprint import bp
from quizapp.web.teacher.forms import AssignmentForm, ConfirmForm


def _bank_choices() -> list[SelectChoice]:
    banks = bank_service.list_banks(get_session(), user=current_account())
    return [SelectChoice(str(bank.id), f"{bank.title} ({bank.slug})") for bank in banks]


@bp.route("/classes/<int:class_id>/assign", methods=["GET", "POST"])
@teacher_required
def assign(class_id: int) -> BaseResponse | tuple[str, int]:
    db = get_session()
    teacher = current_account()
    classroom = class_service.owned_class(db, teacher, class_id)
    zone = viewer_zone()
    form = AssignmentForm()
    form.bank_id.choices = _bank_choices()
    status = 200
    if request.method == "GET" or form.use_bank.data:
        # A GET starts from ?bank= (a bank page's "Assign" link) or the first bank; "Use this
        # bank's settings" starts again from the bank selected in the form.
        chosen = form.bank_id.data if form.use_bank.data else request.args.get("bank", type=int)
        bank_id = chosen or (int(form.bank_id.choices[0].value) if form.bank_id.choices else None)
        if bank_id is not None:
            form.bank_id.data = bank_id
            form.fill(assignment_service.default_settings(db, teacher, bank_id), zone)
    elif form.validate_on_submit():
        try:
            assignment = assignment_service.assign_bank(
                db, teacher, class_id, form.bank_id.data, form.settings(zone)
            )
        except assignment_service.AssignmentInvalid as error:
            form.show_problems(error.problems)
            status = 400
        else:
            count = assignment_service.question_count(assignment)
            flash(
                f"{assignment.title} is assigned to {classroom.name}: the bank "
                f"{assignment.bank_version.bank.title}, {count} question(s).",
                "success",
            )
            return redirect(url_for("teacher.class_page", class_id=class_id))
    else:
        status = 400
    return render_template(
        "teacher/assign.html",
        form=form,
        classroom=classroom,
        assignment=None,
        time_zone=zone.key,
        own_zone=bool(current_account().time_zone),
    ), status


@bp.route("/assignments/<int:assignment_id>/edit", methods=["GET", "POST"])
@teacher_required
def edit_assignment(assignment_id: int) -> BaseResponse | tuple[str, int]:
    db = get_session()
    teacher = current_account()
    assignment = assignment_service.owned_assignment(db, teacher, assignment_id)
    form = AssignmentForm()
    # The bank version is pinned; the field only shows which bank it is.
    form.bank_id.choices = [
        SelectChoice(str(assignment.bank_version.bank_id), assignment.bank_version.bank.title)
    ]
    form.bank_id.data = assignment.bank_version.bank_id
    form.submit.label.text = "Save changes"
    status = 200
    zone = viewer_zone()
    if request.method == "GET":
        form.fill(assignment_service.settings_of(assignment), zone)
    elif form.validate_on_submit():
        try:
            assignment_service.update_assignment(db, teacher, assignment_id, form.settings(zone))
        except assignment_service.AssignmentInvalid as error:
            form.show_problems(error.problems)
            status = 400
        else:
            flash("The assignment is updated.", "success")
            return redirect(url_for("teacher.class_page", class_id=assignment.classroom_id))
    else:
        status = 400
    return render_template(
        "teacher/assign.html",
        form=form,
        classroom=assignment.classroom,
        assignment=assignment,
        close_form=ConfirmForm(formdata=None),
        time_zone=zone.key,
        own_zone=bool(current_account().time_zone),
    ), status


@bp.post("/assignments/<int:assignment_id>/close")
@teacher_required
def close_assignment(assignment_id: int) -> BaseResponse:
    if not ConfirmForm().validate_on_submit():
        abort(400)
    assignment = assignment_service.close_assignment(
        get_session(), current_account(), assignment_id
    )
    flash(f"{assignment.title} is closed.", "success")
    return redirect(url_for("teacher.class_page", class_id=assignment.classroom_id))
