"""The draft review page as a workbench, through the test client: the article with each
question's source sentence marked, the student's view of each question, positions, a written
response's model answer and rubric, adding a question for selected words, the quiz previewed
as a student, and who may do any of it. The draft is the sample bank, finished as a drafting
job of the teacher's (the drafting itself is tested in ``test_drafts.py``)."""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest
import sqlalchemy.orm as so
from flask import Flask
from flask.testing import FlaskClient

from quizapp.banks import load_bank_text
from quizapp.db import models
from quizapp.generator.reading import ArticleText
from quizapp.services import banks, drafting
from quizapp.services.generation import DraftOptions
from quizapp.web.article_html import article_cache
from tests.conftest import AppFactory

BANK = Path(__file__).resolve().parents[2] / "question_banks" / "turkey-egypt-talks-2021.yaml"
DRAFT = BANK.read_text(encoding="utf-8").replace("id: turkey-egypt-talks-2021", "id: my-draft", 1)


class ReviewForm(HTMLParser):
    """The review form's fields as a browser sends them untouched (the ask fields outside the
    form belong to it by their ``form`` attribute), and the page's marks and links."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.fields: dict[str, str] = {}
        self.marks: dict[str, str] = {}  # mark id -> its question ids
        self.links: list[str] = []
        self.in_form = False
        self.textarea: str | None = None
        self.feed(page)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {name: value or "" for name, value in attrs}
        if tag == "form" and a.get("id") == "review-form":
            self.in_form = True
        mine = self.in_form or a.get("form") == "review-form"
        if tag == "mark":
            self.marks[a["id"]] = a.get("data-questions", "")
        if tag == "a" and "data-show-source" in a:
            self.links.append(a["href"])
        if not mine or "name" not in a:
            return
        if tag == "input" and a.get("type") == "checkbox":
            if "checked" in a:
                self.fields[a["name"]] = a["value"]
        elif tag == "input":
            self.fields[a["name"]] = a.get("value", "")
        elif tag == "textarea":
            self.textarea = a["name"]
            self.fields[a["name"]] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.in_form = False
        if tag == "textarea":
            self.textarea = None

    def handle_data(self, data: str) -> None:
        if self.textarea is not None:
            self.fields[self.textarea] += data


def _fields(page: str) -> dict[str, str]:
    form = ReviewForm(page).fields
    return {name: value.removeprefix("\n") for name, value in form.items()}


def _ids(page: str) -> list[str]:
    return re.findall(r'data-question="([a-z0-9-]+)"', page)


def _finished_job(session: so.Session, owner: models.User) -> int:
    """A drafting job of ``owner``'s, done, whose draft is the sample bank."""
    now = dt.datetime.now(dt.UTC)
    article = ArticleText(title="Talks", text="Turkey and Egypt held talks.", name="pasted text")
    job = drafting.submit(session, owner, article, DraftOptions(max_questions=8))
    claimed = drafting.claim(session, "runner", 1, now)
    assert claimed is not None and claimed.id == job.id
    assert drafting.finish(session, job.id, "runner", now, result_yaml=DRAFT)
    return job.id


@pytest.fixture
def review(teacher: models.User, client: FlaskClient, session: so.Session) -> str:
    """The review page of the teacher's finished draft."""
    page = client.get(f"/teacher/drafts/jobs/{_finished_job(session, teacher)}")
    assert page.status_code == 200
    return page.get_data(as_text=True)


def test_the_article_marks_each_questions_source_sentence(review: str) -> None:
    parsed = ReviewForm(review)
    # every "show in the article" link leads to a mark that names its question
    assert len(parsed.links) >= 15
    for href in parsed.links:
        assert href.removeprefix("#") in parsed.marks
    host = re.search(r'data-question="host-city" [^>]*data-sentences="(s\d+)"', review)
    assert host is not None
    assert "host-city" in parsed.marks[f"source-{host[1]}"].split()
    mark = re.search(rf'<mark class="source" id="source-{host[1]}"[^>]*>([^<]*)</mark>', review)
    assert mark is not None and "arriving in the Egyptian capital, Cairo" in mark[1]
    # the article's text is the bank's, so a selection's offset is the bank's offset
    article = re.search(r"data-ask-article[^>]*>(.*?)</div>", review, re.S)
    assert article is not None
    text = html.unescape(re.sub(r"<[^>]+>", "", article[1]))
    assert text == load_bank_text(DRAFT).article


def test_article_text_is_escaped_in_the_marks(teacher: models.User, client: FlaskClient) -> None:
    crafted = DRAFT.replace(
        "arriving in the Egyptian capital, Cairo, for talks",
        "arriving in the Egyptian capital, <b>Cairo</b>, for talks",
    )
    # Nothing kept: the save is refused and the page shown again, with the article as sent.
    page = client.post("/teacher/drafts/save", data={"draft_yaml": crafted})
    assert page.status_code == 400
    body = page.get_data(as_text=True)
    assert "<b>Cairo</b>" not in body
    assert "capital, &lt;b&gt;Cairo&lt;/b&gt;, for talks.</mark>" in body


