"""Engines and write transactions: UTC datetimes, and read-then-write work that never loses."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

import pytest
import sqlalchemy as sa
import sqlalchemy.orm as so

from quizapp.db.base import utcnow
from quizapp.db.engine import make_engine, make_session_factory, write_transaction
from quizapp.db.models import STUDENT, User
from quizapp.db.schema import upgrade


def test_datetimes_come_back_aware_in_utc(session: so.Session) -> None:
    with write_transaction(session):
        session.add(User(username="ada", display_name="Ada", password_hash="x", role=STUDENT))
    session.expunge_all()
    stored = session.scalars(sa.select(User)).one()
    assert stored.created_at.tzinfo is not None
    assert stored.created_at.utcoffset() == dt.timedelta(0)
    assert abs(utcnow() - stored.created_at) < dt.timedelta(minutes=1)


def test_naive_datetimes_are_refused(session: so.Session) -> None:
    with pytest.raises(sa.exc.StatementError, match="naive datetime"), write_transaction(session):
        session.add(
            User(
                username="bo",
                display_name="Bo",
                password_hash="x",
                role=STUDENT,
                created_at=dt.datetime(2020, 1, 1),
            )
        )


def test_a_failed_write_transaction_rolls_back(session: so.Session) -> None:
    with pytest.raises(RuntimeError), write_transaction(session):
        session.add(User(username="cy", display_name="Cy", password_hash="x", role=STUDENT))
        session.flush()
        raise RuntimeError("boom")
    assert session.scalar(sa.select(sa.func.count(User.id))) == 0


def test_write_transaction_ends_an_open_read_first(session: so.Session) -> None:
    session.scalar(sa.select(sa.func.count(User.id)))
    assert session.in_transaction()
    with write_transaction(session):
        session.add(User(username="di", display_name="Di", password_hash="x", role=STUDENT))
    assert session.scalar(sa.select(User.username)) == "di"


def test_concurrent_read_then_write_on_sqlite_never_fails(tmp_path: Path) -> None:
    """Eight threads increment one counter 25 times each through read-then-write transactions.

    With deferred transactions SQLite answers "database is locked" to some of them however long
    the busy timeout; BEGIN IMMEDIATE makes them queue, so every increment lands.
    """
    engine = make_engine(f"sqlite:///{tmp_path / 'race.sqlite'}")
    upgrade(engine)
    factory = make_session_factory(engine)
    with factory() as session, write_transaction(session):
        session.add(User(username="n0", display_name="0", password_hash="x", role=STUDENT))
    errors: list[BaseException] = []

    def bump() -> None:
        try:
            for _ in range(25):
                with factory() as session, write_transaction(session):
                    user = session.scalars(sa.select(User)).one()
                    user.display_name = str(int(user.display_name) + 1)
        except BaseException as error:  # collected and asserted below
            errors.append(error)

    threads = [threading.Thread(target=bump) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with factory() as session:
        assert session.scalars(sa.select(User.display_name)).one() == "200"
    engine.dispose()


@pytest.mark.parametrize(("setting", "pragma"), [("full", 2), ("normal", 1)])
def test_a_sqlite_file_runs_in_wal_with_the_configured_sync(
    tmp_path: Path, setting: str, pragma: int
) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'sync.sqlite'}", sqlite_synchronous=setting)
    try:
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar_one() == "wal"
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar_one() == pragma
    finally:
        engine.dispose()
    with pytest.raises(ValueError, match="full or normal"):
        make_engine(f"sqlite:///{tmp_path / 'off.sqlite'}", sqlite_synchronous="off")
