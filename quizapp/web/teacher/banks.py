"""The teacher's banks: the list, uploading a file, a bank's page, the YAML editor, versions.

Renaming, archiving and duplicating are in ``bank_upkeep``; their forms are on the bank's page.
"""

from __future__ import annotations

from flask import Response, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response as BaseResponse

from quizapp.errors import BankInvalid, Conflict, Forbidden, InvalidInput, Issue, NotFound
from quizapp.services import banks as bank_service
from quizapp.services import interchange
from quizapp.web.app import app_config
from quizapp.web.db import get_session
from quizapp.web.security import current_account, teacher_required
from quizapp.web.teacher.blueprint import bp
from quizapp.web.teacher.forms import (
    ConfirmForm,
    DuplicateBankForm,
    EditBankForm,
    RenameBankForm,
    SpanQuestionForm,
    UploadBankForm,
)
from quizapp.web.teacher.presentation import annotated_lines
from quizapp.web.uploads import read_text_upload, read_upload

# How many loss warnings, and skipped questions, of an import are listed after saving.
SHOWN_NOTICES = 12
# The flash category of a question left out of an import; the bank page lists these.
SKIPPED = "skipped"


@bp.get("/banks")
@teacher_required
def banks() -> str:
    db, teacher = get_session(), current_account()
    return render_template(
        "teacher/banks.html",
        banks=bank_service.list_banks(db, user=teacher),
        archived=bank_service.list_banks(db, user=teacher, archived=True),
        upload_form=UploadBankForm(formdata=None),
    )


@bp.route("/banks/upload", methods=["GET", "POST"])
@teacher_required
def upload_bank() -> BaseResponse | tuple[str, int]:
    form = UploadBankForm()
    issues: list[Issue] = []
    imported: interchange.ImportResult | None = None
    text = ""
    status = 200
    if form.validate_on_submit():
        uploaded = None
        filename = form.bank_file.data.filename or ""
        if not filename.lower().endswith(interchange.UPLOAD_SUFFIXES):
            form.bank_file.errors = [
                "Upload a .yaml bank, or a GIFT (.txt), Moodle XML (.xml), QTI (.zip) or "
                "spreadsheet (.csv, .xlsx) file."
            ]
        elif filename.lower().endswith(interchange.YAML_SUFFIXES):
            uploaded = read_text_upload(
                form.bank_file,
                app_config().max_upload_bytes,
                not_text="The file is not UTF-8 text.",
            )
        else:
            raw = read_upload(form.bank_file, app_config().max_upload_bytes)
            if raw is not None:
                imported = interchange.import_upload(
                    raw, filename, skip_unsupported=bool(form.skip_unsupported.data)
                )
                uploaded = imported.yaml_text
        if uploaded is not None:
            text = uploaded
            try:
                version = bank_service.save_uploaded_bank(get_session(), current_account(), text)
            except BankInvalid as error:
                issues = error.issues
            except (Conflict, Forbidden) as error:
                form.bank_file.errors = [str(error)]
            else:
                flash(f"Saved {version.bank.title}, version {version.number}.", "success")
                if imported is not None:
                    _flash_import_losses(imported)
                return redirect(url_for("teacher.bank", bank_id=version.bank_id))
        status = 400
    elif request.method == "POST":
        status = 400
    refused = imported if imported is not None and imported.yaml_text is None else None
    return render_template(
        "teacher/upload.html",
        form=form,
        issues=issues,
        import_issues=refused.issues if refused else [],
        skippable=bool(refused and refused.skippable),
        listing=annotated_lines(text, issues) if issues else [],
    ), status


