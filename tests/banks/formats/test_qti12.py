"""Canvas's QTI 1.2: what Canvas exports is read, and unknown types are named with their item."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from quizapp.banks.formats.importing import import_file_bytes
from quizapp.banks.loading import load_yaml_text

FIXTURE = Path(__file__).parent / "fixtures" / "canvas_export.xml"


def without_essay() -> bytes:
    text = FIXTURE.read_text(encoding="utf-8")
    start, end = text.index('<item ident="i5"'), text.index("</section>")
    return (text[:start] + text[end:]).encode("utf-8")


def imported(raw: bytes) -> dict[str, Any]:
    result = import_file_bytes(raw, "canvas.xml")
    assert result.issues == []
    assert result.format_name == "qti12"
    assert result.yaml_text is not None
    data = load_yaml_text(result.yaml_text).data
    assert isinstance(data, dict)
    return data


def test_an_essay_becomes_a_written_response() -> None:
    [*_, essay] = imported(FIXTURE.read_bytes())["questions"]
    assert (essay["type"], essay["prompt"]) == ("written_response", "Write about rain.")
    assert "model_answer" not in essay and "rubric" not in essay


def test_an_unknown_canvas_type_is_named_with_its_item_and_nothing_is_imported() -> None:
    text = FIXTURE.read_text(encoding="utf-8").replace("essay_question", "file_upload_question")
    result = import_file_bytes(text.encode("utf-8"), "canvas.xml")
    assert result.yaml_text is None
    [issue] = result.issues
    assert issue.message.startswith(
        "item i5: question 'Essay' is of the Canvas type 'file_upload_question'"
    )
    assert issue.line > 1


def test_a_canvas_export_becomes_a_bank_with_its_article() -> None:
    data = imported(without_essay())
    assert data["title"] == "Floods in the valley"
    assert (
        data["article"]
        == "Heavy rain fell for three days.\n\nAbout 1200 people left & the river rose."
    )
    questions = {q["id"]: q for q in data["questions"]}
    who = questions["who-wants"]
    assert who["type"] == "multi_select"
    assert who["prompt"] == "Who wants something new?"
    assert who["points"] == 2
    assert [c["correct"] for c in who["choices"]] == [True, True, False]
    assert who["choices"][2]["feedback"] == "A river wants nothing."
    assert who["explanation"] == "Paragraph 2 names both."
    many = questions["how-many"]["answers"]
    assert [(a["value"], a["tolerance"]) for a in many] == [(1200, 50), (950, 50)]
    cloze = questions["fill-in"]
    assert cloze["text"] == "Heavy [[what]] fell for [[howlong]]."
    assert [a["text"] for a in cloze["blanks"]["howlong"]] == ["three days", "3 days"]
    assert Decimal(cloze["blanks"]["what"][0]["credit"]) == 1
