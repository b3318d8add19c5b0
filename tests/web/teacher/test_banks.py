"""The teacher's bank pages through the test client: list, versions, editor, upload, spans."""

from __future__ import annotations

import dataclasses
import io
import re
from collections.abc import Callable

import sqlalchemy as sa
import sqlalchemy.orm as so
from flask import Flask
from flask.testing import FlaskClient

from quizapp.config import Config
from quizapp.db import models
from quizapp.services import banks
from tests.web.teacher.conftest import (
    MINI_BANK,
    SAMPLE,
    Login,
    World,
    fresh,
    page,
)

# --- banks -----------------------------------------------------------------------------------


def test_bank_list_and_view(client: FlaskClient, world: World, login: Login) -> None:
    login("ms-lee")
    html = page(client, "/teacher/banks")
    assert "Mini quiz" in html and world.shared.title in html and "shared" in html
    view = page(client, f"/teacher/banks/{world.shared.id}")
    assert "Turkey and Egypt have kicked off" in view
    assert "Which city hosted the consultations?" in view
    assert "Edit the YAML" not in view  # shared banks are edited in their files
    assert client.get(f"/teacher/banks/{world.shared.id}/edit").status_code == 403
    own = page(client, f"/teacher/banks/{world.mini.id}")
    assert "Edit the YAML" in own


def test_download_a_version(client: FlaskClient, world: World, login: Login) -> None:
    login("ms-lee")
    response = client.get(f"/teacher/banks/{world.mini.id}/versions/1.yaml")
    assert response.mimetype == "text/yaml"
    assert response.headers["Content-Disposition"] == 'attachment; filename="mini-v1.yaml"'
    assert response.get_data(as_text=True) == MINI_BANK
    assert client.get(f"/teacher/banks/{world.mini.id}/versions/9.yaml").status_code == 404


def test_the_editor_shows_every_problem_by_line_and_saves_nothing(
    client: FlaskClient, world: World, login: Login, session: so.Session
) -> None:
    login("ms-lee")
    url = f"/teacher/banks/{world.mini.id}/edit"
    assert "Turkish diplomats arrived" in page(client, url)
    broken = MINI_BANK.replace("answers: [Sedat Onal]", "answer: [Sedat Onal]").replace(
        "prompt: Which city", "promt: Which city"
    )
    response = client.post(url, data={"yaml_text": broken})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "problem(s) — nothing was saved" in html
    # Each problem links into the text box at its line and column, and carries its message for
    # the code editor's marker; no second copy of the text.
    links = re.findall(
        r'<a href="#yaml_text" data-yaml-line="(\d+)" data-yaml-column="(\d+)" '
        r'data-yaml-message="([^"]*)">[^<]*</a>: ([^<]*)',
        html,
    )
    assert links and all(marker == message for *_, marker, message in links)
    found = {(int(line), int(column)): message for line, column, _, message in links}
    assert "unknown key &#39;promt&#39;" in found[(10, 5)]
    assert "did you mean &#39;answers&#39;" in found[(15, 5)]
    assert "yaml-listing" not in html and html.count("promt: Which city") == 1
    # The plain box posts the text; the code editor is laid over it by the vendored bundle.
    assert re.search(r'<textarea[^>]*data-code-editor="yaml"[^>]*wrap="off"', html) or re.search(
        r'<textarea[^>]*wrap="off"[^>]*data-code-editor="yaml"', html
    )
    assert 'src="/static/vendor/codemirror/bank-editor.min.js"' in html
    bundle = client.get("/static/vendor/codemirror/bank-editor.min.js")
    assert bundle.status_code == 200
    bundle.close()
    # The text typed is kept in the editor, and no version was made.
    assert "promt: Which city" in html.split("<textarea", 1)[1]
    versions = (
        fresh(session)
        .scalars(sa.select(models.BankVersion).where(models.BankVersion.bank_id == world.mini.id))
        .all()
    )
    assert [v.number for v in versions] == [1]


def test_a_yaml_syntax_error_is_told_in_plain_words_at_its_line(
    client: FlaskClient, world: World, login: Login
) -> None:
    login("ms-lee")
    # The second question's keys slid left onto the list's own indentation.
    broken = MINI_BANK.replace("    prompt: Who led the talks?", "  prompt: Who led the talks?")
    response = client.post(f"/teacher/banks/{world.mini.id}/edit", data={"yaml_text": broken})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert (
        "Line 14, column 3</a>: a key where a list item &#39;-&#39; was expected: line 12 above"
        in html
    )
    assert "&lt;block" not in html and "YAML syntax error" not in html


