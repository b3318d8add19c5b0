"""The teacher's draft pages with a real drafting runner: draft from pasted text or a file, follow
the job to its review page, review, save; the ask endpoint."""

from __future__ import annotations

import html
import io
import re
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import sqlalchemy.orm as so
from flask import Flask
from flask.testing import FlaskClient

from quizapp.config import Config
from quizapp.db import models
from quizapp.services import banks
from tests.conftest import drafting_runner

BANK = Path(__file__).resolve().parents[2] / "question_banks" / "turkey-egypt-talks-2021.yaml"
SAMPLE = (
    Path(__file__).resolve().parent.parent / "data" / "articles" / "turkey-egypt-talks-2021.txt"
)


@pytest.fixture(scope="module", autouse=True)
def runner(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """One runner for the module's drafts, as ``quizapp serve`` starts beside the web app."""
    config = Config(instance_path=tmp_path_factory.mktemp("runner"), database_url=database_url)
    with drafting_runner(config):
        yield


def _draft(client: FlaskClient, **data: object) -> str:
    """Post the article, follow its job as the page's script does, return the review page."""
    form = {"max_questions": "8", **data}
    response = client.post("/teacher/drafts/new", data=form, content_type="multipart/form-data")
    assert response.status_code == 303, response.get_data(as_text=True)
    job_url = response.headers["Location"]
    assert re.fullmatch(r"/teacher/drafts/jobs/\d+", job_url)
    seen = set()
    deadline = time.monotonic() + 300  # a wait for the runner, not a measurement
    while time.monotonic() < deadline:
        status = client.get(f"{job_url}.json").get_json()
        seen.add(status["state"])
        if status["finished"]:
            break
        time.sleep(0.2)
    assert status["state"] == "done", status
    assert seen <= {"queued", "running", "done"}
    page = client.get(job_url)
    assert page.status_code == 200
    return page.get_data(as_text=True)


def test_students_and_strangers_are_kept_out(
    app: Flask,
    client: FlaskClient,
    make_user: Callable[..., models.User],
    login: Callable[[str], None],
) -> None:
    response = client.get("/teacher/drafts/new")
    assert response.status_code in (302, 401)
    make_user("sam")
    login("sam")
    assert client.get("/teacher/drafts/new").status_code == 403
    assert client.post("/teacher/drafts/ask", json={}).status_code == 403


def test_new_draft_page(teacher: models.User, client: FlaskClient) -> None:
    page = client.get("/teacher/drafts/new").get_data(as_text=True)
    assert 'name="article_text"' in page and 'name="article_file"' in page
    assert 'name="seed"' not in page  # the generator's seed is not a teacher's concern


def test_paste_review_and_save(teacher: models.User, client: FlaskClient) -> None:
    page = _draft(client, article_text=SAMPLE.read_text(encoding="utf-8"))
    ids = re.findall(r'name="keep-([a-z0-9-]+)"', page)
    assert 3 <= len(ids) <= 8
    assert "Who will lead the diplomatic consultations?" in page
    draft_yaml = re.search(r'name="draft_yaml" type="hidden" value="([^"]*)"', page)
    assert draft_yaml is not None
    form = {"draft_yaml": html.unescape(draft_yaml.group(1))}
    for question_id in ids[1:]:
        form[f"keep-{question_id}"] = "1"
        form[f"prompt-{question_id}"] = ""
        form[f"answers-{question_id}"] = ""
    response = client.post("/teacher/drafts/save", data=form)
    assert response.status_code == 302
    bank_page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Turkey, Egypt kick off" in bank_page


def test_upload_a_docx(teacher: models.User, client: FlaskClient) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("Troops in Libya")
    for paragraph in SAMPLE.read_text(encoding="utf-8").split("\n\n")[1:]:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    page = _draft(client, article_file=(io.BytesIO(buffer.getvalue()), "article.docx"))
    assert "Review the draft: Troops in Libya" in page


def test_unreadable_upload_is_explained(teacher: models.User, client: FlaskClient) -> None:
    response = client.post(
        "/teacher/drafts/new",
        data={
            "max_questions": "8",
            "article_file": (io.BytesIO(b"not a pdf"), "article.pdf"),
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 400
    assert "not a readable PDF" in response.get_data(as_text=True)
    response = client.post("/teacher/drafts/new", data={"max_questions": "8"})
    assert response.status_code == 400
    assert "Paste an article" in response.get_data(as_text=True)


def test_ask_endpoint(teacher: models.User, client: FlaskClient) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    start = text.index("early January 2020")
    response = client.post(
        "/teacher/drafts/ask",
        json={"context": text, "answer": "early January 2020", "answer_start": start},
    )
    assert response.status_code == 200
    assert response.get_json() == {"question": "When did Turkey deploy military troops to Libya?"}
    bad = client.post("/teacher/drafts/ask", json={"context": text, "answer": "x"})
    assert bad.status_code == 400 and "answer_start" in bad.get_json()["error"]
    missing = client.post(
        "/teacher/drafts/ask", json={"context": text, "answer": "Buenos Aires", "answer_start": 0}
    )
    assert missing.status_code == 400 and "not in the text" in missing.get_json()["error"]


def test_an_article_too_long_to_draft_is_refused_with_a_reason(
    teacher: models.User, client: FlaskClient
) -> None:
    # 400,000 characters: measured at 30 s and 1.5 GB before the cap.
    text = "Long article\n\n" + ("The talks went on. " * 21_000)
    response = client.post(
        "/teacher/drafts/new",
        data={"max_questions": "8", "article_file": (io.BytesIO(text.encode()), "long.txt")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 400
    assert "a draft takes at most 100,000" in response.get_data(as_text=True)


@pytest.mark.parametrize(
    "draft_yaml",
    [
        "questions: 5\n",
        "questions: [1, 2]\n",
        "title: T\narticle: A short text.\nquestions:\n"
        "  - id: q1\n    type: multiple_choice\n    prompt: Which?\n",
        "questions:\n  - id: q1\n    type: multiple_choice\n    choices: 7\n",
        "- just a list\n",
    ],
)
def test_a_crafted_draft_is_a_clear_400_not_a_crash(
    teacher: models.User, client: FlaskClient, draft_yaml: str
) -> None:
    response = client.post(
        "/teacher/drafts/save", data={"draft_yaml": draft_yaml, "keep-q1": "1", "answers-q1": "x"}
    )
    assert response.status_code == 400
    assert "Something went wrong" not in response.get_data(as_text=True)


TEXT_INPUT = r'<input type="text" id="[^"]+" name="([^"]+)" value="([^"]*)"'
TEXTAREA = r'<textarea id="[^"]+" name="([^"]+)"[^>]*>([^<]*)</textarea>'


def _review_form(draft_yaml: str, html_page: str) -> dict[str, str]:
    """Every field of a review page as a browser would send it untouched."""
    form = {"draft_yaml": draft_yaml}
    for name, value in re.findall(
        r'<input type="text" id="[^"]+" name="([^"]+)" value="([^"]*)"', html_page
    ):
        form[name] = html.unescape(value)
    for name, value in re.findall(
        r'<textarea id="[^"]+" name="([^"]+)"[^>]*>([^<]*)</textarea>', html_page
    ):
        form[name] = html.unescape(value).removeprefix("\n")
    for name in re.findall(r'name="(keep-[^"]+)" value="1" checked', html_page):
        form[name] = "1"
    return form


def test_a_failed_save_keeps_every_edit_and_names_the_question(
    teacher: models.User, client: FlaskClient, session: so.Session
) -> None:
    draft_yaml = BANK.read_text(encoding="utf-8").replace(
        "id: turkey-egypt-talks-2021", "id: my-draft", 1
    )
    page = client.post("/teacher/drafts/save", data={"draft_yaml": draft_yaml})
    # A draft with nothing kept is refused but shown in full, every box unticked as sent.
    assert page.status_code == 400
    first = page.get_data(as_text=True)
    assert "Keep at least one question" in first
    form = _review_form(draft_yaml, first)
    ids = re.findall(r'name="keep-([a-z0-9-]+)"', first)
    form.update({f"keep-{question_id}": "1" for question_id in ids})
    assert form["blank-libya-background.eastern-city"] == "Tobruk"  # cloze answers editable
    form.update(
        {
            "prompt-main-idea": "What is this report mainly about?",
            "answers-host-city": "Cairo",  # one choice left: the save must fail
            "blank-libya-background.eastern-city": "Tobruk\nTubruq",
        }
    )
    form.pop("keep-troop-deployment")  # unticked

    failed = client.post("/teacher/drafts/save", data=form)
    assert failed.status_code == 400
    body = failed.get_data(as_text=True)
    assert (
        "Question 2 (“Which city hosted the consultations?”), choices: needs at least 2 "
        "choices, found 1." in body
    )
    assert 'href="#answers-host-city"' in body and "2 items" not in body
    again = _review_form(draft_yaml, body)
    assert again["prompt-main-idea"] == "What is this report mainly about?"
    assert again["answers-host-city"] == "Cairo"
    assert again["blank-libya-background.eastern-city"] == "Tobruk\nTubruq"
    assert "keep-troop-deployment" not in again and "keep-main-idea" in again

    again["answers-host-city"] = "Cairo\nAnkara\nTobruk"
    saved = client.post("/teacher/drafts/save", data=again)
    assert saved.status_code == 302
    bank_page = client.get(saved.headers["Location"]).get_data(as_text=True)
    assert "What is this report mainly about?" in bank_page
    session.rollback()  # see what the request wrote
    saved_bank = banks.load_version_bank(banks.find_version(session, "my-draft"))
    assert "troop-deployment" not in [q.id for q in saved_bank.questions]
    cloze = saved_bank.question("libya-background")
    assert cloze.grade({**cloze.correct_response(), "eastern-city": "Tubruq"}).fraction == 1
