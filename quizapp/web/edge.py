"""The edge of the web app: every text a request carries is checked and normalised here, once.

A hook run before every view cleans the query string, the form fields and uploaded file names
(:func:`quizapp.domain.text.clean_text`); the JSON provider cleans every string of a JSON body
as it is parsed and refuses bodies nested deeper than any real client sends. Refused text answers
400 with the reason, before any view or service sees it. Uploaded file contents are text only
once decoded, so ``quizapp.web.uploads`` checks them the same way. Route ids are bounded by what
the database can hold. Every rendered template is made printable as a whole (``printable``:
a lone surrogate becomes U+FFFD, a NUL goes), so whatever was stored before these checks
existed cannot take a page down.
"""

from __future__ import annotations

import json
from typing import Any

from flask import Flask, request
from flask.json.provider import DefaultJSONProvider
from jinja2 import Template
from werkzeug.datastructures import ImmutableMultiDict, MultiDict
from werkzeug.exceptions import BadRequest
from werkzeug.routing import IntegerConverter, Map

from quizapp.domain.text import RefusedText, clean_text, printable
from quizapp.errors import InvalidInput

# Answers are {"answers": {question: {field: value}}}: four levels; nothing real needs 32.
MAX_JSON_DEPTH = 32
MAX_DATABASE_ID = 2**31 - 1


class CheckedJSONProvider(DefaultJSONProvider):
    """Flask's JSON, parsing only bodies of clean text and bounded depth."""

    def loads(self, s: str | bytes, **kwargs: Any) -> Any:
        try:
            value = json.loads(s, **kwargs)
        except RecursionError:
            raise RefusedText("The JSON body is nested too deeply.") from None
        return clean_json(value)


def clean_json(value: Any) -> Any:
    """``value`` with every string (keys included) cleaned; :class:`RefusedText` if any is bad
    or the nesting exceeds :data:`MAX_JSON_DEPTH`. Iterative, so depth costs no stack."""
    root: list[Any] = [value]
    # (container, key or index, value, depth) still to clean; containers are rebuilt in place.
    pending: list[tuple[Any, Any, Any, int]] = [(root, 0, value, 1)]
    while pending:
        parent, slot, item, depth = pending.pop()
        if isinstance(item, str):
            parent[slot] = clean_text(item, where="A text in the JSON body")
        elif isinstance(item, dict | list):
            if depth > MAX_JSON_DEPTH:
                raise RefusedText(f"The JSON body is nested deeper than {MAX_JSON_DEPTH} levels.")
            if isinstance(item, dict):
                rebuilt: dict[str, Any] = {}
                for key, child in item.items():
                    clean_key = clean_text(key, where="A key in the JSON body")
                    rebuilt[clean_key] = child
                    pending.append((rebuilt, clean_key, child, depth + 1))
                parent[slot] = rebuilt
            else:
                items = list(item)
                pending.extend((items, index, child, depth + 1) for index, child in enumerate(item))
                parent[slot] = items
    return root[0]


def _clean_pairs(pairs: MultiDict[str, str], where: str) -> ImmutableMultiDict[str, str]:
    return ImmutableMultiDict(
        (clean_text(key, where=where), clean_text(value, where=where))
        for key, value in pairs.items(multi=True)
    )


def check_request_text() -> None:
    """Refuse (400) a request whose query, form, file names or JSON hold text that cannot be
    kept, and give the views the normalised values."""
    try:
        request.args = _clean_pairs(request.args, "A value in the address")
        if request.method in {"POST", "PUT", "PATCH"}:
            if request.is_json:
                _parse_json()
            else:
                request.form = _clean_pairs(request.form, "A form field")
                for upload in request.files.values():
                    if upload.filename:
                        upload.filename = clean_text(upload.filename, where="A file name")
    except RefusedText as error:
        raise InvalidInput(str(error)) from None


def _parse_json() -> None:
    """Parse the body once (views read the cached result) and explain a refusal."""
    try:
        request.get_json()
    except BadRequest as error:
        cause = error.__cause__ or error.__context__
        while cause is not None and not isinstance(cause, RefusedText):
            cause = cause.__cause__ or cause.__context__
        if cause is not None:
            raise InvalidInput(str(cause)) from None
        raise InvalidInput("The body is not valid JSON.") from None


class PrintableTemplate(Template):
    """A template whose output is always encodable, whatever text it was given.

    Cleaned once per page rather than per value (Jinja's ``finalize``): a quiz page writes over
    a thousand values, and a call for each cost more than one pass over the page. The two are
    the same: the templates' own text holds no surrogate and no NUL, and escaping leaves both
    alone, so cleaning the page cleans exactly the values in it.
    """

    def render(self, *args: Any, **kwargs: Any) -> str:
        return printable(super().render(*args, **kwargs))


class DatabaseIdConverter(IntegerConverter):
    """``<int:...>`` in every route, bounded by the id columns (32-bit on PostgreSQL): a larger
    number is no page (404) instead of an overflow in the database driver (500)."""

    def __init__(self, url_map: Map, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max", MAX_DATABASE_ID)
        super().__init__(url_map, *args, **kwargs)


def init_app(app: Flask) -> None:
    """Before any blueprint is registered, so that every route's ``int`` is bounded."""
    app.url_map.converters["int"] = DatabaseIdConverter
    app.json = CheckedJSONProvider(app)
    app.jinja_env.template_class = PrintableTemplate
    app.before_request(check_request_text)
