"""Alembic's environment: runs the migrations on the connection that ``schema.upgrade`` passes.

Run from the command line it builds its own engine from ``QUIZAPP_DATABASE_URL`` (through the
same :class:`quizapp.config.Config` as the app), so ``alembic`` needs no separate settings.
"""

from __future__ import annotations

from alembic import context

from quizapp.db import models  # noqa: F401  (registers every table on Base.metadata)
from quizapp.db.base import Base

config = context.config
target_metadata = Base.metadata


def run_migrations() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        from quizapp.config import Config
        from quizapp.db.engine import make_engine

        engine = make_engine(Config.from_env().database_url)
        with engine.begin() as connection:
            _run(connection)
        engine.dispose()
    else:
        _run(connection)


def _run(connection: object) -> None:
    # Batch mode lets SQLite alter tables (it copies them); PostgreSQL alters in place.
    context.configure(
        connection=connection,  # type: ignore[arg-type]
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
