"""The migrations build exactly the schema the models describe, and can be applied twice."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from quizapp.db.base import Base
from quizapp.db.engine import make_engine
from quizapp.db.schema import upgrade


def test_migrations_match_the_models(engine: sa.Engine) -> None:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
    assert differences == [], "models changed without a migration: " + repr(differences)


def test_upgrade_is_idempotent_and_records_the_head(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'twice.sqlite'}")
    upgrade(engine)
    upgrade(engine)
    with engine.connect() as connection:
        version = connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
        tables = set(sa.inspect(connection).get_table_names())
    assert version is not None
    assert {"user", "classroom", "attempt", "response", "bank_version"} <= tables
    engine.dispose()
