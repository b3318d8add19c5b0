"""Shared fixtures, stacked as in the Flask tutorial: database → session → app → client → login,
and ``run``, a CLI runner on the same database.

The database is SQLite in a temporary folder unless ``QUIZAPP_TEST_DATABASE_URL`` names another
one (CI points it at PostgreSQL). The schema is built once per run through the real migrations;
each test starts from empty tables.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import sqlalchemy as sa
import sqlalchemy.orm as so
from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient

from quizapp.config import PROJECT_ROOT, Config
from quizapp.db import models
from quizapp.db.base import Base
from quizapp.db.engine import make_engine, make_session_factory
from quizapp.db.schema import upgrade
from quizapp.services import accounts

if TYPE_CHECKING:
    from quizapp.services.drafting.runner import Runner

SAMPLE_BANK = PROJECT_ROOT / "question_banks" / "turkey-egypt-talks-2021.yaml"
TEST_PASSWORD = "correct horse battery"
TEST_HASH_COST = accounts.HashCost(memory_kib=8, iterations=1)


@pytest.fixture(autouse=True, scope="session")
def _cheap_password_hashes() -> Iterator[None]:
    """Accounts made by fixtures, before any app exists, are hashed cheaply too."""
    accounts.use_hash_cost(TEST_HASH_COST)
    yield
    accounts.use_hash_cost(accounts.OWASP_BASELINE)


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = os.environ.get("QUIZAPP_TEST_DATABASE_URL")
    if url:
        return url
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite'}"


@pytest.fixture(scope="session")
def _schema_engine(database_url: str) -> Iterator[sa.Engine]:
    engine = make_engine(database_url)
    if not database_url.startswith("sqlite"):
        # Start each run from nothing so an old schema can never hide a missing migration.
        with engine.begin() as conn:
            conn.exec_driver_sql("DROP SCHEMA public CASCADE")
            conn.exec_driver_sql("CREATE SCHEMA public")
    upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def engine(_schema_engine: sa.Engine) -> Iterator[sa.Engine]:
    """The test database with every table emptied before the test."""
    with _schema_engine.begin() as conn:
        for table in reversed(Base.metadata.sorted_tables):
            conn.execute(table.delete())
    yield _schema_engine


@pytest.fixture
def session(engine: sa.Engine) -> Iterator[so.Session]:
    factory = make_session_factory(engine)
    with factory() as session:
        yield session


@pytest.fixture
def config(database_url: str, tmp_path: Path) -> Config:
    return Config(
        instance_path=tmp_path / "instance",
        database_url=database_url,
        secret_key="test-secret",
        # Cheap hashes: tests create many accounts. tests/services/test_accounts.py checks the
        # real parameters.
        password_hash_memory_kib=TEST_HASH_COST.memory_kib,
        password_hash_iterations=TEST_HASH_COST.iterations,
    )


AppFactory = Callable[..., Flask]
TEST_OVERRIDES = {"TESTING": True, "WTF_CSRF_ENABLED": False}


@pytest.fixture
def make_app(config: Config, engine: sa.Engine) -> Iterator[AppFactory]:
    """Build apps (default: the test config, CSRF off); their connections close after the test.

    Pass ``{"TESTING": True}`` as overrides for an app that checks CSRF tokens as production does.
    """
    from quizapp.web.app import create_app
    from quizapp.web.db import dispose_engine

    apps: list[Flask] = []

    def make(app_config: Config | None = None, overrides: dict[str, object] | None = None) -> Flask:
        app = create_app(app_config or config, TEST_OVERRIDES if overrides is None else overrides)
        apps.append(app)
        return app

    yield make
    for app in apps:
        dispose_engine(app)


@pytest.fixture
def app(make_app: AppFactory) -> Flask:
    return make_app()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def run(database_url: str, tmp_path: Path, engine: sa.Engine) -> CliRunner:
    """A CLI runner whose commands use the test database and a temporary instance folder."""
    return CliRunner(
        env={
            "QUIZAPP_DATABASE_URL": database_url,
            "QUIZAPP_INSTANCE_PATH": str(tmp_path / "instance"),
            "QUIZAPP_BANKS_PATH": str(PROJECT_ROOT / "question_banks"),
        }
    )


@pytest.fixture
def make_user(session: so.Session) -> Callable[..., models.User]:
    """Create a user with the shared test password (teacher or student)."""
    from quizapp.services import accounts

    def make(
        username: str, role: str = models.STUDENT, display_name: str | None = None
    ) -> models.User:
        return accounts.create_user(
            session,
            username=username,
            password=TEST_PASSWORD,
            role=role,
            display_name=display_name or username.title(),
        )

    return make


@pytest.fixture
def login(client: FlaskClient) -> Callable[[str], None]:
    """Log ``client`` in as ``username`` through the real login form (CSRF off in tests)."""

    def do_login(username: str, password: str = TEST_PASSWORD) -> None:
        response = client.post("/login", data={"username": username, "password": password})
        assert response.status_code == 302, response.get_data(as_text=True)

    return do_login


@contextmanager
def drafting_runner(config: Config) -> Iterator[Runner]:
    """A real drafting runner (and its child process) on ``config``'s database, in a thread,
    until the block ends."""
    from quizapp.services.drafting.runner import Runner

    runner = Runner(config)
    thread = threading.Thread(target=runner.run, name="drafting-runner", daemon=True)
    thread.start()
    try:
        yield runner
    finally:
        runner.stop()
        thread.join(timeout=60)


def wait_for_job(session: so.Session, job_id: int, seconds: float = 300) -> models.DraftingJob:
    """The job once it has finished (a wait for the runner, not a measurement)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        session.rollback()  # read what the runner wrote since
        job = session.get(models.DraftingJob, job_id, populate_existing=True)
        if job is not None and job.state in (models.DONE, models.FAILED):
            return job
        time.sleep(0.2)
    raise AssertionError(f"drafting job {job_id} did not finish within {seconds} s")
