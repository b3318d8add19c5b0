"""A written response's model answer and rubric as text for the people who mark it.

Moodle's essay keeps them in its grader information and QTI 3.0 in a rubric block for the
scorer; neither has fields for criteria, so every format writes the same few readable lines::

    Model answer:
    Egypt mistrusts Turkey after years of hostility.

    Rubric:
    - reason (2 points): Gives the reason.
    - details (1 point): Uses two details from the article.

and reads them back. Text in another shape (a Moodle teacher's own notes) is read as the
model answer, with no rubric.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from quizapp.banks.formats.base import number_text

MODEL_HEADING = "Model answer:"
RUBRIC_HEADING = "Rubric:"
_CRITERION = re.compile(
    r"^[-•*]\s*(?P<id>[a-z0-9][a-z0-9-]*)\s*\((?P<points>\d+(?:\.\d+)?) points?\):\s*(?P<text>.+)$"
)


def guide_lines(question: Any) -> list[str]:
    """The lines of the marking guide of a written-response spec ([] when it has neither)."""
    lines: list[str] = []
    if question.model_answer.strip():
        lines += [MODEL_HEADING, *question.model_answer.strip().split("\n")]
    if question.rubric:
        if lines:
            lines.append("")
        lines.append(RUBRIC_HEADING)
        for criterion in question.rubric:
            unit = "point" if criterion.points == 1 else "points"
            points = f"{number_text(criterion.points)} {unit}"
            lines.append(f"- {criterion.id} ({points}): {criterion.text}")
    return lines


def guide_text(question: Any) -> str:
    return "\n".join(guide_lines(question))


def read_guide(text: str) -> dict[str, Any]:
    """``model_answer`` and ``rubric`` keys of a written-response dict from a guide's text."""
    lines = [line.strip() for line in text.strip().split("\n")]
    rubric: list[dict[str, Any]] = []
    if RUBRIC_HEADING in lines:
        start = lines.index(RUBRIC_HEADING)
        criteria = [_CRITERION.match(line) for line in lines[start + 1 :] if line]
        if criteria and all(criteria):
            rubric = [
                {
                    "id": match.group("id"),
                    "text": match.group("text").strip(),
                    "points": Decimal(match.group("points")),
                }
                for match in criteria
                if match is not None
            ]
            lines = lines[:start]
    if lines and lines[0] == MODEL_HEADING:
        lines = lines[1:]
    read: dict[str, Any] = {}
    model_answer = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    if model_answer:
        read["model_answer"] = model_answer
    if rubric:
        read["rubric"] = rubric
    return read
