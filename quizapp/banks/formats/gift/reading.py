"""Reading GIFT into a bank dict, following Moodle's parser: questions separated by blank lines,
``//`` comments, ``::name::``, ``[format]`` prefixes, ``\\``-escapes, ``%n%`` weights, ``#``
feedback, ``####`` general feedback, numeric ranges ``{#min..max}`` and tolerances
``{#value:tolerance}``, missing-word questions (typed answers only: a cloze; choices, numbers or
true/false: that type with a gap in the prompt), and essays (``{}``, a written response without
its model answer or rubric, which GIFT cannot hold). A ``// quizapp:`` comment gives back the
type, skill and points.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from quizapp.banks.formats.base import (
    GAP,
    Notice,
    Parsed,
    assemble,
    credit_from_percent,
    settle_choices,
    slug,
    title_from_source,
    unique_slug,
)
from quizapp.banks.formats.gift.syntax import CATEGORY, HINT, unescape
from quizapp.banks.formats.text import decode_text, html_to_text
from quizapp.banks.issues import Issue

_WEIGHT = re.compile(r"^%(-?\d+(?:\.\d+)?)%")
_IDNUMBER = re.compile(r"\[id:((?:\\.|[^\]\\])*)\]")
_TRUE_FALSE = re.compile(r"^(T|TRUE|F|FALSE)\s*(#|$)", re.IGNORECASE)
_FORMAT = re.compile(r"^\s*\[(html|markdown|plain|moodle)\]")


def recognises(raw: bytes) -> bool:
    text, _ = decode_text(raw[:20000])
    stripped = text.lstrip()
    if stripped.startswith("<"):
        return False
    return "{" in text or "::" in text or CATEGORY in text


class _Problem(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class _Unsupported(_Problem):
    """A question of a type quizapp has no equivalent for; an import may skip it."""


def _split_unescaped(text: str, separators: str) -> list[tuple[str, str]]:
    """``text`` cut before each unescaped separator: [(separator or "", piece), ...]."""
    pieces: list[tuple[str, str]] = []
    current: list[str] = []
    marker = ""
    index = 0
    while index < len(text):
        character = text[index]
        if character == "\\" and index + 1 < len(text):
            current.append(text[index : index + 2])
            index += 2
            continue
        if character in separators:
            pieces.append((marker, "".join(current)))
            marker, current = character, []
        else:
            current.append(character)
        index += 1
    pieces.append((marker, "".join(current)))
    return pieces


def _find_unescaped(text: str, character: str, start: int = 0) -> int:
    index = start
    while index < len(text):
        if text[index] == "\\":
            index += 2
            continue
        if text[index] == character:
            return index
        index += 1
    return -1


def _strip_format(text: str) -> tuple[str, str]:
    match = _FORMAT.match(text)
    if match is None:
        return "moodle", text
    return match.group(1), text[match.end() :]


def _own_format(text: str, default: str) -> tuple[str, str]:
    """An answer's or feedback's own ``[format]`` prefix, else the question's format."""
    if _FORMAT.match(text) is None:
        return default, text
    return _strip_format(text)


def _rich(text: str, text_format: str) -> str:
    plain = unescape(text)
    return html_to_text(plain) if text_format == "html" else plain


def _token(piece: str, text_format: str) -> tuple[Decimal | None, str, str]:
    """One answer ``%w%text#feedback`` as (weight or None, text, feedback)."""
    piece = piece.strip()
    weight: Decimal | None = None
    match = _WEIGHT.match(piece)
    if match:
        weight = credit_from_percent(match.group(1))
        piece = piece[match.end() :]
    answer_format, piece = _own_format(piece, text_format)
    parts = _split_unescaped(piece, "#")
    text = _rich(parts[0][1], answer_format)
    feedback = ""
    if len(parts) > 1:
        feedback_format, feedback_text = _own_format("#".join(p for _, p in parts[1:]), text_format)
        feedback = _rich(feedback_text, feedback_format)
    return weight, text, feedback


def _answer_block(block: str) -> tuple[str, str]:
    """The answers of a block and its general feedback (after ``####``)."""
    index = 0
    while True:
        found = block.find("####", index)
        if found < 0:
            return block, ""
        if found == 0 or block[found - 1] != "\\":
            return block[:found], block[found + 4 :]
        index = found + 4


