"""A teacher's classes and rosters: join codes, adding and importing students, resets, removals.

Every function takes the acting teacher and checks that the class is theirs; a class of another
teacher is reported as :class:`NotFound`, exactly like one that does not exist, so ids cannot be
probed. Students a teacher creates get a temporary password that is returned once (only its hash
is stored). A roster import is checked row by row first and then stored in one transaction: a
file with any problem adds nobody, and the error lists every problem with its line.
"""

from __future__ import annotations

import csv
import io
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

import sqlalchemy as sa
import sqlalchemy.orm as so
from sqlalchemy.exc import IntegrityError

from quizapp.db.engine import write_transaction
from quizapp.db.models import STUDENT, TEACHER, Assignment, Classroom, Enrollment, User
from quizapp.errors import Conflict, Forbidden, InvalidInput, NotFound
from quizapp.services import accounts

# No 0/O, 1/I/L: a code read aloud or copied from a projector cannot be mistyped between them.
JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
JOIN_CODE_LENGTH = 6
TEMPORARY_PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
MAX_CLASS_NAME = 120
MAX_DISPLAY_NAME = 120
MAX_ROSTER_ROWS = 2000
_JOIN_CODE_TRIES = 20


@dataclass(frozen=True)
class ClassSummary:
    """One line of a teacher's class list."""

    id: int
    name: str
    join_code: str
    students: int
    assignments: int


StudentOutcome = Literal["created", "joined", "already_enrolled"]


@dataclass(frozen=True)
class NewStudent:
    """A student added to a class; ``temporary_password`` is None when none was set here."""

    username: str
    display_name: str
    temporary_password: str | None
    # "created": a new account; "joined": one of the teacher's students from another class;
    # "already_enrolled": the student was in this class already, and nothing changed.
    outcome: StudentOutcome = "created"


@dataclass(frozen=True)
class RosterProblem:
    """A row of a roster file that cannot be imported, with its line number (1-based)."""

    line: int
    message: str

    def format(self) -> str:
        return f"line {self.line}: {self.message}"


class RosterInvalid(InvalidInput):
    """A roster file with problems; nothing was imported. ``problems`` lists every one."""

    def __init__(self, problems: Sequence[RosterProblem]) -> None:
        self.problems = list(problems)
        super().__init__(
            f"Nobody was added: the file has {len(self.problems)} problem(s). "
            + "; ".join(problem.format() for problem in self.problems[:5])
        )


def new_join_code() -> str:
    return "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


def new_temporary_password() -> str:
    """Twelve random characters in groups of four ("k7mq-2bxe-9ptr"): easy to read out."""
    chars = [secrets.choice(TEMPORARY_PASSWORD_ALPHABET) for _ in range(12)]
    return "-".join("".join(chars[i : i + 4]) for i in range(0, 12, 4))


def _require_teacher(user: User) -> None:
    if user.role != TEACHER:
        raise Forbidden("Only teachers manage classes.")


def owned_class(session: so.Session, teacher: User, class_id: int) -> Classroom:
    """The class ``class_id`` if ``teacher`` owns it, else :class:`NotFound`."""
    _require_teacher(teacher)
    classroom = session.get(Classroom, class_id)
    if classroom is None or classroom.teacher_id != teacher.id:
        raise NotFound("There is no such class among yours.")
    return classroom


def create_class(session: so.Session, teacher: User, name: str) -> Classroom:
    """Create a class with a fresh join code (unique across the site)."""
    _require_teacher(teacher)
    name = name.strip()
    if not name or len(name) > MAX_CLASS_NAME:
        raise InvalidInput(f"A class name is 1 to {MAX_CLASS_NAME} characters.")
    for _ in range(_JOIN_CODE_TRIES):
        code = new_join_code()
        try:
            with write_transaction(session):
                taken = session.scalar(sa.select(Classroom.id).where(Classroom.join_code == code))
                if taken is not None:
                    continue
                classroom = Classroom(name=name, join_code=code, teacher_id=teacher.id)
                session.add(classroom)
        except IntegrityError:
            continue  # another process took the same code between our check and insert
        return classroom
    raise Conflict("Could not find a free join code; try again.")


