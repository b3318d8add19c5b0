"""A teacher brings a Moodle export in through the upload page and takes the bank out again.

The upload refuses a file with a calculated question and names it; ticking the skip box imports
the rest, its essay as a written response, and the bank page lists what was left out. The
export page then downloads the bank in every format, and each download is a file its format's
reader takes back.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import expect

from quizapp.banks.formats.importing import import_file_bytes

if TYPE_CHECKING:
    from collections.abc import Callable

    from conftest import LiveServer, NewContext

pytestmark = pytest.mark.e2e

MOODLE_EXPORT = b"""<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="category"><category><text>$course$/top/Storm report</text></category></question>
  <question type="description"><name><text>article</text></name>
    <questiontext format="html"><text>&lt;p&gt;Heavy rain fell for three days. About 1200
    people left their homes.&lt;/p&gt;</text></questiontext></question>
  <question type="truefalse"><name><text>Did it rain</text></name>
    <questiontext format="html"><text>Did it rain for three days?</text></questiontext>
    <answer fraction="100"><text>true</text></answer>
    <answer fraction="0"><text>false</text></answer>
  </question>
  <question type="cloze"><name><text>How many left</text></name>
    <questiontext format="html"><text>About {1:NUMERICAL:=1200:50} people left.</text>
    </questiontext></question>
  <question type="essay"><name><text>Describe the storm</text></name>
    <questiontext format="html"><text>Describe it in your words.</text></questiontext>
    <graderinfo format="html"><text>Rain for three days; people left.</text></graderinfo>
  </question>
  <question type="calculated"><name><text>Rain per day</text></name>
    <questiontext format="html"><text>How much is {a} / 3?</text></questiontext>
  </question>
</quiz>"""


def test_a_moodle_file_comes_in_with_its_calculated_question_skipped_and_goes_out_in_every_format(
    live_server: LiveServer,
    new_context: NewContext,
    login: Callable[..., None],
    tmp_path: Path,
) -> None:
    live_server.teacher()
    page = new_context(accept_downloads=True).new_page()
    login(page, live_server, "teacher")
    page.goto(f"{live_server.url}/teacher/banks/upload")
    upload = {"name": "storm.xml", "mimeType": "application/xml", "buffer": MOODLE_EXPORT}

    page.get_by_label("Bank file").set_input_files(upload)
    page.get_by_role("button", name="Upload").click()
    expect(page.get_by_text("problem(s) — nothing was saved")).to_be_visible()
    expect(page.get_by_text("question 'Rain per day' is of type 'calculated'")).to_be_visible()

    page.get_by_label("Bank file").set_input_files(upload)
    page.get_by_label("Skip questions of types quizapp does not support").check()
    page.get_by_role("button", name="Upload").click()
    expect(page.get_by_role("heading", name="Storm report", level=1)).to_be_visible()
    left_out = page.locator(
        "section", has=page.get_by_role("heading", name="Left out of the import")
    )
    expect(left_out).to_contain_text("Rain per day")
    expect(page.get_by_text("Describe it in your words.")).to_be_visible()
    expect(page.get_by_text("About _____ people left.")).to_be_visible()

    page.get_by_role("link", name="Export for Moodle, Canvas or QTI").click()
    downloads = page.get_by_role("link", name="Download ")
    expect(downloads).to_have_count(4)
    formats = {}
    for index in range(4):
        link = downloads.nth(index)
        with page.expect_download() as started:
            link.click()
        download = started.value
        saved = tmp_path / download.suggested_filename
        download.save_as(saved)
        result = import_file_bytes(saved.read_bytes(), download.suggested_filename)
        assert result.issues == [], (download.suggested_filename, result.issues)
        formats[result.format_name] = saved
    assert set(formats) == {"gift", "moodle-xml", "qti3", "qti12"}
    with zipfile.ZipFile(io.BytesIO(formats["qti12"].read_bytes())) as canvas:
        assert "storm-report/assessment_meta.xml" in canvas.namelist()
