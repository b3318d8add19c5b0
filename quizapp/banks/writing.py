"""Writing a bank (a dict in the YAML shape of ``schema``) as YAML a teacher can read and edit.

Used for generated drafts and for banks edited in the browser. The output starts with the
``yaml-language-server`` line that links editors to ``schema.json``, keeps keys in the order a
reader expects (id, type, prompt, answers, evidence...), writes the article and any other
multi-line text as literal blocks, puts short lists of plain values on one line
(``choices: [Cairo, Ankara]``), and leaves a blank line between questions. Whatever it writes
loads back to the same bank.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString

from quizapp.banks.schema import SCHEMA_FILE_NAME

HEADER = f"yaml-language-server: $schema={SCHEMA_FILE_NAME}"
LINE_WIDTH = 100
# A list of plain values goes on one line when it is this short once written.
FLOW_LIMIT = 72

TOP_LEVEL_ORDER = ("schema", "id", "title", "source", "article", "quiz", "questions")
QUESTION_ORDER = (
    "id",
    "type",
    "skill",
    "points",
    "prompt",
    "text",
    "choices",
    "answer",
    "tolerance",
    "answers",
    "unit",
    "blanks",
    "items",
    "model_answer",
    "rubric",
    "shuffle",
    "leniency",
    "case_sensitive",
    "feedback_true",
    "feedback_false",
    "evidence",
    "explanation",
    "confidence",
)


def dump_bank(data: Mapping[str, Any]) -> str:
    """YAML text for a bank dict (see the module docstring); ``load_bank_text`` reads it back."""
    document = _ordered(data, TOP_LEVEL_ORDER)
    questions = document.get("questions")
    if isinstance(questions, Sequence) and not isinstance(questions, str):
        written = CommentedSeq(_ordered(q, QUESTION_ORDER) for q in questions)
        for index in range(1, len(written)):
            written.yaml_set_comment_before_after_key(index, before="\n")
        document["questions"] = written
    document.yaml_set_start_comment(HEADER)
    yaml = YAML()
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = LINE_WIDTH
    out = io.StringIO()
    yaml.dump(document, out)
    return out.getvalue()


def _ordered(data: Any, order: Sequence[str]) -> Any:
    if not isinstance(data, Mapping):
        return _node(data)
    result = CommentedMap()
    keys = [key for key in order if key in data] + [key for key in data if key not in order]
    for key in keys:
        result[key] = _node(data[key])
    return result


def _node(value: Any) -> Any:
    """A value ready for ruamel: exact numbers as YAML numbers, multi-line text as blocks."""
    if isinstance(value, Mapping):
        mapping = CommentedMap((key, _node(item)) for key, item in value.items())
        if _is_short(mapping):
            mapping.fa.set_flow_style()
        return mapping
    if isinstance(value, Sequence) and not isinstance(value, str | bytes):
        items = CommentedSeq(_node(item) for item in value)
        if all(_is_short(item) for item in items) and _is_short(items):
            items.fa.set_flow_style()
        return items
    if isinstance(value, str) and "\n" in value and _block_safe(value):
        return LiteralScalarString(value)
    if isinstance(value, Fraction | Decimal):
        number = (
            Decimal(value.numerator) / Decimal(value.denominator)
            if isinstance(value, Fraction)
            else value
        )
        return int(number) if number == number.to_integral_value() else float(number)
    if isinstance(value, dt.datetime):
        return value.isoformat()
    return value


def _is_short(value: Any) -> bool:
    """Whether a value (list, mapping or scalar) fits on one short line of flow style."""
    if isinstance(value, LiteralScalarString):
        return False
    if isinstance(value, Mapping):
        return all(_is_short(item) for item in value.values()) and _flow_length(value) <= 50
    if isinstance(value, list):
        return all(not isinstance(item, list) for item in value) and (
            _flow_length(value) <= FLOW_LIMIT
        )
    return True


def _flow_length(value: Any) -> int:
    if isinstance(value, Mapping):
        return sum(len(str(key)) + _flow_length(item) + 4 for key, item in value.items())
    if isinstance(value, list):
        return sum(_flow_length(item) + 2 for item in value) + 2
    return len(str(value)) + 2


def _block_safe(text: str) -> bool:
    """Literal blocks cannot keep spaces at line ends or tabs; such text stays quoted."""
    return all(line == line.rstrip() for line in text.split("\n")) and "\t" not in text


def _round_trip() -> YAML:
    """A YAML reader and writer that gives the teacher's text back as they wrote it."""
    yaml = YAML(typ="rt")
    # Never re-fold the teacher's long lines, and write null as they most likely did.
    yaml.width = 1_000_000
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.representer.add_representer(
        type(None),
        lambda representer, _: representer.represent_scalar("tag:yaml.org,2002:null", "null"),
    )
    return yaml


def _edited(text: str, edit: Callable[[CommentedMap], None]) -> str:
    """``text`` (a bank's YAML) changed by ``edit``, read and written back in ruamel's
    round-trip mode so the rest stays as the teacher wrote it, comments included."""
    yaml = _round_trip()
    document = yaml.load(text)
    if not isinstance(document, CommentedMap):
        raise ValueError("a bank is a mapping of keys; fix the YAML before changing it")
    edit(document)
    out = io.StringIO()
    yaml.dump(document, out)
    return out.getvalue()


def append_question(text: str, question: Mapping[str, Any]) -> str:
    """``text`` (a bank's YAML) with ``question`` added at the end of its questions.

    The rest of the text is kept as the teacher wrote it. The caller validates the result.
    """

    def add(document: CommentedMap) -> None:
        questions = document.get("questions")
        if not isinstance(questions, CommentedSeq):
            questions = CommentedSeq()
            document["questions"] = questions
        questions.append(_node(_ordered(dict(question), QUESTION_ORDER)))

    return _edited(text, add)


def with_fields(text: str, values: Mapping[str, str]) -> str:
    """``text`` (a bank's YAML) with these top-level keys (``id``, ``title``) set to new values.

    The rest of the text is kept as the teacher wrote it. The caller validates the result.
    """

    def set_values(document: CommentedMap) -> None:
        for key, value in values.items():
            document[key] = value

    return _edited(text, set_values)