def list_classes(
    session: so.Session, teacher: User, *, archived: bool = False
) -> list[ClassSummary]:
    """The teacher's classes by name, with how many students and assignments (not archived)
    each has: those in use, or with ``archived`` the archived ones."""
    _require_teacher(teacher)
    students = (
        sa.select(sa.func.count(Enrollment.id))
        .where(Enrollment.classroom_id == Classroom.id)
        .scalar_subquery()
    )
    assignments = (
        sa.select(sa.func.count(Assignment.id))
        .where(Assignment.classroom_id == Classroom.id, Assignment.archived_at.is_(None))
        .scalar_subquery()
    )
    rows = session.execute(
        sa.select(Classroom.id, Classroom.name, Classroom.join_code, students, assignments)
        .where(
            Classroom.teacher_id == teacher.id,
            Classroom.archived_at.is_not(None) if archived else Classroom.archived_at.is_(None),
        )
        .order_by(Classroom.name, Classroom.id)
    )
    return [ClassSummary(*row) for row in rows]


def roster(session: so.Session, teacher: User, class_id: int) -> list[User]:
    """The students of the teacher's class, by display name."""
    owned_class(session, teacher, class_id)
    return enrolled_students(session, class_id)


def enrolled_students(session: so.Session, class_id: int) -> list[User]:
    """The students of the class, by display name (the caller has checked who may see them)."""
    return list(
        session.scalars(
            sa.select(User)
            .join(Enrollment, Enrollment.student_id == User.id)
            .where(Enrollment.classroom_id == class_id)
            .order_by(User.display_name, User.username)
        )
    )


def _problem(check: Callable[[str], None], value: str) -> str | None:
    """The message of the account rule ``check`` broken by ``value``, or None."""
    try:
        check(value)
    except InvalidInput as error:
        return str(error)
    return None


def _display_name_problem(display_name: str) -> str | None:
    if len(display_name) > MAX_DISPLAY_NAME:
        return f"a display name is at most {MAX_DISPLAY_NAME} characters"
    return None


def _teacher_student_ids(session: so.Session, teacher: User) -> set[int]:
    """Students already in one of the teacher's classes (they may be added to another)."""
    return set(
        session.scalars(
            sa.select(Enrollment.student_id)
            .join(Classroom, Classroom.id == Enrollment.classroom_id)
            .where(Classroom.teacher_id == teacher.id)
        )
    )


@dataclass(frozen=True)
class _PlannedStudent:
    line: int
    username: str
    display_name: str
    password: str | None
    existing: User | None


def _plan_student(
    session: so.Session,
    teacher: User,
    line: int,
    username: str,
    display_name: str,
    password: str | None,
    own_students: set[int],
) -> tuple[_PlannedStudent | None, list[str]]:
    """Check one student to add; either a plan or the problems with it."""
    name = accounts.normalise_username(username)
    display_name = display_name.strip()
    problems = [
        problem
        for problem in (
            _problem(accounts.check_username, name),
            _display_name_problem(display_name),
            _problem(accounts.check_new_password, password) if password else None,
        )
        if problem
    ]
    existing = session.scalar(sa.select(User).where(User.username == name)) if name else None
    if existing is not None:
        # An account of one of this teacher's students may join another of their classes;
        # any other taken name is refused without saying whose it is.
        if existing.role != STUDENT or existing.id not in own_students:
            problems.append(f"the username {name!r} is taken; choose another")
        elif password:
            problems.append(f"{name!r} already has an account; leave its password empty to add it")
    if problems:
        return None, problems
    return _PlannedStudent(line, name, display_name or name, password, existing), []


def _store_students(
    session: so.Session, classroom_id: int, planned: Sequence[_PlannedStudent]
) -> list[NewStudent]:
    """Create the new accounts and enrolments inside the caller's transaction."""
    added = []
    for plan in planned:
        temporary = None
        if plan.existing is None:
            temporary = None if plan.password else new_temporary_password()
            user = User(
                username=plan.username,
                display_name=plan.display_name,
                password_hash=accounts.hash_password(plan.password or temporary or ""),
                role=STUDENT,
                must_change_password=temporary is not None,
            )
            session.add(user)
            session.flush()
        else:
            user = plan.existing
        newly = accounts.enrol(session, classroom_id, user.id)
        outcome: StudentOutcome = (
            "created" if plan.existing is None else "joined" if newly else "already_enrolled"
        )
        added.append(NewStudent(user.username, user.display_name, temporary, outcome))
    return added


