"""The teacher's pages: classes and rosters, banks (upload, YAML editor, versions), assignments,
results with item statistics, accepting alternative answers, and CSV export.

Every view is ``teacher_required`` and calls one service; the services check that the class,
assignment or bank belongs to the logged-in teacher (another teacher's is "not found"), so no
view trusts an id from the URL on its own. Forms are Flask-WTF forms (CSRF on every POST). A
form the services refuse is shown again with each problem beside its field and every value kept.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from fractions import Fraction
from typing import Any

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from werkzeug.wrappers import Response as BaseResponse
from wtforms import (
    BooleanField,
    DateTimeLocalField,
    HiddenField,
    IntegerField,
    PasswordField,
    SelectChoice,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional
from wtforms.widgets import HiddenInput

from quizapp.banks import Issue, bank_summary
from quizapp.db.models import BankVersion
from quizapp.domain.behaviours import FeedbackTiming
from quizapp.domain.quiz import GradingMethod
from quizapp.errors import BankInvalid, Conflict, Forbidden, InvalidInput
from quizapp.services import assignments as assignment_service
from quizapp.services import banks as bank_service
from quizapp.services import classes as class_service
from quizapp.services import export as export_service
from quizapp.services import results as result_service
from quizapp.web.app import app_config
from quizapp.web.db import get_session, open_session
from quizapp.web.security import current_account, teacher_required
from quizapp.web.uploads import read_text_upload

bp = Blueprint("teacher", __name__, url_prefix="/teacher")

ROSTER_MAX_BYTES = 512 * 1024
GRADING_CHOICES = [
    SelectChoice(GradingMethod.HIGHEST.value, "Highest attempt"),
    SelectChoice(GradingMethod.AVERAGE.value, "Average of attempts"),
    SelectChoice(GradingMethod.FIRST.value, "First attempt"),
    SelectChoice(GradingMethod.LAST.value, "Last attempt"),
]
FEEDBACK_CHOICES = [
    SelectChoice(FeedbackTiming.IMMEDIATE.value, "Immediately: students may check each question"),
    SelectChoice(FeedbackTiming.AFTER_SUBMIT.value, "After the attempt is submitted"),
    SelectChoice(FeedbackTiming.AFTER_CLOSE.value, "After the assignment closes"),
]
TIME_FORMAT = "%Y-%m-%dT%H:%M"


# --- forms -----------------------------------------------------------------------------------


class ClassForm(FlaskForm):
    name = StringField(
        "Class name", validators=[DataRequired(), Length(max=class_service.MAX_CLASS_NAME)]
    )
    submit = SubmitField("Create class")


class StudentForm(FlaskForm):
    username = StringField("Username", validators=[DataRequired(), Length(max=64)])
    display_name = StringField(
        "Name shown", validators=[Optional(), Length(max=class_service.MAX_DISPLAY_NAME)]
    )
    password = PasswordField("Password (optional)", validators=[Optional(), Length(max=128)])
    submit = SubmitField("Add student")


class RosterForm(FlaskForm):
    roster = FileField("Roster file (CSV)", validators=[FileRequired("Choose a CSV file.")])
    submit = SubmitField("Import students")


class ConfirmForm(FlaskForm):
    """A button-only form: the CSRF token is its only field."""

    submit = SubmitField("Confirm")


class AssignmentForm(FlaskForm):
    bank_id = SelectField("Question bank", coerce=int, validators=[InputRequired()])
    title = StringField(
        "Title", validators=[DataRequired(), Length(max=assignment_service.MAX_TITLE)]
    )
    opens_at = DateTimeLocalField("Opens (UTC)", format=TIME_FORMAT, validators=[Optional()])
    closes_at = DateTimeLocalField("Closes (UTC)", format=TIME_FORMAT, validators=[Optional()])
    attempts_allowed = IntegerField(
        "Attempts allowed",
        validators=[
            Optional(),
            NumberRange(
                min=1,
                max=assignment_service.MAX_ATTEMPTS,
                message="Allow at least 1 attempt, or leave empty for unlimited.",
            ),
        ],
    )
    grading_method = SelectField("Grading method", choices=GRADING_CHOICES)
    feedback_timing = SelectField("Feedback", choices=FEEDBACK_CHOICES)
    time_limit_minutes = IntegerField(
        "Time limit (minutes)",
        validators=[
            Optional(),
            NumberRange(
                min=1,
                max=assignment_service.MAX_TIME_LIMIT_MINUTES,
                message="A time limit is at least 1 minute, or empty for none.",
            ),
        ],
    )
    submit = SubmitField("Assign")

    def settings(self) -> assignment_service.AssignmentSettings:
        return assignment_service.AssignmentSettings(
            title=self.title.data or "",
            opens_at=_as_utc(self.opens_at.data),
            closes_at=_as_utc(self.closes_at.data),
            attempts_allowed=self.attempts_allowed.data,
            grading_method=self.grading_method.data or "",
            feedback_timing=self.feedback_timing.data or "",
            time_limit_minutes=self.time_limit_minutes.data,
        )

    def fill(self, settings: assignment_service.AssignmentSettings) -> None:
        self.title.data = settings.title
        self.opens_at.data = _as_naive(settings.opens_at)
        self.closes_at.data = _as_naive(settings.closes_at)
        self.attempts_allowed.data = settings.attempts_allowed
        self.grading_method.data = settings.grading_method
        self.feedback_timing.data = settings.feedback_timing
        self.time_limit_minutes.data = settings.time_limit_minutes

    def show_problems(self, problems: dict[str, str]) -> None:
        for name, message in problems.items():
            field = getattr(self, name, None)
            if field is not None:
                field.errors = [*field.errors, message]
            else:
                flash(message, "error")


class UploadBankForm(FlaskForm):
    bank_file = FileField("Bank file (.yaml)", validators=[FileRequired("Choose a .yaml file.")])
    submit = SubmitField("Upload")


class EditBankForm(FlaskForm):
    yaml_text = TextAreaField("Bank YAML", validators=[DataRequired()])
    submit = SubmitField("Save as a new version")


class SpanQuestionForm(FlaskForm):
    prompt = StringField(
        "Question", validators=[DataRequired(), Length(max=bank_service.MAX_PROMPT_LENGTH)]
    )
    answer = StringField(
        "Answer (words of the article)", validators=[DataRequired(), Length(max=500)]
    )
    # Where the selected answer starts in the article; sent by the page's script only.
    answer_start = IntegerField(widget=HiddenInput(), validators=[Optional(), NumberRange(min=0)])
    submit = SubmitField("Add as a short-answer question")


class AcceptAnswerForm(FlaskForm):
    question_id = HiddenField(validators=[DataRequired()])
    text = StringField("Answer to accept", validators=[DataRequired(), Length(max=500)])
    credit = SelectField(
        "Credit",
        choices=[SelectChoice("1", "Full credit"), SelectChoice("1/2", "Half credit")],
        default="1",
    )
    submit = SubmitField("Accept and regrade")


class ExportForm(FlaskForm):
    class Meta:
        csrf = False  # a GET download changes nothing

    layout = SelectField(
        "Layout",
        default=export_service.Layout.GRADEBOOK.value,
        choices=[
            SelectChoice(
                export_service.Layout.GRADEBOOK.value, "Gradebook: one row per student and quiz"
            ),
            SelectChoice(export_service.Layout.RESPONSES.value, "Responses: one row per answer"),
        ],
    )
    bom = BooleanField("Add a byte-order mark (for Excel)")


def _as_utc(value: dt.datetime | None) -> dt.datetime | None:
    return None if value is None else value.replace(tzinfo=dt.UTC)


def _as_naive(value: dt.datetime | None) -> dt.datetime | None:
    return None if value is None else value.astimezone(dt.UTC).replace(tzinfo=None)


# --- dashboard and classes -------------------------------------------------------------------


def _dashboard(form: ClassForm, status: int = 200) -> tuple[str, int]:
    db = get_session()
    teacher = current_account()
    return render_template(
        "teacher/dashboard.html",
        classes=class_service.list_classes(db, teacher),
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


def _class_page(
    class_id: int,
    *,
    student_form: StudentForm | None = None,
    roster_form: RosterForm | None = None,
    roster_problems: list[class_service.RosterProblem] | None = None,
    status: int = 200,
) -> tuple[str, int]:
    db = get_session()
    teacher = current_account()
    classroom = class_service.owned_class(db, teacher, class_id)
    return render_template(
        "teacher/class.html",
        classroom=classroom,
        students=class_service.roster(db, teacher, class_id),
        assignments=assignment_service.list_assignments(db, teacher, class_id),
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
    return _class_page(class_id)


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
            return _credentials(class_id, [added], "Student added")
    return _class_page(class_id, student_form=form, status=400)


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
                return _credentials(class_id, added, f"{len(added)} student(s) imported")
    return _class_page(class_id, roster_form=form, roster_problems=problems, status=400)


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


# --- assignments -----------------------------------------------------------------------------


def _bank_choices() -> list[SelectChoice]:
    banks = bank_service.list_banks(get_session(), user=current_account())
    return [SelectChoice(str(bank.id), f"{bank.title} ({bank.slug})") for bank in banks]


@bp.route("/classes/<int:class_id>/assign", methods=["GET", "POST"])
@teacher_required
def assign(class_id: int) -> BaseResponse | tuple[str, int]:
    db = get_session()
    teacher = current_account()
    classroom = class_service.owned_class(db, teacher, class_id)
    form = AssignmentForm()
    form.bank_id.choices = _bank_choices()
    status = 200
    if request.method == "GET":
        bank_id = request.args.get("bank", type=int) or (
            int(form.bank_id.choices[0].value) if form.bank_id.choices else None
        )
        if bank_id is not None:
            form.bank_id.data = bank_id
            form.fill(assignment_service.default_settings(db, teacher, bank_id))
    elif form.validate_on_submit():
        try:
            assignment = assignment_service.assign_bank(
                db, teacher, class_id, form.bank_id.data, form.settings()
            )
        except assignment_service.AssignmentInvalid as error:
            form.show_problems(error.problems)
            status = 400
        else:
            flash(f"{assignment.title} is assigned to {classroom.name}.", "success")
            return redirect(url_for("teacher.class_page", class_id=class_id))
    else:
        status = 400
    return render_template(
        "teacher/assign.html", form=form, classroom=classroom, assignment=None
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
    if request.method == "GET":
        form.fill(assignment_service.settings_of(assignment))
    elif form.validate_on_submit():
        try:
            assignment_service.update_assignment(db, teacher, assignment_id, form.settings())
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


# --- results ---------------------------------------------------------------------------------


@bp.get("/classes/<int:class_id>/results")
@teacher_required
def class_results(class_id: int) -> str:
    results = result_service.class_results(get_session(), current_account(), class_id)
    return render_template(
        "teacher/class_results.html", results=results, export_form=ExportForm(formdata=None)
    )


@bp.get("/assignments/<int:assignment_id>/results")
@teacher_required
def assignment_results(assignment_id: int) -> str:
    results = result_service.assignment_results(get_session(), current_account(), assignment_id)
    return render_template(
        "teacher/assignment_results.html",
        results=results,
        accept_form=AcceptAnswerForm(formdata=None),
        regrade_form=ConfirmForm(formdata=None),
        export_form=ExportForm(formdata=None),
        chart=_distribution_chart(results.distribution),
    )


def _distribution_chart(bins: list[result_service.DistributionBin]) -> dict[str, Any]:
    """Geometry of the score histogram, drawn as SVG in the template (no script needed)."""
    width, height, gap = 400, 160, 4
    tallest = max((b.count for b in bins), default=0) or 1
    bar_width = width / len(bins) if bins else width
    bars = []
    for index, item in enumerate(bins):
        bar_height = round(height * item.count / tallest)
        bars.append(
            {
                "x": round(index * bar_width + gap / 2, 1),
                "y": height - bar_height,
                "width": round(bar_width - gap, 1),
                "height": bar_height,
                "label": item.label,
                "count": item.count,
                "low": item.low,
            }
        )
    return {"width": width, "height": height, "bars": bars}


@bp.post("/assignments/<int:assignment_id>/accept")
@teacher_required
def accept_answer(assignment_id: int) -> BaseResponse:
    form = AcceptAnswerForm()
    target = url_for("teacher.assignment_results", assignment_id=assignment_id)
    if not form.validate_on_submit():
        for errors in form.errors.values():
            for message in errors:
                flash(f"Nothing accepted: {message}", "error")
        return redirect(target)
    try:
        report = result_service.accept_answer(
            get_session(),
            current_account(),
            assignment_id,
            form.question_id.data,
            form.text.data,
            Fraction(form.credit.data or "1"),
        )
    except InvalidInput as error:
        flash(f"Nothing accepted: {error}", "error")
    else:
        flash(f"Accepted {form.text.data.strip()!r}. {report.summary()}", "success")
    return redirect(target + f"#question-{form.question_id.data}")


@bp.post("/assignments/<int:assignment_id>/regrade")
@teacher_required
def regrade(assignment_id: int) -> BaseResponse:
    if not ConfirmForm().validate_on_submit():
        abort(400)
    report = result_service.regrade_assignment(get_session(), current_account(), assignment_id)
    flash(report.summary(), "success")
    return redirect(url_for("teacher.assignment_results", assignment_id=assignment_id))


@bp.get("/export.csv")
@teacher_required
def export_csv() -> Response:
    form = ExportForm(request.args)
    if not form.validate():
        abort(400)
    db = get_session()
    scope = export_service.teacher_scope(
        db,
        current_account(),
        class_id=request.args.get("class", type=int),
        assignment_id=request.args.get("quiz", type=int),
    )
    layout = export_service.Layout(form.layout.data)
    bom = bool(form.bom.data)
    filename = export_service.export_filename(scope, layout)
    stream_session = open_session()

    def lines() -> Iterator[str]:
        # The request's session is closed when the view returns, before the body is sent, so
        # the rows are read through a session that lives exactly as long as the stream.
        with stream_session:
            yield from export_service.csv_lines(stream_session, scope, layout, bom=bom)

    return Response(
        lines(),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


# --- banks -----------------------------------------------------------------------------------


@bp.get("/banks")
@teacher_required
def banks() -> str:
    return render_template(
        "teacher/banks.html",
        banks=bank_service.list_banks(get_session(), user=current_account()),
        upload_form=UploadBankForm(formdata=None),
    )


@bp.route("/banks/upload", methods=["GET", "POST"])
@teacher_required
def upload_bank() -> BaseResponse | tuple[str, int]:
    form = UploadBankForm()
    issues: list[Issue] = []
    text = ""
    status = 200
    if form.validate_on_submit():
        uploaded = None
        if not (form.bank_file.data.filename or "").lower().endswith((".yaml", ".yml")):
            form.bank_file.errors = ["Upload a .yaml or .yml file."]
        else:
            uploaded = read_text_upload(
                form.bank_file,
                app_config().max_upload_bytes,
                not_text="The file is not UTF-8 text.",
            )
        if uploaded is not None:
            text = uploaded
            try:
                version = _save_upload(text)
            except BankInvalid as error:
                issues = error.issues
            except (Conflict, Forbidden) as error:
                form.bank_file.errors = [str(error)]
            else:
                flash(f"Saved {version.bank.title}, version {version.number}.", "success")
                return redirect(url_for("teacher.bank", bank_id=version.bank_id))
        status = 400
    elif request.method == "POST":
        status = 400
    return render_template(
        "teacher/upload.html",
        form=form,
        issues=issues,
        listing=_annotated_lines(text, issues) if issues else [],
    ), status


def _save_upload(text: str) -> BankVersion:
    """A new bank, or the next version of the teacher's own bank with the same id."""
    db = get_session()
    teacher = current_account()
    slug = bank_summary(text).get("id")
    own = isinstance(slug, str) and assignment_service.owns_bank_slug(db, teacher, slug)
    return bank_service.save_bank_text(
        db, text, user=teacher, bank_slug=slug if own and isinstance(slug, str) else None
    )


