"""Use cases of quizapp: each function takes a SQLAlchemy ``Session`` and owns its transaction.

The web app and the CLI call these same functions, so both commit the same way and enforce the
same access rules. Nothing here imports Flask.
"""