def test_each_question_is_previewed_as_the_student_sees_it(review: str) -> None:
    host = review[review.index('id="question-host-city"') :]
    preview = host[host.index('class="question-preview"') : host.index('class="source-link"')]
    assert "Which city hosted the consultations?" in preview
    assert re.search(r'<li class="is-right">.*Cairo <strong class="right-note">', preview)
    assert "<input" not in preview and "<textarea" not in preview  # nothing is sent from it
    cloze = review[review.index('id="question-libya-background"') :]
    assert (
        '<span class="preview-blank"><span class="visually-hidden">blank, accepts </span>Tobruk'
        in (cloze)
    )


def test_positions_reorder_the_saved_bank(
    review: str, client: FlaskClient, session: so.Session
) -> None:
    ids = _ids(review)
    form = _fields(review)
    assert form[f"position-{ids[0]}"] == "1" and form[f"position-{ids[3]}"] == "4"
    form[f"position-{ids[3]}"] = "1"  # one number changed, as without the script
    saved = client.post("/teacher/drafts/save", data=form)
    assert saved.status_code == 302
    session.rollback()
    bank = banks.load_version_bank(banks.find_version(session, "my-draft"))
    assert [q.id for q in bank.questions] == [ids[3], *ids[:3], *ids[4:]]


def test_a_position_that_is_no_place_keeps_every_edit(review: str, client: FlaskClient) -> None:
    ids = _ids(review)
    form = _fields(review)
    form[f"position-{ids[1]}"] = "0"
    form[f"prompt-{ids[2]}"] = "An edited question?"
    form.pop(f"keep-{ids[4]}")
    failed = client.post("/teacher/drafts/save", data=form)
    assert failed.status_code == 400
    body = failed.get_data(as_text=True)
    assert (
        f"Question 2 (“Which city hosted the consultations?”), position: give a whole number "
        f"from 1 to {len(ids)}, not “0”." in html.unescape(body)
    )
    assert f'href="#position-{ids[1]}"' in body
    again = _fields(body)
    assert again[f"position-{ids[1]}"] == "0"
    assert again[f"prompt-{ids[2]}"] == "An edited question?"
    assert f"keep-{ids[4]}" not in again and f"keep-{ids[3]}" in again


def test_a_written_response_is_edited_and_a_broken_rubric_keeps_everything(
    review: str, client: FlaskClient, session: so.Session
) -> None:
    form = _fields(review)
    wid = "why-egypt-hesitates"
    assert form[f"model-{wid}"].startswith("Egypt mistrusts Turkey")
    assert form[f"criterion-{wid}.0"].startswith("Gives the reason")
    assert form[f"criterion-points-{wid}.0"] == "2"
    assert form[f"criterion-{wid}.3"] == ""  # the spare row
    form[f"model-{wid}"] = "Egypt distrusts Turkey, so it waits for deeds."
    form[f"criterion-points-{wid}.1"] = "lots"
    form[f"criterion-{wid}.2"] = ""  # removed
    form[f"criterion-{wid}.3"] = "Quotes the Foreign Minister."
    form[f"criterion-points-{wid}.3"] = "1"
    failed = client.post("/teacher/drafts/save", data=form)
    assert failed.status_code == 400
    body = html.unescape(failed.get_data(as_text=True))
    number = _ids(review).index(wid) + 1
    assert f"Question {number} (“Explain in your own words" in body
    assert "rubric: give criterion 2 points above 0, not “lots”." in body
    assert f'href="#rubric-{wid}"' in body
    again = _fields(failed.get_data(as_text=True))
    assert again[f"model-{wid}"] == "Egypt distrusts Turkey, so it waits for deeds."
    assert again[f"criterion-points-{wid}.1"] == "lots"
    assert again[f"criterion-{wid}.2"] == ""
    assert again[f"criterion-{wid}.3"] == "Quotes the Foreign Minister."

    again[f"criterion-points-{wid}.1"] = "2.5"
    saved = client.post("/teacher/drafts/save", data=again)
    assert saved.status_code == 302, saved.get_data(as_text=True)
    session.rollback()
    question = banks.load_version_bank(banks.find_version(session, "my-draft")).question(wid)
    assert question.correct_response() == {
        "answer": "Egypt distrusts Turkey, so it waits for deeds."
    }
    assert [(c.id, str(c.points)) for c in question.marking_criteria()] == [
        ("reason", "2"),
        ("details", "5/2"),
        ("quotes-the-foreign-minister", "1"),
    ]


