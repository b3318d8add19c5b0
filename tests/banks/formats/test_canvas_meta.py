"""The Canvas package carries ``assessment_meta.xml`` the way Canvas's importer looks for it.

Canvas's quiz importer takes the settings file from a ``learning-application-resource`` whose
file is ``<assessment ident>/assessment_meta.xml``, matched to the assessment by that folder;
these tests follow the manifest the way that importer does, then read the settings back.
"""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal
from pathlib import Path

from lxml import etree

from quizapp.banks.formats import canvas_meta
from quizapp.banks.formats.exporting import export_bank_file, export_bank_text
from quizapp.banks.formats.importing import import_file_bytes
from quizapp.banks.loading import load_yaml_text
from quizapp.banks.validation import check_file

SAMPLE = Path(__file__).parents[3] / "question_banks" / "turkey-egypt-talks-2021.yaml"
CP = "{http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1}"
META = "{" + canvas_meta.NS + "}"
SETTINGS = """\
quiz:
  shuffle_questions: false
  shuffle_choices: false
  attempts: 3
  grading: last
  feedback: after_close
  time_limit_minutes: 20
"""


def files_of(package: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(package)) as opened:
        return {name: opened.read(name) for name in opened.namelist()}


def meta_path_as_canvas_finds_it(files: dict[str, bytes]) -> str:
    """The settings file Canvas would read: the assessment's dependency, in its ident's folder."""
    manifest = etree.fromstring(files["imsmanifest.xml"])
    resources = {r.get("identifier"): r for r in manifest.iter(f"{CP}resource")}
    [assessment] = [r for r in resources.values() if r.get("type") == "imsqti_xmlv1p2"]
    [dependency] = assessment.iter(f"{CP}dependency")
    meta = resources[dependency.get("identifierref")]
    assert (meta.get("type") or "").endswith("learning-application-resource")
    [meta_file] = meta.iter(f"{CP}file")
    href = meta_file.get("href") or ""
    qti = etree.fromstring(files[assessment.find(f"{CP}file").get("href")])
    ident = qti.find("{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}assessment").get("ident")
    assert href == f"{ident}/assessment_meta.xml"
    return href


def test_the_package_carries_the_quiz_settings_where_canvas_reads_them() -> None:
    exported = export_bank_file(SAMPLE, "qti12")
    files = files_of(exported.content)
    meta = etree.fromstring(files[meta_path_as_canvas_finds_it(files)])
    assert meta.tag == f"{META}quiz"
    spec = check_file(SAMPLE).spec
    assert spec is not None
    total = sum((q.points for q in spec.questions), Decimal(0))
    assert Decimal(meta.findtext(f"{META}points_possible") or "") == total
    assert meta.findtext(f"{META}quiz_type") == "assignment"
    assert meta.findtext(f"{META}title") == spec.title
    assignment = meta.find(f"{META}assignment")
    assert assignment is not None
    assert assignment.findtext(f"{META}quiz_identifierref") == spec.id
    assert assignment.findtext(f"{META}submission_types") == "online_quiz"
    # The sample's own settings: two attempts, the highest counts, immediate feedback.
    assert meta.findtext(f"{META}allowed_attempts") == str(spec.quiz.attempts) == "2"
    assert meta.findtext(f"{META}scoring_policy") == "keep_highest"
    assert meta.findtext(f"{META}shuffle_answers") == "true"
    assert any(
        n.where == "quiz" and "not question by question" in n.message for n in exported.notices
    )


def with_quiz(settings: str) -> str:
    """The sample bank with its ``quiz:`` block replaced by ``settings``."""
    text = SAMPLE.read_text(encoding="utf-8")
    return text[: text.index("\nquiz:")] + "\n" + settings + text[text.index("\nquestions:") :]


def test_quiz_settings_travel_to_canvas_and_back() -> None:
    exported = export_bank_text(with_quiz(SETTINGS), "qti12")
    meta = etree.fromstring(
        files_of(exported.content)["turkey-egypt-talks-2021/assessment_meta.xml"]
    )
    assert meta.findtext(f"{META}time_limit") == "20"
    assert meta.findtext(f"{META}show_correct_answers") == "false"
    assert {n.message for n in exported.notices if n.where == "quiz"} == {
        "feedback after the quiz closes: Canvas hides the right answers; set its "
        "'Show correct answers at' date to the closing time"
    }
    result = import_file_bytes(exported.content, "canvas.zip")
    assert result.issues == []
    quiz = load_yaml_text(result.yaml_text or "").data["quiz"]
    assert dict(quiz) == {
        "shuffle_choices": False,
        "grading": "last",
        "attempts": 3,
        "time_limit_minutes": 20,
        "feedback": "after_close",
    }


def test_unlimited_attempts_and_a_first_attempt_policy_as_canvas_has_them() -> None:
    exported = export_bank_text(with_quiz("quiz: {grading: first}\n"), "qti12")
    meta = etree.fromstring(
        files_of(exported.content)["turkey-egypt-talks-2021/assessment_meta.xml"]
    )
    assert meta.findtext(f"{META}allowed_attempts") == "-1"
    assert meta.findtext(f"{META}scoring_policy") == "keep_highest"
    assert any("no 'first' attempt grading" in n.message for n in exported.notices)


def test_an_unreadable_settings_file_loses_only_the_settings() -> None:
    files = files_of(export_bank_file(SAMPLE, "qti12").content)
    path = meta_path_as_canvas_finds_it(files)
    files[path] = b"<quiz><broken"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for name, content in files.items():
            package.writestr(name, content)
    result = import_file_bytes(buffer.getvalue(), "canvas.zip")
    assert result.issues == []
    assert any(n.message.startswith("assessment_meta.xml is left out") for n in result.notices)
    assert "quiz" not in load_yaml_text(result.yaml_text or "").data
