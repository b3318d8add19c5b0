"""Renaming, archiving, restoring and duplicating a bank, from the bank's page."""

from __future__ import annotations

import datetime as dt

from flask import abort, flash, redirect, url_for
from werkzeug.wrappers import Response as BaseResponse

from quizapp.errors import BankInvalid, InvalidInput
from quizapp.services import bank_upkeep
from quizapp.web.db import get_session
from quizapp.web.security import current_account, teacher_required
from quizapp.web.teacher.banks import render_bank_page
from quizapp.web.teacher.blueprint import bp
from quizapp.web.teacher.forms import (
    ConfirmForm,
    DuplicateBankForm,
    RenameBankForm,
    SpanQuestionForm,
)


def _problems(error: InvalidInput | BankInvalid) -> str:
    if isinstance(error, BankInvalid):
        return " ".join(issue.message for issue in error.issues)
    return str(error)


@bp.post("/banks/<int:bank_id>/rename")
@teacher_required
def rename_bank(bank_id: int) -> BaseResponse | tuple[str, int]:
    form = RenameBankForm()
    if form.validate_on_submit():
        try:
            version = bank_upkeep.rename_bank(
                get_session(), current_account(), bank_id, form.title.data
            )
        except (InvalidInput, BankInvalid) as error:
            form.title.errors = [*form.title.errors, _problems(error)]
        else:
            flash(
                f"Renamed to {version.bank.title} (version {version.number}); assignments keep "
                "the version they were given.",
                "success",
            )
            return redirect(url_for("teacher.bank", bank_id=bank_id))
    return render_bank_page(bank_id, SpanQuestionForm(formdata=None), rename_form=form), 400


@bp.post("/banks/<int:bank_id>/archive")
@teacher_required
def archive_bank(bank_id: int) -> BaseResponse:
    return _set_archived(bank_id, archived=True)


@bp.post("/banks/<int:bank_id>/restore")
@teacher_required
def restore_bank(bank_id: int) -> BaseResponse:
    return _set_archived(bank_id, archived=False)


def _set_archived(bank_id: int, *, archived: bool) -> BaseResponse:
    if not ConfirmForm().validate_on_submit():
        abort(400)
    bank = bank_upkeep.set_archived(
        get_session(), current_account(), bank_id, archived, dt.datetime.now(dt.UTC)
    )
    flash(
        f"{bank.title} is archived: hidden from your lists, and its assignments keep working."
        if archived
        else f"{bank.title} is back in your lists.",
        "success",
    )
    return redirect(url_for("teacher.bank", bank_id=bank_id))


@bp.post("/banks/<int:bank_id>/duplicate")
@teacher_required
def duplicate_bank(bank_id: int) -> BaseResponse | tuple[str, int]:
    form = DuplicateBankForm()
    if form.validate_on_submit():
        try:
            version = bank_upkeep.duplicate_bank(
                get_session(), current_account(), bank_id, form.title.data
            )
        except (InvalidInput, BankInvalid) as error:
            form.title.errors = [*form.title.errors, _problems(error)]
        else:
            flash(
                f"Your copy {version.bank.title} is saved with the id {version.bank.slug}.",
                "success",
            )
            return redirect(url_for("teacher.bank", bank_id=version.bank_id))
    return render_bank_page(bank_id, SpanQuestionForm(formdata=None), duplicate_form=form), 400