@bp.get("/banks/<int:bank_id>")
@teacher_required
def bank(bank_id: int) -> str:
    return _bank_page(bank_id, SpanQuestionForm())


def _bank_page(bank_id: int, question_form: SpanQuestionForm) -> str:
    detail = assignment_service.bank_detail(get_session(), current_account(), bank_id)
    return render_template("teacher/bank.html", detail=detail, question_form=question_form)


@bp.post("/banks/<int:bank_id>/questions")
@teacher_required
def add_span_question(bank_id: int) -> BaseResponse | str:
    """Add a question whose answer is words of the article (proposed by the page, or typed)."""
    form = SpanQuestionForm()
    if form.validate_on_submit():
        try:
            version = bank_service.add_question_for_span(
                get_session(),
                current_account(),
                bank_id,
                prompt=form.prompt.data,
                answer=form.answer.data,
                answer_start=form.answer_start.data,
            )
        except (InvalidInput, BankInvalid) as error:
            form.answer.errors = [*form.answer.errors, str(error)]
        else:
            flash(f"Question added; the bank is now at version {version.number}.", "success")
            return redirect(url_for("teacher.bank", bank_id=bank_id) + "#questions-heading")
    return _bank_page(bank_id, form)


@bp.route("/banks/<int:bank_id>/edit", methods=["GET", "POST"])
@teacher_required
def edit_bank(bank_id: int) -> BaseResponse | tuple[str, int]:
    db = get_session()
    teacher = current_account()
    detail = assignment_service.bank_detail(db, teacher, bank_id)
    if not detail.editable:
        raise Forbidden(
            "Shared banks are edited in their file in question_banks/. Download this one and "
            "upload it under a new id to make your own copy."
        )
    form = EditBankForm()
    issues: list[Issue] = []
    status = 200
    if request.method == "GET":
        form.yaml_text.data = detail.latest.yaml_text
    elif form.validate_on_submit():
        try:
            version = bank_service.save_bank_text(
                db, form.yaml_text.data, user=teacher, bank_slug=detail.bank.slug
            )
        except BankInvalid as error:
            issues = error.issues
            status = 400
        else:
            if version.number == detail.latest.number:
                flash("Nothing changed, so no new version was made.", "info")
            else:
                flash(f"Saved as version {version.number}.", "success")
            return redirect(url_for("teacher.bank", bank_id=bank_id))
    else:
        status = 400
    return render_template(
        "teacher/edit_bank.html",
        form=form,
        detail=detail,
        issues=issues,
        listing=_annotated_lines(form.yaml_text.data or "", issues) if issues else [],
    ), status


def _annotated_lines(text: str, issues: list[Issue]) -> list[dict[str, Any]]:
    """The YAML with line numbers, each line carrying the problems reported on it."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    by_line: dict[int, list[Issue]] = {}
    for issue in issues:
        # An issue past the end (say, a missing key at end of file) is shown on the last line.
        number = min(max(issue.line, 1), len(lines))
        by_line.setdefault(number, []).append(issue)
    return [
        {"number": index, "text": line, "issues": by_line.get(index, [])}
        for index, line in enumerate(lines, start=1)
    ]


@bp.get("/banks/<int:bank_id>/versions/<int:number>.yaml")
@teacher_required
def download_version(bank_id: int, number: int) -> Response:
    version = assignment_service.visible_version(get_session(), current_account(), bank_id, number)
    filename = f"{version.bank.slug}-v{version.number}.yaml"
    return Response(
        version.yaml_text,
        mimetype="text/yaml",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
