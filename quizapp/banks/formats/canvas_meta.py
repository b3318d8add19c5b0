"""Canvas's quiz settings file, ``assessment_meta.xml``: quizapp's quiz settings in and out.

Canvas imports a QTI 1.2 assessment as a quiz with its settings only when the package carries,
beside the assessment, ``<assessment ident>/assessment_meta.xml`` (namespace ``cccv1p0``) as a
``learning-application-resource`` the assessment's resource depends on; Canvas matches the two
by that folder name. ``write`` turns a bank's ``quiz`` settings into that file, with a notice
for each setting Canvas has no place for; ``read`` gives back the settings it carries.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from lxml import etree

from quizapp.banks import schema
from quizapp.banks.formats.base import Notice, number_text
from quizapp.banks.formats.xmlsafe import XmlRefused, local_name, parse_xml

FILE_NAME = "assessment_meta.xml"
RESOURCE_TYPE = "associatedcontent/imscc_xmlv1p1/learning-application-resource"
NS = "http://canvas.instructure.com/xsd/cccv1p0"
XSD = "https://canvas.instructure.com/xsd/cccv1p0.xsd"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
# quizapp's grading over attempts -> Canvas's scoring_policy; Canvas has no "first attempt".
SCORING = {"highest": "keep_highest", "last": "keep_latest", "average": "keep_average"}
UNLIMITED_ATTEMPTS = "-1"


def _sub(parent: etree._Element, tag: str, text: str | None = None) -> etree._Element:
    element = etree.SubElement(parent, f"{{{NS}}}{tag}")
    element.text = text
    return element


def _flag(value: bool) -> str:
    return "true" if value else "false"


def write(bank: schema.BankSpec, notices: list[Notice]) -> bytes:
    """The ``assessment_meta.xml`` of the bank's quiz; Canvas's losses go into ``notices``."""
    quiz = bank.quiz
    points = number_text(sum((q.points for q in bank.questions), Decimal(0)))
    root = etree.Element(f"{{{NS}}}quiz", nsmap={None: NS, "xsi": XSI}, identifier=bank.id)
    root.set(f"{{{XSI}}}schemaLocation", f"{NS} {XSD}")
    _sub(root, "title", bank.title)
    _sub(root, "description", "")
    _sub(root, "shuffle_answers", _flag(quiz.shuffle_choices))
    if quiz.grading not in SCORING:
        notices.append(
            Notice("quiz", f"Canvas has no '{quiz.grading}' attempt grading; it keeps the highest")
        )
    _sub(root, "scoring_policy", SCORING.get(quiz.grading, "keep_highest"))
    # Canvas reveals answers at a date of its own; without one, "after close" hides them.
    after_close = quiz.feedback == "after_close"
    _sub(root, "hide_results", "")
    _sub(root, "show_correct_answers", _flag(not after_close))
    if after_close:
        notices.append(
            Notice(
                "quiz",
                "feedback after the quiz closes: Canvas hides the right answers; set its "
                "'Show correct answers at' date to the closing time",
            )
        )
    if quiz.feedback == "immediate":
        notices.append(
            Notice(
                "quiz",
                "immediate feedback: Canvas shows results after the attempt is submitted, "
                "not question by question",
            )
        )
    _sub(root, "quiz_type", "assignment")
    _sub(root, "points_possible", points)
    unlimited = quiz.attempts == schema.UNLIMITED
    _sub(root, "allowed_attempts", UNLIMITED_ATTEMPTS if unlimited else str(quiz.attempts))
    if quiz.time_limit_minutes is not None:
        _sub(root, "time_limit", str(quiz.time_limit_minutes))
    _sub(root, "one_question_at_a_time", "false")
    _sub(root, "cant_go_back", "false")
    _sub(root, "available", "false")
    if quiz.shuffle_questions:
        notices.append(Notice("quiz", "shuffled questions: Canvas keeps the order of the file"))
    if quiz.pass_fraction != schema.QuizSpec.model_fields["pass_fraction"].default:
        shown = number_text(quiz.pass_fraction * 100)
        notices.append(Notice("quiz", f"the pass mark ({shown}%) has no place in Canvas"))
    assignment = _sub(root, "assignment")
    assignment.set("identifier", f"{bank.id}-assignment")
    _sub(assignment, "title", bank.title)
    _sub(assignment, "workflow_state", "unpublished")
    _sub(assignment, "quiz_identifierref", bank.id)
    _sub(assignment, "points_possible", points)
    _sub(assignment, "grading_type", "points")
    _sub(assignment, "submission_types", "online_quiz")
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))


def _values(root: etree._Element) -> dict[str, str]:
    """The text of each direct child of ``<quiz>`` by its local name."""
    return {
        local_name(child): (child.text or "").strip()
        for child in root
        if isinstance(child.tag, str)
    }


def read(raw: bytes, notices: list[Notice]) -> dict[str, Any]:
    """The quiz settings ``assessment_meta.xml`` carries, in the bank's ``quiz`` shape.

    A file that cannot be read loses only the settings, with a notice: the questions are in
    the assessment itself.
    """
    try:
        root = parse_xml(raw)
    except XmlRefused as refused:
        notices.append(Notice("quiz", f"{FILE_NAME} is left out: {refused.message}"))
        return {}
    values = _values(root)
    quiz: dict[str, Any] = {}
    if values.get("shuffle_answers") in {"true", "false"}:
        quiz["shuffle_choices"] = values["shuffle_answers"] == "true"
    grading = {policy: name for name, policy in SCORING.items()}.get(
        values.get("scoring_policy", "")
    )
    if grading:
        quiz["grading"] = grading
    attempts = values.get("allowed_attempts", "")
    if attempts.isdigit() and int(attempts) >= 1:
        quiz["attempts"] = int(attempts)
    elif attempts == UNLIMITED_ATTEMPTS:
        quiz["attempts"] = schema.UNLIMITED
    limit = values.get("time_limit", "")
    if limit.isdigit() and int(limit) >= 1:
        quiz["time_limit_minutes"] = int(limit)
    if values.get("show_correct_answers") == "false" or values.get("hide_results") == "always":
        quiz["feedback"] = "after_close"
    return quiz
