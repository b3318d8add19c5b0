"""Moodle's embedded answers (Cloze, ``multianswer``): the ``{1:KIND:answers}`` blank syntax.

A blank is ``{weight:KIND:answer~answer...}``: the weight (marks, 1 when empty), the kind
(short answer, numerical, multiple choice, multiple response, each with its short aliases and
display variants) and answers that start with ``=`` (full credit) or ``%n%`` (n percent), with
``#feedback`` after each; a numerical answer is ``value:tolerance``. ``\\`` escapes the
characters that carry meaning. ``read_blanks`` finds every blank of a question text and
replaces each with its ``[[blank-N]]`` placeholder; ``write_blank`` writes a short-answer
blank. Deciding which quizapp type a question becomes is the format module's job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from quizapp.banks import schema
from quizapp.banks.formats.base import credit_from_percent, percent
from quizapp.banks.formats.text import html_to_text

SHORT, NUMERIC, CHOICE, RESPONSE = "short answer", "numerical", "multiple choice", "multi-response"
# Every kind name Moodle accepts -> (its family, whether case matters, whether Moodle shuffles).
KINDS: dict[str, tuple[str, bool, bool]] = {
    **dict.fromkeys(("SHORTANSWER", "SA", "MW"), (SHORT, False, False)),
    **dict.fromkeys(("SHORTANSWER_C", "SAC", "MWC"), (SHORT, True, False)),
    **dict.fromkeys(("NUMERICAL", "NM"), (NUMERIC, False, False)),
    **dict.fromkeys(
        ("MULTICHOICE", "MC", "MULTICHOICE_V", "MCV", "MULTICHOICE_H", "MCH"),
        (CHOICE, False, False),
    ),
    **dict.fromkeys(
        ("MULTICHOICE_S", "MCS", "MULTICHOICE_VS", "MCVS", "MULTICHOICE_HS", "MCHS"),
        (CHOICE, False, True),
    ),
    **dict.fromkeys(("MULTIRESPONSE", "MR", "MULTIRESPONSE_H", "MRH"), (RESPONSE, False, False)),
    **dict.fromkeys(
        ("MULTIRESPONSE_S", "MRS", "MULTIRESPONSE_HS", "MRHS"), (RESPONSE, False, True)
    ),
}
_BLANK = re.compile(r"\{(\d*):([A-Za-z_]+):((?:\\.|[^\\}])*)\}")
_WEIGHT = re.compile(r"^%(-?\d+(?:\.\d+)?)%")
# A blank with its kind but no answers, ``{1:MULTICHOICE}``: Moodle refuses it, so do we.
_BARE_BLANK = re.compile(r"\{(\d*):([A-Za-z_]+)\}")
_SPECIALS = '\\}#~/"='


class EmbeddedUnreadable(ValueError):
    """A blank that cannot be read (a number that is not one, a blank with no answer)."""


class EmbeddedUnknownKind(ValueError):
    """A blank of a kind Moodle's syntax does not define."""


@dataclass(frozen=True)
class EmbeddedAnswer:
    """One answer of a blank; ``tolerance`` is set for numerical answers other than ``*``."""

    text: str
    credit: Decimal
    feedback: str = ""
    tolerance: Decimal | None = None


@dataclass(frozen=True)
class Blank:
    """One ``{n:KIND:...}`` blank: its kind as written, family, marks and answers."""

    kind: str
    family: str
    weight: int
    case_sensitive: bool
    shuffled: bool
    answers: tuple[EmbeddedAnswer, ...]


def escape(text: str) -> str:
    """Text safe inside an embedded answer."""
    for character in _SPECIALS:
        text = text.replace(character, "\\" + character)
    return text


def write_blank(answers: list[schema.AnswerSpec], case_sensitive: bool) -> str:
    """A short-answer blank ``{1:SHORTANSWER:=a~%50%b#feedback}`` for quizapp answers."""
    kind = "SHORTANSWER_C" if case_sensitive else "SHORTANSWER"
    parts = []
    for answer in answers:
        weight = "=" if answer.credit == 1 else f"%{percent(answer.credit)}%"
        feedback = f"#{escape(answer.feedback)}" if answer.feedback else ""
        parts.append(weight + escape(answer.text) + feedback)
    return "{1:" + kind + ":" + "~".join(parts) + "}"


