"""Banks written in a spreadsheet (CSV or XLSX): one row per question, under a fixed header.

For teachers who write questions in Excel or Google Sheets. ``HEADER`` names the columns (their
order is free, only ``type`` and ``prompt`` are required); several values in one cell are
separated by ``|`` (write ``\\|`` for a real bar). A row of type ``article`` holds the article
and one of type ``title`` the bank title. A cloze prompt marks each blank with its accepted
answers, ``Heavy [[rain|water]] fell``; a written response's ``correct`` is its model answer
(its rubric is written in YAML). Every problem is an ``Issue`` whose line is the row and
whose column is the column number (the message names the column too). ``template_csv`` is the
downloadable template, one example row per type.
"""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from quizapp.banks.formats.base import (
    Notice,
    Parsed,
    finish_parse,
    unique_slug,
)
from quizapp.banks.formats.packages import PackageRefused, is_zip, read_package
from quizapp.banks.formats.text import decode_text
from quizapp.banks.issues import Issue
from quizapp.domain.questions import SKILLS

HEADER = (
    "id",
    "type",
    "skill",
    "points",
    "prompt",
    "correct",
    "wrong",
    "tolerance",
    "unit",
    "evidence",
    "explanation",
)
REQUIRED = ("type", "prompt")
QUESTION_TYPES = (
    "multiple_choice",
    "multi_select",
    "true_false",
    "short_answer",
    "numeric",
    "cloze",
    "ordering",
    "evidence",
    "written_response",
)
ROW_TYPES = ("article", "title", *QUESTION_TYPES)
_SEPARATOR = re.compile(r"(?<!\\)\|")
_CLOZE_BLANK = re.compile(r"\[\[([^\[\]]+)\]\]")
MAX_ROWS = 2000

TEMPLATE_ROWS: tuple[dict[str, str], ...] = (
    {"type": "title", "prompt": "Rain floods the valley"},
    {
        "type": "article",
        "prompt": "Heavy rain fell on the valley for three days. About 1200 people left their "
        "homes.\n\nThe river rose by 4.5 metres, a record.",
    },
    {
        "id": "main-idea",
        "type": "multiple_choice",
        "skill": "main_idea",
        "prompt": "What is the article mainly about?",
        "correct": "Heavy rain flooding a valley",
        "wrong": "A new dam | Farmers on strike",
        "evidence": "Heavy rain fell on the valley for three days.",
        "explanation": "The opening sentence states the main idea.",
    },
    {
        "id": "who-left",
        "type": "multi_select",
        "prompt": "What happened? Tick every right answer.",
        "correct": "Rain fell | People left",
        "wrong": "A dam broke",
    },
    {"id": "record", "type": "true_false", "prompt": "The rise was a record.", "correct": "true"},
    {
        "id": "what-left",
        "type": "short_answer",
        "prompt": "What did 1200 people leave?",
        "correct": "their homes | homes",
    },
    {
        "id": "how-many",
        "type": "numeric",
        "points": "2",
        "prompt": "How many people left?",
        "correct": "1200",
        "tolerance": "50",
        "unit": "people",
    },
    {
        "id": "fill-in",
        "type": "cloze",
        "skill": "vocabulary",
        "prompt": "Heavy [[rain|water]] fell on the valley for [[three days|3 days]].",
    },
    {
        "id": "sequence",
        "type": "ordering",
        "skill": "sequence",
        "prompt": "Put these in order.",
        "correct": "Rain fell | People left | The river rose",
    },
    {
        "id": "find-record",
        "type": "evidence",
        "skill": "inference",
        "prompt": "Which sentence shows the flood was unusual?",
        "correct": "The river rose by 4.5 metres, a record.",
    },
    {
        "id": "why-left",
        "type": "written_response",
        "skill": "cause_effect",
        "points": "2",
        "prompt": "Explain in your own words why people left their homes.",
        "correct": "The river rose by a record 4.5 metres after three days of rain.",
    },
)


