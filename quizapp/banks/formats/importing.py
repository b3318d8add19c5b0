"""Importing a file in any format as a YAML bank, checked by the bank validator first.

``import_file_bytes`` guesses the format from the content (or takes the one forced), parses,
writes the bank YAML and validates it with the same checks as a hand-written bank. The YAML is
returned only when there is no issue at all, so nothing is ever half-imported. Validator issues
point back at the question in the source (its line, or its XML element path).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from quizapp.banks.formats.base import Notice, Parsed
from quizapp.banks.formats.registry import get_reader, guess_format
from quizapp.banks.issues import Issue
from quizapp.banks.loading import Position
from quizapp.banks.validation import check_text
from quizapp.banks.writing import dump_bank

MAX_IMPORT_BYTES = 20 * 1024 * 1024


@dataclass
class ImportResult:
    """The YAML of an imported bank (None when there are issues), with what was lost.

    ``skipped`` names the questions left out because quizapp has no type for them (only when
    the import was asked to skip those); ``skippable`` says that some issues are such questions,
    so that skipping them would let the rest import.
    """

    source_name: str
    format_name: str = ""
    yaml_text: str | None = None
    issues: list[Issue] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    skipped: list[Issue] = field(default_factory=list)
    skippable: bool = False


def import_file_bytes(
    raw: bytes,
    source_name: str,
    *,
    format_name: str | None = None,
    skip_unsupported: bool = False,
) -> ImportResult:
    """Read ``raw`` as a bank; see the module docstring. Never raises for bad content.

    Questions of a type quizapp has no equivalent for are problems, unless ``skip_unsupported``
    leaves them out with a warning each.
    """
    result = ImportResult(source_name)
    if len(raw) > MAX_IMPORT_BYTES:
        limit = MAX_IMPORT_BYTES // (1024 * 1024)
        result.issues.append(Issue(source_name, 1, 1, f"the file is larger than {limit} MB"))
        return result
    fmt = get_reader(format_name) if format_name else guess_format(raw)
    if fmt is None:
        result.issues.append(
            Issue(
                source_name,
                1,
                1,
                "cannot tell the format: expected GIFT, Moodle XML, a QTI package (zip), Canvas "
                "QTI XML or a spreadsheet (CSV, XLSX); give --format to choose one",
            )
        )
        return result
    result.format_name = fmt.name
    parsed = fmt.parse(raw, source_name)
    if skip_unsupported:
        result.skipped = sorted(parsed.unsupported)
    else:
        result.skippable = bool(parsed.unsupported)
        parsed.issues = sorted([*parsed.issues, *parsed.unsupported])
    result.notices = sorted(parsed.notices)
    if parsed.issues or parsed.data is None:
        result.issues = parsed.issues or [Issue(source_name, 1, 1, "no questions found")]
        return result
    if not parsed.data["questions"]:
        result.issues = [Issue(source_name, 1, 1, "no questions found in the file")]
        return result
    yaml_text = dump_bank(parsed.data)
    checked = check_text(yaml_text, source_name)
    if checked.issues:
        result.issues = _in_source(checked.issues, checked.loaded.values, parsed, source_name)
        return result
    result.yaml_text = yaml_text
    return result


def _in_source(
    issues: list[Issue], values: Mapping[tuple[str | int, ...], Position], parsed: Parsed, name: str
) -> list[Issue]:
    """Validator issues (lines of the written YAML) moved to the question's place in the file."""
    starts = sorted(
        (position.line, index)
        for path, position in values.items()
        if len(path) == 2 and path[0] == "questions" and isinstance(path[1], int)
        for index in [path[1]]
    )
    moved: list[Issue] = []
    for issue in issues:
        index = None
        for line, question_index in starts:
            if line <= issue.line:
                index = question_index
        if index is None or index >= len(parsed.places):
            moved.append(Issue(name, 1, 1, issue.message))
            continue
        line, where = parsed.places[index]
        moved.append(Issue(name, line, 1, f"{where}: {issue.message}"))
    return moved