def test_a_valid_edit_makes_a_new_version(
    client: FlaskClient, world: World, login: Login, session: so.Session
) -> None:
    login("ms-lee")
    url = f"/teacher/banks/{world.mini.id}/edit"
    edited = MINI_BANK.replace("Who led the talks?", "Who led the Turkish side?")
    response = client.post(url, data={"yaml_text": edited})
    assert response.status_code == 302
    assert "Saved as version 2" in page(client, response.headers["Location"])
    assert "Who led the Turkish side?" in page(client, f"/teacher/banks/{world.mini.id}")
    # The assignment keeps the version it pinned.
    fresh(session).refresh(world.assignment)
    assert world.assignment.bank_version.number == 1
    again = client.post(url, data={"yaml_text": edited})
    assert "Nothing changed" in page(client, again.headers["Location"])
    renamed = client.post(url, data={"yaml_text": edited.replace("id: mini", "id: other")})
    assert renamed.status_code == 400
    assert "the id must stay" in renamed.get_data(as_text=True)


def test_upload_a_bank(
    client: FlaskClient, world: World, login: Login, session: so.Session
) -> None:
    login("ms-lee")

    def upload(content: str, name: str = "bank.yaml") -> tuple[int, str, str]:
        response = client.post(
            "/teacher/banks/upload",
            data={"bank_file": (io.BytesIO(content.encode()), name)},
            content_type="multipart/form-data",
        )
        return (
            response.status_code,
            response.headers.get("Location", ""),
            response.get_data(as_text=True),
        )

    status, location, _ = upload(MINI_BANK.replace("id: mini", "id: fresh"))
    assert status == 302
    assert "Saved Mini quiz, version 1" in page(client, location)
    # The same id as one of her banks: its next version.
    status, location, _ = upload(MINI_BANK.replace("Who led", "Who headed"))
    assert status == 302
    assert "version 2" in page(client, location)
    # The id of the shared bank is not hers to change.
    shared_text = SAMPLE.read_text(encoding="utf-8").replace("Which city", "What city")
    status, _, html = upload(shared_text)
    assert status == 400 and "exists already" in html
    status, _, html = upload("schema: 1\nid: [\n")
    assert status == 400 and "nothing was saved" in html and 'id="line-2"' in html
    status, _, html = upload(MINI_BANK, "bank.docx")
    assert status == 400 and "Upload a .yaml bank, or a GIFT" in html
    status, _, html = upload(MINI_BANK, "bank.txt")
    assert status == 400 and "nothing was saved" in html
    response = client.post(
        "/teacher/banks/upload",
        data={"bank_file": (io.BytesIO(MINI_BANK.encode("utf-16")), "bank.yaml")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 400
    assert "The file is not UTF-8 text." in response.get_data(as_text=True)
    slugs = set(fresh(session).scalars(sa.select(models.Bank.slug)))
    assert slugs == {"mini", "fresh", world.shared.slug}


def test_uploads_are_size_limited(
    config: Config, world: World, make_app: Callable[..., Flask]
) -> None:
    small = dataclasses.replace(config, max_upload_bytes=2000)
    app = make_app(small)
    client = app.test_client()
    client.post("/login", data={"username": "ms-lee", "password": "correct horse battery"})
    response = client.post(
        "/teacher/banks/upload",
        data={"bank_file": (io.BytesIO(b"x" * 5000), "big.yaml")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 413


# --- questions about a span of the article ---------------------------------------------------


def test_a_selected_span_becomes_a_question_in_a_new_version(
    client: FlaskClient, world: World, login: Login, session: so.Session
) -> None:
    login("ms-lee")
    bank_page = page(client, f"/teacher/banks/{world.mini.id}")
    assert "data-ask-article" in bank_page and "Propose a question" in bank_page
    response = client.post(
        f"/teacher/banks/{world.mini.id}/questions",
        data={"prompt": "Which city hosted the talks?", "answer": "Cairo"},
    )
    assert response.status_code == 302
    versions = (
        fresh(session)
        .scalars(
            sa.select(models.BankVersion)
            .where(models.BankVersion.bank_id == world.mini.id)
            .order_by(models.BankVersion.number)
        )
        .all()
    )
    assert len(versions) == 2
    added = banks.load_version_bank(versions[-1]).question("which-city-hosted-the-talks")
    assert added.type_name == "short_answer"
    assert added.grade({"answer": "cairo"}).state == "right"
    assert added.evidence is not None and "Cairo" in added.evidence
    # The teacher's text is kept: the old YAML is a prefix of the new one, line for line.
    assert versions[-1].yaml_text.startswith(versions[0].yaml_text.rstrip("\n"))


def test_a_span_question_needs_words_of_the_article(
    client: FlaskClient, world: World, login: Login, session: so.Session
) -> None:
    login("ms-lee")
    response = client.post(
        f"/teacher/banks/{world.mini.id}/questions",
        data={"prompt": "Which city hosted the talks?", "answer": "Paris"},
    )
    assert response.status_code == 200
    assert "is not in the article" in response.get_data(as_text=True)
    assert 'value="Which city hosted the talks?"' in response.get_data(as_text=True)
    count = fresh(session).scalar(
        sa.select(sa.func.count(models.BankVersion.id)).where(
            models.BankVersion.bank_id == world.mini.id
        )
    )
    assert count == 1


def test_shared_and_foreign_banks_take_no_span_questions(
    client: FlaskClient, world: World, login: Login
) -> None:
    login("ms-lee")
    data = {"prompt": "Which city hosted the talks?", "answer": "Cairo"}
    assert client.post(f"/teacher/banks/{world.shared.id}/questions", data=data).status_code == 403
    client.post("/logout")
    login("mr-kay")
    assert client.post(f"/teacher/banks/{world.mini.id}/questions", data=data).status_code == 404


def test_a_bank_with_thousands_of_problems_lists_the_first_200_then_says_how_many_more(
    client: FlaskClient, world: World, login: Login
) -> None:
    login("ms-lee")
    unknown = "".join(f"unknown_{number}: x\n" for number in range(1_000))
    response = client.post(
        f"/teacher/banks/{world.mini.id}/edit", data={"yaml_text": MINI_BANK + unknown}
    )
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert html.count("unknown key") <= 2 * 200  # the summary and the listing, 200 each
    assert "…and 800 more." in html


# --- other formats ---------------------------------------------------------------------------

GIFT_BANK = """\
$CATEGORY: $course$/top/Rain report

::article::[html]<p>Heavy rain fell for three days.</p>

::did-it-rain:: Did it rain? {TRUE#No: read again.#Yes.}
"""


def test_upload_a_gift_file_and_see_what_it_lost(
    client: FlaskClient, world: World, login: Login, session: so.Session
) -> None:
    login("ms-lee")
    response = client.post(
        "/teacher/banks/upload",
        data={"bank_file": (io.BytesIO(GIFT_BANK.encode()), "moodle.txt")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    assert "Saved Rain report, version 1" in page(client, response.headers["Location"])
    saved = fresh(session).scalars(sa.select(models.Bank).where(models.Bank.slug == "rain-report"))
    assert saved.one().owner_id == world.teacher.id


def test_an_upload_in_another_format_with_problems_saves_nothing(
    client: FlaskClient, world: World, login: Login, session: so.Session
) -> None:
    login("ms-lee")
    response = client.post(
        "/teacher/banks/upload",
        data={"bank_file": (io.BytesIO(b"<quiz><question type='essay'>"), "moodle.xml")},
        content_type="multipart/form-data",
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "nothing was saved" in html and "broken XML" in html
    assert fresh(session).scalar(sa.select(sa.func.count(models.Bank.id))) == 2


MOODLE_WITH_CALCULATED = b"""<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="category"><category><text>$course$/top/Storm report</text></category></question>
  <question type="description"><name><text>article</text></name>
    <questiontext format="html"><text>&lt;p&gt;Heavy rain fell for three days.&lt;/p&gt;</text>
    </questiontext></question>
  <question type="truefalse"><name><text>Did it rain</text></name>
    <questiontext format="html"><text>Did it rain?</text></questiontext>
    <answer fraction="100"><text>true</text></answer>
    <answer fraction="0"><text>false</text></answer>
  </question>
  <question type="calculated"><name><text>Describe the storm</text></name>
    <questiontext format="html"><text>How much is {a} / 3?</text></questiontext>
  </question>
</quiz>"""


def test_an_unsupported_type_refuses_the_upload_unless_the_skip_box_is_ticked(
    client: FlaskClient, world: World, login: Login, session: so.Session
) -> None:
    login("ms-lee")
    form = page(client, "/teacher/banks/upload")
    assert 'type="checkbox"' in form and "Skip questions of types quizapp does not support" in form

    def upload(**extra: str) -> tuple[int, str, str]:
        response = client.post(
            "/teacher/banks/upload",
            data={"bank_file": (io.BytesIO(MOODLE_WITH_CALCULATED), "storm.xml"), **extra},
            content_type="multipart/form-data",
        )
        return (
            response.status_code,
            response.headers.get("Location", ""),
            response.get_data(as_text=True),
        )

    status, _, html = upload()
    assert status == 400
    assert "nothing was saved" in html
    assert "question &#39;Describe the storm&#39; is of type &#39;calculated&#39;" in html
    assert "upload again to import the rest without them" in html
    assert fresh(session).scalar(sa.select(sa.func.count(models.Bank.id))) == 2

    status, location, _ = upload(skip_unsupported="y")
    assert status == 302
    bank_page = page(client, location)
    listed = re.search(r'<ul class="skipped-questions">(.*?)</ul>', bank_page, re.S)
    assert listed is not None
    assert "Line 12:" in listed.group(1) and "Describe the storm" in listed.group(1)
    # The list is shown once, on the bank page, not repeated among the other messages.
    assert bank_page.count("Describe the storm") == 1
    assert "Describe the storm" not in page(client, location)
    saved = fresh(session).scalars(sa.select(models.Bank).where(models.Bank.slug == "storm-report"))
    assert saved.one().owner_id == world.teacher.id


def test_a_bank_imported_without_an_article_says_so_and_still_exports(
    client: FlaskClient, world: World, login: Login
) -> None:
    login("ms-lee")
    response = client.post(
        "/teacher/banks/upload",
        data={"bank_file": (io.BytesIO(b"::did-it-rain:: Did it rain? {T}\n"), "rain.txt")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    html = page(client, response.headers["Location"])
    assert "This bank has no article" in html
    assert "data-ask-article" not in html and "span-question-heading" not in html
    bank_id = int(response.headers["Location"].rstrip("/").rsplit("/", 1)[1])
    assert "This bank has no article" in page(client, f"/teacher/banks/{bank_id}/export")
    for name in ("gift", "moodle-xml", "qti3", "qti12"):
        exported = client.get(f"/teacher/banks/{bank_id}/versions/1/export/{name}")
        assert exported.status_code == 200, name


def test_the_export_page_offers_every_format_with_its_losses(
    client: FlaskClient, world: World, login: Login
) -> None:
    login("ms-lee")
    assert "Export for Moodle, Canvas or QTI" in page(client, f"/teacher/banks/{world.mini.id}")
    html = page(client, f"/teacher/banks/{world.mini.id}/export")
    for label in ("Moodle GIFT", "Moodle XML", "QTI 3.0 package", "QTI 1.2 (Canvas)"):
        assert label in html
    assert "lenient matching" in html
    expected = {"gift": b"$CATEGORY:", "moodle-xml": b"<quiz>", "qti3": b"PK", "qti12": b"PK"}
    for name, start in expected.items():
        response = client.get(f"/teacher/banks/{world.mini.id}/versions/1/export/{name}")
        assert response.status_code == 200
        assert start in response.data[:200]
        assert "attachment;" in response.headers["Content-Disposition"]
    assert client.get(f"/teacher/banks/{world.mini.id}/versions/1/export/docx").status_code == 404


def test_another_teacher_cannot_export_a_private_bank(
    client: FlaskClient, world: World, login: Login
) -> None:
    login("mr-kay")
    response = client.get(f"/teacher/banks/{world.mini.id}/versions/1/export/gift")
    assert response.status_code in {403, 404}
    assert b"Sedat Onal" not in response.data


def test_the_spreadsheet_templates_download(
    client: FlaskClient, world: World, login: Login
) -> None:
    login("ms-lee")
    assert "Excel template" in page(client, "/teacher/banks/upload")
    csv_response = client.get("/teacher/banks/spreadsheet-template.csv")
    assert csv_response.status_code == 200 and csv_response.data.startswith(b"id,type,")
    xlsx = client.get("/teacher/banks/spreadsheet-template.xlsx")
    assert xlsx.status_code == 200 and xlsx.data[:2] == b"PK"
    assert client.get("/teacher/banks/spreadsheet-template.pdf").status_code == 404