def _parse_question(
    chunk: str, hint: dict[str, str], article_text: str, taken: set[str], notices: list[Notice]
) -> dict[str, Any] | None:
    """One GIFT question as a bank question dict; None for a description."""
    title = ""
    text = chunk.strip()
    if text.startswith("::"):
        end = text.find("::", 2)
        if end < 0:
            raise _Problem("the question name is not closed: add '::' after it")
        title, text = unescape(text[2:end]), text[end + 2 :]
    text_format, text = _strip_format(text)
    opening = _find_unescaped(text, "{")
    question_id = unique_slug(hint.get("idnumber") or title, f"q{len(taken) + 1}", taken)
    if opening < 0:
        return {"description": _rich(text, text_format), "title": title}
    closing = _find_unescaped(text, "}", opening)
    if closing < 0:
        raise _Problem("the answers are not closed: add '}' after them")
    before = text[:opening]
    block, general = _answer_block(text[opening + 1 : closing])
    after = text[closing + 1 :]
    question: dict[str, Any] = {"id": question_id}
    for key in ("skill", "points"):
        if key in hint:
            question[key] = hint[key] if key == "skill" else Decimal(hint[key])
    if question.get("points") == 1:
        del question["points"]
    if general.strip():
        general_format, general = _own_format(general, text_format)
        question["explanation"] = _rich(general, general_format)
    prompt = _rich(before, text_format)
    body = block.strip()
    if after.strip():
        if _typed_blank(body):
            return _missing_word(question, prompt, _rich(after, text_format), body, text_format)
        # Moodle keeps the question's type and shows the answers' place as a gap in the text.
        prompt = f"{prompt} {GAP} {_rich(after, text_format)}".strip()
    question["prompt"] = prompt
    if not body:
        question["type"] = "written_response"
        return question
    if body.startswith("#"):
        return _numeric(question, body[1:], notices)
    if _TRUE_FALSE.match(body):
        return _true_false(question, body, text_format)
    tokens = [(m, p) for m, p in _split_unescaped(body, "=~") if m or p.strip()]
    if tokens and not tokens[0][0]:
        raise _Problem(f"answers start with '=' or '~', not {tokens[0][1].strip()[:20]!r}")
    if any("->" in piece for _, piece in tokens):
        return _matching(question, tokens, text_format)
    if any(marker == "~" for marker, _ in tokens):
        return _choices(question, tokens, text_format, hint, article_text, notices)
    question["type"] = "short_answer"
    question["answers"] = [_answer(piece, text_format) for _, piece in tokens]
    return question


def _typed_blank(body: str) -> bool:
    """Whether a missing-word block holds typed answers only (``=`` each): a quizapp cloze."""
    if not body or body.startswith("#") or _TRUE_FALSE.match(body):
        return False
    tokens = [(m, p) for m, p in _split_unescaped(body, "=~") if m or p.strip()]
    return all(marker == "=" for marker, _ in tokens) and not any("->" in p for _, p in tokens)


def _answer(piece: str, text_format: str) -> dict[str, Any]:
    weight, text, feedback = _token(piece, text_format)
    credit = Decimal(1) if weight is None else max(weight, Decimal(0))
    answer: dict[str, Any] = {"text": text, "credit": credit}
    if feedback:
        answer["feedback"] = feedback
    return answer


def _missing_word(
    question: dict[str, Any], before: str, after: str, body: str, text_format: str
) -> dict[str, Any]:
    tokens = [(m, p) for m, p in _split_unescaped(body, "=~") if m or p.strip()]
    question.update(type="cloze", text=f"{before} [[blank]] {after}".strip())
    answers = [_answer(piece, text_format) for _, piece in tokens]
    question["blanks"] = {"blank": answers}
    return question


def _true_false(question: dict[str, Any], body: str, text_format: str) -> dict[str, Any]:
    parts = _split_unescaped(body, "#")
    answer = parts[0][1].strip().upper() in {"T", "TRUE"}
    feedback = [_rich(piece, text_format) for _, piece in parts[1:]]
    wrong = feedback[0] if feedback else ""
    right = feedback[1] if len(feedback) > 1 else ""
    question.update(type="true_false", answer=answer)
    feedback_true, feedback_false = (right, wrong) if answer else (wrong, right)
    if feedback_true:
        question["feedback_true"] = feedback_true
    if feedback_false:
        question["feedback_false"] = feedback_false
    return question


def _number(text: str) -> Decimal:
    try:
        return Decimal(text.strip())
    except InvalidOperation as error:
        raise _Problem(f"{text.strip()!r} is not a number") from error


def _numeric(question: dict[str, Any], body: str, notices: list[Notice]) -> dict[str, Any]:
    question["type"] = "numeric"
    tokens = [(m, p) for m, p in _split_unescaped(body, "=~") if p.strip()]
    answers: list[dict[str, Any]] = []
    for marker, piece in tokens:
        weight, value_text, feedback = _token(piece, "plain")
        if marker == "~" or value_text.strip() == "*":
            notices.append(Notice(question["id"], "a wrong-answer numeric choice is left out"))
            continue
        if ".." in value_text:
            low, high = (_number(part) for part in value_text.split("..", 1))
            value, tolerance = (low + high) / 2, abs(high - low) / 2
        elif ":" in value_text:
            value_part, tolerance_part = value_text.split(":", 1)
            value, tolerance = _number(value_part), abs(_number(tolerance_part))
        else:
            value, tolerance = _number(value_text), Decimal(0)
        answer: dict[str, Any] = {
            "value": value,
            "tolerance": tolerance,
            "credit": Decimal(1) if weight is None else max(weight, Decimal(0)),
        }
        if feedback:
            answer["feedback"] = feedback
        answers.append(answer)
    if not answers:
        raise _Problem("a numeric question needs at least one value after '#'")
    question["answers"] = answers
    return question


