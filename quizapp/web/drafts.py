"""The teacher's draft pages: paste or upload an article, follow its drafting, review, save.

``/teacher/drafts/new`` takes an article (pasted text or a .txt/.md/.html/.docx/.pdf file),
reads it (a file that cannot be read is refused at once, with its reason) and queues it for the
drafting pool (``services.drafting``), then sends the teacher to the job's page. That page says
where the job stands (waiting, with its place in the queue; running, for how long; failed, with
the reason and the form to try again) and reloads itself without JavaScript, or follows the
job's JSON with ``static/js/drafting.js``; once the draft is done it is the review page
(``services.draft_review``): the article beside the questions, each question's source sentence
marked, and every question shown as the student will see it, with a keep box, a position and
its wording and answers editable (``static/js/review.js`` adds move buttons and highlighting).
The review form posts to ``/save`` (a new bank of the teacher's, which can then be assigned
like any other), ``/preview`` (the quiz the save would give, as a student sees it, with nothing
saved) or ``/add`` (a question for words of the article added to the draft); the draft travels
with the form, and a refused post shows the page again with every edit kept.

``/teacher/drafts/ask`` answers the "propose a question for the selected text" control
(``static/js/ask.js``) with JSON, in the request: it parses only the paragraphs around the
selection (``generation.propose_question``), a few sentences that take milliseconds, so a queue
would only add its own delay to a control the teacher waits on. Every view is teacher-only,
a job is its owner's alone (another teacher gets a 404), and every POST carries a CSRF token.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import NamedTuple

from flask import (
    Blueprint,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from werkzeug.wrappers import Response as BaseResponse
from wtforms import HiddenField, IntegerField, StringField, SubmitField, TextAreaField
from wtforms.validators import InputRequired, Length, NumberRange, Optional
from wtforms.widgets import HiddenInput

from quizapp.errors import BankInvalid, Conflict, Forbidden, InvalidInput, Issue, QuizappError
from quizapp.services import banks as bank_service
from quizapp.services import draft_review, drafting, generation
from quizapp.services.attempts import preview as preview_service
from quizapp.services.generation import DEFAULT_MAX_QUESTIONS, MAX_ARTICLE_CHARS, DraftOptions
from quizapp.web.app import app_config
from quizapp.web.db import get_session
from quizapp.web.security import current_account, teacher_required
from quizapp.web.uploads import read_upload

bp = Blueprint("drafts", __name__, url_prefix="/teacher/drafts")

MAX_SELECTION_CHARS = 300
# How often the job's page asks for news, and reloads itself when JavaScript is off.
POLL_SECONDS = 1
RELOAD_SECONDS = 3


class DraftForm(FlaskForm):
    title = StringField("Title (optional)", validators=[Optional(), Length(max=200)])
    article_text = TextAreaField(
        "Article text", validators=[Optional(), Length(max=MAX_ARTICLE_CHARS)]
    )
    article_file = FileField("…or an article file")
    max_questions = IntegerField(
        "Most questions",
        default=DEFAULT_MAX_QUESTIONS,
        validators=[InputRequired(), NumberRange(min=1, max=50)],
    )
    submit = SubmitField("Draft questions")


class ReviewForm(FlaskForm):
    # the draft travels with the form, so a review needs no server-side state
    draft_yaml = HiddenField(validators=[InputRequired(), Length(max=4 * MAX_ARTICLE_CHARS)])
    submit = SubmitField("Save as a bank")


class AskForm(FlaskForm):
    """A question to add to the draft for words of the article: proposed by the page's script
    for a selection, or typed. Its fields belong to the review form (they travel with it)."""

    class Meta:
        csrf = False  # sent with the review form, whose token covers it

    new_prompt = StringField(
        "Question", validators=[InputRequired(), Length(max=bank_service.MAX_PROMPT_LENGTH)]
    )
    new_answer = StringField(
        "Answer (words of the article)",
        validators=[InputRequired(), Length(max=MAX_SELECTION_CHARS)],
    )
    # Where the selected answer starts in the article; sent by the page's script only.
    answer_start = IntegerField(widget=HiddenInput(), validators=[Optional(), NumberRange(min=0)])


@bp.route("/new", methods=["GET", "POST"])
@teacher_required
def new() -> BaseResponse | tuple[str, int]:
    form = DraftForm()
    if not form.validate_on_submit():
        return render_template("drafts/new.html", form=form), (
            400 if request.method == "POST" else 200
        )
    # The seed stays at its default: the same article always gives a teacher the same draft
    # (the CLI's --seed is there for anyone who wants another).
    options = DraftOptions(max_questions=form.max_questions.data or DEFAULT_MAX_QUESTIONS)
    upload = form.article_file.data
    data = b""
    filename = ""
    if upload and getattr(upload, "filename", ""):
        filename = upload.filename
        read = read_upload(form.article_file, app_config().max_upload_bytes)
        if read is None:
            return render_template("drafts/new.html", form=form), 400
        data = read
    try:
        article = generation.article_from_upload(
            text=form.article_text.data or "",
            title=form.title.data or "",
            data=data,
            filename=filename,
        )
    except QuizappError as error:
        target = form.article_file if filename else form.article_text
        target.errors = [str(error)]
        return render_template("drafts/new.html", form=form), 400
    try:
        job = drafting.submit(get_session(), current_account(), article, options)
    except Conflict as error:  # too many drafts of theirs in the queue: the article stays
        form.article_text.errors = [str(error)]
        return render_template("drafts/new.html", form=form), 429
    return redirect(url_for("drafts.job", job_id=job.id), code=303)


def _job_status(job_id: int) -> drafting.JobStatus:
    return drafting.job_status(get_session(), current_account(), job_id, dt.datetime.now(dt.UTC))


@bp.get("/jobs/<int:job_id>")
@teacher_required
def job(job_id: int) -> tuple[str, int]:
    status = _job_status(job_id)
    if status.done:
        return _review_page(status.result_yaml)
    retry = None
    if status.failed:  # the article comes back in the form, to shorten or send again
        retry = DraftForm(
            formdata=None,
            title=status.title,
            article_text=status.article_text,
            max_questions=status.max_questions,
        )
    return render_template(
        "drafts/job.html",
        job=status,
        form=retry,
        poll_seconds=POLL_SECONDS,
        reload_seconds=RELOAD_SECONDS,
    ), 200


@bp.get("/jobs/<int:job_id>.json")
@teacher_required
def job_json(job_id: int) -> BaseResponse:
    return jsonify(_job_status(job_id).as_json())


def _review_page(
    yaml_text: str,
    *,
    status: int = 200,
    reviews: Mapping[str, draft_review.QuestionReview] | None = None,
    problems: Sequence[draft_review.ReviewProblem] = (),
    issues: Sequence[Issue] = (),
    ask_form: AskForm | None = None,
) -> tuple[str, int]:
    """The review page of a draft.

    After a failed save (or a question added), ``reviews`` are the teacher's edits (shown
    instead of the draft's values, so nothing typed is lost) and ``problems`` say what to fix,
    on which question.
    """
    form = ReviewForm(formdata=None, draft_yaml=yaml_text)
    try:
        page = draft_review.review_page(yaml_text, reviews)
    except BankInvalid as error:  # a crafted draft that is no bank shows its issues only
        page, issues = None, [*issues, *error.issues]
    by_question: dict[str, list[draft_review.ReviewProblem]] = {}
    for problem in problems:
        by_question.setdefault(problem.question_id, []).append(problem)
    return render_template(
        "drafts/review.html",
        form=form,
        ask_form=ask_form or AskForm(formdata=None),
        page=page,
        yaml_text=yaml_text,
        problems=problems,
        problems_by_question=by_question,
        issues=issues,
    ), status


class SubmittedReview(NamedTuple):
    draft_yaml: str
    reviews: dict[str, draft_review.QuestionReview]


def _submitted_review() -> SubmittedReview | BaseResponse | tuple[str, int]:
    """The draft and the teacher's decisions as the review form sent them, or the response
    that refuses the form: a draft missing from it, or altered into something that is no bank."""
    form = ReviewForm()
    if not form.validate_on_submit():
        flash("The draft was missing from the form; draft the article again.", "error")
        return redirect(url_for("drafts.new"))
    draft_yaml = form.draft_yaml.data
    try:
        items = draft_review.review_page(draft_yaml).items
    except BankInvalid:  # the page shows the draft's issues
        return _review_page(draft_yaml, status=400)
    return SubmittedReview(draft_yaml, {item.id: _item_review(item) for item in items})


def _item_review(item: draft_review.ReviewItem) -> draft_review.QuestionReview:
    """One question's fields of the review form, as typed."""
    fields = request.form
    criteria = None
    if item.type == "written_response":
        criteria = tuple(
            draft_review.CriterionLine(
                fields.get(f"criterion-{item.id}.{n}", ""),
                fields.get(f"criterion-points-{item.id}.{n}", ""),
            )
            for n in range(draft_review.MAX_CRITERIA)
            if f"criterion-{item.id}.{n}" in fields
        )
    return draft_review.QuestionReview(
        keep=fields.get(f"keep-{item.id}") == "1",
        prompt=fields.get(f"prompt-{item.id}", ""),
        answer_lines=fields.get(f"answers-{item.id}", ""),
        blanks={
            blank_id: fields.get(f"blank-{item.id}.{blank_id}", answers)
            for blank_id, answers in item.blanks
        },
        position=fields.get(f"position-{item.id}", ""),
        model_answer=fields.get(f"model-{item.id}") if item.type == "written_response" else None,
        criteria=criteria or None,
    )


