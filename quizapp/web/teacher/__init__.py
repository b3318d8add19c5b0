"""The teacher's pages, by area: classes and rosters, banks (upload, YAML editor, versions),
bank upkeep (rename, archive, duplicate), class upkeep (rename and archive a class, archive
an assignment), a bank previewed as a student, assignments, results
with item statistics, accepted answers and CSV export, each student's work (marking by hand,
reopening, extras), and the live view of a quiz in progress.

Every view is ``teacher_required``, builds its form, calls one service and renders; the
services check that the class, assignment or bank belongs to the logged-in teacher (another
teacher's is "not found"), so no view trusts an id from the URL on its own. Forms live in
``forms``, and what the pages draw (charts, annotated YAML) in ``presentation``. A form the
services refuse is shown again with each problem beside its field and every value kept.
"""

from __future__ import annotations

# Importing the view modules registers their routes on the blueprint.
from quizapp.web.teacher import (
    assignments,
    bank_upkeep,
    banks,
    class_upkeep,
    classes,
    live,
    preview,
    results,
    students,
)
from quizapp.web.teacher.blueprint import bp

__all__ = [
    "assignments",
    "bank_upkeep",
    "banks",
    "bp",
    "class_upkeep",
    "classes",
    "live",
    "preview",
    "results",
    "students",
]
