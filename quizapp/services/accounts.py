"""Accounts: creating users, checking passwords, a user's own time zone, and students joining
classes by code.

Passwords are hashed with argon2id at OWASP's baseline (19 MiB, 2 iterations, 1 lane; argon2-cffi);
a hash made before (werkzeug's scrypt) or with other parameters is replaced at the next successful
login. Logins go through :func:`log_in`, which applies the throttle of
:mod:`quizapp.services.login_limits`. Usernames are case-folded so one person cannot end up with
two accounts that differ only in capitals.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import secrets
import zoneinfo

import sqlalchemy as sa
import sqlalchemy.orm as so
from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError
from werkzeug.security import check_password_hash

from quizapp.db.base import utcnow
from quizapp.db.engine import write_transaction

# The roles and the account type are re-exported for the adapters, which import no models.
from quizapp.db.models import STUDENT as STUDENT
from quizapp.db.models import TEACHER as TEACHER
from quizapp.db.models import Classroom, Enrollment
from quizapp.db.models import User as User
from quizapp.errors import Conflict, InvalidInput, NotFound
from quizapp.services import login_limits

MIN_PASSWORD_LENGTH = 8
MAX_PASSWORD_LENGTH = 128
ROLES = (TEACHER, STUDENT)


@dataclasses.dataclass(frozen=True)
class HashCost:
    """Argon2id's cost: memory in KiB, iterations and lanes."""

    memory_kib: int
    iterations: int
    lanes: int = 1


OWASP_BASELINE = HashCost(memory_kib=19 * 1024, iterations=2)


class _Hashing:
    """The hasher in use, and the hash checked when a username is unknown (so a wrong name
    and a wrong password take the same time). Made on first use: every process start would
    otherwise pay for a hash."""

    def __init__(self, cost: HashCost) -> None:
        self.cost = cost
        self.hasher = PasswordHasher(
            time_cost=cost.iterations,
            memory_cost=cost.memory_kib,
            parallelism=cost.lanes,
            type=Type.ID,
        )
        self._dummy: str | None = None

    @property
    def dummy(self) -> str:
        if self._dummy is None:
            self._dummy = self.hasher.hash("not a real password")
        return self._dummy


_hashing = _Hashing(OWASP_BASELINE)


def use_hash_cost(cost: HashCost) -> None:
    """Hash new passwords with ``cost`` (the app and the CLI set it from the configuration)."""
    global _hashing
    if cost != _hashing.cost:
        _hashing = _Hashing(cost)


def hash_password(password: str) -> str:
    return _hashing.hasher.hash(password)


def _verify(stored_hash: str, password: str) -> bool:
    if stored_hash.startswith("$argon2"):
        try:
            return _hashing.hasher.verify(stored_hash, password)
        except (VerificationError, InvalidHashError):
            return False
    # A hash from before argon2id (werkzeug's "scrypt:..." or "pbkdf2:..."), until rehashed.
    return check_password_hash(stored_hash, password)


def _needs_rehash(stored_hash: str) -> bool:
    if not stored_hash.startswith("$argon2"):
        return True
    try:
        return _hashing.hasher.check_needs_rehash(stored_hash)
    except InvalidHashError:
        return True


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
            password_hash=hash_password(password),
            role=role,
        )
        session.add(user)
    return user


def create_joining_student(
    session: so.Session, *, chosen: str, password: str, display_name: str = ""
) -> User:
    """A student account for someone joining by code, named ``chosen`` plus a random number
    ("sam-4821"). The number is added whether or not ``chosen`` is free, so joining never
    tells anyone which usernames exist."""
    base = normalise_username(chosen)[: 64 - 1 - 6]
    check_username(base)
    for digits in (4, 4, 4, 6, 6, 6):
        candidate = f"{base}-{secrets.randbelow(10**digits):0{digits}d}"
        if session.scalar(sa.select(User.id).where(User.username == candidate)) is None:
            try:
                return create_user(
                    session,
                    username=candidate,
                    password=password,
                    role=STUDENT,
                    display_name=display_name or base,
                )
            except Conflict:  # taken between the look and the insert: draw again
                continue
    raise Conflict("No free username was found; try again.")


def authenticate(session: so.Session, username: str, password: str) -> User | None:
    """The user whose name and password these are, or None (never says which one was wrong).
    A right password on an old or weaker hash is rehashed with the current parameters. Not
    throttled: logins go through :func:`log_in`."""
    user = session.scalar(sa.select(User).where(User.username == normalise_username(username)))
    if user is None:
        _verify(_hashing.dummy, password)
        return None
    if not _verify(user.password_hash, password):
        return None
    if _needs_rehash(user.password_hash):
        with write_transaction(session):
            session.execute(
                sa.update(User)
                .where(User.id == user.id, User.password_hash == user.password_hash)
                .values(password_hash=hash_password(password))
            )
        session.refresh(user)
    return user


def log_in(
    session: so.Session,
    username: str,
    password: str,
    *,
    address: str,
    known_device: bool = False,
    now: dt.datetime | None = None,
) -> User | None:
    """:func:`authenticate` behind the login throttle: raises
    :class:`~quizapp.errors.TooManyAttempts` while ``username`` or ``address`` must wait, counts
    a failure, and never counts or limits a success. ``known_device``: the account has logged
    in from this browser before (see :mod:`quizapp.services.login_limits`)."""
    now = now or utcnow()
    account = normalise_username(username)[:64]
    address = address[:64]
    login_limits.check_allowed(session, account, address, now, known_device=known_device)
    user = authenticate(session, account, password)
    if user is None:
        login_limits.record_failure(session, account, address, now)
    else:
        login_limits.forget_failures(session, account, address)
    return user


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
        stored.password_hash = hash_password(new_password)
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
    if classroom.archived_at is not None:
        raise InvalidInput(
            f"The class with the join code {code!r} is archived and takes no new students; "
            "ask your teacher for the code of your current class."
        )
    return classroom


def classroom_to_join(
    session: so.Session, join_code: str, *, address: str, now: dt.datetime | None = None
) -> Classroom:
    """:func:`find_classroom` behind the throttle: a wrong code counts as a failure of
    ``address``, so join codes cannot be guessed at speed."""
    now = now or utcnow()
    login_limits.check_allowed(session, "", address[:64], now)
    try:
        return find_classroom(session, join_code)
    except NotFound:
        login_limits.record_failure(session, "", address[:64], now)
        raise


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


def time_zone_names() -> list[str]:
    """The IANA time zone names a user may choose, sorted (``Europe/London``...)."""
    return sorted(name for name in zoneinfo.available_timezones() if "/" in name)


def set_time_zone(session: so.Session, user: User, name: str | None) -> User:
    """Show and take this user's dates in the zone ``name``; None or "" means the school's."""
    name = (name or "").strip() or None
    if name is not None and name not in zoneinfo.available_timezones():
        raise InvalidInput(
            f"{name!r} is no time zone name; choose one such as Europe/London from the list."
        )
    with write_transaction(session):
        stored = session.get(User, user.id, with_for_update=True, populate_existing=True)
        if stored is None:
            raise NotFound("There is no such account.")
        stored.time_zone = name
    return stored
