"""QTI 3.0 response processing that scores exactly as quizapp does, as a fraction 0..1 in
``SCORE``: answers are tried in order and the first match counts, '*' wildcards become
``qti-pattern-match``, numeric tolerances ``qti-equal`` with an absolute tolerance, a cloze
scores the mean of its blanks and an ordering the share of pairs kept in order. ``FEEDBACK``
(multiple identifiers) collects the feedback to show: the choices or answers matched, and
``explanation``. This module holds the expressions and rules the item writers put together.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from quizapp.banks.formats.base import number_text
from quizapp.banks.formats.qti3.elements import add_element, new_element, qname

# XML Schema regular-expression characters that must be escaped in a qti-pattern-match.
_REGEX_SPECIALS = set("\\.?*+{}()[]|^$-")


def set_outcome(parent: Any, outcome_id: str, expression: Any) -> None:
    add_element(parent, "qti-set-outcome-value", identifier=outcome_id).append(expression)


def float_value(value: Decimal | int | str) -> Any:
    text = value if isinstance(value, str) else number_text(Decimal(value))
    return new_element("qti-base-value", text, base_type="float")


def variable(variable_id: str) -> Any:
    return new_element("qti-variable", identifier=variable_id)


def show_feedback(parent: Any, feedback_id: str) -> None:
    """Add ``feedback_id`` to the FEEDBACK outcome (the feedback shown after the attempt)."""
    combined = new_element("qti-multiple")
    combined.append(variable("FEEDBACK"))
    add_element(combined, "qti-base-value", feedback_id, base_type="identifier")
    set_outcome(parent, "FEEDBACK", combined)


def wildcard_pattern(text: str, case_sensitive: bool) -> str:
    """A quizapp answer with '*' wildcards as an XML Schema pattern (always whole-string)."""
    out: list[str] = []
    index = 0
    while index < len(text):
        character = text[index]
        if character == "\\" and text[index + 1 : index + 2] == "*":
            out.append("\\*")
            index += 2
            continue
        if character == "*":
            if not out or out[-1] != ".*":
                out.append(".*")
        elif character in _REGEX_SPECIALS:
            out.append("\\" + character)
        elif not case_sensitive and character.lower() != character.upper():
            out.append(f"[{character.lower()}{character.upper()}]")
        else:
            out.append(character)
        index += 1
    return "".join(out)


def has_wildcard(text: str) -> bool:
    return "*" in text.replace("\\*", "")


def text_test(response_id: str, answer: str, case_sensitive: bool) -> Any:
    if has_wildcard(answer):
        test = new_element("qti-pattern-match", pattern=wildcard_pattern(answer, case_sensitive))
    else:
        test = new_element("qti-string-match", case_sensitive="true" if case_sensitive else "false")
    test.append(variable(response_id))
    if test.tag == qname("qti-string-match"):
        add_element(test, "qti-base-value", answer.replace("\\*", "*"), base_type="string")
    return test


def first_match(parent: Any, tests: list[tuple[Any, Decimal, str]], score_id: str) -> None:
    """Rules: the first test that holds sets ``score_id`` to its credit and shows its feedback."""
    condition = add_element(parent, "qti-response-condition")
    for index, (test, credit, feedback_id) in enumerate(tests):
        branch = add_element(condition, "qti-response-if" if index == 0 else "qti-response-else-if")
        branch.append(test)
        set_outcome(branch, score_id, float_value(credit))
        if feedback_id:
            show_feedback(branch, feedback_id)
    set_outcome(add_element(condition, "qti-response-else"), score_id, float_value(0))