def template_csv() -> str:
    """The downloadable template: the header and one example row per type."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=HEADER, lineterminator="\r\n")
    writer.writeheader()
    for row in TEMPLATE_ROWS:
        writer.writerow(row)
    return out.getvalue()


def template_xlsx() -> bytes:
    """The same template as an Excel workbook."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "questions"
    sheet.append(list(HEADER))
    for row in TEMPLATE_ROWS:
        sheet.append([row.get(column, "") for column in HEADER])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def is_xlsx(raw: bytes) -> bool:
    if not is_zip(raw):
        return False
    try:
        return "xl/workbook.xml" in read_package(raw)
    except PackageRefused:
        return False


def recognises_csv(raw: bytes) -> bool:
    text, _ = decode_text(raw[:4096])
    first = text.split("\n", 1)[0].casefold()
    return all(column in first for column in REQUIRED) and first.count("{") == 0


def _column_name(number: int) -> str:
    letters = ""
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _csv_rows(raw: bytes, parsed: Parsed) -> list[list[str]]:
    text, encoding = decode_text(raw)
    if encoding == "cp1252":
        parsed.notices.append(Notice("file", "not UTF-8: read as cp1252 (Windows)"))
    first_line = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first_line.count)
    return [
        [cell.strip() for cell in row] for row in csv.reader(io.StringIO(text), delimiter=delimiter)
    ]


