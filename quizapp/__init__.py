"""quizapp: reading-comprehension quizzes drafted from news articles and taken beside the text.

``flask --app quizapp`` finds :func:`create_app` here; it is imported lazily so that the domain,
the bank tools and the CLI can be used without loading the web stack.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from flask import Flask

__version__ = "0.1.0"


def create_app(*args: Any, **kwargs: Any) -> Flask:
    from quizapp.web.app import create_app as factory

    return factory(*args, **kwargs)
