"""The WSGI entry point for gunicorn: ``gunicorn quizapp.web.wsgi:app``."""

from quizapp.web.app import create_app

app = create_app()