@bp.post("/save")
@teacher_required
def save() -> BaseResponse | tuple[str, int]:
    submitted = _submitted_review()
    if not isinstance(submitted, SubmittedReview):
        return submitted
    draft_yaml, reviews = submitted
    try:
        version = draft_review.save_review(get_session(), current_account(), draft_yaml, reviews)
    except draft_review.ReviewInvalid as error:
        return _review_page(draft_yaml, status=400, reviews=reviews, problems=error.problems)
    except BankInvalid as error:
        return _review_page(draft_yaml, status=400, reviews=reviews, issues=error.issues)
    except (InvalidInput, Conflict, Forbidden) as error:
        flash(str(error), "error")
        return _review_page(draft_yaml, status=400, reviews=reviews)
    flash(f"Saved {version.bank.title} as a new bank.", "success")
    return redirect(url_for("teacher.bank", bank_id=version.bank_id))


@bp.post("/preview")
@teacher_required
def preview() -> BaseResponse | tuple[str, int]:
    """The quiz the review would save, as a student sees it; nothing is saved."""
    submitted = _submitted_review()
    if not isinstance(submitted, SubmittedReview):
        return submitted
    draft_yaml, reviews = submitted
    try:
        view = preview_service.preview_draft(
            draft_review.reviewed_bank(draft_yaml, reviews),
            secret=str(current_app.config["SECRET_KEY"]),
        )
    except draft_review.ReviewInvalid as error:
        return _review_page(draft_yaml, status=400, reviews=reviews, problems=error.problems)
    except InvalidInput as error:
        flash(str(error), "error")
        return _review_page(draft_yaml, status=400, reviews=reviews)
    return render_template("teacher/preview.html", preview=view), 200


