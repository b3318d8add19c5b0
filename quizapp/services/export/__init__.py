"""Scores as CSV, streamed row by row so that memory stays flat however many rows there are.

Seven layouts. ``gradebook``: one row per student and quiz with the grading method applied, one
column per question holding the credit (0..1) on the attempt that method picks (for "average",
the mean credit over the submitted attempts), and the total percent; ``points``: the same with
each question's points earned (credit times its points) and the total points and points
possible. ``responses``: one row per saved answer with its summary in words, credit, state and
times (ISO 8601, UTC). ``moodle``, ``canvas`` and ``classroom``: the shapes those gradebooks
import, one row per student and one column per quiz with the points earned (see
``LMS_LEAD_COLUMNS``); ``class``: one row per student, one column per quiz (its points), then
the student's total points, points possible and percent. A teacher's score overrides are in
every layout, as they are in the stored grades.

The file is UTF-8 with a header row and a fixed column order; an option adds the byte-order mark
Excel needs to read UTF-8. Any cell that starts with ``=``, ``+``, ``-``, ``@``, a tab, a carriage
return or a NUL is prefixed with ``'`` so a spreadsheet shows it as text instead of running it as
a formula (OWASP ASVS 1.2.10). Every number we write ourselves (credits, percents, counts) is
zero or more, so one rule covers every cell: a student's typed "-5" comes out as "'-5".

What may be exported is an :class:`ExportScope`: a teacher's is built only from their own
classes (:func:`teacher_scope`); the command line, run by the operator who holds the database
anyway, may export any class (:func:`operator_scope`).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

import sqlalchemy.orm as so

from quizapp.errors import InvalidInput
from quizapp.services.export.base import (
    BOM,
    ExportScope,
    Layout,
    export_filename,
    format_decimal,
    format_time,
    neutralise,
    operator_scope,
    teacher_scope,
)
from quizapp.services.export.gradebook import (
    GRADEBOOK_LEAD_COLUMNS,
    GRADEBOOK_TOTAL_COLUMN,
    gradebook_rows,
)
from quizapp.services.export.lms import CANVAS_POINTS_ROW, LMS_LEAD_COLUMNS, class_rows, lms_rows
from quizapp.services.export.responses import RESPONSE_COLUMNS, response_rows

__all__ = [
    "BOM",
    "CANVAS_POINTS_ROW",
    "GRADEBOOK_LEAD_COLUMNS",
    "GRADEBOOK_TOTAL_COLUMN",
    "LMS_LEAD_COLUMNS",
    "RESPONSE_COLUMNS",
    "ExportScope",
    "Layout",
    "class_rows",
    "csv_lines",
    "export_filename",
    "format_decimal",
    "format_time",
    "gradebook_rows",
    "lms_rows",
    "neutralise",
    "operator_scope",
    "response_rows",
    "teacher_scope",
]


def csv_lines(
    session: so.Session, scope: ExportScope, layout: Layout | str, *, bom: bool = False
) -> Iterator[str]:
    """The CSV file as lines of text (each ending in CRLF), produced as they are read."""
    try:
        layout = Layout(layout)
    except ValueError:
        raise InvalidInput(
            f"The layout must be one of: {', '.join(item.value for item in Layout)}."
        ) from None
    if layout is Layout.GRADEBOOK:
        rows = gradebook_rows(session, scope)
    elif layout is Layout.POINTS:
        rows = gradebook_rows(session, scope, in_points=True)
    elif layout is Layout.CLASS:
        rows = class_rows(session, scope)
    elif layout is Layout.RESPONSES:
        rows = response_rows(session, scope)
    else:
        rows = lms_rows(session, scope, layout)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    first = True
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])
        line = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        if first and bom:
            line = BOM + line
        first = False
        yield line
