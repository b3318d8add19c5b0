"""The teacher's forms: classes and students, assignments, banks, accepted answers, export,
and one student's work (score overrides, reopening, extras).

Flask-WTF forms, so every POST carries a CSRF token. The services check the values again; a
form only turns a request into the values a service takes (``AssignmentForm.settings``) and
shows a service's problems beside the fields they concern.
"""

from __future__ import annotations

import datetime as dt

from flask import flash
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
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

from quizapp.domain.behaviours import FeedbackTiming
from quizapp.domain.quiz import GradingMethod
from quizapp.services import accommodations, bank_upkeep, marking
from quizapp.services import assignments as assignment_service
from quizapp.services import banks as bank_service
from quizapp.services import classes as class_service
from quizapp.services import export as export_service
from quizapp.web.app import in_zone

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


class ClassForm(FlaskForm):
    name = StringField(
        "Class name", validators=[DataRequired(), Length(max=class_service.MAX_CLASS_NAME)]
    )
    submit = SubmitField("Create class")


class RenameClassForm(FlaskForm):
    name = StringField(
        "New name",
        validators=[
            DataRequired("Give the class a name."),
            Length(max=class_service.MAX_CLASS_NAME),
        ],
    )
    submit = SubmitField("Rename")


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
    opens_at = DateTimeLocalField("Opens", format=TIME_FORMAT, validators=[Optional()])
    closes_at = DateTimeLocalField("Closes", format=TIME_FORMAT, validators=[Optional()])
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
    # Refills the settings from the selected bank's own, without assigning anything.
    use_bank = SubmitField("Use this bank's settings")

    def settings(self, zone: dt.tzinfo) -> assignment_service.AssignmentSettings:
        """The typed settings; the times were entered in ``zone`` (the school's)."""
        return assignment_service.AssignmentSettings(
            title=self.title.data or "",
            opens_at=_as_utc(self.opens_at.data, zone),
            closes_at=_as_utc(self.closes_at.data, zone),
            attempts_allowed=self.attempts_allowed.data,
            grading_method=self.grading_method.data or "",
            feedback_timing=self.feedback_timing.data or "",
            time_limit_minutes=self.time_limit_minutes.data,
        )

    def fill(self, settings: assignment_service.AssignmentSettings, zone: dt.tzinfo) -> None:
        self.title.data = settings.title
        self.opens_at.data = _as_local(settings.opens_at, zone)
        self.closes_at.data = _as_local(settings.closes_at, zone)
        self.attempts_allowed.data = settings.attempts_allowed
        self.grading_method.data = settings.grading_method
        self.feedback_timing.data = settings.feedback_timing
        self.time_limit_minutes.data = settings.time_limit_minutes
        # Fields show what was typed over their data; a refill must show the new values.
        for field in self:
            if field.name != "bank_id":
                field.raw_data = None

    def show_problems(self, problems: dict[str, str]) -> None:
        for name, message in problems.items():
            field = getattr(self, name, None)
            if field is not None:
                field.errors = [*field.errors, message]
            else:
                flash(message, "error")


class UploadBankForm(FlaskForm):
    bank_file = FileField("Bank file", validators=[FileRequired("Choose a file.")])
    skip_unsupported = BooleanField("Skip questions of types quizapp does not support")
    submit = SubmitField("Upload")


class EditBankForm(FlaskForm):
    yaml_text = TextAreaField("Bank YAML", validators=[DataRequired()])
    submit = SubmitField("Save as a new version")


class RenameBankForm(FlaskForm):
    title = StringField(
        "New title",
        validators=[
            DataRequired("Give the bank a title."),
            Length(max=bank_upkeep.MAX_TITLE),
        ],
    )
    submit = SubmitField("Rename")


class DuplicateBankForm(FlaskForm):
    title = StringField(
        "Title of the copy (optional)",
        validators=[Optional(), Length(max=bank_upkeep.MAX_TITLE)],
    )
    submit = SubmitField("Make my own copy")


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


