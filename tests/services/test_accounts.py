"""Accounts: creating users, passwords, and joining classes by code."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
import sqlalchemy.orm as so
from argon2 import PasswordHasher
from werkzeug.security import generate_password_hash

from quizapp.config import Config
from quizapp.db.engine import write_transaction
from quizapp.db.models import STUDENT, TEACHER, Classroom, Enrollment, User
from quizapp.errors import Conflict, InvalidInput, NotFound
from quizapp.services import accounts
from tests.conftest import TEST_HASH_COST


def test_created_user_can_authenticate_case_insensitively(session: so.Session) -> None:
    user = accounts.create_user(
        session, username="Ada.L", password="long enough", role=STUDENT, display_name="Ada"
    )
    assert user.username == "ada.l"
    assert user.password_hash != "long enough"
    assert accounts.authenticate(session, "ADA.L", "long enough") == user
    assert accounts.authenticate(session, "ada.l", "wrong password") is None
    assert accounts.authenticate(session, "nobody", "long enough") is None


@pytest.mark.parametrize(
    ("username", "password", "role", "message"),
    [
        ("ada", "short", STUDENT, "at least 8 characters"),
        ("ada", "x" * 129, STUDENT, "at most 128 characters"),
        ("", "long enough", STUDENT, "A username is"),
        ("ada lovelace", "long enough", STUDENT, "A username is"),
        ("ada", "long enough", "admin", "Role must be one of"),
    ],
)
def test_bad_account_values_are_refused_clearly(
    session: so.Session, username: str, password: str, role: str, message: str
) -> None:
    with pytest.raises(InvalidInput, match=message):
        accounts.create_user(session, username=username, password=password, role=role)


def test_usernames_are_unique_whatever_the_case(session: so.Session) -> None:
    accounts.create_user(session, username="ada", password="long enough", role=STUDENT)
    with pytest.raises(Conflict, match="taken"):
        accounts.create_user(session, username="ADA", password="long enough", role=TEACHER)


def test_set_password_replaces_the_old_one(session: so.Session) -> None:
    user = accounts.create_user(session, username="bo", password="first password", role=STUDENT)
    accounts.set_password(session, user, "second password")
    assert accounts.authenticate(session, "bo", "first password") is None
    assert accounts.authenticate(session, "bo", "second password") == user


def test_joining_a_class_by_code_once(session: so.Session) -> None:
    teacher = accounts.create_user(session, username="t", password="long enough", role=TEACHER)
    student = accounts.create_user(session, username="s", password="long enough", role=STUDENT)
    with write_transaction(session):
        session.add(Classroom(name="7B", join_code="ABC234", teacher_id=teacher.id))
    classroom = accounts.join_classroom(session, student, " abc234 ")
    accounts.join_classroom(session, student, "ABC234")
    assert classroom.name == "7B"
    count = session.scalar(sa.select(sa.func.count(Enrollment.id)))
    assert count == 1
    with pytest.raises(NotFound, match="No class has the join code 'NOPE'"):
        accounts.join_classroom(session, student, "nope")
    with pytest.raises(InvalidInput, match="Only student accounts"):
        accounts.join_classroom(session, teacher, "ABC234")


def test_a_login_id_stops_naming_the_user_once_their_sessions_end(session: so.Session) -> None:
    user = accounts.create_user(session, username="ada", password="long enough", role=STUDENT)
    login_id = user.get_id()
    assert accounts.user_for_login_id(session, login_id) is user
    accounts.end_sessions(session, user)
    session.expire_all()
    assert accounts.user_for_login_id(session, login_id) is None
    assert accounts.user_for_login_id(session, user.get_id()) is user
    accounts.set_password(session, user, "another long one", temporary=True)
    session.expire_all()
    assert accounts.user_for_login_id(session, login_id) is None
    assert user.must_change_password


@pytest.mark.parametrize("login_id", ["", "7", "x:1", "1:x", "9" * 30 + ":0", "-1:0"])
def test_a_malformed_login_id_names_no_one(session: so.Session, login_id: str) -> None:
    assert accounts.user_for_login_id(session, login_id) is None


def test_new_passwords_use_argon2id_at_owasps_baseline(session: so.Session) -> None:
    accounts.use_hash_cost(accounts.OWASP_BASELINE)
    try:
        user = accounts.create_user(session, username="ada", password="long enough", role=STUDENT)
    finally:
        accounts.use_hash_cost(TEST_HASH_COST)
    assert user.password_hash.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    assert accounts.authenticate(session, "ada", "long enough") is user


def test_the_default_configuration_asks_for_owasps_baseline() -> None:
    assert Config().hash_cost() == (19 * 1024, 2)


@pytest.mark.parametrize(
    "old_hash",
    [
        generate_password_hash("long enough"),  # werkzeug's scrypt, as before argon2id
        PasswordHasher(time_cost=1, memory_cost=16, parallelism=1).hash("long enough"),
    ],
)
def test_an_old_hash_is_replaced_at_the_next_successful_login(
    session: so.Session, old_hash: str
) -> None:
    user = accounts.create_user(session, username="ada", password="long enough", role=STUDENT)
    with write_transaction(session):
        session.execute(sa.update(User).where(User.id == user.id).values(password_hash=old_hash))
    session.expire_all()
    assert accounts.log_in(session, "ada", "wrong password", address="192.0.2.1") is None
    session.expire_all()
    assert session.get(User, user.id).password_hash == old_hash  # type: ignore[union-attr]
    assert accounts.log_in(session, "ada", "long enough", address="192.0.2.1") is not None
    session.expire_all()
    new_hash = session.get(User, user.id).password_hash  # type: ignore[union-attr]
    assert new_hash != old_hash
    assert new_hash.startswith(f"$argon2id$v=19$m={TEST_HASH_COST.memory_kib},t=")
    assert accounts.authenticate(session, "ada", "long enough") is not None


def test_a_user_chooses_a_time_zone_of_their_own_or_goes_back_to_the_schools(
    session: so.Session,
) -> None:
    user = accounts.create_user(
        session, username="ms-lee", password="correct horse battery", role=TEACHER
    )
    assert user.time_zone is None
    assert "America/New_York" in accounts.time_zone_names()
    assert accounts.set_time_zone(session, user, " Asia/Tokyo ").time_zone == "Asia/Tokyo"
    for made_up in ("Mars/Olympus", "../etc/passwd", "asia/tokyo"):
        with pytest.raises(InvalidInput, match="no time zone name"):
            accounts.set_time_zone(session, user, made_up)
    session.rollback()
    stored = session.get(User, user.id)
    assert stored is not None and stored.time_zone == "Asia/Tokyo"
    assert accounts.set_time_zone(session, user, "").time_zone is None
