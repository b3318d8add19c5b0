"""What the teacher's pages draw from service results: the score histogram, annotated YAML.

Plain data for the templates, with no request or database in sight, so the views stay thin.
"""

from __future__ import annotations

from typing import Any

from quizapp.errors import Issue
from quizapp.services import results as result_service


def distribution_chart(bins: list[result_service.DistributionBin]) -> dict[str, Any]:
    """Geometry of the score histogram, drawn as SVG in the template (no script needed)."""
    width, height, gap = 400, 160, 4
    tallest = max((b.count for b in bins), default=0) or 1
    bar_width = width / len(bins) if bins else width
    bars = []
    for index, item in enumerate(bins):
        bar_height = round(height * item.count / tallest)
        bars.append(
            {
                "x": round(index * bar_width + gap / 2, 1),
                "y": height - bar_height,
                "width": round(bar_width - gap, 1),
                "height": bar_height,
                "label": item.label,
                "count": item.count,
                "low": item.low,
            }
        )
    return {"width": width, "height": height, "bars": bars}


# A page lists this many problems, then says how many more: a bank with 190,000 unknown keys
# made an error page of 29.5 MB. The templates read it as ``max_listed_problems``.
MAX_LISTED_PROBLEMS = 200


def annotated_lines(text: str, issues: list[Issue]) -> list[dict[str, Any]]:
    """The YAML with line numbers, each line carrying the problems reported on it (the first
    :data:`MAX_LISTED_PROBLEMS` of them)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    by_line: dict[int, list[Issue]] = {}
    for issue in issues[:MAX_LISTED_PROBLEMS]:
        # An issue past the end (say, a missing key at end of file) is shown on the last line.
        number = min(max(issue.line, 1), len(lines))
        by_line.setdefault(number, []).append(issue)
    return [
        {"number": index, "text": line, "issues": by_line.get(index, [])}
        for index, line in enumerate(lines, start=1)
    ]
