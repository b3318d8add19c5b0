"""The one configuration object of quizapp, read from defaults and ``QUIZAPP_*`` variables.

The web app, the CLI and the tests all build a :class:`Config`; nothing else reads the
environment. Every field can be overridden by an environment variable named ``QUIZAPP_`` plus the
field name in capitals (``QUIZAPP_DATABASE_URL``), or by keyword in code and tests.
"""

from __future__ import annotations

import dataclasses
import os
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any, get_type_hints
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

PROJECT_ROOT = Path(__file__).resolve().parent.parent
ENV_PREFIX = "QUIZAPP_"


SQLITE_SYNCHRONOUS = ("full", "normal")


@dataclasses.dataclass(frozen=True)
class Config:
    """Settings for one process; defaults suit a laptop running ``make run``."""

    instance_path: Path = PROJECT_ROOT / "instance"
    # Empty means "a SQLite file in the instance folder" (resolved in ``__post_init__``).
    database_url: str = ""
    banks_path: Path = PROJECT_ROOT / "question_banks"
    # Empty means "a random key kept in the instance folder", so restarts keep sessions valid.
    secret_key: str = ""
    max_upload_bytes: int = 5 * 1024 * 1024
    # Argon2id's cost for new password hashes; the default is OWASP's baseline. Tests lower it.
    password_hash_memory_kib: int = 19 * 1024
    password_hash_iterations: int = 2
    # Set to true behind HTTPS so the session cookie is never sent in clear.
    secure_cookies: bool = False
    # How long a login lasts; also the lifetime of CSRF tokens, which must outlive any quiz.
    session_hours: int = 12
    # SQLAlchemy pool per process; small so that several gunicorn workers fit PostgreSQL's limit.
    db_pool_size: int = 3
    db_max_overflow: int = 2
    # Seconds a deadline is stretched so a save sent just before time-out still lands.
    grace_seconds: int = 60
    # The school's time zone (an IANA name such as "Europe/London"): teachers enter and every
    # page shows dates in it; the database keeps UTC.
    time_zone: str = "UTC"
    # How many reverse proxies in front of quizapp append to X-Forwarded-For. 0 trusts none, so
    # a client cannot name its own address; behind one proxy, 1, so the login throttle counts
    # each client's own address rather than the proxy's.
    trusted_proxies: int = 0
    # SQLite only: "full" syncs every commit to disk, so an acknowledged answer survives a power
    # cut; "normal" (with WAL) syncs at checkpoints only, so an answer survives the server
    # process being killed (kill -9) but a power cut may lose the last few seconds of saves. A
    # sync takes about a millisecond, and saves take turns on SQLite's single write lock.
    sqlite_synchronous: str = "full"
    # Drafting questions runs outside the request workers, in a pool shared through the
    # database: at most this many drafts at once across every worker and instance (``quizapp
    # serve`` starts as many runners), each in a child process killed past its time (seconds)
    # or its memory (megabytes of address space).
    drafting_workers: int = 1
    drafting_seconds: int = 60
    drafting_memory_mb: int = 1500

    def __post_init__(self) -> None:
        if not self.database_url:
            url = f"sqlite:///{self.instance_path / 'quizapp.sqlite'}"
            object.__setattr__(self, "database_url", url)
        self.school_zone()  # an unknown zone stops the start, not the first page with a date
        if self.sqlite_synchronous not in SQLITE_SYNCHRONOUS:
            raise ValueError(
                f"{ENV_PREFIX}SQLITE_SYNCHRONOUS must be one of {', '.join(SQLITE_SYNCHRONOUS)},"
                f" not {self.sqlite_synchronous!r}"
            )
        if self.trusted_proxies < 0:
            raise ValueError(
                f"{ENV_PREFIX}TRUSTED_PROXIES must be 0 (no proxy) or the number of reverse "
                f"proxies in front of quizapp, not {self.trusted_proxies}"
            )
        for name in ("drafting_workers", "drafting_seconds", "drafting_memory_mb"):
            if getattr(self, name) < 1:
                raise ValueError(
                    f"{ENV_PREFIX}{name.upper()} must be a whole number of at least 1, "
                    f"not {getattr(self, name)}"
                )

    def school_zone(self) -> ZoneInfo:
        """The school's time zone; an unknown name is a :class:`ValueError` saying what to set."""
        try:
            return ZoneInfo(self.time_zone)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(
                f"{ENV_PREFIX}TIME_ZONE must be a time zone name such as Europe/London or "
                f"America/New_York, not {self.time_zone!r}"
            ) from None

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> Config:
        """Build the settings from ``QUIZAPP_*`` variables, then ``overrides`` on top."""
        environ = os.environ if environ is None else environ
        hints = get_type_hints(cls)
        values: dict[str, Any] = {}
        for field in dataclasses.fields(cls):
            raw = environ.get(ENV_PREFIX + field.name.upper())
            if raw is not None:
                values[field.name] = _parse(raw, hints[field.name], field.name)
        values.update(overrides)
        return cls(**values)

    def hash_cost(self) -> tuple[int, int]:
        """Argon2id's (memory in KiB, iterations) for new password hashes."""
        return self.password_hash_memory_kib, self.password_hash_iterations

    def ensure_instance_folder(self) -> None:
        """Create the instance folder (database, secret key) if it is missing."""
        self.instance_path.mkdir(parents=True, exist_ok=True)

    def resolved_secret_key(self) -> str:
        """The configured key, or one generated once and kept in the instance folder."""
        if self.secret_key:
            return self.secret_key
        self.ensure_instance_folder()
        key_file = self.instance_path / "secret_key"
        if not key_file.exists():
            key_file.write_text(secrets.token_hex(32), encoding="utf-8")
            key_file.chmod(0o600)
        return key_file.read_text(encoding="utf-8").strip()


def _parse(raw: str, kind: Any, name: str) -> Any:
    if kind is bool:
        lowered = raw.strip().lower()
        if lowered in {"1", "true", "yes", "on"}:
            return True
        if lowered in {"0", "false", "no", "off", ""}:
            return False
        raise ValueError(f"{ENV_PREFIX}{name.upper()} must be true or false, not {raw!r}")
    if kind is int:
        try:
            return int(raw)
        except ValueError:
            message = f"{ENV_PREFIX}{name.upper()} must be a whole number, not {raw!r}"
            raise ValueError(message) from None
    if kind is Path:
        return Path(raw).expanduser()
    return raw