def test_a_question_for_selected_words_is_added_with_every_edit_kept(
    review: str, client: FlaskClient, session: so.Session
) -> None:
    ids = _ids(review)
    form = _fields(review)
    form[f"prompt-{ids[0]}"] = "Edited before adding?"
    article = load_bank_text(DRAFT).article
    form.update(
        new_prompt="Who led the Turkish side?",
        new_answer="Sedat Onal",
        answer_start=str(article.index("Sedat Onal")),
    )
    added = client.post("/teacher/drafts/add", data=form)
    assert added.status_code == 200
    body = added.get_data(as_text=True)
    new_ids = _ids(body)
    assert new_ids[:-1] == ids and new_ids[-1].startswith("who-led-the-turkish")
    again = _fields(body)
    assert again[f"prompt-{ids[0]}"] == "Edited before adding?"
    assert again[f"prompt-{new_ids[-1]}"] == "Who led the Turkish side?"
    assert again["new_prompt"] == "" and f"keep-{new_ids[-1]}" in again
    # words that are not in the article are refused beside the field, nothing lost
    again.update(new_prompt="Who?", new_answer="Nobody at all")
    refused = client.post("/teacher/drafts/add", data=again)
    assert refused.status_code == 400
    text = html.unescape(refused.get_data(as_text=True))
    assert "'Nobody at all' is not in the article" in text
    assert _fields(refused.get_data(as_text=True))[f"prompt-{ids[0]}"] == "Edited before adding?"

    saved = client.post("/teacher/drafts/save", data=again | {"new_prompt": ""})
    assert saved.status_code == 302
    session.rollback()
    bank = banks.load_version_bank(banks.find_version(session, "my-draft"))
    assert bank.questions[-1].prompt == "Who led the Turkish side?"


def test_the_reviewed_quiz_is_previewed_as_a_student_with_nothing_saved(
    review: str, client: FlaskClient, session: so.Session
) -> None:
    ids = _ids(review)
    form = _fields(review)
    form[f"prompt-{ids[0]}"] = "What is this report mainly about, edited?"
    form.pop(f"keep-{ids[1]}")
    shown = client.post("/teacher/drafts/preview", data=form)
    assert shown.status_code == 200
    body = shown.get_data(as_text=True)
    assert "Preview — nothing is saved." in body
    assert "What is this report mainly about, edited?" in body
    assert f'data-question-id="{ids[1]}"' not in body
    assert f'data-question-id="{ids[2]}"' in body
    assert "(the right answer)" not in body  # the student's view: no key
    # The draft's article is shown, but not kept: it is no stored version, and the next edit
    # could change it.
    assert body.count('class="sentence"') > 5
    assert len(article_cache(client.application)) == 0
    session.rollback()
    with pytest.raises(Exception, match="my-draft"):
        banks.find_version(session, "my-draft")
    # a broken edit shows the review page with its problem, not a preview
    form[f"answers-{ids[2]}"] = ""
    form[f"position-{ids[2]}"] = "x"
    broken = client.post("/teacher/drafts/preview", data=form)
    assert broken.status_code == 400 and "position: give a whole number" in html.unescape(
        broken.get_data(as_text=True)
    )


def test_only_the_owner_teacher_reviews_and_every_post_needs_a_teacher(
    app: Flask,
    client: FlaskClient,
    session: so.Session,
    make_user: Callable[..., models.User],
    login: Callable[[str], None],
) -> None:
    owner = make_user("ms-lee", role=models.TEACHER)
    job_id = _finished_job(session, owner)
    make_user("mr-kay", role=models.TEACHER)
    login("mr-kay")
    assert client.get(f"/teacher/drafts/jobs/{job_id}").status_code == 404
    client.post("/logout")
    make_user("sam")
    login("sam")
    assert client.get(f"/teacher/drafts/jobs/{job_id}").status_code == 403
    for route in ("save", "preview", "add"):
        assert (
            client.post(f"/teacher/drafts/{route}", data={"draft_yaml": DRAFT}).status_code == 403
        )
    client.post("/logout")
    for route in ("save", "preview", "add"):
        response = client.post(f"/teacher/drafts/{route}", data={"draft_yaml": DRAFT})
        assert response.status_code in (302, 401)
        assert "/login" in response.headers.get("Location", "/login")


def test_review_posts_need_the_csrf_token(
    make_app: AppFactory, make_user: Callable[..., models.User], session: so.Session
) -> None:
    app = make_app(overrides={"TESTING": True})
    client = app.test_client()
    teacher = make_user("ms-lee", role=models.TEACHER)
    login_page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', login_page)
    assert token is not None
    client.post(
        "/login",
        data={"username": "ms-lee", "password": "correct horse battery", "csrf_token": token[1]},
    )
    page = client.get(f"/teacher/drafts/jobs/{_finished_job(session, teacher)}")
    form = _fields(page.get_data(as_text=True))
    assert form["csrf_token"]
    for route in ("save", "preview", "add"):
        refused = client.post(f"/teacher/drafts/{route}", data={**form, "csrf_token": ""})
        assert refused.status_code == 400
    session.rollback()
    with pytest.raises(Exception, match="my-draft"):
        banks.find_version(session, "my-draft")
    assert client.post("/teacher/drafts/save", data=form).status_code == 302