def _xlsx_rows(raw: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    read_package(raw)  # the size and path checks, before openpyxl opens anything
    workbook = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    try:
        sheet = workbook.worksheets[0]
        rows = []
        for row in sheet.iter_rows(values_only=True):
            rows.append([_cell_text(value) for value in row])
            if len(rows) > MAX_ROWS + 1:
                break
        return rows
    finally:
        workbook.close()


def split_cell(text: str) -> list[str]:
    """The values of a cell separated by ``|`` (``\\|`` is a bar inside a value)."""
    return [part.strip().replace("\\|", "|") for part in _SEPARATOR.split(text) if part.strip()]


class _Problem(Exception):
    def __init__(self, column: str, message: str) -> None:
        super().__init__(message)
        self.column = column
        self.message = message


def _decimal(text: str, column: str) -> Decimal:
    try:
        return Decimal(text.replace(",", ".") if text.count(",") == 1 and "." not in text else text)
    except InvalidOperation:
        raise _Problem(column, f"{text!r} is not a number") from None


def _question(row: dict[str, str], number: int, taken: set[str]) -> dict[str, Any]:
    kind = row.get("type", "").strip().lower().replace(" ", "_").replace("-", "_")
    if kind not in QUESTION_TYPES:
        raise _Problem(
            "type", f"unknown type {row.get('type')!r}; use one of: {', '.join(ROW_TYPES)}"
        )
    prompt = row.get("prompt", "")
    if not prompt:
        raise _Problem("prompt", "the prompt is empty")
    question: dict[str, Any] = {
        "id": unique_slug(row.get("id", ""), f"q{number}", taken),
        "type": kind,
        "prompt": prompt,
    }
    skill = row.get("skill", "").strip().lower()
    if skill:
        if skill not in SKILLS:
            raise _Problem("skill", f"unknown skill {skill!r}; use one of: {', '.join(SKILLS)}")
        question["skill"] = skill
    if row.get("points"):
        question["points"] = _decimal(row["points"], "points")
    for column in ("explanation",):
        if row.get(column):
            question[column] = row[column]
    if row.get("evidence") and kind != "evidence":
        question["evidence"] = split_cell(row["evidence"])
    correct = split_cell(row.get("correct", ""))
    wrong = split_cell(row.get("wrong", ""))
    if kind not in {"cloze", "written_response"} and not correct:
        raise _Problem("correct", f"a {kind} question needs its right answer in 'correct'")
    if kind in {"multiple_choice", "multi_select"}:
        if kind == "multiple_choice" and len(correct) != 1:
            raise _Problem("correct", "a multiple_choice question has exactly one right choice")
        question["choices"] = [{"text": t, "correct": True} for t in correct] + [
            {"text": t, "correct": False} for t in wrong
        ]
    elif kind == "true_false":
        value = correct[0].lower()
        if value not in {"true", "false", "yes", "no", "t", "f"}:
            raise _Problem("correct", f"write true or false, not {correct[0]!r}")
        question["answer"] = value in {"true", "yes", "t"}
    elif kind == "short_answer":
        question["answers"] = correct
    elif kind == "numeric":
        question["answer"] = _decimal(correct[0], "correct")
        if row.get("tolerance"):
            question["tolerance"] = _decimal(row["tolerance"], "tolerance")
        if row.get("unit"):
            question["unit"] = row["unit"]
    elif kind == "cloze":
        blanks: dict[str, list[str]] = {}

        def blank(match: re.Match[str]) -> str:
            blank_id = f"blank-{len(blanks) + 1}"
            blanks[blank_id] = split_cell(match.group(1))
            return f"[[{blank_id}]]"

        question["text"] = _CLOZE_BLANK.sub(blank, prompt)
        if not blanks:
            raise _Problem("prompt", "mark each blank with its answers, e.g. [[rain|water]]")
        del question["prompt"]
        question["blanks"] = blanks
    elif kind == "ordering":
        question["items"] = correct
    elif kind == "written_response":
        # The model answer, if any; a rubric has no columns here and is written in YAML.
        if correct:
            question["model_answer"] = "|".join(correct)
    else:
        question["evidence"] = correct
    return question


def parse_rows(rows: list[list[str]], source_name: str, parsed: Parsed) -> Parsed:
    """Rows (the first is the header) as a bank dict; every problem names its row and column."""
    if not rows or not any(rows[0]):
        parsed.issues.append(
            Issue(source_name, 1, 1, "the sheet is empty; start from the template")
        )
        return parsed
    header = [cell.strip().lower() for cell in rows[0]]
    for number, column in enumerate(header, start=1):
        if column and column not in HEADER:
            parsed.issues.append(
                Issue(
                    source_name,
                    1,
                    number,
                    f"unknown column {column!r} ({_column_name(number)}); "
                    f"the columns are: {', '.join(HEADER)}",
                )
            )
    for column in REQUIRED:
        if column not in header:
            parsed.issues.append(Issue(source_name, 1, 1, f"the header has no {column!r} column"))
    if len(rows) > MAX_ROWS + 1:
        parsed.issues.append(
            Issue(source_name, 1, 1, f"more than {MAX_ROWS} rows; split the sheet")
        )
    if parsed.issues:
        return parsed
    title, article = "", ""
    questions: list[dict[str, Any]] = []
    taken: set[str] = set()
    for number, cells in enumerate(rows[1:], start=2):
        row = {header[i]: cell for i, cell in enumerate(cells) if i < len(header) and header[i]}
        if not any(row.values()):
            continue
        kind = row.get("type", "").strip().lower()
        if kind == "article":
            article = row.get("prompt", "")
            continue
        if kind == "title":
            title = row.get("prompt", "")
            continue
        try:
            question = _question(row, number, taken)
        except _Problem as problem:
            place = header.index(problem.column) + 1 if problem.column in header else 1
            where = f"row {number}, column {_column_name(place)} ({problem.column})"
            parsed.issues.append(Issue(source_name, number, place, f"{where}: {problem.message}"))
            continue
        questions.append(question)
        parsed.places.append((number, f"row {number}"))
    return finish_parse(parsed, source_name, title=title, article=article, questions=questions)


def parse(raw: bytes, source_name: str) -> Parsed:
    """A CSV or XLSX sheet as a bank dict (see the module docstring)."""
    parsed = Parsed()
    try:
        rows = _xlsx_rows(raw) if is_zip(raw) else _csv_rows(raw, parsed)
    except PackageRefused as refused:
        parsed.issues.append(Issue(source_name, 1, 1, str(refused)))
        return parsed
    except (csv.Error, OSError, ValueError, KeyError) as error:
        parsed.issues.append(Issue(source_name, 1, 1, f"cannot read the sheet: {error}"))
        return parsed
    return parse_rows(rows, source_name, parsed)


class CsvReader:
    """The CSV sheet as an import-only format."""

    name = "csv"
    label = "Spreadsheet (CSV)"

    def recognises(self, raw: bytes) -> bool:
        return not is_zip(raw) and recognises_csv(raw)

    def parse(self, raw: bytes, source_name: str) -> Parsed:
        return parse(raw, source_name)


class XlsxReader:
    """The Excel workbook as an import-only format."""

    name = "xlsx"
    label = "Spreadsheet (XLSX)"

    def recognises(self, raw: bytes) -> bool:
        return is_xlsx(raw)

    def parse(self, raw: bytes, source_name: str) -> Parsed:
        return parse(raw, source_name)
