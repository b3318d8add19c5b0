"""Accounts: creating users, checking passwords, and students joining classes by code.

Passwords are hashed with scrypt (werkzeug's implementation); usernames are case-folded so one
person cannot end up with two accounts that differ only in capitals.
"""

from __future__ import annotations

import functools

import sqlalchemy as sa
import sqlalchemy.orm as so
from werkzeug.security import check_password_hash, generate_password_hash

from quizapp.db.engine import write_transaction

# The roles and the account type are re-exported for the adapters, which import no models.
from quizapp.db.models import STUDENT as STUDENT
from quizapp.db.models import TEACHER as TEACHER
from quizapp.db.models import Classroom, Enrollment
from quizapp.db.models import User as User
from quizapp.errors import Conflict, InvalidInput, NotFound

MIN_PASSWORD_LENGTH = 8
MAX_PASSWORD_LENGTH = 128
ROLES = (TEACHER, STUDENT)


@functools.cache
def _dummy_hash() -> str:
    """Checked against when the username is unknown, so that a wrong name and a wrong password
    take the same time and an attacker cannot learn which usernames exist. Made on first use:
    scrypt costs about 0.1 s, which every process start would otherwise pay."""
    return generate_password_hash("not a real password")


def normalise_username(username: str) -> str:
    return username.strip().casefold()


def check_username(username: str) -> None:
    """Raise :class:`InvalidInput` unless ``username`` (already normalised) is well-formed."""
    if not username or len(username) > 64 or not all(c.isalnum() or c in "._-" for c in username):
        raise InvalidInput("A username is 1 to 64 letters, digits, dots, dashes or underscores.")


def check_new_password(password: str) -> None:
    """Raise :class:`InvalidInput` when ``password`` is too short or too long."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidInput(f"Choose a password of at least {MIN_PASSWORD_LENGTH} characters.")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise InvalidInput(f"Choose a password of at most {MAX_PASSWORD_LENGTH} characters.")


def create_user(
    session: so.Session, *, username: str, password: str, role: str, display_name: str = ""
) -> User:
    """Create an account; the username must be free and the password long enough."""
    name = normalise_username(username)
    check_username(name)
    if role not in ROLES:
        raise InvalidInput(f"Role must be one of {', '.join(ROLES)}, not {role!r}.")
    check_new_password(password)
    with write_transaction(session):
        if session.scalar(sa.select(User.id).where(User.username == name)) is not None:
            raise Conflict(f"The username {name!r} is taken; choose another.")
        user = User(
            username=name,
            display_name=display_name.strip() or name,
            password_hash=generate_password_hash(password),
            role=role,
        )
        session.add(user)
    return user


def authenticate(session: so.Session, username: str, password: str) -> User | None:
    """The user whose name and password these are, or None (never says which one was wrong)."""
    user = session.scalar(sa.select(User).where(User.username == normalise_username(username)))
    if user is None:
        check_password_hash(_dummy_hash(), password)
        return None
    return user if check_password_hash(user.password_hash, password) else None


def get_user(session: so.Session, user_id: int) -> User | None:
    return session.get(User, user_id)


def set_password(
    session: so.Session, user: User, new_password: str, *, temporary: bool = False
) -> User:
    """Give ``user`` a new password and end every session they have; a ``temporary`` one (a
    teacher's reset) must be changed at the next login. Returns the stored user."""
    check_new_password(new_password)
    with write_transaction(session):
        stored = session.get(User, user.id)
        if stored is None:
            raise NotFound("That account no longer exists.")
        stored.password_hash = generate_password_hash(new_password)
        stored.must_change_password = temporary
        stored.session_version += 1
    return stored


def end_sessions(session: so.Session, user: User) -> None:
    """End every login of ``user``, on every device (logging out does this)."""
    with write_transaction(session):
        session.execute(
            sa.update(User)
            .where(User.id == user.id)
            .values(session_version=User.session_version + 1)
        )


def user_for_login_id(session: so.Session, login_id: str) -> User | None:
    """The user a session's ``"<id>:<version>"`` names, or None once that version has ended."""
    user_id, _, version = login_id.partition(":")
    if not (user_id.isdecimal() and version.isdecimal()) or len(user_id) > 18:
        return None
    user = session.get(User, int(user_id))
    if user is None or str(user.session_version) != version:
        return None
    return user


def find_classroom(session: so.Session, join_code: str) -> Classroom:
    """The class with ``join_code`` (any case, spaces ignored), or :class:`NotFound`."""
    code = join_code.strip().upper()
    classroom = session.scalar(sa.select(Classroom).where(Classroom.join_code == code))
    if classroom is None:
        raise NotFound(f"No class has the join code {code!r}; check it with your teacher.")
    return classroom


def join_classroom(session: so.Session, student: User, join_code: str) -> Classroom:
    """Enrol ``student`` in the class with ``join_code`` (joining twice is harmless)."""
    if student.role != STUDENT:
        raise InvalidInput("Only student accounts join classes with a code.")
    with write_transaction(session):
        classroom = find_classroom(session, join_code)
        enrol(session, classroom.id, student.id)
    return classroom


def enrol(session: so.Session, classroom_id: int, student_id: int) -> bool:
    """Enrol the student in the class unless they already are (inside a write transaction).

    Whether they were newly enrolled."""
    enrolled = session.scalar(
        sa.select(Enrollment.id).where(
            Enrollment.classroom_id == classroom_id, Enrollment.student_id == student_id
        )
    )
    if enrolled is None:
        session.add(Enrollment(classroom_id=classroom_id, student_id=student_id))
    return enrolled is None