def _flash_import_losses(imported: interchange.ImportResult) -> None:
    """What an import could not carry exactly, and each question it left out (as ``SKIPPED``,
    which the bank page lists under its own heading)."""
    for issue in imported.skipped[:SHOWN_NOTICES]:
        flash(f"Line {issue.line}: {issue.message}", SKIPPED)
    if len(imported.skipped) > SHOWN_NOTICES:
        flash(f"…and {len(imported.skipped) - SHOWN_NOTICES} more.", SKIPPED)
    if imported.notices:
        name = imported.source_name
        shown = [notice.format(name) for notice in imported.notices[:SHOWN_NOTICES]]
        more = len(imported.notices) - len(shown)
        flash(
            f"Imported from {imported.format_name}; what it could not carry exactly: "
            + "; ".join(shown)
            + (f"; and {more} more." if more else "."),
            "info",
        )


@bp.get("/banks/<int:bank_id>")
@teacher_required
def bank(bank_id: int) -> str:
    return render_bank_page(bank_id, SpanQuestionForm())


def render_bank_page(
    bank_id: int,
    question_form: SpanQuestionForm,
    *,
    rename_form: RenameBankForm | None = None,
    duplicate_form: DuplicateBankForm | None = None,
) -> str:
    detail = bank_service.bank_detail(get_session(), current_account(), bank_id)
    if rename_form is None:
        rename_form = RenameBankForm(formdata=None)
        rename_form.title.data = detail.bank.title
    return render_template(
        "teacher/bank.html",
        detail=detail,
        question_form=question_form,
        rename_form=rename_form,
        duplicate_form=duplicate_form or DuplicateBankForm(formdata=None),
        archive_form=ConfirmForm(formdata=None),
    )


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
    return render_bank_page(bank_id, form)


@bp.route("/banks/<int:bank_id>/edit", methods=["GET", "POST"])
@teacher_required
def edit_bank(bank_id: int) -> BaseResponse | tuple[str, int]:
    db = get_session()
    teacher = current_account()
    detail = bank_service.editable_bank_detail(db, teacher, bank_id)
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
    ), status


@bp.get("/banks/<int:bank_id>/versions/<int:number>.yaml")
@teacher_required
def download_version(bank_id: int, number: int) -> Response:
    version = bank_service.visible_version(get_session(), current_account(), bank_id, number)
    filename = f"{version.bank.slug}-v{version.number}.yaml"
    return Response(
        version.yaml_text,
        mimetype="text/yaml",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@bp.get("/banks/<int:bank_id>/export")
@teacher_required
def export_bank(bank_id: int) -> str:
    """The latest version in each format, with what each format loses, question by question."""
    detail = bank_service.bank_detail(get_session(), current_account(), bank_id)
    exports = {
        name: interchange.export_version(
            get_session(), current_account(), bank_id, detail.latest.number, name
        )
        for name in interchange.format_labels()
    }
    return render_template(
        "teacher/export_bank.html",
        detail=detail,
        exports=exports,
        labels=interchange.format_labels(),
    )


@bp.get("/banks/<int:bank_id>/versions/<int:number>/export/<format_name>")
@teacher_required
def download_export(bank_id: int, number: int, format_name: str) -> Response:
    exported = interchange.export_version(
        get_session(), current_account(), bank_id, number, format_name
    )
    return Response(
        exported.content,
        mimetype=exported.media_type.split(";")[0],
        headers={"Content-Disposition": f'attachment; filename="{exported.filename}"'},
    )


@bp.get("/banks/spreadsheet-template.<kind>")
@teacher_required
def spreadsheet_template(kind: str) -> Response:
    """The spreadsheet template for writing questions one per row (CSV or XLSX)."""
    if kind == "xlsx":
        content, media_type = interchange.spreadsheet_template_xlsx(), interchange.XLSX_TYPE
    elif kind == "csv":
        content, media_type = interchange.spreadsheet_template_csv(), "text/csv"
    else:
        raise NotFound("The template is a .csv or an .xlsx file.")
    return Response(
        content,
        mimetype=media_type,
        headers={"Content-Disposition": f'attachment; filename="questions-template.{kind}"'},
    )
