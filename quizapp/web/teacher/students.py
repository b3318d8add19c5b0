"""One student's work on an assignment: marking a written answer on its rubric, setting any
question's points by hand, reopening a submitted attempt, extra time and attempts, and each
attempt's history.

A form the services refuse is shown again on the same page with its problem beside it and
what was typed kept; a change that worked redirects back with a message.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from flask import flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response as BaseResponse

from quizapp.errors import Conflict, InvalidInput
from quizapp.services import marking, written_marks
from quizapp.services import student_work as work_service
from quizapp.services.accommodations import set_extras
from quizapp.web.db import get_session
from quizapp.web.security import current_account, teacher_required
from quizapp.web.teacher.blueprint import bp
from quizapp.web.teacher.forms import (
    CRITERION_PREFIX,
    ExtrasForm,
    MarkForm,
    OverrideForm,
    RemoveOverrideForm,
    ReopenForm,
)


def _work_page(
    assignment_id: int,
    student_id: int,
    *,
    override_form: OverrideForm | MarkForm | None = None,
    override_attempt: int | None = None,
    mark_typed: Mapping[str, str] | None = None,
    reopen_form: ReopenForm | None = None,
    reopen_attempt: int | None = None,
    extras_form: ExtrasForm | None = None,
    status: int = 200,
) -> tuple[str, int]:
    work = work_service.student_work(get_session(), current_account(), assignment_id, student_id)
    if extras_form is None:
        extras_form = ExtrasForm(formdata=None)
        extras_form.extra_minutes.data = work.extras.minutes
        extras_form.extra_attempts.data = work.extras.attempts
    return render_template(
        "teacher/student_work.html",
        work=work,
        # The form that failed, shown again where it was sent from; fresh ones everywhere else.
        failed_override=override_form,
        override_attempt=override_attempt,
        # The points typed per criterion in a refused mark, shown again as they were typed.
        mark_typed=mark_typed or {},
        failed_reopen=reopen_form,
        reopen_attempt=reopen_attempt,
        extras_form=extras_form,
    ), status


def _back_to_attempt(assignment_id: int, student_id: int, attempt_id: int) -> BaseResponse:
    """The student's work page, scrolled to the attempt just changed."""
    return redirect(
        url_for("teacher.student_work", assignment_id=assignment_id, student_id=student_id)
        + f"#attempt-{attempt_id}"
    )


def _work_url(attempt_id: int) -> tuple[int, int]:
    attempt = marking.teacher_attempt(get_session(), current_account(), attempt_id)
    return attempt.assignment_id, attempt.student_id


@bp.get("/assignments/<int:assignment_id>/students/<int:student_id>")
@teacher_required
def student_work(assignment_id: int, student_id: int) -> tuple[str, int]:
    return _work_page(assignment_id, student_id)


@bp.post("/attempts/<int:attempt_id>/override")
@teacher_required
def override_score(attempt_id: int) -> BaseResponse | tuple[str, int]:
    assignment_id, student_id = _work_url(attempt_id)
    form = OverrideForm()
    if form.validate_on_submit():
        try:
            marking.override_score(
                get_session(),
                current_account(),
                attempt_id,
                form.question_id.data,
                marking.parse_points(form.points.data),
                form.comment.data or "",
                dt.datetime.now(dt.UTC),
            )
        except (InvalidInput, Conflict) as error:
            form.points.errors = [*form.points.errors, str(error)]
        else:
            flash(f"Points set for {form.question_id.data}; the total is updated.", "success")
            return _back_to_attempt(assignment_id, student_id, attempt_id)
    return _work_page(
        assignment_id,
        student_id,
        override_form=form,
        override_attempt=attempt_id,
        status=400,
    )


@bp.post("/attempts/<int:attempt_id>/mark")
@teacher_required
def mark_answer(attempt_id: int) -> BaseResponse | tuple[str, int]:
    assignment_id, student_id = _work_url(attempt_id)
    form = MarkForm()
    # The criteria come from the bank, so their fields are read from the posted form by name.
    typed = {
        name.removeprefix(CRITERION_PREFIX): value
        for name, value in request.form.items()
        if name.startswith(CRITERION_PREFIX)
    }
    if form.validate_on_submit():
        try:
            written_marks.mark_answer(
                get_session(),
                current_account(),
                attempt_id,
                form.question_id.data,
                typed,
                form.comment.data or "",
                dt.datetime.now(dt.UTC),
            )
        except (InvalidInput, Conflict) as error:
            form.question_id.errors = [*form.question_id.errors, str(error)]
        else:
            flash(f"{form.question_id.data} is marked; the student can see it.", "success")
            return _back_to_attempt(assignment_id, student_id, attempt_id)
    return _work_page(
        assignment_id,
        student_id,
        override_form=form,
        override_attempt=attempt_id,
        mark_typed=typed,
        status=400,
    )


@bp.post("/attempts/<int:attempt_id>/override/remove")
@teacher_required
def remove_override(attempt_id: int) -> BaseResponse:
    assignment_id, student_id = _work_url(attempt_id)
    form = RemoveOverrideForm()
    if form.validate_on_submit():
        marking.remove_override(
            get_session(),
            current_account(),
            attempt_id,
            form.question_id.data,
            dt.datetime.now(dt.UTC),
        )
        flash(f"{form.question_id.data} is graded on its answer again.", "success")
    else:
        flash(
            "Nothing removed: the form named no question. Reload the page and try again.", "error"
        )
    return _back_to_attempt(assignment_id, student_id, attempt_id)


@bp.post("/attempts/<int:attempt_id>/reopen")
@teacher_required
def reopen_attempt(attempt_id: int) -> BaseResponse | tuple[str, int]:
    assignment_id, student_id = _work_url(attempt_id)
    form = ReopenForm()
    if form.validate_on_submit():
        try:
            marking.reopen_attempt(
                get_session(),
                current_account(),
                attempt_id,
                form.reason.data,
                form.minutes.data,
                dt.datetime.now(dt.UTC),
            )
        except (InvalidInput, Conflict) as error:
            form.minutes.errors = [*form.minutes.errors, str(error)]
        else:
            flash(
                "The attempt is open again: the student continues where they left off.",
                "success",
            )
            return _back_to_attempt(assignment_id, student_id, attempt_id)
    return _work_page(
        assignment_id, student_id, reopen_form=form, reopen_attempt=attempt_id, status=400
    )


@bp.post("/assignments/<int:assignment_id>/students/<int:student_id>/extras")
@teacher_required
def set_student_extras(assignment_id: int, student_id: int) -> BaseResponse | tuple[str, int]:
    form = ExtrasForm()
    if form.validate_on_submit():
        try:
            extras = set_extras(
                get_session(),
                current_account(),
                assignment_id,
                student_id,
                form.extras(),
                dt.datetime.now(dt.UTC),
            )
        except InvalidInput as error:
            form.extra_minutes.errors = [*form.extra_minutes.errors, str(error)]
        else:
            flash(
                f"Saved: {extras.minutes} extra minute(s) and {extras.attempts} extra "
                "attempt(s) for this student."
                if extras
                else "Saved: no extras for this student.",
                "success",
            )
            return redirect(
                url_for("teacher.student_work", assignment_id=assignment_id, student_id=student_id)
            )
    return _work_page(assignment_id, student_id, extras_form=form, status=400)
