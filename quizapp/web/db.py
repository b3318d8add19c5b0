"""One database session per request, kept in ``g`` and closed when the request ends."""

from __future__ import annotations

import sqlalchemy.orm as so
from flask import Flask, current_app, g

from quizapp.db.engine import make_engine, make_session_factory
from quizapp.db.schema import upgrade

_FACTORY_KEY = "quizapp.session_factory"
_ENGINE_KEY = "quizapp.engine"


def init_app(
    app: Flask,
    database_url: str,
    *,
    pool_size: int,
    max_overflow: int,
    sqlite_synchronous: str = "full",
) -> None:
    engine = make_engine(
        database_url,
        pool_size=pool_size,
        max_overflow=max_overflow,
        sqlite_synchronous=sqlite_synchronous,
    )
    if database_url.startswith("sqlite"):
        # A laptop or test run may start on an empty file; PostgreSQL is migrated by the operator
        # (``quizapp setup``) so that several workers never race to migrate it.
        upgrade(engine)
    app.extensions[_ENGINE_KEY] = engine
    app.extensions[_FACTORY_KEY] = make_session_factory(engine)
    app.teardown_appcontext(close_session)


def get_session() -> so.Session:
    """The request's session, created on first use."""
    if "db_session" not in g:
        g.db_session = current_app.extensions[_FACTORY_KEY]()
    session: so.Session = g.db_session
    return session


def open_session() -> so.Session:
    """A session of its own, not the request's: for a streamed response that outlives the
    request (the caller closes it, typically with ``with``)."""
    session: so.Session = current_app.extensions[_FACTORY_KEY]()
    return session


def close_session(_error: BaseException | None = None) -> None:
    session = g.pop("db_session", None)
    if session is not None:
        session.close()


def dispose_engine(app: Flask) -> None:
    """Close every pooled connection of ``app`` (for tests and orderly shutdowns)."""
    app.extensions[_ENGINE_KEY].dispose()
