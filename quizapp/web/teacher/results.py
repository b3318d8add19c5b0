"""Results of a class and of an assignment, accepting an answer and regrading, CSV export."""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction

from flask import Response, abort, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response as BaseResponse

from quizapp.errors import InvalidInput
from quizapp.services import export as export_service
from quizapp.services import regrading
from quizapp.services import results as result_service
from quizapp.web.db import get_session, open_session
from quizapp.web.security import current_account, teacher_required
from quizapp.web.teacher.blueprint import bp
from quizapp.web.teacher.forms import AcceptAnswerForm, ConfirmForm, ExportForm
from quizapp.web.teacher.presentation import distribution_chart


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
        chart=distribution_chart(results.distribution),
    )


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
        report = regrading.accept_answer(
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
    report = regrading.regrade_assignment(get_session(), current_account(), assignment_id)
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