def _split(text: str, separator: str) -> list[str]:
    """``text`` split at each ``separator`` that no backslash escapes."""
    parts, current, index = [], [], 0
    while index < len(text):
        if text[index] == "\\" and index + 1 < len(text):
            current.append(text[index : index + 2])
            index += 2
            continue
        if text[index] == separator:
            parts.append("".join(current))
            current = []
        else:
            current.append(text[index])
        index += 1
    parts.append("".join(current))
    return parts


def _unescape(text: str) -> str:
    # Embedded answers sit inside the HTML question text, so they are HTML too.
    return html_to_text(re.sub(r"\\(.)", r"\1", text).strip())


def _number(text: str, kind: str) -> Decimal:
    try:
        return Decimal(text.strip())
    except InvalidOperation:
        raise EmbeddedUnreadable(
            f"the {kind} blank's answer {text.strip()!r} is not a number"
        ) from None


def _answer(part: str, kind: str, family: str) -> EmbeddedAnswer | None:
    credit = Decimal(1) if part.startswith("=") else Decimal(0)
    part = part.removeprefix("=")
    found = _WEIGHT.match(part)
    if found:
        credit, part = credit_from_percent(found.group(1)), part[found.end() :]
    pieces = _split(part, "#")
    value, feedback = pieces[0], _unescape("#".join(pieces[1:]))
    if family != NUMERIC:
        text = _unescape(value)
        return EmbeddedAnswer(text, credit, feedback) if text else None
    number, *tolerance = _split(value, ":")
    if _unescape(number) in {"", "*"}:
        # Moodle's catch-all: any other number; kept so that the caller can say it is lost.
        return EmbeddedAnswer("*", credit, feedback) if _unescape(number) else None
    return EmbeddedAnswer(
        _unescape(number),
        credit,
        feedback,
        abs(_number(_unescape(tolerance[0]), kind)) if tolerance else Decimal(0),
    )


def _blank(match: re.Match[str]) -> Blank:
    weight, kind, body = match.group(1), match.group(2), match.group(3)
    if kind not in KINDS:
        known = ", ".join(sorted({k for k in KINDS if len(k) > 3}))
        raise EmbeddedUnknownKind(f"a blank of the kind {kind} (Moodle's kinds: {known})")
    family, case_sensitive, shuffled = KINDS[kind]
    answers = [_answer(part, kind, family) for part in _split(body, "~")]
    kept = tuple(answer for answer in answers if answer is not None)
    if family == NUMERIC:
        for answer in kept:
            if answer.tolerance is not None:
                _number(answer.text, kind)
    if not kept:
        raise EmbeddedUnreadable(f"the blank {match.group(0)!r} has no answer")
    if family in {CHOICE, RESPONSE} and len(kept) < 2:
        raise EmbeddedUnreadable(
            f"the {kind} blank {match.group(0)!r} has one choice: a choice needs at least two"
        )
    return Blank(kind, family, int(weight or 1), case_sensitive, shuffled, kept)


def read_blanks(html: str) -> tuple[str, list[Blank]]:
    """The question text with each blank replaced by ``[[blank-N]]``, and the blanks in order.

    EmbeddedUnknownKind for a kind Moodle does not define, EmbeddedUnreadable for a blank that
    cannot be read; both name the blank.
    """
    for bare in _BARE_BLANK.finditer(html):
        if bare.group(2) in KINDS:
            raise EmbeddedUnreadable(
                f"the blank {bare.group(0)!r} has no answers: write them after a colon, "
                f"as in {{1:{bare.group(2)}:=right~wrong}}"
            )
    blanks: list[Blank] = []

    def placeholder(match: re.Match[str]) -> str:
        blanks.append(_blank(match))
        return f"[[blank-{len(blanks)}]]"

    return _BLANK.sub(placeholder, html), blanks
