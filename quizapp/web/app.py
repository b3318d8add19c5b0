"""The application factory: configuration, database session, security, blueprints, errors.

``create_app`` only wires the parts together; each part exposes ``init_app(app)`` or ``bp``.
Templates and static files live at the top of the project (``templates/``, ``static/``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from quizapp.config import PROJECT_ROOT, Config
from quizapp.services import accounts
from quizapp.web import article_html, db, edge, errors, security

CONFIG_KEY = "quizapp.config"


def create_app(config: Config | None = None, overrides: Mapping[str, Any] | None = None) -> Flask:
    """Build the web app for ``config`` (default: from ``QUIZAPP_*`` variables)."""
    config = config or Config.from_env()
    config.ensure_instance_folder()
    app = Flask(
        "quizapp",
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder=str(PROJECT_ROOT / "static"),
        instance_path=str(config.instance_path),
    )
    lifetime = dt.timedelta(hours=config.session_hours)
    app.config.update(
        SECRET_KEY=config.resolved_secret_key(),
        MAX_CONTENT_LENGTH=config.max_upload_bytes,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=config.secure_cookies,
        REMEMBER_COOKIE_HTTPONLY=True,
        REMEMBER_COOKIE_SAMESITE="Lax",
        REMEMBER_COOKIE_SECURE=config.secure_cookies,
        PERMANENT_SESSION_LIFETIME=lifetime,
        # The token lives as long as the login session: a long quiz never fails on Submit.
        WTF_CSRF_TIME_LIMIT=None,
    )
    app.config.update(overrides or {})
    app.extensions[CONFIG_KEY] = config
    app.add_template_filter(lambda value: in_zone(value, viewer_zone()), "local_time")
    accounts.use_hash_cost(accounts.HashCost(*config.hash_cost()))

    db.init_app(
        app,
        config.database_url,
        pool_size=config.db_pool_size,
        max_overflow=config.db_max_overflow,
        sqlite_synchronous=config.sqlite_synchronous,
    )
    security.init_app(app)
    edge.init_app(app)
    errors.init_app(app)
    article_html.init_app(app)

    # Imported here because the blueprints read the app's configuration through this module.
    from quizapp.web import auth, drafts, home, student, teacher

    for blueprint in (home.bp, auth.bp, student.bp, teacher.bp, drafts.bp):
        app.register_blueprint(blueprint)
    if config.trusted_proxies:
        # Only the last N hops are believed: an X-Forwarded-For the client wrote itself is
        # ignored, so it cannot step around the login throttle with a made-up address.
        proxies = config.trusted_proxies
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)  # type: ignore[method-assign]
    return app


def app_config() -> Config:
    """The :class:`Config` of the running app."""
    from flask import current_app

    config: Config = current_app.extensions[CONFIG_KEY]
    return config


def viewer_zone() -> ZoneInfo:
    """The time zone this request's dates are shown and entered in: the logged-in user's own
    when they chose one, else the school's (``QUIZAPP_TIME_ZONE``)."""
    from flask_login import current_user

    own = getattr(current_user, "time_zone", None)
    if own:
        try:
            return ZoneInfo(own)
        except (ZoneInfoNotFoundError, ValueError):
            pass  # a zone this machine no longer knows: the school's will do
    return app_config().school_zone()


def in_zone(value: dt.datetime, zone: dt.tzinfo) -> dt.datetime:
    """``value`` in ``zone``; a naive value (SQLite returns them) is UTC."""
    aware = value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)
    return aware.astimezone(zone)
