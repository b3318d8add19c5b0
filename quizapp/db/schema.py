"""Creating and upgrading the database schema, always through the Alembic migrations.

The migrations live in ``quizapp/db/migrations``; :func:`upgrade` applies every pending one, so a
fresh database and an old one end at the same schema and upgrades never drop attempts.
"""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config as AlembicConfig

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# Lets a write transaction take SQLite's lock at BEGIN, so that two processes starting at once
# migrate one after the other instead of failing (see quizapp.db.engine).
_WRITE = {"quizapp_write": True}


def alembic_config() -> AlembicConfig:
    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def upgrade(engine: sa.Engine) -> None:
    """Bring the database at ``engine`` to the newest schema."""
    config = alembic_config()
    with engine.connect() as connection:
        connection = connection.execution_options(**_WRITE)
        with connection.begin():
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
