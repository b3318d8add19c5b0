"""Persistence: SQLAlchemy 2.0 models, engines and sessions, and the schema migrations.

Nothing here knows about Flask; services receive a ``Session`` built by
:func:`quizapp.db.engine.make_session_factory`.
"""
