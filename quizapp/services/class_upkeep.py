"""Looking after a teacher's classes and assignments: renaming a class, archiving (and
restoring) a class or an assignment.

Archiving hides, it never deletes. An archived class leaves the teacher's dashboard for its
"Archived classes" list and takes no new students by its join code; its roster, assignments and
attempts stay, and every page of it still opens. An archived assignment leaves the class page's
list and the dashboard's recent ones for the class page's "Archived assignments"; archiving one
that is still open closes it first (as Close does), so no student is left in a quiz nobody can
see, and restoring it never reopens it: the teacher changes its dates for that. An assignment is
renamed on its edit page, with the rest of its settings.
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy.orm as so

from quizapp.db.engine import write_transaction
from quizapp.db.models import Assignment, Classroom, User
from quizapp.errors import InvalidInput
from quizapp.services.assignments import close_at, owned_assignment
from quizapp.services.classes import MAX_CLASS_NAME, owned_class


def rename_class(session: so.Session, teacher: User, class_id: int, name: str) -> Classroom:
    """Give the teacher's class a new name (the join code stays)."""
    owned_class(session, teacher, class_id)
    name = " ".join(name.split())
    if not name or len(name) > MAX_CLASS_NAME:
        raise InvalidInput(f"A class name is 1 to {MAX_CLASS_NAME} characters.")
    with write_transaction(session):
        classroom = session.get(Classroom, class_id, with_for_update=True, populate_existing=True)
        assert classroom is not None  # owned_class found it
        classroom.name = name
    return classroom


def set_class_archived(
    session: so.Session, teacher: User, class_id: int, archived: bool, now: dt.datetime
) -> Classroom:
    """Archive the teacher's class or bring it back to their lists."""
    owned_class(session, teacher, class_id)
    with write_transaction(session):
        classroom = session.get(Classroom, class_id, with_for_update=True, populate_existing=True)
        assert classroom is not None
        if not archived:
            classroom.archived_at = None
        elif classroom.archived_at is None:
            classroom.archived_at = now
    return classroom


def set_assignment_archived(
    session: so.Session, teacher: User, assignment_id: int, archived: bool, now: dt.datetime
) -> Assignment:
    """Archive an assignment of the teacher's (closing it first if open) or restore it."""
    owned_assignment(session, teacher, assignment_id)
    with write_transaction(session):
        assignment = session.get(
            Assignment, assignment_id, with_for_update=True, populate_existing=True
        )
        assert assignment is not None
        if not archived:
            assignment.archived_at = None
        elif assignment.archived_at is None:
            close_at(assignment, now)
            assignment.archived_at = now
    return assignment