def _matching(
    question: dict[str, Any], tokens: list[tuple[str, str]], text_format: str
) -> dict[str, Any]:
    pairs = []
    for _, piece in tokens:
        left, _, right = piece.partition("->")
        item_format, left = _own_format(left, text_format)
        pairs.append((_rich(left, item_format), right.strip()))
    places = [right for _, right in pairs]
    if places != [str(number) for number in range(1, len(pairs) + 1)]:
        raise _Unsupported("matching questions have no quizapp type; remove them or rewrite them")
    question.update(type="ordering", items=[left for left, _ in pairs])
    return question


def _choices(
    question: dict[str, Any],
    tokens: list[tuple[str, str]],
    text_format: str,
    hint: dict[str, str],
    article_text: str,
    notices: list[Notice],
) -> dict[str, Any]:
    choices: list[dict[str, Any]] = []
    weights: list[Decimal] = []
    single = any(marker == "=" for marker, _ in tokens)
    for marker, piece in tokens:
        weight, text, feedback = _token(piece, text_format)
        weights.append(Decimal(0) if weight is None else weight)
        if single:
            correct = marker == "="
            if marker == "~" and weight not in (None, Decimal(0)):
                notices.append(
                    Notice(question["id"], f"partial credit for {text!r} is lost; it counts wrong")
                )
        else:
            correct = weight is not None and weight > 0
        choice: dict[str, Any] = {"text": text, "correct": correct}
        if feedback:
            choice["feedback"] = feedback
        choices.append(choice)
    if hint.get("type") == "evidence" and article_text:
        question.update(type="evidence", evidence=[c["text"] for c in choices if c["correct"]])
        return question
    settle_choices(question, choices, single=single, credits=weights, notices=notices)
    return question


def _chunks(text: str) -> list[tuple[int, str, dict[str, str], str]]:
    """(line, question text, quizapp hint, category) for each question, comments removed."""
    chunks: list[tuple[int, str, dict[str, str], str]] = []
    current: list[str] = []
    start = 0
    hint: dict[str, str] = {}
    category = ""

    def flush() -> None:
        nonlocal hint
        if current:
            chunks.append((start, "\n".join(current), hint, category))
            current.clear()
            hint = {}

    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        if stripped.startswith(HINT):
            for part in stripped[len(HINT) :].split():
                key, _, value = part.partition("=")
                hint[key] = value
            continue
        if stripped.startswith("//"):
            # Moodle writes a question's idnumber into the comment before it: ``[id:a\]b]``.
            found = _IDNUMBER.search(stripped)
            if found:
                hint["idnumber"] = re.sub(r"\\(.)", r"\1", found.group(1)).strip()
            continue
        if stripped.startswith(CATEGORY):
            flush()
            category = stripped[len(CATEGORY) :].strip()
            continue
        if not stripped:
            flush()
            continue
        if not current:
            start = number
        current.append(line)
    flush()
    return chunks


def parse(raw: bytes, source_name: str) -> Parsed:
    """A GIFT file as a bank dict; every question that cannot be read is an issue."""
    text, encoding = decode_text(raw)
    parsed = Parsed()
    if encoding not in {"utf-8", "utf-16-le", "utf-16-be"}:
        parsed.notices.append(Notice("file", f"not UTF-8: read as {encoding}"))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    chunks = _chunks(text)
    bank_hint: dict[str, str] = {}
    for _, _, hint, _ in chunks[:1]:
        bank_hint = hint
    article = ""
    title = ""
    categories: list[str] = []
    questions: list[dict[str, Any]] = []
    taken: set[str] = set()
    for line, chunk, hint, category in chunks:
        if category and category not in categories:
            categories.append(category)
        try:
            question = _parse_question(chunk, hint, article, taken, parsed.notices)
        except _Problem as problem:
            found = parsed.unsupported if isinstance(problem, _Unsupported) else parsed.issues
            found.append(Issue(source_name, line, 1, problem.message))
            continue
        if question is None:
            continue
        if "description" in question:
            if not article:
                article = question["description"]
            else:
                parsed.notices.append(Notice("file", "an extra description question is left out"))
            continue
        if question["type"] == "evidence" and not question.get("evidence"):
            parsed.issues.append(Issue(source_name, line, 1, "no sentence is marked right"))
            continue
        questions.append(question)
        parsed.places.append((line, f"question {question['id']}"))
    if parsed.issues:
        return parsed
    if categories:
        title = re.split(r"(?<!/)/(?!/)", categories[-1])[-1].strip()
    title = title or title_from_source(source_name)
    parsed.data = _bank(bank_hint.get("bank", ""), title, article, questions, parsed, categories)
    return parsed


def _bank(
    bank_id: str,
    title: str,
    article: str,
    questions: list[dict[str, Any]],
    parsed: Parsed,
    categories: list[str],
) -> dict[str, Any]:
    if len(categories) > 1:
        parsed.notices.append(
            Notice("file", f"{len(categories)} categories are merged into one bank")
        )
    return assemble(bank_id or slug(title, "imported-bank"), title, article, questions, parsed)
