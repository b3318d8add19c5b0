"""The article of a quiz page as escaped HTML, rendered once per bank version and kept.

Every attempt at one bank version shows the same article: its paragraphs of sentences, each a
``<span>`` named by its sentence id, whatever the attempt, the viewer or the feedback (the page's
script highlights evidence one question at a time, so the markup never marks it). Rendering it
was a sizeable share of a quiz page's cost, repeated on every request; this module renders it
once per process and version and hands out the same ``Markup`` after that.

The key is the version's content hash: a stored version is never changed (a teacher's edit makes
a new version), and its hash names its text exactly, so an entry can never go stale. A version's
database id would not do as well: two databases in one process (tests, a reset benchmark) reuse
ids for other banks. The cache is bounded (``RecentlyUsed``) and kept per app in
``app.extensions``. Nothing per attempt goes in: option names, order, answers and feedback are
rendered by the page around it on every request.
"""

from __future__ import annotations

from collections.abc import Sequence

from flask import Flask, current_app
from markupsafe import Markup

from quizapp.services.attempts import SentenceView
from quizapp.services.recently_used import RecentlyUsed

ARTICLE_TEMPLATE = "student/_article.html"
_EXTENSION_KEY = "quizapp.article_html"


def article_cache(app: Flask) -> RecentlyUsed[str, Markup]:
    """The app's rendered articles, by content hash (its misses are the renders)."""
    cache: RecentlyUsed[str, Markup] = app.extensions[_EXTENSION_KEY]
    return cache


def article_html(key: str | None, paragraphs: Sequence[Sequence[SentenceView]]) -> Markup:
    """For templates: the article of the bank version whose content hash is ``key``, rendered
    from ``paragraphs`` the first time only; with no key (a draft not stored yet), every time."""
    environment = current_app.jinja_env

    def render() -> Markup:
        return Markup(environment.get_template(ARTICLE_TEMPLATE).render(paragraphs=paragraphs))

    return render() if key is None else article_cache(current_app).get_or_build(key, render)


def init_app(app: Flask, size: int = 64) -> None:
    app.extensions[_EXTENSION_KEY] = RecentlyUsed[str, Markup](size)
    app.jinja_env.globals["article_html"] = article_html
