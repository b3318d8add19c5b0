"""A quiz in progress as its teacher watches it: per enrolled student, whether they have started,
how many questions their current attempt has answered, whether it is submitted, and the time left.

The teacher's page polls this every few seconds, so it is read in two statements whatever the
class size: the assignment with its class and pinned bank version (ownership is part of that
query), then the roster joined to each student's latest attempt and its count of answers. The bank
itself comes from the bank cache, so only the question count is taken from it. Nothing here reads
a grade or an answer's text: the view shows progress, never what was answered or scored.

Time left is the attempt's own deadline (time limit or closing time, whichever is first, as the
attempt rules decide it, a reopened attempt included); for a student who has not started, it is
what starting now would give them, their extra time included.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass

import sqlalchemy as sa
import sqlalchemy.orm as so

from quizapp.db.models import (
    IN_PROGRESS,
    SUBMITTED,
    TEACHER,
    Accommodation,
    Assignment,
    Attempt,
    BankVersion,
    Classroom,
    Enrollment,
    User,
)
from quizapp.db.models import Response as ResponseRow
from quizapp.domain.quiz import Availability, availability
from quizapp.errors import Forbidden, NotFound
from quizapp.services import accommodations
from quizapp.services import banks as bank_service
from quizapp.services.attempts import effective_deadline

NOT_YOURS = "There is no such assignment in your classes."
# A stored response with no field left, as the JSON column writes it.
EMPTY_RESPONSE = "{}"


class LiveStatus(enum.StrEnum):
    """Where one student stands on the quiz right now."""

    NOT_STARTED = "not_started"
    ANSWERING = "answering"
    # Still in progress past its deadline: it is submitted with its saved answers at the next
    # request that touches it (the student's, or the scheduled job).
    TIME_UP = "time_up"
    SUBMITTED = "submitted"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    LiveStatus.NOT_STARTED: "Not started",
    LiveStatus.ANSWERING: "Answering",
    LiveStatus.TIME_UP: "Time is up",
    LiveStatus.SUBMITTED: "Submitted",
}


@dataclass(frozen=True)
class StudentProgress:
    student_id: int
    name: str
    username: str
    status: LiveStatus
    attempts: int  # attempts started, this one included
    attempts_allowed: int | None  # extra attempts included; None: unlimited
    answered: int  # questions of the current attempt with a non-blank saved answer
    seconds_left: int | None  # None: no time limit applies (or nothing is left to time)
    seconds_since_save: int | None  # None: nothing saved in the current attempt yet

    @property
    def time_left(self) -> str:
        """The time left as the page writes it."""
        if self.status is LiveStatus.SUBMITTED:
            return "–"
        if self.seconds_left is None:
            return "No time limit"
        if self.seconds_left <= 0:
            return "None"
        minutes, seconds = divmod(self.seconds_left, 60)
        hours, minutes = divmod(minutes, 60)
        if hours:
            return f"{hours} h {minutes:02d} min"
        return f"{minutes} min {seconds:02d} s"

    @property
    def last_saved(self) -> str:
        """How long ago the current attempt last saved an answer, as the page writes it."""
        if self.seconds_since_save is None:
            return "–"
        if self.seconds_since_save < 60:
            return f"{self.seconds_since_save} s ago"
        return f"{self.seconds_since_save // 60} min ago"


@dataclass(frozen=True)
class LiveProgress:
    assignment: Assignment
    questions: int
    availability: Availability
    students: list[StudentProgress]
    at: dt.datetime

    def count(self, status: LiveStatus) -> int:
        return sum(student.status is status for student in self.students)

    @property
    def summary(self) -> str:
        """One sentence for the page's status line (read out by screen readers on change)."""
        total = len(self.students)
        started = total - self.count(LiveStatus.NOT_STARTED)
        submitted = self.count(LiveStatus.SUBMITTED)
        return f"{started} of {total} started, {submitted} submitted."

    def as_json(self) -> dict[str, object]:
        """What the polling page reads: the same facts the HTML table shows."""
        return {
            "assignment_id": self.assignment.id,
            "questions": self.questions,
            "at": self.at.isoformat(),
            "summary": self.summary,
            "students": [
                {
                    "id": s.student_id,
                    "name": s.name,
                    "status": str(s.status),
                    "status_label": s.status.label,
                    "attempts": s.attempts,
                    "attempts_allowed": s.attempts_allowed,
                    "answered": s.answered,
                    "seconds_left": s.seconds_left,
                    "time_left": s.time_left,
                    "last_saved": s.last_saved,
                }
                for s in self.students
            ],
        }


def _owned_assignment(session: so.Session, teacher: User, assignment_id: int) -> Assignment:
    """The assignment with its class and version, one statement; NotFound for another's."""
    if teacher.role != TEACHER:
        raise Forbidden("Only teachers watch a quiz in progress.")
    assignment = session.scalar(
        sa.select(Assignment)
        .join(Classroom, Classroom.id == Assignment.classroom_id)
        .where(Assignment.id == assignment_id, Classroom.teacher_id == teacher.id)
        .options(
            so.contains_eager(Assignment.classroom),
            # The cache needs only the content hash; the YAML is read on a cache miss alone.
            so.joinedload(Assignment.bank_version, innerjoin=True).defer(BankVersion.yaml_text),
        )
    )
    if assignment is None:
        raise NotFound(NOT_YOURS)
    return assignment