@bp.post("/add")
@teacher_required
def add() -> BaseResponse | tuple[str, int]:
    """Add a question for words of the article to the draft; every edit so far is kept."""
    submitted = _submitted_review()
    if not isinstance(submitted, SubmittedReview):
        return submitted
    draft_yaml, reviews = submitted
    ask_form = AskForm()
    if not ask_form.validate():
        return _review_page(draft_yaml, status=400, reviews=reviews, ask_form=ask_form)
    try:
        added = draft_review.add_question(
            draft_yaml,
            prompt=ask_form.new_prompt.data or "",
            answer=ask_form.new_answer.data or "",
            answer_start=ask_form.answer_start.data,
        )
    except (InvalidInput, BankInvalid) as error:
        ask_form.new_answer.errors = [*ask_form.new_answer.errors, str(error)]
        return _review_page(draft_yaml, status=400, reviews=reviews, ask_form=ask_form)
    flash("Question added at the end of the draft; it is saved with the others.", "success")
    return _review_page(added, reviews=reviews)


@bp.post("/ask")
@teacher_required
def ask() -> tuple[BaseResponse, int]:
    payload = request.get_json(silent=True)
    if not isinstance(payload, dict):
        return jsonify(error="Send JSON with context, answer and answer_start."), 400
    context = payload.get("context")
    answer = payload.get("answer")
    start = payload.get("answer_start")
    if not isinstance(context, str) or not isinstance(answer, str) or not isinstance(start, int):
        return jsonify(error="context and answer must be text, answer_start a number."), 400
    if len(context) > MAX_ARTICLE_CHARS or len(answer) > MAX_SELECTION_CHARS:
        return jsonify(error="Select a shorter piece of text."), 400
    try:
        question = generation.propose_question(context, answer, start)
    except InvalidInput as error:
        return jsonify(error=str(error)), 400
    return jsonify(question=question), 200
