"""Spreadsheets in: the template imports as it is, and every problem names its row and column."""

from __future__ import annotations

import io

from openpyxl import Workbook

from quizapp.banks.formats.importing import import_file_bytes
from quizapp.banks.formats.spreadsheet import HEADER, split_cell, template_csv, template_xlsx
from quizapp.banks.loading import load_yaml_text
from quizapp.config import PROJECT_ROOT

COMMITTED_TEMPLATE = PROJECT_ROOT / "question_banks" / "spreadsheet-template.csv"


def sheet(*rows: str) -> bytes:
    return ("\r\n".join(rows) + "\r\n").encode("utf-8")


def test_the_committed_template_is_the_generated_one_and_imports_cleanly() -> None:
    assert COMMITTED_TEMPLATE.read_bytes() == template_csv().encode("utf-8")
    result = import_file_bytes(template_csv().encode("utf-8"), "template.csv")
    assert result.issues == [] and result.format_name == "csv"
    data = load_yaml_text(result.yaml_text or "").data
    types = {q["type"] for q in data["questions"]}
    assert types == {
        "multiple_choice",
        "multi_select",
        "true_false",
        "short_answer",
        "numeric",
        "cloze",
        "ordering",
        "evidence",
        "written_response",
    }
    written = next(q for q in data["questions"] if q["type"] == "written_response")
    assert written["model_answer"].startswith("The river rose by a record 4.5 metres")


def test_a_written_response_row_needs_no_model_answer() -> None:
    raw = sheet("type,prompt", "written_response,Explain why people left.")
    [question] = load_yaml_text(import_file_bytes(raw, "w.csv").yaml_text or "").data["questions"]
    assert (question["type"], question["prompt"]) == (
        "written_response",
        "Explain why people left.",
    )
    assert "model_answer" not in question


def test_the_xlsx_template_imports_to_the_same_bank_as_the_csv() -> None:
    from_csv = import_file_bytes(template_csv().encode("utf-8"), "template.csv")
    from_xlsx = import_file_bytes(template_xlsx(), "template.xlsx")
    assert from_xlsx.format_name == "xlsx"
    assert from_xlsx.yaml_text == from_csv.yaml_text


def test_a_cloze_row_marks_blanks_with_their_answers() -> None:
    raw = sheet("type,prompt", "cloze,Heavy [[rain|water]] fell for [[three days]].")
    data = load_yaml_text(import_file_bytes(raw, "c.csv").yaml_text or "").data
    [question] = data["questions"]
    assert question["text"] == "Heavy [[blank-1]] fell for [[blank-2]]."
    assert question["blanks"] == {"blank-1": ["rain", "water"], "blank-2": ["three days"]}


def test_problems_name_the_row_and_the_column() -> None:
    raw = sheet(
        "id,type,prompt,correct,points",
        "q1,multiple_choise,Which?,Cairo,",
        "q2,numeric,How many?,twelve,",
        "q3,short_answer,,Cairo,",
        "q4,true_false,Rain?,maybe,",
    )
    result = import_file_bytes(raw, "bad.csv")
    assert result.yaml_text is None
    found = [(i.line, i.column) for i in result.issues]
    assert found == [(2, 2), (3, 4), (4, 3), (5, 4)]
    assert result.issues[0].message.startswith("row 2, column B (type): unknown type")
    assert "multiple_choice" in result.issues[0].message
    assert result.issues[1].message == "row 3, column D (correct): 'twelve' is not a number"


def test_validator_problems_point_at_the_row() -> None:
    raw = sheet("type,prompt,correct,wrong", "multi_select,Which?,Cairo,Cairo")
    result = import_file_bytes(raw, "dup.csv")
    assert result.yaml_text is None
    assert result.issues[0].line == 2
    assert result.issues[0].message.startswith("row 2:")


def test_an_unknown_column_is_named_with_its_letter() -> None:
    result = import_file_bytes(sheet("type,prompt,answer", "true_false,Rain?,true"), "x.csv")
    assert result.yaml_text is None
    [issue] = result.issues
    assert (issue.line, issue.column) == (1, 3)
    assert "'answer' (C)" in issue.message and ", ".join(HEADER) in issue.message


def test_semicolons_and_windows_1252_from_a_european_excel_are_read() -> None:
    raw = "type;prompt;correct\r\nshort_answer;Caf\u00e9?;caf\u00e9\r\n".encode("cp1252")
    result = import_file_bytes(raw, "eu.csv")
    assert result.issues == []
    assert "café" in (result.yaml_text or "")
    assert any("cp1252" in n.message for n in result.notices)


def test_an_escaped_bar_stays_in_the_value() -> None:
    assert split_cell(r"a \| b | c") == ["a | b", "c"]


def test_an_xlsx_with_an_error_gives_its_row_and_column() -> None:
    workbook = Workbook()
    worksheet = workbook.active
    assert worksheet is not None
    worksheet.append(["type", "prompt", "correct"])
    worksheet.append(["numeric", "How many?", 1200])
    worksheet.append(["ordering", "Order them", None])
    out = io.BytesIO()
    workbook.save(out)
    result = import_file_bytes(out.getvalue(), "book.xlsx")
    assert result.format_name == "xlsx"
    [issue] = result.issues
    assert (issue.line, issue.column) == (3, 3)
