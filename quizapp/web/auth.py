"""Logging in and out, students joining a class by code, and one's account: the password and
the time zone dates are shown in.

Joining adds a random number to the username chosen, so /join never tells whether a name is
taken. Failed logins are throttled per account and per address (``services.login_limits``), a
browser that logged in before less strictly (``web.known_devices``); a login answers the same way
for a wrong name and a wrong password.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required, logout_user
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response
from wtforms import PasswordField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, EqualTo, Length

from quizapp.errors import Conflict, InvalidInput, NotFound
from quizapp.services import accounts
from quizapp.web import known_devices
from quizapp.web.app import app_config
from quizapp.web.db import get_session
from quizapp.web.security import current_account, start_login

bp = Blueprint("auth", __name__)


PASSWORD_LENGTH = Length(
    min=accounts.MIN_PASSWORD_LENGTH,
    max=accounts.MAX_PASSWORD_LENGTH,
    message=f"Use at least {accounts.MIN_PASSWORD_LENGTH} characters "
    f"(and at most {accounts.MAX_PASSWORD_LENGTH}).",
)


class LoginForm(FlaskForm):
    username = StringField("Username", validators=[DataRequired(), Length(max=64)])
    password = PasswordField("Password", validators=[DataRequired(), Length(max=128)])
    submit = SubmitField("Log in")


class JoinForm(FlaskForm):
    join_code = StringField("Class join code", validators=[DataRequired(), Length(max=16)])
    display_name = StringField("Your name", validators=[DataRequired(), Length(max=120)])
    username = StringField("Choose a username", validators=[DataRequired(), Length(max=64)])
    password = PasswordField(
        "Choose a password",
        validators=[DataRequired(), PASSWORD_LENGTH],
    )
    confirm = PasswordField(
        "Type the password again",
        validators=[DataRequired(), EqualTo("password", message="The two passwords differ.")],
    )
    submit = SubmitField("Join the class")


class JoinAnotherForm(FlaskForm):
    join_code = StringField("Class join code", validators=[DataRequired(), Length(max=16)])
    submit = SubmitField("Join")


class TimeZoneForm(FlaskForm):
    time_zone = SelectField("Show and enter dates in", validate_choice=False)
    submit = SubmitField("Save the time zone")

    def offer(self, school_zone: str) -> None:
        self.time_zone.choices = [
            ("", f"The school's time zone ({school_zone})"),
            *((name, name.replace("_", " ")) for name in accounts.time_zone_names()),
        ]


class PasswordForm(FlaskForm):
    current = PasswordField("Current password", validators=[DataRequired()])
    password = PasswordField(
        "New password",
        validators=[DataRequired(), PASSWORD_LENGTH],
    )
    confirm = PasswordField(
        "Type the new password again",
        validators=[DataRequired(), EqualTo("password", message="The two passwords differ.")],
    )
    submit = SubmitField("Change password")


def _is_safe_next(target: str) -> bool:
    """A path on this site: no scheme or host, no backslash (browsers read "/\\x" as "//x"),
    no control character (CR/LF would split the Location header)."""
    if not target.startswith("/") or "\\" in target or not target.isprintable():
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc


def _address() -> str:
    return request.remote_addr or ""


@bp.route("/login", methods=["GET", "POST"])
def login() -> Response | str:
    if current_user.is_authenticated:
        return redirect(url_for("home.index"))
    form = LoginForm()
    if form.validate_on_submit():
        user = accounts.log_in(
            get_session(),
            form.username.data,
            form.password.data,
            address=_address(),
            known_device=known_devices.is_known(form.username.data),
        )
        if user is None:
            flash("That username and password do not match an account.", "error")
        else:
            start_login(user)
            target = request.args.get("next", "")
            if user.must_change_password:
                target = url_for("auth.change_password")
            elif not _is_safe_next(target):
                target = url_for("home.index")
            return known_devices.remember(redirect(target), user.username)
    return render_template("auth/login.html", form=form)


@bp.post("/logout")
def logout() -> Response:
    """Log out here and everywhere: a copy of the cookie stops working too."""
    if current_user.is_authenticated:
        accounts.end_sessions(get_session(), current_account())
    logout_user()
    session.clear()
    flash("You are logged out.", "info")
    return redirect(url_for("auth.login"))


@bp.route("/join", methods=["GET", "POST"])
def join() -> Response | str:
    """A new student creates an account and joins a class; a logged-in one just joins."""
    db = get_session()
    if current_user.is_authenticated:
        if current_user.role != accounts.STUDENT:
            flash("Teachers add students from the class roster.", "info")
            return redirect(url_for("home.index"))
        another = JoinAnotherForm()
        if another.validate_on_submit():
            classroom = accounts.join_classroom(db, current_account(), another.join_code.data)
            flash(f"You joined {classroom.name}.", "success")
            return redirect(url_for("home.index"))
        return render_template("auth/join_another.html", form=another)
    form = JoinForm()
    if form.validate_on_submit():
        try:
            # Check the code before creating an account, so a typo leaves no orphan account.
            accounts.classroom_to_join(db, form.join_code.data, address=_address())
            user = accounts.create_joining_student(
                db,
                chosen=form.username.data,
                password=form.password.data,
                display_name=form.display_name.data,
            )
        except (InvalidInput, Conflict, NotFound) as error:
            flash(str(error), "error")
        else:
            classroom = accounts.join_classroom(db, user, form.join_code.data)
            start_login(user)
            flash(f"Welcome, {user.display_name}. You joined {classroom.name}.", "success")
            flash(f"Your username is {user.username}: note it, you log in with it.", "info")
            return redirect(url_for("home.index"))
    return render_template("auth/join.html", form=form)


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def change_password() -> Response | tuple[str, int]:
    form = PasswordForm()
    if form.validate_on_submit():
        user = current_account()
        db = get_session()
        if accounts.log_in(db, user.username, form.current.data, address=_address()) is None:
            flash("The current password is not right.", "error")
        else:
            # Every other session ends with the old password; this one goes on.
            start_login(accounts.set_password(db, user, form.password.data))
            flash("Your password is changed; you were logged out everywhere else.", "success")
            return redirect(url_for("home.index"))
    return _account_page(form, _time_zone_form())


def _time_zone_form() -> TimeZoneForm:
    form = TimeZoneForm(formdata=None)
    form.offer(app_config().time_zone)
    form.time_zone.data = current_account().time_zone or ""
    return form


def _account_page(
    password_form: PasswordForm, zone_form: TimeZoneForm, status: int = 200
) -> tuple[str, int]:
    return render_template("auth/password.html", form=password_form, zone_form=zone_form), status


@bp.post("/account/time-zone")
@login_required
def change_time_zone() -> Response | tuple[str, int]:
    form = TimeZoneForm()
    form.offer(app_config().time_zone)
    if form.validate_on_submit():
        try:
            user = accounts.set_time_zone(get_session(), current_account(), form.time_zone.data)
        except InvalidInput as error:
            form.time_zone.errors = [str(error)]
        else:
            flash(
                f"Dates are now shown and entered in {user.time_zone}."
                if user.time_zone
                else f"Dates are now shown and entered in the school's time zone, "
                f"{app_config().time_zone}.",
                "success",
            )
            return redirect(url_for("auth.change_password"))
    return _account_page(PasswordForm(formdata=None), form, 400)
