"""Moodle XML as Moodle's own exports shape it: parent categories, embedded files, HTML names.

The fixture is written by hand after the layout Moodle writes (``question/format/xml``); each
test names a loss that must be announced, never silent.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from quizapp.banks.formats.importing import ImportResult, import_file_bytes
from quizapp.banks.loading import load_yaml_text

FIXTURE = Path(__file__).parent / "fixtures" / "moodle_media_and_categories.xml"


def imported() -> ImportResult:
    result = import_file_bytes(FIXTURE.read_bytes(), "harbour.xml")
    assert result.issues == [], result.issues
    assert result.yaml_text is not None
    return result


def questions(result: ImportResult) -> dict[str, dict[str, Any]]:
    assert result.yaml_text is not None
    data = load_yaml_text(result.yaml_text).data
    return {question["id"]: question for question in data["questions"]}


def messages(result: ImportResult, where: str) -> list[str]:
    return [notice.message for notice in result.notices if notice.where == where]


def test_only_categories_holding_questions_count_as_merged() -> None:
    result = imported()
    assert messages(result, "file").count("2 categories are merged into one bank") == 1
    assert load_yaml_text(result.yaml_text or "").data["title"] == "Fish market"


def test_a_lone_category_under_its_parents_merges_nothing() -> None:
    raw = FIXTURE.read_bytes()
    fish_market = b"<category><text>$module$/Harbour town/Fish market"
    start = raw.rindex(b'  <question type="category">', 0, raw.index(fish_market))
    result = import_file_bytes(raw[:start] + b"</quiz>\n", "boats.xml")
    assert result.issues == []
    assert not any("merged" in message for message in messages(result, "file"))


def test_html_in_a_name_does_not_reach_the_question_id() -> None:
    assert "ferry-times-tides" in questions(imported())


def test_pictures_in_files_and_the_old_image_field_are_announced_as_left_out() -> None:
    result = imported()
    found = questions(result)
    assert found["ferry-times-tides"]["prompt"] == "The ferry leaves at dawn."
    for question_id in ("ferry-times-tides", "catch-of-the-day"):
        assert any("images" in message for message in messages(result, question_id))
    assert not any("images" in message for message in messages(result, "nets"))


def test_fractions_other_than_quizapp_scoring_are_announced() -> None:
    result = imported()
    found = questions(result)
    assert [c["correct"] for c in found["catch-of-the-day"]["choices"]] == [True, True, False]
    assert any("fractions" in message for message in messages(result, "catch-of-the-day"))
    # 50 / 50 / -50 is exactly quizapp's scoring: right choices share, a wrong one costs a share.
    assert not any("fractions" in message for message in messages(result, "nets"))