def add_student(
    session: so.Session,
    teacher: User,
    class_id: int,
    *,
    username: str,
    display_name: str = "",
    password: str | None = None,
) -> NewStudent:
    """Add one student: a new account (with a temporary password unless one is given), or one
    of the teacher's students from another class."""
    owned_class(session, teacher, class_id)
    plan, problems = _plan_student(
        session,
        teacher,
        1,
        username,
        display_name,
        password or None,
        _teacher_student_ids(session, teacher),
    )
    if plan is None:
        message = "; ".join(problems)
        raise InvalidInput(message[0].upper() + message[1:] + ".")
    try:
        with write_transaction(session):
            return _store_students(session, class_id, [plan])[0]
    except IntegrityError as error:
        raise Conflict(f"The username {plan.username!r} was just taken; choose another.") from error


def parse_roster_csv(text: str) -> list[tuple[int, list[str]]]:
    """Rows of a roster file with their line numbers; a first row naming the columns is skipped."""
    rows = []
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    for cells in reader:
        cells = [cell.strip() for cell in cells]
        if not any(cells):
            continue
        rows.append((reader.line_num, cells))
    if rows and rows[0][1][0].casefold() == "username":
        rows = rows[1:]
    return rows


def import_roster(session: so.Session, teacher: User, class_id: int, text: str) -> list[NewStudent]:
    """Import ``username,display_name[,password]`` rows; all of them, or none and every problem."""
    owned_class(session, teacher, class_id)
    try:
        rows = parse_roster_csv(text)
    except csv.Error as error:
        raise RosterInvalid([RosterProblem(0, f"the file is not valid CSV ({error})")]) from error
    if not rows:
        raise RosterInvalid([RosterProblem(1, "the file has no students")])
    if len(rows) > MAX_ROSTER_ROWS:
        raise RosterInvalid(
            [RosterProblem(rows[MAX_ROSTER_ROWS][0], f"at most {MAX_ROSTER_ROWS} students a file")]
        )
    own_students = _teacher_student_ids(session, teacher)
    problems: list[RosterProblem] = []
    planned: list[_PlannedStudent] = []
    first_line: dict[str, int] = {}
    for line, cells in rows:
        if len(cells) < 1 or len(cells) > 3:
            problems.append(
                RosterProblem(
                    line, f"expected username,display_name[,password], got {len(cells)} column(s)"
                )
            )
            continue
        username, display_name, password = [*cells, "", ""][:3]
        name = accounts.normalise_username(username)
        if name in first_line:
            problems.append(RosterProblem(line, f"{name!r} is already on line {first_line[name]}"))
            continue
        first_line[name] = line
        plan, row_problems = _plan_student(
            session, teacher, line, username, display_name, password or None, own_students
        )
        problems.extend(RosterProblem(line, problem) for problem in row_problems)
        if plan is not None:
            planned.append(plan)
    if problems:
        raise RosterInvalid(problems)
    try:
        with write_transaction(session):
            return _store_students(session, class_id, planned)
    except IntegrityError as error:
        raise Conflict("A username in the file was just taken; import the file again.") from error


def _enrolled_student(session: so.Session, class_id: int, student_id: int) -> User:
    student = session.scalar(
        sa.select(User)
        .join(Enrollment, Enrollment.student_id == User.id)
        .where(Enrollment.classroom_id == class_id, User.id == student_id)
    )
    if student is None:
        raise NotFound("That student is not in this class.")
    return student


def reset_password(session: so.Session, teacher: User, class_id: int, student_id: int) -> str:
    """Give a student of the class a new temporary password and return it (shown once)."""
    owned_class(session, teacher, class_id)
    student = _enrolled_student(session, class_id, student_id)
    temporary = new_temporary_password()
    accounts.set_password(session, student, temporary, temporary=True)
    return temporary


def remove_student(session: so.Session, teacher: User, class_id: int, student_id: int) -> User:
    """Take a student out of the class; the account and its past attempts are kept."""
    owned_class(session, teacher, class_id)
    with write_transaction(session):
        enrollment = session.scalar(
            sa.select(Enrollment).where(
                Enrollment.classroom_id == class_id, Enrollment.student_id == student_id
            )
        )
        if enrollment is None:
            raise NotFound("That student is not in this class.")
        student = enrollment.student
        session.delete(enrollment)
    return student
