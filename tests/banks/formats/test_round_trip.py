"""Every question type through every format and back: the keys, credits and feedback survive."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from quizapp.banks import schema
from quizapp.banks.formats import FORMATS
from quizapp.banks.formats.base import numeric_answers
from quizapp.banks.formats.exporting import export_bank_file
from quizapp.banks.formats.importing import import_file_bytes
from quizapp.banks.validation import check_file, check_text

EVERY_TYPE = Path(__file__).parent / "fixtures" / "every_type.yaml"
# What a format cannot carry at all (each is announced by a notice, checked below).
LEFT_OUT = {"gift": {"fill-rain"}}
# Formats that carry a cloze question's own instruction.
CARRIES_CLOZE_PROMPT = {"moodle-xml", "qti3", "qti12"}
CARRIES_CASE = {"moodle-xml", "qti3"}
# Formats whose ordering scoring differs from quizapp's credit per pair kept in order.
APPROXIMATES_ORDERING = {"gift", "moodle-xml", "qti12"}
# GIFT has no units: the unit is written into the prompt instead.
CARRIES_UNIT = {"moodle-xml", "qti3"}
# Formats with a place for the marking guide of a written response (model answer, rubric).
CARRIES_MARKING_GUIDE = {"moodle-xml", "qti3"}


def keys(question: Any) -> Any:
    """What grades a question, with its feedback, in comparable form."""
    if question.type in {"multiple_choice", "multi_select"}:
        return [(c.text, c.correct, c.feedback) for c in question.choices]
    if question.type == "true_false":
        return (question.answer, question.feedback_true, question.feedback_false)
    if question.type == "short_answer":
        return [(a.text, a.credit, a.feedback) for a in question.answers]
    if question.type == "numeric":
        values = numeric_answers(question)
        return [(a.value, a.tolerance, a.credit, a.feedback) for a in values]
    if question.type == "cloze":
        return [
            [(a.text, a.credit, a.feedback) for a in blank] for blank in question.blanks.values()
        ]
    if question.type == "ordering":
        return [item.text for item in question.items]
    if question.type == "written_response":
        rubric = [(c.id, c.text, c.points) for c in question.rubric]
        return (question.model_answer, rubric)
    return None


def kept_by(format_name: str, question: Any) -> Any:
    """The keys of ``question`` that the format can carry (Canvas: full-credit answers only)."""
    found = keys(question)
    if question.type == "written_response" and format_name not in CARRIES_MARKING_GUIDE:
        return ("", [])
    if format_name != "qti12":
        return found

    def canvas(answers: list[Any]) -> list[Any]:
        return [
            (text, credit, "")
            for text, credit, *_ in answers
            if credit == 1 and "*" not in str(text).replace("\\*", "")
        ]

    if question.type == "short_answer":
        return canvas(found)
    if question.type == "numeric":
        return [(value, tolerance, 1, "") for value, tolerance, credit, _ in found if credit == 1]
    if question.type == "cloze":
        return [canvas(blank) for blank in found]
    if question.type in {"multiple_choice", "multi_select"}:
        return found
    return found


def round_trip(format_name: str) -> tuple[schema.BankSpec, schema.BankSpec, list[str]]:
    original = check_file(EVERY_TYPE).spec
    assert original is not None
    exported = export_bank_file(EVERY_TYPE, format_name)
    result = import_file_bytes(exported.content, f"bank.{FORMATS[format_name].extension}")
    assert result.issues == []
    assert result.format_name == format_name
    assert result.yaml_text is not None
    back = check_text(result.yaml_text).spec
    assert back is not None
    return original, back, [f"{n.where}: {n.message}" for n in exported.notices]


@pytest.mark.parametrize("format_name", sorted(FORMATS))
def test_every_type_survives_the_round_trip(format_name: str) -> None:
    original, back, notices = round_trip(format_name)
    assert back.article.split() == original.article.split()
    assert back.title == original.title
    returned = {q.id: q for q in back.questions}
    left_out = LEFT_OUT.get(format_name, set())
    assert set(returned) == {q.id for q in original.questions} - left_out
    for question in original.questions:
        if question.id in left_out:
            assert any(n.startswith(f"{question.id}: left out") for n in notices)
            continue
        again = returned[question.id]
        assert again.type == question.type, question.id
        assert keys(again) == kept_by(format_name, question), question.id
        assert again.explanation == question.explanation, question.id
        assert again.skill == question.skill, question.id
        assert again.points == question.points, question.id
        unit = getattr(question, "unit", "")
        if unit and format_name not in CARRIES_UNIT:
            assert again.prompt == f"{question.prompt} ({unit})"
        elif question.type != "cloze" or format_name in CARRIES_CLOZE_PROMPT:
            assert again.prompt == question.prompt, question.id
        if unit and format_name in CARRIES_UNIT:
            assert again.unit == unit
        if hasattr(question, "case_sensitive") and format_name in CARRIES_CASE:
            assert again.case_sensitive == question.case_sensitive, question.id
        if question.type == "evidence":
            assert again.evidence == question.evidence, question.id


@pytest.mark.parametrize("format_name", sorted(FORMATS))
def test_every_loss_is_announced_per_question(format_name: str) -> None:
    _, _, notices = round_trip(format_name)
    assert any(n.startswith("who-left: quizapp's lenient matching") for n in notices)
    assert any(n.startswith("find-record: evidence becomes") for n in notices)
    assert any(n.startswith("main-idea: the evidence quotes are not carried") for n in notices)
    if format_name == "qti12":
        assert "who-left: the wildcard answer 'home*' is left out (Canvas has none)" in notices
        assert any(n.startswith("how-many: the value 1000 (50%) is left out") for n in notices)
    ordering_notices = [n for n in notices if n.startswith("sequence: ordering becomes")]
    assert bool(ordering_notices) == (format_name in APPROXIMATES_ORDERING)
    guide_notices = [n for n in notices if n.startswith("explain-flood: ")]
    assert guide_notices, "no format marks by a rubric, so every one announces what it does"
    if format_name not in CARRIES_MARKING_GUIDE:
        assert "explain-flood: the model answer and the rubric are not carried" in guide_notices
