"""YAML syntax errors in plain words: what is wrong with the line, and what to change.

The parser names its own tokens ("expected <block end>, but found '<block mapping start>'"),
which tell a teacher nothing. Each message here is worked out from the parser's problem and the
text around it (the line's indentation against the lines above, an open quote or bracket) and
names any other line it depends on by number. The caller puts the problem's own line and
column in front.
"""

from __future__ import annotations

from dataclasses import dataclass

from ruamel.yaml.error import MarkedYAMLError

_MORE_INDENTED_KEY = (
    "this line is indented more than the one above it; line it up with the keys of its block "
    "(only a key ending in ':' takes indented lines under it)"
)


@dataclass(frozen=True)
class _Row:
    """A line of the text: its 1-based number, its indentation and its text without it."""

    number: int
    indent: int
    text: str

    @property
    def is_item(self) -> bool:
        return self.text == "-" or self.text.startswith("- ")

    @property
    def is_key(self) -> bool:
        return not self.is_item and ":" in self.text and not self.text.startswith("#")


def _row(lines: list[str], index: int) -> _Row:
    line = lines[index] if 0 <= index < len(lines) else ""
    stripped = line.lstrip(" ")
    return _Row(index + 1, len(line) - len(stripped), stripped.rstrip())


def _rows_above(lines: list[str], index: int) -> list[_Row]:
    """The non-blank, non-comment lines above line ``index`` (0-based), nearest first."""
    rows = [_row(lines, i) for i in range(min(index, len(lines)) - 1, -1, -1)]
    return [row for row in rows if row.text and not row.text.startswith("#")]


def syntax_message(error: MarkedYAMLError, text: str) -> str:
    """The parser's ``error`` on ``text`` as a sentence a teacher can act on."""
    problem = (error.problem or "").strip()
    context = (error.context or "").strip()
    lines = text.split("\n")
    index = error.problem_mark.line if error.problem_mark else 0
    column = error.problem_mark.column if error.problem_mark else 0
    opened = error.context_mark.line + 1 if error.context_mark else index + 1
    if "'\\t'" in problem:
        return "a tab character here: indent YAML with spaces, never tabs"
    if "flow sequence" in context or "flow mapping" in context:
        bracket, closing, kind = (
            ("[", "]", "list") if "sequence" in context else ("{", "}", "mapping")
        )
        return (
            f"the {kind} opened with '{bracket}' on line {opened} is not closed before this; "
            f"add the closing '{closing}', or put the whole text in quotes if the '{bracket}' "
            "is part of it"
        )
    if "flow node" in context and "<stream end>" in problem:
        return "the file ends inside an open '[' or '{'; add the closing bracket"
    if "found unexpected end of stream" in problem and "quoted" in context:
        mark = error.context_mark
        start = (
            lines[mark.line][mark.column : mark.column + 1]
            if mark and mark.line < len(lines)
            else ""
        )
        quote = start if start in ('"', "'") else "quote"
        return (
            f"the quote {quote} opened on line {opened} is never closed; add the closing "
            f"{quote} at the end of its text"
        )
    if "unknown escape character" in problem:
        return (
            "a backslash inside double quotes starts an escape such as \\n; write \\\\ for a "
            "backslash itself, or use single quotes around the text"
        )
    if "while scanning an anchor" in context or "while scanning an alias" in context:
        return "'&' and '*' cannot start a value here; put the whole text in quotes"
    if problem == "mapping values are not allowed here":
        if _indented_under_a_value(lines, index):
            return _MORE_INDENTED_KEY
        return "unexpected ':' here; if the text itself contains ': ', put the whole text in quotes"
    if "could not find expected ':'" in problem:
        return "expected 'key: value' here; check the indentation of this line and the one above"
    if "that cannot start any token" in problem:
        return "a value cannot start with this character; put the whole text in quotes"
    if problem.startswith("expected <block end>, but found"):
        return _block_message(lines, index, column)
    detail = ""
    if context and context not in problem:
        started = f" that starts on line {opened}" if opened != index + 1 else ""
        detail = f" ({context}{started})"
    return f"YAML syntax error: {problem}{detail}"


def _indented_under_a_value(lines: list[str], index: int) -> bool:
    """Whether line ``index`` (0-based) is indented under a line that already has a value."""
    above = _rows_above(lines, index)
    if not above or not 0 < index < len(lines):
        return False
    row, previous = _row(lines, index), above[0]
    return row.indent > previous.indent and ":" in previous.text and not previous.text.endswith(":")


def _block_message(lines: list[str], index: int, column: int) -> str:
    """Why line ``index`` (0-based) does not fit the block it sits in."""
    row = _row(lines, index)
    before = lines[index][:column].rstrip() if index < len(lines) else ""
    if before.endswith(('"', "'")) and column > row.indent:
        return "text after a closing quote; put the whole value in quotes, or remove the extra text"
    above = _rows_above(lines, index)
    if not above:
        return "this line is indented differently from the lines of its block"
    # The line the parser compared it with: the nearest one above at the same indentation.
    level = next((r for r in above if r.indent == row.indent), None)
    if row.is_item:
        if level is not None and level.is_key:
            return (
                f"a list item '-' where a key was expected: line {level.number} above is a "
                "'key: value' at this indentation; give the list a key ending in ':' and indent "
                "its items under it"
            )
        items = [r for r in above if r.is_item]
        if items and items[0].indent != row.indent:
            more_or_less = "more" if row.indent > items[0].indent else "less"
            return (
                f"this list item is indented {more_or_less} than the item on line "
                f"{items[0].number}; line the '-' of each item up"
            )
        return "this list item is indented differently from the items above it"
    if level is not None and level.is_item:
        return (
            f"a key where a list item '-' was expected: line {level.number} above starts a list "
            "item at this indentation; indent this line under that item's keys, or start it "
            "with '- '"
        )
    if row.indent > above[0].indent:
        return f"this line is indented more than the one above it (line {above[0].number})"
    return (
        f"this line is indented less than the one above it (line {above[0].number}) but more "
        "than the key it belongs under; line it up with the keys of its block"
    )
