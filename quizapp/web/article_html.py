"""The article of a quiz page as escaped HTML, rendered once per bank version and kept.

Every attempt at one bank version shows the same article: its paragraphs of sentences, each a
``<span>`` named by its sentence id, whatever the attempt, the viewer or the feedback (the page's
script highlights evidence one question at a time, so the markup never marks it). Rendering it
was a sizeable share of a quiz page's cost, repeated on every request; this module renders it
once per process and version and hands out the same ``Markup`` after that.

The key is the version's content hash: a stored version is never changed (a teacher's edit makes
a new version), and its hash names its text exactly, so an entry can never go stale. A version's
database id would not do as well: two databases in one process (tests, a reset benchmark) reuse
ids for other banks. The cache is bounded (least recently used first out) and kept per app in
``app.extensions``. Nothing per attempt goes in: option names, order, answers and feedback are
rendered by the page around it on every request.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence

from flask import Flask, current_app
from markupsafe import Markup

from quizapp.services.attempts import SentenceView

ARTICLE_TEMPLATE = "student/_article.html"
_EXTENSION_KEY = "quizapp.article_html"


class ArticleHtmlCache:
    """Rendered articles by content hash, at most ``size`` of them, with counts of its use."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._html: OrderedDict[str, Markup] = OrderedDict()
        # The threaded development server and test threads share one app.
        self._lock = threading.Lock()
        self.hits = 0
        self.renders = 0

    def html(self, app: Flask, key: str, paragraphs: Sequence[Sequence[SentenceView]]) -> Markup:
        """The article of the version whose content hash is ``key``, rendered from
        ``paragraphs`` the first time only."""
        with self._lock:
            found = self._html.get(key)
            if found is not None:
                self._html.move_to_end(key)
                self.hits += 1
                return found
        # Rendered outside the lock: two threads may render one version once each, the same.
        rendered = Markup(
            app.jinja_env.get_template(ARTICLE_TEMPLATE).render(paragraphs=paragraphs)
        )
        with self._lock:
            self.renders += 1
            kept = self._html.setdefault(key, rendered)
            self._html.move_to_end(key)
            while len(self._html) > self.size:
                self._html.popitem(last=False)
        return kept

    def __len__(self) -> int:
        return len(self._html)


def article_cache(app: Flask) -> ArticleHtmlCache:
    """The app's cache of rendered articles."""
    cache: ArticleHtmlCache = app.extensions[_EXTENSION_KEY]
    return cache


def article_html(key: str, paragraphs: Sequence[Sequence[SentenceView]]) -> Markup:
    """For templates: the article of the bank version with content hash ``key``."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    return article_cache(app).html(app, key, paragraphs)


def init_app(app: Flask, size: int = 64) -> None:
    app.extensions[_EXTENSION_KEY] = ArticleHtmlCache(size)
    app.jinja_env.globals["article_html"] = article_html
