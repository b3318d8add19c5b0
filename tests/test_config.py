"""Configuration: defaults, QUIZAPP_* overrides, and clear errors for bad values."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizapp.config import Config


def test_default_database_is_sqlite_in_the_instance_folder(tmp_path: Path) -> None:
    config = Config.from_env({}, instance_path=tmp_path)
    assert config.database_url == f"sqlite:///{tmp_path / 'quizapp.sqlite'}"


def test_environment_overrides_each_field(tmp_path: Path) -> None:
    config = Config.from_env(
        {
            "QUIZAPP_DATABASE_URL": "postgresql+psycopg://db/quiz",
            "QUIZAPP_SECURE_COOKIES": "true",
            "QUIZAPP_MAX_UPLOAD_BYTES": "1024",
            "QUIZAPP_INSTANCE_PATH": str(tmp_path),
        }
    )
    assert config.database_url == "postgresql+psycopg://db/quiz"
    assert config.secure_cookies is True
    assert config.max_upload_bytes == 1024
    assert config.instance_path == tmp_path


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("QUIZAPP_SECURE_COOKIES", "maybe", "must be true or false"),
        ("QUIZAPP_MAX_UPLOAD_BYTES", "lots", "must be a whole number"),
        ("QUIZAPP_TRUSTED_PROXIES", "one", "must be a whole number"),
        ("QUIZAPP_TRUSTED_PROXIES", "-1", "must be 0 \\(no proxy\\) or the number of reverse"),
        ("QUIZAPP_DRAFTING_WORKERS", "0", "must be a whole number of at least 1, not 0"),
        ("QUIZAPP_DRAFTING_SECONDS", "-5", "must be a whole number of at least 1, not -5"),
        ("QUIZAPP_DRAFTING_MEMORY_MB", "lots", "must be a whole number"),
    ],
)
def test_bad_values_say_which_variable(name: str, value: str, message: str) -> None:
    with pytest.raises(ValueError, match=f"{name} {message}"):
        Config.from_env({name: value})


def test_generated_secret_key_is_kept_across_restarts(tmp_path: Path) -> None:
    first = Config(instance_path=tmp_path).resolved_secret_key()
    second = Config(instance_path=tmp_path).resolved_secret_key()
    assert first == second
    assert len(first) == 64
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_the_school_time_zone_comes_from_the_environment() -> None:
    zone = Config.from_env({"QUIZAPP_TIME_ZONE": "America/New_York"}).school_zone()
    assert zone.key == "America/New_York"
    assert Config().school_zone().key == "UTC"
    with pytest.raises(ValueError, match="QUIZAPP_TIME_ZONE must be a time zone name"):
        Config.from_env({"QUIZAPP_TIME_ZONE": "Mars/Olympus"})


def test_sqlite_syncs_every_commit_unless_told_a_killed_process_is_the_risk_to_cover() -> None:
    assert Config().sqlite_synchronous == "full"
    assert Config.from_env({"QUIZAPP_SQLITE_SYNCHRONOUS": "normal"}).sqlite_synchronous == "normal"
    with pytest.raises(ValueError, match="QUIZAPP_SQLITE_SYNCHRONOUS must be one of full, normal"):
        Config.from_env({"QUIZAPP_SQLITE_SYNCHRONOUS": "off"})
