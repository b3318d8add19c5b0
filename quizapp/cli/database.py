"""The configuration a command runs with (a bad setting is a usage error naming the variable) and
a session on the configured database, migrated to the newest schema first.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import click
import sqlalchemy.orm as so

from quizapp.config import Config
from quizapp.db.engine import make_engine, make_session_factory
from quizapp.db.schema import upgrade


def load_config() -> Config:
    try:
        return Config.from_env()
    except ValueError as error:
        raise click.UsageError(str(error)) from error


@contextmanager
def database_session(config: Config | None = None) -> Iterator[so.Session]:
    """A session on the configured database, migrated to the newest schema first."""
    config = config or load_config()
    config.ensure_instance_folder()
    from quizapp.services import accounts  # imported late, as every command's services are

    accounts.use_hash_cost(accounts.HashCost(*config.hash_cost()))
    engine = make_engine(config.database_url, sqlite_synchronous=config.sqlite_synchronous)
    try:
        upgrade(engine)
        with make_session_factory(engine)() as session:
            yield session
    finally:
        engine.dispose()