class OverrideForm(FlaskForm):
    question_id = HiddenField(validators=[DataRequired()])
    points = StringField(
        "Points",
        validators=[
            DataRequired("Give the points for this question, e.g. 1 or 1.5."),
            Length(max=20),
        ],
    )
    comment = TextAreaField(
        "Comment for the student (optional)",
        validators=[Optional(), Length(max=marking.MAX_COMMENT)],
    )
    submit = SubmitField("Set the points")


# The field name of a rubric criterion's points in the marking form: "criterion-" + its id.
CRITERION_PREFIX = "criterion-"


class MarkForm(FlaskForm):
    """A written answer's mark; the points per criterion are read by name (``CRITERION_PREFIX``)."""

    question_id = HiddenField(validators=[DataRequired()])
    comment = TextAreaField(
        "Comment for the student (optional)",
        validators=[Optional(), Length(max=marking.MAX_COMMENT)],
    )
    submit = SubmitField("Save the mark")


class RemoveOverrideForm(FlaskForm):
    question_id = HiddenField(validators=[DataRequired()])
    submit = SubmitField("Grade on the answer again")


class ReopenForm(FlaskForm):
    reason = StringField(
        "Reason (kept in the attempt's history)",
        validators=[
            DataRequired("Say why the attempt is reopened."),
            Length(max=marking.MAX_REASON),
        ],
    )
    minutes = IntegerField(
        "Minutes to finish",
        validators=[
            Optional(),
            NumberRange(
                min=1,
                max=marking.MAX_REOPEN_MINUTES,
                message=f"Give 1 to {marking.MAX_REOPEN_MINUTES} minutes, or leave it empty.",
            ),
        ],
    )
    submit = SubmitField("Reopen for the student")


class ExtrasForm(FlaskForm):
    extra_minutes = IntegerField(
        "Extra time per attempt (minutes)",
        default=0,
        validators=[
            Optional(),
            NumberRange(
                min=0,
                max=accommodations.MAX_EXTRA_MINUTES,
                message=f"Extra time is 0 to {accommodations.MAX_EXTRA_MINUTES} minutes.",
            ),
        ],
    )
    extra_attempts = IntegerField(
        "Extra attempts",
        default=0,
        validators=[
            Optional(),
            NumberRange(
                min=0,
                max=accommodations.MAX_EXTRA_ATTEMPTS,
                message=f"Extra attempts are 0 to {accommodations.MAX_EXTRA_ATTEMPTS}.",
            ),
        ],
    )
    submit = SubmitField("Save the extras")

    def extras(self) -> accommodations.Extras:
        return accommodations.Extras(self.extra_minutes.data or 0, self.extra_attempts.data or 0)


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
            SelectChoice(
                export_service.Layout.POINTS.value,
                "Gradebook in points: each question's points, total points and percent",
            ),
            SelectChoice(
                export_service.Layout.CLASS.value,
                "Class gradebook: one row per student, one column per quiz in points",
            ),
            SelectChoice(export_service.Layout.RESPONSES.value, "Responses: one row per answer"),
            SelectChoice(export_service.Layout.MOODLE.value, "Moodle gradebook import"),
            SelectChoice(export_service.Layout.CANVAS.value, "Canvas gradebook import"),
            SelectChoice(export_service.Layout.CLASSROOM.value, "Google Classroom grades"),
        ],
    )
    bom = BooleanField("Add a byte-order mark (for Excel)")


def _as_utc(value: dt.datetime | None, zone: dt.tzinfo) -> dt.datetime | None:
    """A time typed in ``zone`` (the form's fields carry no zone) as UTC."""
    return None if value is None else value.replace(tzinfo=zone).astimezone(dt.UTC)


def _as_local(value: dt.datetime | None, zone: dt.tzinfo) -> dt.datetime | None:
    """A stored time as ``zone``'s wall-clock time, the way the form's fields show it."""
    return None if value is None else in_zone(value, zone).replace(tzinfo=None)
