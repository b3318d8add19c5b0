"""Engines, sessions and write transactions that behave the same on SQLite and PostgreSQL.

SQLite gets WAL (readers never block the writer), a busy timeout, enforced foreign keys, and
``BEGIN IMMEDIATE`` for read-then-write units of work: a deferred transaction that later upgrades
to a write fails with "database is locked" under load however long it waits, while an immediate
one queues. PostgreSQL gets a small pool per process (several gunicorn workers must fit in its
100 connections) and pre-ping for connections dropped by the server.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import sqlalchemy as sa
import sqlalchemy.orm as so

_WRITE_OPTION = "quizapp_write"


def make_engine(url: str, *, pool_size: int = 3, max_overflow: int = 2) -> sa.Engine:
    """Create the engine for ``url`` with quizapp's per-backend settings."""
    if url.startswith("sqlite"):
        engine = sa.create_engine(url, connect_args={"timeout": 15})
        _configure_sqlite(engine)
        return engine
    return sa.create_engine(url, pool_size=pool_size, max_overflow=max_overflow, pool_pre_ping=True)


def _configure_sqlite(engine: sa.Engine) -> None:
    @sa.event.listens_for(engine, "connect")
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event issue BEGIN itself, so it can choose IMMEDIATE.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        if engine.url.database not in (None, "", ":memory:"):
            cursor.execute("PRAGMA journal_mode=WAL")
        # FULL: an acknowledged answer survives a power cut, not only a process crash.
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA busy_timeout=15000")
        cursor.close()

    @sa.event.listens_for(engine, "begin")
    def on_begin(connection: sa.Connection) -> None:
        immediate = connection.get_execution_options().get(_WRITE_OPTION, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def make_session_factory(engine: sa.Engine) -> so.sessionmaker[so.Session]:
    """Sessions that keep loaded objects usable after commit (views render them afterwards)."""
    return so.sessionmaker(bind=engine, expire_on_commit=False)


@contextmanager
def write_transaction(session: so.Session) -> Iterator[so.Session]:
    """Run one read-then-write unit of work atomically; commit on success, roll back on error.

    Any read transaction the session already has (loading the current user, say) is ended first,
    so that the write transaction takes SQLite's write lock from its first statement.
    PostgreSQL callers lock the rows they read with ``with_for_update()``.
    """
    if session.in_transaction():
        session.commit()
    with session.begin():
        session.connection(execution_options={_WRITE_OPTION: True})
        yield session
