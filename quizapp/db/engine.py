"""Engines, sessions and write transactions that behave the same on SQLite and PostgreSQL.

SQLite gets WAL (readers never block the writer), a busy timeout, enforced foreign keys, and
``BEGIN IMMEDIATE`` for read-then-write units of work: a deferred transaction that later upgrades
to a write fails with "database is locked" under load however long it waits, while an immediate
one queues. Writers to a SQLite file also take turns on a lock file beside it before ``BEGIN
IMMEDIATE``: SQLite's own busy handler polls with sleeps that grow to 100 ms, so under load the
write lock sat idle between writers; a waiter on the lock file starts as soon as the previous
writer commits. PostgreSQL gets a small pool per process (several gunicorn workers must fit in
its 100 connections) and pre-ping for connections dropped by the server.
"""

from __future__ import annotations

import hashlib
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import sqlalchemy as sa
import sqlalchemy.orm as so

try:
    import fcntl
except ImportError:  # not POSIX: SQLite's busy timeout alone orders the writers
    fcntl = None  # type: ignore[assignment]

_WRITE_OPTION = "quizapp_write"
BUSY_TIMEOUT_SECONDS = 15.0


def make_engine(
    url: str, *, pool_size: int = 3, max_overflow: int = 2, sqlite_synchronous: str = "full"
) -> sa.Engine:
    """Create the engine for ``url`` with quizapp's per-backend settings.

    ``sqlite_synchronous`` is SQLite's ``synchronous`` pragma (``Config.sqlite_synchronous``):
    "full" makes every commit survive a power cut; "normal", with WAL, a killed process.
    """
    if url.startswith("sqlite"):
        if sqlite_synchronous not in ("full", "normal"):
            raise ValueError(f"SQLite's synchronous must be full or normal: {sqlite_synchronous!r}")
        engine = sa.create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_SECONDS})
        _configure_sqlite(engine, sqlite_synchronous.upper())
        return engine
    return sa.create_engine(url, pool_size=pool_size, max_overflow=max_overflow, pool_pre_ping=True)


def _configure_sqlite(engine: sa.Engine, synchronous: str) -> None:
    @sa.event.listens_for(engine, "connect")
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event issue BEGIN itself, so it can choose IMMEDIATE.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        if engine.url.database not in (None, "", ":memory:"):
            cursor.execute("PRAGMA journal_mode=WAL")
        # FULL (the default): an acknowledged answer survives a power cut, not only a crash.
        # NORMAL with WAL: it survives a killed process; the WAL is synced at checkpoints.
        cursor.execute(f"PRAGMA synchronous={synchronous}")
        cursor.execute("PRAGMA busy_timeout=15000")
        cursor.close()

    @sa.event.listens_for(engine, "begin")
    def on_begin(connection: sa.Connection) -> None:
        immediate = connection.get_execution_options().get(_WRITE_OPTION, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def make_session_factory(engine: sa.Engine) -> so.sessionmaker[so.Session]:
    """Sessions that keep loaded objects usable after commit (views render them afterwards)."""
    return so.sessionmaker(bind=engine, expire_on_commit=False)


class _WriterTurns:
    """Writers to one SQLite file take turns on an exclusive ``flock`` of a lock file beside it.

    Only an aid to scheduling: ``BEGIN IMMEDIATE`` still takes SQLite's write lock, so a writer
    that does not use this (another program, ``quizapp setup``) stays safe, and a turn not had
    within the busy timeout (or a lock file that cannot be made) falls back to SQLite alone.
    """

    def __init__(self, path: str) -> None:
        self.path = path
        self.thread_lock = threading.RLock()  # threads of one process share the descriptor
        self.depth = 0  # nested write transactions of one thread take one turn
        self.pid = -1
        self.descriptor = -1

    def _descriptor(self) -> int:
        # One per process: a descriptor inherited across fork would share its lock with siblings.
        if self.pid != os.getpid():
            self.descriptor = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
            self.pid = os.getpid()
        return self.descriptor

    def _wait_for_lock(self, deadline: float) -> bool:
        try:
            descriptor = self._descriptor()
        except OSError:
            return False
        pause = 0.0002
        while True:
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return True
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    return False
                time.sleep(pause)  # short pauses: the writer ahead holds the lock ~1 ms
                pause = min(pause * 2, 0.001)
            except OSError:
                return False

    @contextmanager
    def turn(self) -> Iterator[None]:
        deadline = time.monotonic() + BUSY_TIMEOUT_SECONDS
        if not self.thread_lock.acquire(timeout=BUSY_TIMEOUT_SECONDS):
            yield
            return
        try:
            locked = self.depth > 0 or self._wait_for_lock(deadline)
            self.depth += 1
            try:
                yield
            finally:
                self.depth -= 1
                if locked and self.depth == 0:
                    fcntl.flock(self.descriptor, fcntl.LOCK_UN)
        finally:
            self.thread_lock.release()


_TURNS: dict[str, _WriterTurns] = {}
_TURNS_LOCK = threading.Lock()


def _writer_turns(bind: sa.Engine | sa.Connection) -> _WriterTurns | None:
    """The turns of the SQLite file ``bind`` writes to; None for other databases."""
    url = bind.engine.url
    if fcntl is None or url.get_backend_name() != "sqlite":
        return None
    if url.database in (None, "", ":memory:") or url.database.startswith("file:"):
        return None
    path = os.path.abspath(url.database) + "-writers.lock"
    with _TURNS_LOCK:
        return _TURNS.setdefault(path, _WriterTurns(path))


@contextmanager
def write_transaction(session: so.Session) -> Iterator[so.Session]:
    """Run one read-then-write unit of work atomically; commit on success, roll back on error.

    Any read transaction the session already has (loading the current user, say) is ended first,
    so that the write transaction takes SQLite's write lock from its first statement.
    PostgreSQL callers lock the rows they read with ``with_for_update()``.
    """
    if session.in_transaction():
        session.commit()
    bind = session.get_bind()
    turns = _writer_turns(bind) if isinstance(bind, sa.Engine | sa.Connection) else None
    if turns is None:
        with session.begin():
            session.connection(execution_options={_WRITE_OPTION: True})
            yield session
        return
    with turns.turn(), session.begin():
        session.connection(execution_options={_WRITE_OPTION: True})
        yield session


def take_turn(session: so.Session, name: str) -> None:
    """Hold a lock named ``name`` until the session's write transaction ends.

    For a read-then-write that must see every other one's writes (count, then claim): SQLite's
    ``BEGIN IMMEDIATE`` already lets one writer in at a time, while PostgreSQL takes a
    transaction-scoped advisory lock keyed by the name.
    """
    if session.get_bind().dialect.name == "postgresql":
        key = int.from_bytes(
            hashlib.blake2b(name.encode(), digest_size=8).digest(), "big", signed=True
        )
        session.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})