def _seconds_until(when: dt.datetime | None, now: dt.datetime) -> int | None:
    return None if when is None else max(0, int((when - now).total_seconds()))


def _time_for_a_start(
    assignment: Assignment, extras: accommodations.Extras, now: dt.datetime
) -> int | None:
    """What a student who starts now would have: their time limit (extra time included), cut
    short by the closing time."""
    limits: list[int] = []
    limit = accommodations.time_limit_minutes(assignment, extras)
    if limit:
        limits.append(limit * 60)
    until_close = _seconds_until(assignment.closes_at, now)
    if until_close is not None:
        limits.append(until_close)
    return min(limits) if limits else None


def live_progress(
    session: so.Session, teacher: User, assignment_id: int, now: dt.datetime
) -> LiveProgress:
    """Every enrolled student's progress on the assignment at ``now`` (two statements)."""
    assignment = _owned_assignment(session, teacher, assignment_id)
    questions = len(bank_service.load_version_bank(assignment.bank_version).questions)

    latest = (
        sa.select(
            Attempt.student_id,
            sa.func.max(Attempt.number).label("number"),
            sa.func.count(Attempt.id).label("attempts"),
        )
        .where(Attempt.assignment_id == assignment_id)
        .group_by(Attempt.student_id)
        .subquery()
    )
    # Counted in the database, one row per attempt, so a poll reads one row per student however
    # many questions there are. A save keeps only non-blank fields, so an answer cleared again
    # is stored as "{}" and is not counted.
    saves = (
        sa.select(
            ResponseRow.attempt_id,
            sa.func.sum(
                sa.case((sa.cast(ResponseRow.data, sa.String) != EMPTY_RESPONSE, 1), else_=0)
            ).label("answered"),
            sa.func.max(ResponseRow.saved_at).label("last_saved_at"),
        )
        .join(Attempt, Attempt.id == ResponseRow.attempt_id)
        .where(Attempt.assignment_id == assignment_id)
        .group_by(ResponseRow.attempt_id)
        .subquery()
    )
    rows = session.execute(
        sa.select(
            User.id,
            User.display_name,
            User.username,
            latest.c.attempts,
            Attempt,
            saves.c.answered,
            saves.c.last_saved_at,
            Accommodation.extra_minutes,
            Accommodation.extra_attempts,
        )
        .select_from(Enrollment)
        .join(User, User.id == Enrollment.student_id)
        .outerjoin(latest, latest.c.student_id == User.id)
        .outerjoin(
            Attempt,
            sa.and_(
                Attempt.assignment_id == assignment_id,
                Attempt.student_id == User.id,
                Attempt.number == latest.c.number,
            ),
        )
        .outerjoin(saves, saves.c.attempt_id == Attempt.id)
        .outerjoin(
            Accommodation,
            sa.and_(
                Accommodation.assignment_id == assignment_id,
                Accommodation.student_id == User.id,
            ),
        )
        .where(Enrollment.classroom_id == assignment.classroom_id)
        # Only what the status and the time left need: not the layout (the bulk of the row),
        # and not the grade, which this view never shows.
        .options(so.load_only(Attempt.id, Attempt.state, Attempt.deadline, Attempt.reopened_at))
        .order_by(User.display_name, User.username, User.id)
    ).all()
    return LiveProgress(
        assignment,
        questions,
        availability(assignment.opens_at, assignment.closes_at, now),
        [_progress_of(assignment, row, now) for row in rows],
        now,
    )


def _progress_of(
    assignment: Assignment, row: sa.Row[tuple[object, ...]], now: dt.datetime
) -> StudentProgress:
    attempt: Attempt | None = row.Attempt
    extras = accommodations.Extras(row.extra_minutes or 0, row.extra_attempts or 0)
    if attempt is None:
        status = LiveStatus.NOT_STARTED
        seconds_left = _time_for_a_start(assignment, extras, now)
    elif attempt.state == SUBMITTED:
        status, seconds_left = LiveStatus.SUBMITTED, None
    else:
        assert attempt.state == IN_PROGRESS
        seconds_left = _seconds_until(effective_deadline(attempt, assignment), now)
        status = LiveStatus.TIME_UP if seconds_left == 0 else LiveStatus.ANSWERING
    last_saved_at: dt.datetime | None = row.last_saved_at
    return StudentProgress(
        student_id=row.id,
        name=row.display_name,
        username=row.username,
        status=status,
        attempts=row.attempts or 0,
        attempts_allowed=accommodations.attempts_allowed(assignment, extras),
        answered=row.answered or 0,
        seconds_left=seconds_left,
        seconds_since_save=None
        if last_saved_at is None
        else max(0, int((now - last_saved_at).total_seconds())),
    )
