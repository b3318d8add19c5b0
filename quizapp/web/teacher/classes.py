"""The teacher's dashboard, classes and rosters: add or import students, reset, remove.
(Renaming and archiving a class or an assignment is ``class_upkeep``.)"""

from __future__ import annotations

import datetime as dt

from flask import abort, flash, redirect, render_template, url_for
from werkzeug.wrappers import Response as BaseResponse

from quizapp.errors import InvalidInput
from quizapp.services import assignments as assignment_service
from quizapp.services import banks as bank_service
from quizapp.services import classes as class_service
from quizapp.web.db import get_session
from quizapp.web.security import current_account, teacher_required
from quizapp.web.teacher.blueprint import bp
from quizapp.web.teacher.forms import (
    ClassForm,
    ConfirmForm,
    ExportForm,
    RenameClassForm,
    RosterForm,
    StudentForm,
)
from quizapp.web.uploads import read_text_upload

ROSTER_MAX_BYTES = 512 * 1024


def _dashboard(form: ClassForm, status: int = 200) -> tuple[str, int]:
    db = get_session()
    teacher = current_account()
    return render_template(
        "teacher/dashboard.html",
        classes=class_service.list_classes(db, teacher),
        archived_classes=class_service.list_classes(db, teacher, archived=True),
        banks=bank_service.list_banks(db, user=teacher),
        recent=assignment_service.teacher_assignments(db, teacher),
        form=form,
    ), status


@bp.get("/")
@teacher_required
def dashboard() -> tuple[str, int]:
    return _dashboard(ClassForm(formdata=None))


@bp.post("/classes")
@teacher_required
def create_class() -> BaseResponse | tuple[str, int]:
    form = ClassForm()
    if form.validate_on_submit():
        classroom = class_service.create_class(get_session(), current_account(), form.name.data)
        flash(f"Class {classroom.name} created. Its join code is {classroom.join_code}.", "success")
        return redirect(url_for("teacher.class_page", class_id=classroom.id))
    return _dashboard(form, 400)


def render_class_page(
    class_id: int,
    *,
    student_form: StudentForm | None = None,
    roster_form: RosterForm | None = None,
    roster_problems: list[class_service.RosterProblem] | None = None,
    rename_form: RenameClassForm | None = None,
    status: int = 200,
) -> tuple[str, int]:
    db = get_session()
    teacher = current_account()
    classroom = class_service.owned_class(db, teacher, class_id)
    if rename_form is None:
        rename_form = RenameClassForm(formdata=None)
        rename_form.name.data = classroom.name
    return render_template(
        "teacher/class.html",
        classroom=classroom,
        students=class_service.roster(db, teacher, class_id),
        assignments=assignment_service.list_assignments(db, teacher, class_id),
        archived_assignments=assignment_service.list_assignments(
            db, teacher, class_id, archived=True
        ),
        rename_form=rename_form,
        student_form=student_form or StudentForm(formdata=None),
        roster_form=roster_form or RosterForm(formdata=None),
        roster_problems=roster_problems or [],
        action_form=ConfirmForm(formdata=None),
        export_form=ExportForm(formdata=None),
        now=dt.datetime.now(dt.UTC),
        is_open=assignment_service.is_open,
    ), status


@bp.get("/classes/<int:class_id>")
@teacher_required
def class_page(class_id: int) -> tuple[str, int]:
    return render_class_page(class_id)


@bp.post("/classes/<int:class_id>/students")
@teacher_required
def add_student(class_id: int) -> BaseResponse | tuple[str, int]:
    form = StudentForm()
    if form.validate_on_submit():
        try:
            added = class_service.add_student(
                get_session(),
                current_account(),
                class_id,
                username=form.username.data,
                display_name=form.display_name.data or "",
                password=form.password.data or None,
            )
        except InvalidInput as error:
            form.username.errors = [*form.username.errors, str(error)]
        else:
            if added.outcome == "already_enrolled":
                flash(
                    f"{added.username} is already in this class, shown as {added.display_name}; "
                    "nothing was changed.",
                    "info",
                )
                return redirect(url_for("teacher.class_page", class_id=class_id))
            heading = (
                "Student added"
                if added.outcome == "created"
                else "Existing account added to this class"
            )
            return _credentials(class_id, [added], heading)
    return render_class_page(class_id, student_form=form, status=400)


@bp.post("/classes/<int:class_id>/students/import")
@teacher_required
def import_roster(class_id: int) -> BaseResponse | tuple[str, int]:
    form = RosterForm()
    problems: list[class_service.RosterProblem] = []
    if form.validate_on_submit():
        text = read_text_upload(
            form.roster,
            ROSTER_MAX_BYTES,
            not_text="The file is not UTF-8 text; save it as CSV UTF-8.",
        )
        if text is not None:
            try:
                added = class_service.import_roster(
                    get_session(), current_account(), class_id, text
                )
            except class_service.RosterInvalid as error:
                problems = error.problems
                form.roster.errors = [str(error).split(":")[0] + "."]
            else:
                return _credentials(class_id, added, _import_heading(added))
    return render_class_page(class_id, roster_form=form, roster_problems=problems, status=400)


def _import_heading(added: list[class_service.NewStudent]) -> str:
    """ "3 student(s) imported, 1 already in the class": a re-imported file says so."""
    already = sum(1 for student in added if student.outcome == "already_enrolled")
    heading = f"{len(added) - already} student(s) imported"
    return heading + (f", {already} already in the class" if already else "")


def _credentials(
    class_id: int, students: list[class_service.NewStudent], heading: str
) -> tuple[str, int]:
    classroom = class_service.owned_class(get_session(), current_account(), class_id)
    return render_template(
        "teacher/credentials.html", classroom=classroom, students=students, heading=heading
    ), 200


@bp.post("/classes/<int:class_id>/students/<int:student_id>/reset")
@teacher_required
def reset_password(class_id: int, student_id: int) -> BaseResponse | tuple[str, int]:
    form = ConfirmForm()
    if not form.validate_on_submit():
        abort(400)
    db = get_session()
    teacher = current_account()
    password = class_service.reset_password(db, teacher, class_id, student_id)
    student = next(s for s in class_service.roster(db, teacher, class_id) if s.id == student_id)
    return _credentials(
        class_id,
        [class_service.NewStudent(student.username, student.display_name, password)],
        "Password reset",
    )


@bp.post("/classes/<int:class_id>/students/<int:student_id>/remove")
@teacher_required
def remove_student(class_id: int, student_id: int) -> BaseResponse:
    form = ConfirmForm()
    if not form.validate_on_submit():
        abort(400)
    student = class_service.remove_student(get_session(), current_account(), class_id, student_id)
    flash(
        f"{student.display_name} was removed from the class; their account and past attempts "
        "are kept.",
        "success",
    )
    return redirect(url_for("teacher.class_page", class_id=class_id))
